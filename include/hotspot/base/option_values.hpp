#pragma once
// Numeric option and setting values, parsed strictly and range-checked where they are read
// (command-line flags, --set, INI keys and numbers inside option strings such as band:750).
// One parser for all of them, so "-1", "1e300", "2.5", "12abc", "nan" and "inf" are refused
// the same way everywhere, with a ConfigError naming the option, the value and the range.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace hotspot {

// The values a real option allows: min..max, each end open or closed.
struct RealRange {
    double min, max;
    bool min_open = false, max_open = false;
    bool contains(double v) const { return (min_open ? v > min : v >= min) && (max_open ? v < max : v <= max); }
};

// The values a whole-number option allows: min..max inclusive.
struct CountRange {
    std::uint64_t min, max;
};

// "a number > 0 and <= 10000000", "a whole number from 0 to 1000000": for messages and help.
std::string describe(const RealRange& r);
std::string describe(const CountRange& r);

// The whole text as a finite number in range; `what` names the option in the message
// ("--bandwidth", "setting density.cell_m", "--neighbours band:METRES").
double parse_real(std::string_view what, std::string_view text, const RealRange& range);
// The whole text as plain digits (an optional leading '+') in range: no sign, fraction,
// exponent or overflow wrapping, so "-1" is not 2^64 - 1.
std::uint64_t parse_count(std::string_view what, std::string_view text, const CountRange& range);
// parse_count for an int-typed setting (its range must fit in int).
int parse_small_count(std::string_view what, std::string_view text, const CountRange& range);

// The ranges the options share. Distances and sizes are metres in a projected CRS: nothing on
// Earth is farther than 1e7 m apart, and below a millimetre a cell is a typing error.
namespace ranges {
inline constexpr RealRange distance_m{0, 1e7, true, false};          // bandwidths, bands, radii: > 0
inline constexpr RealRange distance_or_zero_m{0, 1e7};               // margins, separation, snap: >= 0
inline constexpr RealRange cell_m{0.001, 1e6};
inline constexpr RealRange coordinate_m{-1e8, 1e8};                  // extents in the analysis CRS
inline constexpr RealRange percent_open{0, 100, true, true};         // class and percentile cuts
inline constexpr RealRange probability_open{0, 1, true, true};       // alpha
inline constexpr RealRange unit_interval{0, 1};                      // triangular decay
inline constexpr RealRange weight{0, 1e6};                           // a source's weight
inline constexpr RealRange level_band_pct{0, 1000};
inline constexpr RealRange gaussian_support_sd{0, 20, true, false};
inline constexpr RealRange threshold_sd{0, 100};
inline constexpr CountRange threads{0, 256};                         // 0: all cores
inline constexpr CountRange zoom{0, 22};                             // web map tile zoom levels
inline constexpr CountRange neighbours_k{1, 100000};                 // knn:K, adaptive bandwidth k
inline constexpr CountRange sites{1, 100000};
inline constexpr CountRange permutations{0, 1000000};
inline constexpr CountRange seed{0, std::numeric_limits<std::uint64_t>::max()};
}  // namespace ranges

}  // namespace hotspot
