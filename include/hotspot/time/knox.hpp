#pragma once
// The Knox test for near repeats: how many pairs of events are close in both space and time,
// against what the same places and the same dates would give if the dates were shuffled over
// the events (Monte Carlo permutation, as the Near Repeat Calculator does).
//
// Every pair i < j is counted once, in one cell: its spatial band (projected metres,
// Manhattan or Euclidean) by its time band (whole days). Bands are right-open intervals
// [b_k, b_k+1) from explicit breaks starting at 0; the last band is open to infinity.
#include "hotspot/base/incidents.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hotspot {

enum class KnoxDistance { manhattan, euclidean };

struct KnoxOptions {
    std::vector<double> space_breaks_m{0, 1, 100, 200, 300};  // [0,1) is "the same place"
    std::vector<std::int32_t> time_breaks_days{0, 7, 14, 21};
    KnoxDistance distance = KnoxDistance::manhattan;
    std::size_t simulations = 999;  // R; 0: the observed table only
    std::uint64_t seed = 1;
    // Near pairs are held in memory (12 bytes each): more are refused, naming the last break.
    std::uint64_t max_near_pairs = 50'000'000;
    // Simulations run on this many threads (0: all cores); simulation k draws from its own stream
    // (seed, k), so the table does not depend on the thread count.
    unsigned threads = 1;
};

// Cells are row-major: cell(s, t) = s * time_bands + t, rows are spatial bands.
struct KnoxTable {
    std::size_t space_bands = 0, time_bands = 0;
    std::vector<std::uint64_t> observed;
    std::vector<double> mean_expected;    // mean over the R permutations
    std::vector<double> median_expected;
    std::vector<double> ratio;            // observed / mean_expected; NaN when the mean is 0
    std::vector<double> ratio_median;     // observed / median_expected; NaN when the median is 0
    std::vector<double> p_value;          // (1 + #(simulated >= observed)) / (1 + R)
    std::uint64_t events = 0;
    std::uint64_t pairs = 0;              // events * (events - 1) / 2, every one in a cell
    std::uint64_t near_pairs = 0;         // pairs closer than the last finite spatial break
    std::size_t simulations = 0;
    std::uint64_t seed = 0;
    std::size_t cell(std::size_t s, std::size_t t) const { return s * time_bands + t; }
};

// Refuses (ConfigError) breaks that are empty, do not start at 0, do not increase or are not
// finite, naming the option ("--space-breaks", "--time-breaks") and the value.
void check_knox_breaks(const KnoxOptions& options);

// The observed table alone. x, y in projected metres; days as whole days (no unknown_day).
std::vector<std::uint64_t> knox_observed(const std::vector<double>& x, const std::vector<double>& y,
                                         const std::vector<DayIndex>& day, const KnoxOptions& options);

// The observed table and R permutations of the dates (seeded: the same seed gives the same table).
KnoxTable knox_test(const std::vector<double>& x, const std::vector<double>& y, const std::vector<DayIndex>& day,
                    const KnoxOptions& options);

// Band labels: ours in interval notation ("[1,100) m", "[21,∞) days"), and the label the Near
// Repeat Calculator 1.3 prints for the band at the same place in its table ("1 to 100",
// "Same location", "More than 300"), whose numbers are ours when the breaks are NRC's bandwidths.
std::string knox_space_label(const KnoxOptions& options, std::size_t band);
std::string knox_time_label(const KnoxOptions& options, std::size_t band);
std::string knox_space_label_nrc(const KnoxOptions& options, std::size_t band);
std::string knox_time_label_nrc(const KnoxOptions& options, std::size_t band);

}  // namespace hotspot
