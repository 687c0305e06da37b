// Spearman's rho by hand (ranks with ties worked out on paper) and its refusals. The seeded
// comparison with scipy.stats.spearmanr is the ctest spearman_scipy (tests/stats/spearman_scipy.py).
#include "hotspot/base/errors.hpp"
#include "hotspot/stats/rank_correlation.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace hotspot;

TEST_CASE("average ranks: ties share the mean of their ranks", "[spearman]") {
    const std::vector<double> x{10, 20, 20, 5, 20};
    CHECK(average_ranks(x) == std::vector<double>{2, 4, 4, 1, 4});
}

TEST_CASE("spearman: a hand-worked case with a tie", "[spearman]") {
    // x ranks 1..5; y = 5 6 7 8 7 ranks 1 2 3.5 5 3.5. Deviations from 3: dx -2 -1 0 1 2,
    // dy -2 -1 0.5 2 0.5: sum dx dy = 8, sum dx^2 = 10, sum dy^2 = 9.5, rho = 8 / sqrt(95).
    const std::vector<double> x{1, 2, 3, 4, 5}, y{5, 6, 7, 8, 7};
    const Spearman s = spearman(x, y);
    const double rho = 8 / std::sqrt(95.0);
    CHECK(s.n == 5);
    CHECK(s.rho == Approx(rho).epsilon(1e-15));
    CHECK(s.t == Approx(rho * std::sqrt(3 / (1 - rho * rho))).epsilon(1e-14));
    // Student t, 3 df: P(|T| > t) = 1 - (2/pi)(atan(t/sqrt3) + sqrt3 t/(3 + t^2)) (closed form for 3 df).
    const double t = s.t, r3 = std::sqrt(3.0);
    const double p = 1 - (2 / M_PI) * (std::atan(t / r3) + r3 * t / (3 + t * t));
    CHECK(s.p_two_sided == Approx(p).epsilon(1e-12));
    CHECK(s.p_two_sided == Approx(0.08858700531354381).epsilon(1e-12));  // scipy 1.10 spearmanr, same data
}

TEST_CASE("spearman: monotone data give rho 1 or -1 and p 0; opposite order is symmetric", "[spearman]") {
    const std::vector<double> x{1, 2, 3, 4}, up{1, 4, 9, 16}, down{4, 3, 2, 1};
    CHECK(spearman(x, up).rho == 1.0);
    CHECK(spearman(x, up).p_two_sided == 0.0);
    CHECK(spearman(x, down).rho == -1.0);
    const std::vector<double> a{3, 1, 4, 1, 5, 9, 2, 6}, b{2, 7, 1, 8, 2, 8, 1, 8};
    std::vector<double> minus_b;
    for (double v : b) minus_b.push_back(-v);
    CHECK(spearman(a, minus_b).rho == Approx(-spearman(a, b).rho).epsilon(1e-15));
    CHECK(spearman(a, minus_b).p_two_sided == Approx(spearman(a, b).p_two_sided).epsilon(1e-12));
}

TEST_CASE("spearman refuses what it cannot rank", "[spearman]") {
    const std::vector<double> two{1, 2}, three{1, 2, 3}, flat{4, 4, 4}, four{1, 2, 3, 4}, with_nan{1, NAN, 3};
    CHECK_THROWS_AS(spearman(two, two), InputError);
    CHECK_THROWS_AS(spearman(three, four), InputError);
    CHECK_THROWS_AS(spearman(three, flat), InputError);
    CHECK_THROWS_AS(spearman(with_nan, three), InputError);
}
