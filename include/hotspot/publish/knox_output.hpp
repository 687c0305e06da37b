#pragma once
// Writing a near-repeat (Knox) analysis (hotspot nearrepeat): the table knox_table, one row per
// distance band by time band, in a GeoPackage with the run report, and as CSV. Each is written
// at `path`, the temporary of an OutputSet's `target` (named in errors).
#include "hotspot/base/run_report.hpp"
#include "hotspot/workflow/nearrepeat_workflow.hpp"

#include <string>
#include <string_view>

namespace hotspot {

// How the Knox CSV begins: the output set recognises its own table by it (--overwrite).
inline constexpr std::string_view knox_csv_header_start = "space_band,space_band_nrc,time_band,";

void write_knox_geopackage(const NearRepeatResult& r, const std::string& crs, const RunReport& report, const std::string& path,
                           const std::string& target);
void write_knox_csv(const NearRepeatResult& r, const std::string& path, const std::string& target);

// The run report's lines: breaks, distance, simulations, seed, pairs.
void add_knox_report(const NearRepeatResult& r, RunReport& report);

// The cells with p < 0.05 and a Knox ratio above 1, in words, e.g. "pairs 1 m to under 100 m and
// 0 to under 7 days apart: 1.69x expected (44 observed, 26.0 expected, p = 0.001)".
std::vector<std::string> knox_findings(const NearRepeatResult& r);

}  // namespace hotspot
