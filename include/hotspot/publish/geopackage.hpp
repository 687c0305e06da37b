#pragma once
// Writing a run's results: one GeoPackage (incidents, one layer per area layer with its
// measures, the per-period table, rejects, duplicate IDs, area problems, run report and
// the QGIS layer_styles), plus optional vector tiles. Outputs are written to a temporary
// name beside the target and renamed into place, so a killed run never leaves a
// half-written file where a good one was.
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <string>
#include <vector>

namespace hotspot {

// Writes everything the configuration asks for; adds timings and output paths to the
// report before it is stored in the GeoPackage.
void write_outputs(AnalysisResult& result, const AnalysisConfig& config, const ProgressFn& progress);

// Vector tiles of the named layers of a GeoPackage with GDAL's MVT driver.
enum class TileFormat { mbtiles, directory };
void write_vector_tiles(const std::string& gpkg, const std::vector<std::string>& layers, const std::string& target,
                        TileFormat format, int min_zoom, int max_zoom);

// Renames tmp over target, replacing a file or a folder; the old one is removed only after.
void replace_atomically(const std::string& tmp, const std::string& target);

// ".<stem>.tmp-<pid><ext>" beside the target.
std::string temporary_name(const std::string& target);

}  // namespace hotspot
