#pragma once
// Deprivation beside the index (IoD2019/2025 technical reports, METHODS.md): scores aggregated
// to larger areas as population-weighted means of LSOA scores (never averages of ranks), the
// share of chosen areas in the most deprived deciles, and the rank correlation of the index
// with the IMD score.
#include "hotspot/stats/rank_correlation.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace hotspot {

// The IoD exponential transform X = -23 ln(1 - R (1 - exp(-100/23))), R in [0, 1] the scaled
// rank with 1 the most deprived (0.5 -> 15.65, 0.9 -> 50.43, 1 -> 100).
double imd_exponential_transform(double scaled_rank);

// Per parent: sum_i P_i S_i / sum_i P_i over its children with both a score and a population;
// nullopt for a parent with none (or only zero populations). parent_of[i] indexes the parents
// (nullopt: no parent). InputError for a negative or non-finite population or score.
struct WeightedMean {
    std::vector<std::optional<double>> value;   // per parent
    std::vector<std::size_t> children_used;     // per parent
    std::vector<std::size_t> children_missing;  // per parent: children without score or population
};
WeightedMean population_weighted_mean(std::span<const std::optional<double>> child_score,
                                      std::span<const std::optional<double>> child_population,
                                      std::span<const std::optional<std::size_t>> parent_of, std::size_t parents);

struct DeprivationProfile {
    std::size_t areas = 0, chosen = 0;              // with a decile
    std::size_t areas_decile1 = 0, areas_decile1_2 = 0;
    std::size_t chosen_decile1 = 0, chosen_decile1_2 = 0;
    double areas_decile1_pct = 0, areas_decile1_2_pct = 0;  // of all areas with a decile
    double chosen_decile1_pct = 0, chosen_decile1_2_pct = 0;  // of chosen areas with a decile (0 when none)
    std::size_t without_decile = 0;                  // areas without one (listed by the caller)
    std::optional<Spearman> index_vs_score;          // over areas with both values; nullopt below 3 pairs
};

// chosen[i] = 1 for a priority area. decile 1 = the most deprived 10 % nationally (as published).
// InputError for a decile outside 1..10 or spans of different lengths.
DeprivationProfile deprivation_profile(std::span<const std::uint8_t> chosen,
                                       std::span<const std::optional<int>> imd_decile,
                                       std::span<const std::optional<double>> index,
                                       std::span<const std::optional<double>> imd_score);

}  // namespace hotspot
