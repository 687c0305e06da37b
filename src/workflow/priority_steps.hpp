#pragma once
// The steps of run_priority after the indicators, one per concept, each filling its part of
// the result and recording its choices in the run report.
#include "hotspot/workflow/priority_workflow.hpp"

namespace hotspot {

// Over-representation and Empirical Bayes of every indicator with observed counts.
void priority_risks(PriorityResult& p, unsigned threads);
// The hierarchy above the layer, the roll-up of every count indicator and the monthly dashboard.
void priority_hierarchy(PriorityResult& p, const AnalysisConfig& config);
// IMD score, decile and domains per area, the profile of the top areas, scores of the next level up.
void priority_deprivation(PriorityResult& p, const AnalysisConfig& config);
// Indicators on a grid, the index on cells and its Gi* zones.
void priority_grid(PriorityResult& p, const CompositeSpec& spec, unsigned threads);

}  // namespace hotspot
