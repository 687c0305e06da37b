#pragma once
// The run report as a CSV (section,key,value), for commands that write their tables to a folder
// (--csv-dir): the folder then says what was run, on which inputs, and what was refused or warned.
#include "hotspot/base/run_report.hpp"

#include <string>
#include <string_view>

namespace hotspot {

// How run_report.csv begins: the output set recognises it by this (--overwrite).
inline constexpr std::string_view run_report_csv_header_start = "section,key,value";

std::string run_report_csv(const RunReport& report);

}  // namespace hotspot
