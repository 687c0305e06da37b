#pragma once
// The [priority] analysis and its [indicator.NAME], [hierarchy.NAME] and [lookup.NAME]
// sections (and the same from the command line): which layer, which indicators, how they are
// combined, smoothed, set against deprivation and rolled up.
#include "hotspot/base/ini.hpp"
#include "hotspot/decide/composite_index.hpp"
#include "hotspot/decide/indicator.hpp"
#include "hotspot/decide/poisson_interval.hpp"
#include "hotspot/read/attribute_table.hpp"

#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace hotspot {

struct HierarchyStep {
    std::string name;           // [hierarchy.NAME]: the level's name (= parent_level)
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
    // As written in [priority] (composite overrides applied on top of the preset by composite_spec_for).
    std::vector<std::string> indicator_order;  // `indicators =`; empty: every [indicator.NAME] in file order
    std::optional<Scaling> scaling;
    std::optional<Combine> combine;
    std::optional<MissingPolicy> missing;
    std::optional<OutlierMode> outliers;
    std::optional<std::size_t> top;
    std::vector<std::pair<std::string, double>> weights;                        // "a:2;b:0.5"
    std::vector<std::pair<std::string, bool>> reverse;                          // "imd:false"
    std::vector<std::pair<std::string, std::pair<double, double>>> ranges;      // "a:0,50"
    std::vector<std::string> hierarchy_order;  // `hierarchy = wards;locality`: [hierarchy.NAME] sections upwards
    std::string imd_deciles_from;              // "score": national deciles from the whole imd_score table (decile 1 = highest 10 %)
};

// One setting of [priority], [indicator.NAME] or [hierarchy.NAME] (section = "priority",
// "indicator" or "hierarchy"; name empty for [priority]). ConfigError for an unknown key,
// naming the closest keys.
void apply_priority_setting(PriorityConfig& p, const std::string& section, const std::string& name, const std::string& field,
                            const std::string& key, const std::string& value, const std::string& base_dir);
// Registers an empty [indicator.NAME] / [hierarchy.NAME] so a section without keys is refused by name.
void add_priority_section(PriorityConfig& p, const std::string& section, const std::string& name);

// --indicator "NAME=key:value,key:value" (the keys of [indicator.NAME]; ';' separates list items).
IndicatorSpec parse_indicator_argument(const std::string& text);

// The indicators in `indicators =` order (every defined one when the list is empty); ConfigError
// for a listed name without a section (closest names), a ratio naming an unknown indicator, an
// indicator without the keys of its kind, an attributes table or layer that does not exist.
void validate_priority(const PriorityConfig& p, const std::vector<std::string>& layers,
                       const std::vector<AttributeTableSpec>& attributes, bool has_inputs);
std::vector<IndicatorSpec> ordered_indicators(const PriorityConfig& p);

// The preset (default meanScaled) for the indicators, with the overrides
// of [priority] and each indicator's higher_is_worse applied; ConfigError for an override naming
// no indicator, and geomean with z-scores (refused by the composite index too, but before any work).
CompositeSpec composite_spec_for(const PriorityConfig& p);

// The attribute tables with the columns the indicators and IMD settings name added (as real)
// to their fields: a table used only by indicators needs no `fields`, and the indexed layer's
// outputs carry the columns its index was built from.
std::vector<AttributeTableSpec> with_indicator_fields(const std::vector<AttributeTableSpec>& tables, const PriorityConfig& p);

// [priority], [indicator.NAME] and [hierarchy.NAME] as INI (absolute paths), for the run report.
std::string priority_ini(const PriorityConfig& p);

}  // namespace hotspot
