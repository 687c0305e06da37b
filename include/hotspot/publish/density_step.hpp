#pragma once
// The density step of `run`: the surface of the headline incidents (measures.categories)
// written as a COG + style + classes, its parameters added to the run report.
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/raster.hpp"
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/pipeline.hpp"

namespace hotspot {

// <stem>_classes.gpkg beside the surface.
std::string classes_path(const std::string& surface);

// Claims the COG, its .qml and (with_classes) its classes GeoPackage; nothing for an empty path.
void claim_density_outputs(OutputSet& outputs, const std::string& path, bool with_classes);

// Writes the surface as a COG (+ .qml) and, when class percentages are given, its classed
// polygons as <stem>_classes.gpkg (params and the run id recorded in that layer), the two on
// two threads at once, into the temporaries of `outputs`. Returns the classes path, empty
// when none were asked for.
std::string write_density_outputs(OutputSet& outputs, const Grid& grid, const std::string& path, const RasterMetadata& meta,
                                  const std::vector<double>& class_percents, const std::string& crs,
                                  std::vector<std::pair<std::string, std::string>> params);

// Does nothing when config.output.density is empty.
void run_density_step(AnalysisResult& result, const AnalysisConfig& config, OutputSet& outputs);

}  // namespace hotspot
