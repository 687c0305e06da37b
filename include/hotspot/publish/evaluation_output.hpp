#pragma once
// Writing a back-test (hotspot evaluate): a GeoPackage (evaluation_summary, evaluation_origins,
// run_report), the same two tables as CSV in a folder, and an SVG chart of PAI by test month per
// share. Each file is written at the temporary of an OutputSet's target (named in errors).
#include "hotspot/base/run_report.hpp"
#include "hotspot/workflow/evaluate_workflow.hpp"

#include <string>
#include <string_view>

namespace hotspot {

class OutputSet;

// How the evaluation CSVs (both tables) and charts begin: the output set recognises them by it (--overwrite).
inline constexpr std::string_view evaluation_summary_header_start = "method,share_pct,";
inline constexpr std::string_view evaluation_chart_start = "<svg xmlns=\"http://www.w3.org/2000/svg\" data-hotspot=\"evaluation\"";

// The run report's lines: grid, cells, counts, methods, window, tie rule, RRI definition, verdicts.
void add_evaluation_report(const EvaluateResult& r, RunReport& report);

void write_evaluation_geopackage(const EvaluateResult& r, const std::string& crs, const RunReport& report, const std::string& path,
                                 const std::string& target);

// evaluation_summary.csv and evaluation_origins.csv in `dir`; evaluation_pai_<share>pct.svg in `chart_dir`.
void claim_evaluation_files(OutputSet& outputs, const EvaluateConfig& c, const std::string& csv_dir, const std::string& chart_dir);
void write_evaluation_files(const EvaluateResult& r, OutputSet& outputs, const std::string& csv_dir, const std::string& chart_dir);

// The chart of one share: PAI by test month, one line per method (our own SVG, no dependency).
std::string evaluation_chart_svg(const EvaluateResult& r, std::size_t share);

// "1" for 0.01, "2.5" for 0.025: a share in percent for names and labels.
std::string share_pct_label(double share);

}  // namespace hotspot
