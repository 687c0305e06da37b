#pragma once
// `hotspot dashboard`: a static web folder (index.html, dashboard.js/.css, MapLibre GL JS and
// pmtiles.js vendored with their licences, tiles.pmtiles, style.json, data.json) showing the
// area layers of a run's GeoPackage, served from localhost (see docs/decisions.md).
#include "hotspot/report/dashboard_data.hpp"

#include <string>
#include <vector>

namespace hotspot {

struct DashboardOptions {
    std::string gpkg;
    std::vector<std::string> layers;  // wards, neighbourhoods
    std::string title = "Community safety dashboard";
    int min_zoom = 8, max_zoom = 12;  // past 12 MapLibre overzooms: boundaries stay sharp, the build stays quick
    AreaTableHook before_write;  // --audience public hooks in here
    int suppressed_below = 0;    // public: the run's disclosure threshold; empty counts read "suppressed"
};

// Writes the folder at `dir` (the temporary of `target` in an OutputSet).
void write_dashboard(const DashboardOptions& options, const std::string& dir, const std::string& target, const std::string& run_id);

// The image dashboard.js adds to the map: hatching for areas without a value ("no value",
// "suppressed"), so no class colour, however pale, can be taken for one.
inline constexpr const char* no_value_pattern = "hotspot-no-value";

// The MapLibre style: the PMTiles source, a background, and per layer and measure one fill
// layer per legend class (filter + constant colour, as QGIS imports), one hatched fill layer
// (no_value_pattern) for the areas without a value, and an outline; only the first layer's
// QGIS measure is visible.
std::string dashboard_style_json(const std::vector<DashboardLayer>& layers, const std::string& tiles_url);

}  // namespace hotspot
