#pragma once
// The attributes step of the pipeline: reads every [attributes.NAME] table, joins it to its
// area layer and records in the run report what matched and what did not (both ways), with a
// console warning for each unmatched side.
#include "hotspot/workflow/pipeline.hpp"

namespace hotspot {

void join_attribute_tables(AnalysisResult& r, const AnalysisConfig& config);

}  // namespace hotspot
