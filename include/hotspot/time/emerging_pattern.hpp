#pragma once
// The pattern of one location in Emerging Hot Spot Analysis (ArcGIS Pro's "learnmoreemerging"
// rules; METHODS.md), from its bins' significance (after FDR) and the Mann-Kendall trend of its
// Gi* z series. The rules, where Pro's words leave a choice, are stated in docs/decisions.md
// ("Emerging hot spots: the patterns"); every location lands in exactly one pattern:
//   final bin hot, >= 90 % of bins hot:  intensifying (significant upward trend),
//                                        diminishing (significant downward), else persistent
//   final bin hot, < 90 % hot:           oscillating (some earlier bin cold), else
//                                        new (the final bin is the only hot one), else
//                                        consecutive (one unbroken hot run of >= 2 ending at the final bin), else
//                                        sporadic (hot on and off, never cold)
//   final bin not hot, >= 90 % hot:      historical
// Cold patterns mirror these with cold bins (intensifying cold: a significant downward trend).
// Anything else is no pattern (e.g. hot on and off but not in the final bin).
#include <cstddef>
#include <cstdint>
#include <span>

namespace hotspot {

enum class BinSignificance : std::int8_t { cold = -1, none = 0, hot = 1 };
enum class TrendDirection : std::int8_t { down = -1, none = 0, up = 1 };  // significant at the chosen level

enum class EmergingPattern : std::int8_t {
    no_pattern = 0,
    new_spot = 1,
    consecutive = 2,
    intensifying = 3,
    persistent = 4,
    diminishing = 5,
    sporadic = 6,
    oscillating = 7,
    historical = 8,
};

// A pattern and whether it is of hot or cold spots. `code` is ArcGIS Pro's CATEGORY:
// 1..8 for hot patterns, -1..-8 for cold ones, 0 for no pattern.
struct EmergingClass {
    EmergingPattern pattern = EmergingPattern::no_pattern;
    bool cold = false;
    int code() const { return cold ? -static_cast<int>(pattern) : static_cast<int>(pattern); }
};

// Refuses (std::invalid_argument) an empty series. `bins` are in time order, the last is the final step.
EmergingClass classify_emerging(std::span<const BinSignificance> bins, TrendDirection trend);

// "New Hot Spot", "Intensifying Cold Spot", "No Pattern Detected": ArcGIS Pro's PATTERN text.
const char* emerging_pattern_name(EmergingClass c);

// The share of bins that makes a location "always" hot or cold: 90 %, inclusive (9 of 10 is enough).
inline constexpr double emerging_most_share = 0.9;

}  // namespace hotspot
