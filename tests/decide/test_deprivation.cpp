// Deprivation helpers against hand-worked values: the IoD exponential transform (published
// 2 dp values and the formula), population-weighted means of scores, decile shares.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/deprivation.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace hotspot;

TEST_CASE("IoD exponential transform: published values and the formula", "[deprivation]") {
    // IoD2019 technical report: X = -23 ln(1 - R (1 - exp(-100/23))).
    const auto rounded = [](double v) { return std::round(v * 100) / 100; };
    CHECK(rounded(imd_exponential_transform(0.5)) == 15.65);
    CHECK(rounded(imd_exponential_transform(0.9)) == 50.43);
    CHECK(imd_exponential_transform(1.0) == Approx(100).epsilon(1e-14));
    CHECK(imd_exponential_transform(0.0) == 0.0);
    for (double r : {0.01, 0.25, 0.5, 0.75, 0.99})
        CHECK(imd_exponential_transform(r) == Approx(-23 * std::log(1 - r * (1 - std::exp(-100.0 / 23)))).epsilon(1e-13));
    CHECK_THROWS_AS(imd_exponential_transform(1.01), InputError);
    CHECK_THROWS_AS(imd_exponential_transform(NAN), InputError);
}

TEST_CASE("population-weighted mean of child scores per parent", "[deprivation]") {
    // Parent 0: (10, pop 100) and (20, pop 300) -> (1000 + 6000) / 400 = 17.5; a child without a
    // score is counted as missing. Parent 1: only a child without population. A child
    // without a parent is ignored. Parent 2: a zero population only -> no value.
    const std::vector<std::optional<double>> score{10, 20, std::nullopt, 40, 50, 60};
    const std::vector<std::optional<double>> pop{100, 300, 50, std::nullopt, 999, 0};
    const std::vector<std::optional<std::size_t>> parent{0, 0, 0, 1, std::nullopt, 2};
    const WeightedMean m = population_weighted_mean(score, pop, parent, 3);
    REQUIRE(m.value[0]);
    CHECK(*m.value[0] == 17.5);
    CHECK(m.children_used[0] == 2);
    CHECK(m.children_missing[0] == 1);
    CHECK(!m.value[1]);
    CHECK(m.children_missing[1] == 1);
    CHECK(!m.value[2]);
    CHECK(m.children_used[2] == 1);
    const std::vector<std::optional<double>> negative{100, -1, 50, 1, 1, 1};
    CHECK_THROWS_AS(population_weighted_mean(score, negative, parent, 3), InputError);
    const std::vector<std::optional<std::size_t>> beyond{0, 0, 0, 1, std::nullopt, 3};
    CHECK_THROWS_AS(population_weighted_mean(score, pop, beyond, 3), InputError);
}

TEST_CASE("deprivation profile: decile shares of chosen areas and of all", "[deprivation]") {
    // 8 areas, deciles 1 1 2 3 1 5 - 2; chosen: areas 0, 2, 3, 6 (6 has no decile).
    const std::vector<std::uint8_t> chosen{1, 0, 1, 1, 0, 0, 1, 0};
    const std::vector<std::optional<int>> decile{1, 1, 2, 3, 1, 5, std::nullopt, 2};
    const std::vector<std::optional<double>> index{8, 7, 6, 5, 4, 3, 2, std::nullopt};
    const std::vector<std::optional<double>> score{50, 40, 45, 20, 30, 10, 5, 60};
    const DeprivationProfile d = deprivation_profile(chosen, decile, index, score);
    CHECK(d.areas == 7);
    CHECK(d.without_decile == 1);
    CHECK(d.chosen == 3);
    CHECK(d.areas_decile1 == 3);
    CHECK(d.areas_decile1_2 == 5);
    CHECK(d.chosen_decile1 == 1);
    CHECK(d.chosen_decile1_2 == 2);
    CHECK(d.areas_decile1_pct == Approx(300.0 / 7));
    CHECK(d.areas_decile1_2_pct == Approx(500.0 / 7));
    CHECK(d.chosen_decile1_pct == Approx(100.0 / 3));
    CHECK(d.chosen_decile1_2_pct == Approx(200.0 / 3));
    // The Spearman pairs are the 7 areas with both an index and a score (area 7 has no index).
    REQUIRE(d.index_vs_score);
    CHECK(d.index_vs_score->n == 7);
    const std::vector<double> xs{8, 7, 6, 5, 4, 3, 2}, ys{50, 40, 45, 20, 30, 10, 5};
    CHECK(d.index_vs_score->rho == spearman(xs, ys).rho);
    const std::vector<std::optional<int>> bad{1, 1, 2, 3, 11, 5, std::nullopt, 2};
    CHECK_THROWS_AS(deprivation_profile(chosen, bad, index, score), InputError);
}
