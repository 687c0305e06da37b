#pragma once
// The density step of `run`: the surface of the headline incidents (measures.categories)
// written as a COG + style + classes, its parameters added to the run report.
#include "hotspot/config.hpp"
#include "hotspot/pipeline.hpp"

namespace hotspot {

// Does nothing when config.output.density is empty.
void run_density_step(AnalysisResult& result, const AnalysisConfig& config);

}  // namespace hotspot
