#pragma once
// Scaling one indicator's values over the kept areas, and the reverse applied after it.
#include "hotspot/decide/composite_index.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace hotspot::composite {

struct ScaledColumn {
    std::vector<double> values;
    std::size_t outside_range = 0;  // minmax with a fixed range: values below lo or above hi (kept)
};

// The indicator's scaling of x (no reverse). ConfigError naming the indicator for a constant
// column under minmax (no fixed range) or zscore (no custom sd).
ScaledColumn scale_column(std::span<const double> x, const IndicatorScaling& ind, Scaling scaling);

// ArcGIS reverses after scaling, so the highest becomes the lowest on the same scale:
// minmax, percentile: 1 - s; zscore: -s; rank: n + 1 - s; raw: max + min - s. A flag is not
// reversed as 0/1: its threshold scale's values are reversed before the threshold test.
void reverse_scaled(std::vector<double>& s, Scaling scaling);

// Scale, then reverse when the indicator asks for it.
ScaledColumn scale_and_reverse(std::span<const double> x, const IndicatorScaling& ind);

}  // namespace hotspot::composite
