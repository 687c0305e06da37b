#pragma once
// Writes a priority analysis: GeoPackage layers (priority_index with the index choropleth,
// priority_top outlined, over_representation flags, priority_zones and priority_grid, one
// layer per hierarchy level) with their QGIS styles, CSV tables in a folder, and the run
// report's tables. Every field names its period, unit and denominator.
#include "hotspot/base/run_report.hpp"
#include "hotspot/workflow/priority_workflow.hpp"

#include <string>

namespace hotspot {

// Adds the analysis's choices and figures to the run report (before it is written).
void report_priority(const PriorityResult& result, RunReport& report);

// Appends the priority layers and their styles to a GeoPackage being written (its temporary
// path); `final_path` names it in messages.
void append_priority_layers(const PriorityResult& result, const std::string& gpkg_temporary, const std::string& final_path);

// The CSV tables, each written to the temporary path the caller claimed for it:
// priority_areas.csv, priority_top.csv, indicators_long.csv, over_representation.csv,
// deprivation_profile.csv, missing_values.csv, hierarchy_rollup.csv, dashboard.csv, zone_area_shares.csv.
std::vector<std::string> priority_csv_names(const PriorityResult& result);
void write_priority_csv(const PriorityResult& result, const std::string& name, const std::string& temporary_path);

}  // namespace hotspot
