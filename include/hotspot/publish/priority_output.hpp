#pragma once
// Writes a priority analysis: GeoPackage layers (priority_index with the index choropleth,
// priority_top outlined, over_representation flags, priority_zones and priority_grid, one
// layer per hierarchy level) with their QGIS styles, CSV tables in a folder, and the run
// report's tables. Every field names its period, unit and denominator.
#include "hotspot/base/run_report.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/workflow/priority_workflow.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace hotspot {

// Areas sharing a rank across the top-N cut (some in the top N, some outside it): the order
// among them is by area code, so which are "in" is arbitrary and must be said.
struct TopCutTie {
    std::uint32_t rank = 0;
    std::size_t areas = 0;   // areas with that rank, in and out of the top N
    std::size_t inside = 0;  // of them in the top N
};
std::optional<TopCutTie> top_cut_tie(const CompositeResult& c);

// Adds the analysis's choices and figures to the run report (before it is written).
void report_priority(const PriorityResult& result, RunReport& report);

// Appends the priority layers and their styles to a GeoPackage being written (its temporary
// path); `final_path` names it in messages.
void append_priority_layers(const PriorityResult& result, const std::string& gpkg_temporary, const std::string& final_path);

// The CSV tables, all nine every time (header-only where the result has no rows), each written
// to the temporary path the caller claimed for it:
// priority_areas.csv, priority_top.csv, indicators_long.csv, over_representation.csv,
// deprivation_profile.csv, missing_values.csv, hierarchy_rollup.csv, dashboard.csv, zone_area_shares.csv.
std::vector<std::string> priority_csv_names(const PriorityResult& result);
void write_priority_csv(const PriorityResult& result, const std::string& name, const std::string& temporary_path);

// The CSV tables in a folder, as `hotspot priority --csv-dir` and `hotspot run` (output.priority_csv_dir)
// write them: every table claimed before the work (nothing when `dir` is empty), then written and
// recorded in the run report.
void claim_priority_csvs(OutputSet& outputs, const std::string& dir);
void write_priority_csvs(PriorityResult& result, const std::string& dir, OutputSet& outputs);

}  // namespace hotspot
