#pragma once
// The performance table of an analysis: the configured measures ([measure.NAME], or the
// built-in police.uk set on the police.uk inputs), [table] and measures.level_band_pct, over
// the incidents and area assignments run_analysis produced. Used by `table` and by `run`.
#include "hotspot/measure/performance_table.hpp"
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/pipeline.hpp"

namespace hotspot {

TableOptions table_options(const AnalysisConfig& config);
PerformanceTable performance_table_of(const AnalysisResult& result, const AnalysisConfig& config);

}  // namespace hotspot
