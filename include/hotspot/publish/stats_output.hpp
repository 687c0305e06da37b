#pragma once
// Writing `hotspot stats` results: one styled GeoPackage (Gi* and LISA layers, the
// incremental spatial autocorrelation curve, Lorenz and decile tables, a summary and the
// run report), written at `path`, the temporary of an OutputSet's `target`.
#include "hotspot/base/run_report.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/workflow/stats_workflow.hpp"

#include <string>

namespace hotspot {

void write_stats_geopackage(const StatsResult& r, const StatsConfig& c, const std::string& crs, const RunReport& report,
                            const std::string& path, const std::string& target);

// Grid Gi* as Float32 COGs beside the GeoPackage: <stem>_gi_z.tif and <stem>_gi_bin.tif
// (FDR bins with --fdr or --auto), cells not taking part or without neighbours as nodata,
// each with its QGIS style, when c.gistar_rasters. Returns the paths written.
// claim_gistar_rasters claims them (and their styles) before the computation.
void claim_gistar_rasters(OutputSet& outputs, const StatsConfig& c, const std::string& gpkg_path);
std::vector<std::string> write_gistar_rasters(const StatsResult& r, const StatsConfig& c, const std::string& crs, OutputSet& outputs,
                                              const std::string& gpkg_path);

// The summary rows (statistic, measure, value), also printed by the command.
struct SummaryRow {
    std::string statistic, measure, value;
};
std::vector<SummaryRow> stats_summary(const StatsResult& r);

}  // namespace hotspot
