#include "hotspot/decide/deprivation.hpp"

#include "hotspot/base/errors.hpp"

#include <cmath>
#include <string>

namespace hotspot {

double imd_exponential_transform(double scaled_rank) {
    if (!(scaled_rank >= 0.0 && scaled_rank <= 1.0))
        throw InputError("IMD exponential transform: the scaled rank " + std::to_string(scaled_rank) + " is outside 0..1");
    // log1p/expm1 keep the low end exact: X(0) = 0, and 1 - exp(-100/23) without cancellation.
    return -23.0 * std::log1p(scaled_rank * std::expm1(-100.0 / 23.0));
}

WeightedMean population_weighted_mean(std::span<const std::optional<double>> child_score,
                                      std::span<const std::optional<double>> child_population,
                                      std::span<const std::optional<std::size_t>> parent_of, std::size_t parents) {
    if (child_score.size() != parent_of.size() || child_population.size() != parent_of.size())
        throw InputError("population-weighted mean: " + std::to_string(child_score.size()) + " scores, " +
                         std::to_string(child_population.size()) + " populations and " + std::to_string(parent_of.size()) +
                         " parents given for the children");
    std::vector<double> weighted(parents, 0.0), population(parents, 0.0);
    WeightedMean m;
    m.value.assign(parents, std::nullopt);
    m.children_used.assign(parents, 0);
    m.children_missing.assign(parents, 0);
    for (std::size_t i = 0; i < parent_of.size(); ++i) {
        if (!parent_of[i]) continue;  // the caller lists children without a parent
        const std::size_t p = *parent_of[i];
        if (p >= parents) throw InputError("population-weighted mean: child " + std::to_string(i + 1) + " names parent " +
                                           std::to_string(p) + " of " + std::to_string(parents));
        const auto& s = child_score[i];
        const auto& pop = child_population[i];
        if (!s || !pop) {
            ++m.children_missing[p];
            continue;
        }
        if (!std::isfinite(*s) || !std::isfinite(*pop) || *pop < 0)
            throw InputError("population-weighted mean: child " + std::to_string(i + 1) + " has score " + std::to_string(*s) +
                             " and population " + std::to_string(*pop) + " (a finite score and a population >= 0 are needed)");
        weighted[p] += *pop * *s;
        population[p] += *pop;
        ++m.children_used[p];
    }
    for (std::size_t p = 0; p < parents; ++p)
        if (population[p] > 0) m.value[p] = weighted[p] / population[p];
    return m;
}

DeprivationProfile deprivation_profile(std::span<const std::uint8_t> chosen, std::span<const std::optional<int>> imd_decile,
                                       std::span<const std::optional<double>> index,
                                       std::span<const std::optional<double>> imd_score) {
    const std::size_t n = chosen.size();
    if (imd_decile.size() != n || index.size() != n || imd_score.size() != n)
        throw InputError("deprivation profile: " + std::to_string(n) + " areas but " + std::to_string(imd_decile.size()) +
                         " deciles, " + std::to_string(index.size()) + " index values and " + std::to_string(imd_score.size()) +
                         " IMD scores");
    DeprivationProfile d;
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < n; ++i) {
        if (index[i] && imd_score[i]) {
            xs.push_back(*index[i]);
            ys.push_back(*imd_score[i]);
        }
        if (!imd_decile[i]) {
            ++d.without_decile;
            continue;
        }
        const int decile = *imd_decile[i];
        if (decile < 1 || decile > 10)
            throw InputError("deprivation profile: area " + std::to_string(i + 1) + " has IMD decile " + std::to_string(decile) +
                             ", outside 1..10");
        const bool pick = chosen[i] != 0;
        ++d.areas;
        d.chosen += pick;
        d.areas_decile1 += decile == 1;
        d.areas_decile1_2 += decile <= 2;
        d.chosen_decile1 += pick && decile == 1;
        d.chosen_decile1_2 += pick && decile <= 2;
    }
    const auto pct = [](std::size_t part, std::size_t whole) { return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0; };
    d.areas_decile1_pct = pct(d.areas_decile1, d.areas);
    d.areas_decile1_2_pct = pct(d.areas_decile1_2, d.areas);
    d.chosen_decile1_pct = pct(d.chosen_decile1, d.chosen);
    d.chosen_decile1_2_pct = pct(d.chosen_decile1_2, d.chosen);
    if (xs.size() >= 3) d.index_vs_score = spearman(xs, ys);
    return d;
}

}  // namespace hotspot
