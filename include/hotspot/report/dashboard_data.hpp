#pragma once
// What the ward dashboard shows, read from the GeoPackage of `hotspot run` only (so a dashboard
// can be rebuilt from the outputs): per area layer the measures with their legend classes and
// per area the numbers of its panel, each labelled with its period and unit.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hotspot {

// One legend class: values v with lower < v <= upper (lower <= v for the first), as in QGIS.
struct LegendClass {
    double lower = 0, upper = 0;
    std::string label;  // "21.4 - 24.8"
    std::string color;  // "#rrggbb"
    double opacity = 1;
};

// A measure the map can colour areas by.
struct DashboardMeasure {
    std::string field;  // the layer's field: count, rate_per_1000, change_pct
    std::string title;  // legend title naming the period and unit
    std::vector<LegendClass> classes;
    bool qgis_default = false;  // the measure of the layer's QGIS style (classes read from its QML)
};

struct DashboardArea {
    std::string id, name;
    std::optional<double> population;
    std::optional<std::int64_t> count;  // headline period; none when a public run suppressed it (never read as 0)
    std::optional<double> rate_per_1000, change_pct;
    std::optional<std::int64_t> base_count, current_count;
    std::optional<int> rank;  // by count, 1 = most
    std::vector<std::pair<std::string, std::int64_t>> monthly;         // every month, category All
    std::vector<std::pair<std::string, std::int64_t>> top_categories;  // headline period, largest first
};

struct DashboardLayer {
    std::string name;             // the GeoPackage layer, also the tile layer
    std::string headline_period;  // "2024/25"
    std::string headline_label;   // "2024/25 (Apr 2024-Mar 2025, 12 months)"
    std::string base_period, current_period;
    std::string count_title, rate_title, change_title, rank_title, population_title;
    double west = 0, south = 0, east = 0, north = 0;  // degrees, for fitting the map only
    std::vector<DashboardMeasure> measures;
    std::vector<DashboardArea> areas;
};

// Reads the named area layers, their <layer>_periods tables and QGIS styles from a run's
// GeoPackage; throws InputError naming the file and what is missing.
std::vector<DashboardLayer> read_dashboard_layers(const std::string& gpkg, const std::vector<std::string>& layers);

// The hook for `--audience public` (disclosure control): called with each area layer's table
// before anything of it is written, it may suppress or round the numbers in place.
using AreaTableHook = std::function<void(DashboardLayer&)>;

// data.json: the layers, measures, legends and every area's panel numbers.
std::string dashboard_data_json(const std::vector<DashboardLayer>& layers, const std::string& title, const std::string& run_id,
                                int suppressed_below = 0);

}  // namespace hotspot
