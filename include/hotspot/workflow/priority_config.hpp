#pragma once
// The [priority] analysis and its [indicator.NAME], [hierarchy.NAME] and [lookup.NAME]
// sections (and the same from the command line): which layer, which indicators, how they are
// combined, smoothed, set against deprivation and rolled up.
#include "hotspot/base/ini.hpp"
#include "hotspot/decide/composite_index.hpp"
#include "hotspot/decide/indicator.hpp"
#include "hotspot/decide/poisson_interval.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct HierarchyStep {
    std::string parent_level;   // the name of the level above
    std::string lookup;         // a CSV path ... or empty for best fit
    std::string child_column, parent_column, parent_name_column;
    std::string parent_layer;   // best fit: an [area.NAME] layer
};

struct PriorityConfig {
    bool enabled = false;                     // a [priority] section or the priority command
    std::string layer;                        // the area layer indexed (default: the first)
    std::string where;                        // optional OGR-style filter already applied to the layer
    std::vector<IndicatorSpec> indicators;    // in the order listed by `indicators =`
    CompositeSpec composite;                  // preset + per-indicator overrides
    double level = 0.95;
    IntervalMethod interval = IntervalMethod::phe;
    bool eb_global = true, eb_local = true;
    std::string neighbours = "queen";         // for EBlocal
    // deprivation: attribute tables joined to the layer
    std::string imd_score;                    // "TABLE.FIELD"
    std::string imd_decile;                   // "TABLE.FIELD"
    std::vector<std::string> imd_domains;     // "TABLE.FIELD" each (e.g. IoD2019 domain ranks)
    // hierarchy: levels above the layer, in order
    std::vector<HierarchyStep> hierarchy;
    std::string dashboard_month;              // "2025-09"; default the latest month with data
    // grid variant
    double grid_cell_m = 0;                   // 0: off
    double grid_band_m = 750;
    int grid_min_bin = 2;
    std::vector<std::string> zone_overlay;    // area layers the zones are shared among
};

}  // namespace hotspot
