#pragma once
// Writing an intervention evaluation (hotspot evaluate-intervention): the zones table
// (treatment, buffer, control: counts and rates per month before and after), the statistics
// table (WDQ, WDD, rate ratio, each with its unit and reading), a Markdown report for a tasking
// meeting, and a GeoPackage with both tables (the zones drawn and styled) and the run report.
// Each is written at `path`, the temporary of an OutputSet's `target` (named in errors).
#include "hotspot/base/run_report.hpp"
#include "hotspot/workflow/intervention_workflow.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

// How the zones CSV and the report begin: the output set recognises its own files by it (--overwrite).
inline constexpr std::string_view intervention_csv_header_start = "zone,description,window_before,window_after,";
inline constexpr std::string_view intervention_report_start = "# Intervention evaluation";

void write_intervention_csv(const InterventionResult& r, const std::string& path, const std::string& target);
void write_intervention_report(const InterventionResult& r, const RunReport& report, const std::string& path, const std::string& target);
void write_intervention_geopackage(const InterventionResult& r, const std::string& crs, const RunReport& report, const std::string& path,
                                   const std::string& target);

// The run report's lines: zones, windows, counts, the accounting and the statistics.
void add_intervention_report(const InterventionResult& r, RunReport& report);

// "treatment 23760 (layer wards, field population: sum of 1 area); buffer not known (...); ...":
// the residents the rates per 1,000 divide by, or why there are none.
std::string intervention_residents(const InterventionResult& r);

// The findings in plain words (the console and the report): rate ratio, WDD, WDQ.
std::vector<std::string> intervention_findings(const InterventionResult& r);

}  // namespace hotspot
