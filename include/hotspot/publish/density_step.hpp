#pragma once
// The density step of `run`: the surface of the headline incidents (measures.categories)
// written as a COG + style + classes, its parameters added to the run report.
#include "hotspot/publish/raster.hpp"
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/pipeline.hpp"

namespace hotspot {

// Writes the surface as a COG (+ .qml) and, when class percentages are given, its classed
// polygons as <stem>_classes.gpkg (params recorded in that layer), the two on two threads at
// once. Returns the classes path, empty when none were asked for.
std::string write_density_outputs(const Grid& grid, const std::string& path, const RasterMetadata& meta,
                                  const std::vector<double>& class_percents, const std::string& crs,
                                  const std::vector<std::pair<std::string, std::string>>& params);

// Does nothing when config.output.density is empty.
void run_density_step(AnalysisResult& result, const AnalysisConfig& config);

}  // namespace hotspot
