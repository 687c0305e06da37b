// hotspot check-disclosure: an output verified against the disclosure rule, whoever wrote it.
#pragma once

#include "hotspot/report/disclosure.hpp"

#include <string>
#include <vector>

namespace hotspot {

struct DisclosureBreach {
    std::string layer;
    std::int64_t feature = -1;  // -1: the layer or file as a whole, or a feature without a fid (see `where`)
    std::string field;
    std::string value;
    std::string reason;
    std::string where = {};  // the feature by name where a fid says little: tiles' area_id, data.json's area
};

struct DisclosureCheck {
    bool checked = true;             // false: (part of) the output could not be read, so it was not verified
    std::vector<DisclosureBreach> breaches;
    std::vector<std::string> notes;  // what was checked, or why something was not
    std::int64_t features = 0;
};

// GeoPackage (every layer and table), CSV, MBTiles and other OGR vector files: point layers,
// count-like fields (count, n_*, *_count, count_*, *incidents*) with a value 1..min_count-1,
// suppressed cells that a published row total narrows to fewer than min_count values, some of them
// small (the LP audit on area layers and periods tables), a GeoPackage without the disclosure table. GeoTIFF: the masking metadata.
// PMTiles: every tile's features by the same layer rules. A dashboard folder: its data.json and tiles.pmtiles.
DisclosureCheck check_disclosure(const std::string& path, const DisclosureRule& rule);

}  // namespace hotspot
