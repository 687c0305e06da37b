#pragma once
// Warnings about an index whose inputs mislead: flags that do not mark the worst tail, and
// indicators so alike that they are counted twice.
#include "hotspot/decide/composite_index.hpp"

#include <string>
#include <vector>

namespace hotspot::composite {

// Flag-scaled indicators whose percentile threshold is degenerate: it flags areas with the
// indicator's best value (the minimum; the maximum when reversed), or more areas than
// (1 - threshold) x n plus the areas tied with the last one flagged. x: values of the kept areas.
std::vector<std::string> degenerate_flag_warnings(const std::vector<std::vector<double>>& x,
                                                  const std::vector<std::vector<double>>& scaled,
                                                  const std::vector<IndicatorScaling>& inds);

// Pairs of indicators whose Spearman |rho| over the kept areas is >= 0.9 (near duplicates
// counted twice in the index). Constant indicators are skipped (no rank correlation).
std::vector<std::string> near_duplicate_warnings(const std::vector<std::vector<double>>& x,
                                                 const std::vector<IndicatorScaling>& inds, double min_abs_rho = 0.9);

}  // namespace hotspot::composite
