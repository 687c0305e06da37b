#pragma once
// Writing an Emerging Hot Spot Analysis (hotspot emerging): a GeoPackage with the cells and their
// pattern (emerging_hot_spots, styled by pattern), the cube's bins (emerging_cube: count, Gi* z,
// p and FDR bin per cell and step, for charts), the pattern counts (emerging_summary) and the
// run report; the same tables as CSV in a folder. Written at OutputSet temporaries.
#include "hotspot/base/run_report.hpp"
#include "hotspot/workflow/emerging_workflow.hpp"

#include <string>
#include <string_view>

namespace hotspot {

class OutputSet;

// How the emerging CSVs begin: the output set recognises them by it (--overwrite).
inline constexpr std::string_view emerging_csv_header_start = "cell_id,pattern,category,";
inline constexpr std::string_view emerging_cube_header_start = "cell_id,step,";
inline constexpr std::string_view emerging_area_csv_header_start = "area_id,area_name,pattern,category,";
inline constexpr std::string_view emerging_area_cube_header_start = "area_id,area_name,step,";
inline constexpr std::string_view emerging_summary_header_start = "category,pattern,locations,";

void add_emerging_report(const EmergingRun& r, RunReport& report);
void write_emerging_geopackage(const EmergingRun& r, const std::string& crs, const RunReport& report, const std::string& path,
                               const std::string& target);
// emerging_locations.csv, emerging_cube.csv, emerging_summary.csv and run_report.csv in `dir`.
void claim_emerging_files(OutputSet& outputs, const std::string& dir);
void write_emerging_files(const EmergingRun& r, const RunReport& report, OutputSet& outputs, const std::string& dir);

// The pattern styles: ArcGIS Pro's PATTERN text per CATEGORY code, and the fill colour.
std::string emerging_qml();

// "rising" / "falling" / "no significant trend".
const char* trend_words(TrendDirection d);

}  // namespace hotspot
