// hotspot check-disclosure: an output verified against the disclosure rule, whoever wrote it.
#pragma once

#include "hotspot/report/disclosure.hpp"

#include <string>
#include <vector>

namespace hotspot {

struct DisclosureBreach {
    std::string layer;
    std::int64_t feature = -1;  // -1: the layer or file as a whole
    std::string field;
    std::string value;
    std::string reason;
};

struct DisclosureCheck {
    bool checked = true;             // false: a format this build cannot read (PMTiles); nothing was verified
    std::vector<DisclosureBreach> breaches;
    std::vector<std::string> notes;  // what was checked, or why something was not
    std::int64_t features = 0;
};

// GeoPackage (every layer and table), CSV, MBTiles and other OGR vector files: point layers,
// count-like fields (count, n_*, *_count, count_*, *incidents*) with a value 1..min_count-1,
// suppressed cells that a published row total narrows to fewer than min_count values, some of them
// small (the LP audit on area layers and periods tables), a GeoPackage without the disclosure table. GeoTIFF: the masking metadata.
DisclosureCheck check_disclosure(const std::string& path, const DisclosureRule& rule);

}  // namespace hotspot
