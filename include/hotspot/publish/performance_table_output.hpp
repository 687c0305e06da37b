#pragma once
// Writing the partnership performance table: CSV (UTF-8, the columns in the order of the
// report's table, arrows for the direction) and a non-spatial GeoPackage table
// "performance_table" (direction as plain text, each count with its period and months with
// data), plus its parameters in the run report.
#include "hotspot/base/run_report.hpp"
#include "hotspot/measure/performance_table.hpp"

#include <string>
#include <vector>

namespace hotspot {

// The CSV header, then one line per row.
std::vector<std::string> performance_table_header(const PerformanceTable& table);
std::string performance_table_csv(const PerformanceTable& table);
// Written at `path`, the temporary of an OutputSet's `target` (named in errors).
void write_performance_table_csv(const PerformanceTable& table, const std::string& path, const std::string& target);

// Adds the table to an existing GeoPackage at `path` (the temporary of `target`).
void append_performance_table(const PerformanceTable& table, const std::string& path, const std::string& target);

// The periods, the quarter rule, the direction band, ranking bases and notes (as warnings).
void report_performance_table(const PerformanceTable& table, RunReport& report);

}  // namespace hotspot
