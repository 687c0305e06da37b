#pragma once
// Writing `hotspot stats` results: one styled GeoPackage (Gi* and LISA layers, the
// incremental spatial autocorrelation curve, Lorenz and decile tables, a summary and the
// run report), written atomically.
#include "hotspot/run_report.hpp"
#include "hotspot/stats_workflow.hpp"

#include <string>

namespace hotspot {

void write_stats_geopackage(const StatsResult& r, const StatsConfig& c, const std::string& crs, const RunReport& report,
                            const std::string& path);

// The summary rows (statistic, measure, value), also printed by the command.
struct SummaryRow {
    std::string statistic, measure, value;
};
std::vector<SummaryRow> stats_summary(const StatsResult& r);

}  // namespace hotspot
