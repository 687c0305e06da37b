#pragma once
// Emerging Hot Spot Analysis, as ArcGIS Pro's tool (METHODS.md "Space-time"): Gi* on the space-
// time cube (time/space_time_gistar), each bin hot or cold when its FDR-corrected confidence
// reaches the chosen level, the Mann-Kendall trend of each location's z series, and the
// location's pattern (time/emerging_pattern). The trend of the counts themselves is reported too
// (ArcGIS's third analysis), for a reader who asks whether incidents there are rising.
#include "hotspot/geo/neighbours.hpp"
#include "hotspot/stats/gistar.hpp"
#include "hotspot/time/emerging_pattern.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hotspot {

struct EmergingOptions {
    std::size_t time_window = 1;  // steps before a bin in its neighbourhood (ArcGIS's default 1)
    double alpha = 0.05;          // 0.10, 0.05 or 0.01: a bin's FDR-corrected level, and the trends'
    std::size_t min_steps = 10;   // ArcGIS needs ten steps for a meaningful trend
    unsigned threads = 1;
};

struct EmergingLocation {
    EmergingClass pattern;
    std::uint32_t hot_steps = 0, cold_steps = 0;  // significant at alpha after FDR
    std::uint32_t steps_with_z = 0;               // steps whose z is defined (the trend's n)
    double z_trend_z = 0, z_trend_p = 1;          // Mann-Kendall on the z series
    double count_trend_z = 0, count_trend_p = 1;  // Mann-Kendall on the counts
    TrendDirection z_trend = TrendDirection::none, count_trend = TrendDirection::none;
};

struct EmergingResult {
    std::size_t locations = 0, steps = 0;
    GiStarResult bins;                       // per bin, step-major (bin = step * locations + location)
    std::vector<std::int8_t> significance;   // per bin: -1 cold, 0, +1 hot at alpha (FDR)
    std::vector<EmergingLocation> at;        // per location
    std::array<std::size_t, 17> pattern_count{};  // by ArcGIS CATEGORY code + 8 (index 8: no pattern)
};

// `counts` is steps x locations, step-major. Refuses (ConfigError) fewer than min_steps steps or
// an alpha other than 0.10, 0.05, 0.01; the cube as space_time_gi_star refuses it.
EmergingResult emerging_hot_spots(std::span<const double> counts, std::size_t locations, const Neighbours& spatial,
                                  const EmergingOptions& options);

// The FDR confidence level a bin must reach: 1 (90 %), 2 (95 %) or 3 (99 %); ConfigError otherwise.
int emerging_level(double alpha);

}  // namespace hotspot
