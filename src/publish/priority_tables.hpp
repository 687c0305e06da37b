#pragma once
// The tables of a priority analysis, each defined once (publish/priority_table) and written as
// GeoPackage layers and CSV files by publish/priority_output.
#include "hotspot/workflow/priority_workflow.hpp"
#include "publish/priority_table.hpp"

namespace hotspot::detail {

// Every area of the indexed layer (priority_index / priority_areas.csv).
PriorityTable priority_areas_table(const PriorityResult& r);
// The top N in rank order, with why (priority_top).
PriorityTable priority_top_table(const PriorityResult& r);
// Per count indicator: observed, expected, SIR and interval, p, flag, rates (over_representation).
PriorityTable over_representation_table(const PriorityResult& r);
// One row per area, indicator and period (the window, then each financial year when asked).
PriorityTable indicators_long_table(const PriorityResult& r);
// Each area left without a value, out of the index, imputed or not smoothed, and why.
PriorityTable missing_values_table(const PriorityResult& r);
std::size_t missing_value_rows(const PriorityResult& r);

// Grid variant: cells, zones and the zones' shares of each overlay area.
PriorityTable priority_grid_table(const PriorityResult& r);
PriorityTable priority_zones_table(const PriorityResult& r);
PriorityTable zone_area_shares_table(const PriorityResult& r);
// Hierarchy: every level and indicator in one table (hierarchy_rollup.csv), or one level of one
// indicator (rollup_<level>_<indicator>: one map per indicator, never two indicators under one legend).
PriorityTable hierarchy_rollup_table(const PriorityResult& r);
PriorityTable rollup_level_table(const PriorityResult& r, std::size_t level, const std::string& indicator);
// The indicators of the roll-up rows, in order of first appearance.
std::vector<std::string> rollup_indicators(const PriorityResult& r);
PriorityTable dashboard_table(const PriorityResult& r);
PriorityTable deprivation_profile_table(const PriorityResult& r);

// The indicator a roll-up counts: the first count (or count column) indicator; nullptr when none.
const IndicatorValues* rollup_indicator(const PriorityResult& r);
// The area's parent at `level` (>= 1) of the hierarchy, as an index into that level.
std::optional<std::size_t> ancestor(const Hierarchy& h, std::size_t area, std::size_t level);
// Per area of the layer, the position of its value in an EB result (skipped areas have none).
std::vector<std::optional<std::size_t>> eb_positions(const PriorityResult& r, const IndicatorRisk& risk, std::size_t eb_size);

}  // namespace hotspot::detail
