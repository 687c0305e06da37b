#pragma once
// Writing a run's results: one GeoPackage (incidents, one layer per area layer with its
// measures, the per-period table, rejects, duplicate IDs, area problems, run report and
// the QGIS layer_styles), plus optional vector tiles, each to its temporary in an
// OutputSet, which the command publishes once everything is written.
#include "hotspot/publish/output_set.hpp"
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <string>
#include <vector>

namespace hotspot {

// Claims the GeoPackage and tiles the configuration asks for (before any computation).
void claim_analysis_outputs(OutputSet& outputs, const AnalysisConfig& config);

// Writes everything claim_analysis_outputs claimed; adds the run id, timings and output
// paths to the report before it is stored in the GeoPackage.
void write_outputs(AnalysisResult& result, const AnalysisConfig& config, OutputSet& outputs, const ProgressFn& progress);

// Vector tiles of the named layers of a GeoPackage with GDAL's MVT driver, written at
// `path` (the temporary of `target`); a tile folder gets the tile_folder_marker file.
enum class TileFormat { mbtiles, directory };
void write_vector_tiles(const std::string& gpkg, const std::vector<std::string>& layers, const std::string& path,
                        const std::string& target, TileFormat format, int min_zoom, int max_zoom, const std::string& run_id);

}  // namespace hotspot
