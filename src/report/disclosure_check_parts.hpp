// The parts of check-disclosure beyond OGR's formats (private to report/): each adds what it
// finds to the same DisclosureCheck, so check_disclosure only dispatches on the output's kind.
#pragma once

#include "hotspot/report/disclosure_check.hpp"

#include <ogrsf_frmts.h>

#include <string>
#include <vector>

namespace hotspot {

// The per-layer rules of disclosure_check.cpp (point layer, record-level fields, small counts,
// and with `audit` the LP audit of rows against their published totals) on any OGR layer.
void check_disclosure_layer(OGRLayer& layer, const DisclosureRule& rule, bool audit, DisclosureCheck& out);

// A legend's class bounds (disclosure_check_legends.cpp): each must be 0 or one of `values`, the
// values of `field` the output publishes, and not a small count.
void check_legend_bounds(const std::string& layer, const std::string& field, const std::vector<double>& bounds,
                         const std::vector<double>& values, const DisclosureRule& rule, DisclosureCheck& out);
// The default QGIS styles of a GeoPackage's layers (layer_styles), by check_legend_bounds.
void check_gpkg_legends(GDALDataset& ds, const DisclosureRule& rule, DisclosureCheck& out);

// Every tile of a PMTiles archive of vector tiles (disclosure_check_pmtiles.cpp).
void check_pmtiles(const std::string& path, const DisclosureRule& rule, DisclosureCheck& out);

// A folder written by `hotspot dashboard`: its data.json and tiles.pmtiles (disclosure_check_dashboard.cpp).
bool is_dashboard_folder(const std::string& path);
void check_dashboard_folder(const std::string& dir, const DisclosureRule& rule, DisclosureCheck& out);

// A tasking pack (hotspot report's HTML; disclosure_check_html.cpp): the pack marks every count it
// shows (<span class="c">, data-now, data-before, data-total, data-count), so a breach is found by
// reading the markup, not by trusting the pack's own disclosure section.
void check_pack_html(const std::string& path, const DisclosureRule& rule, DisclosureCheck& out);

}  // namespace hotspot
