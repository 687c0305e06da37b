// Concentration: METHODS.md's generalized Gini vector, and Gini against the mean absolute
// difference definition (a brute-force oracle).
#include "hotspot/base/errors.hpp"
#include "hotspot/measure/concentration.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace hotspot;

TEST_CASE("generalized Gini reproduces the METHODS.md test vector") {
    const std::vector<double> counts = {5, 2, 1, 0, 0, 0, 0, 0, 0, 0};
    const Concentration c = concentration(counts);
    CHECK(c.gini == Approx(0.80).margin(1e-12));
    CHECK(c.generalized_gini == Approx(0.75).margin(1e-12));
    CHECK(c.places == 10);
    CHECK(c.incidents == 8);
    CHECK(c.places_with_none == 7);
    // 50 % of 8 = 4: the busiest place alone holds 5.
    CHECK(c.places_for_50pct == 1);
    CHECK(c.place_pct_for_50pct == Approx(10.0));
    CHECK(c.places_for_25pct == 1);
    REQUIRE(c.lorenz.size() == 11);
    CHECK(c.lorenz[2].incidents == 7);
    CHECK(c.lorenz[2].incident_pct == Approx(87.5));
    CHECK(c.lorenz[10].incident_pct == Approx(100.0));
}

TEST_CASE("Gini equals the mean absolute difference definition") {
    std::mt19937_64 rng(7);
    std::poisson_distribution<int> pois(3.0);
    for (int trial = 0; trial < 5; ++trial) {
        std::vector<double> v(200 + trial * 37);
        for (auto& x : v) x = pois(rng) * (trial % 2 ? 1.5 : 1.0);
        double sum = 0, mad = 0;
        for (double a : v) {
            sum += a;
            for (double b : v) mad += std::fabs(a - b);
        }
        const double n = static_cast<double>(v.size());
        const double oracle = mad / (2.0 * n * n * (sum / n));
        CHECK(concentration(v).gini == Approx(oracle).margin(1e-12));
    }
}

TEST_CASE("share of places holding half the incidents counts the fewest places needed") {
    const std::vector<double> counts = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10};
    const Concentration c = concentration(counts);
    CHECK(c.gini == Approx(0.0).margin(1e-12));
    CHECK(c.places_for_50pct == 5);
    CHECK(c.places_for_25pct == 3);  // 2 places hold 20 %, 3 hold 30 %
}

TEST_CASE("ntile groups are sized as SQL NTILE") {
    std::vector<double> counts(23);
    for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = static_cast<double>(i);
    const auto rows = ntile_table(counts, 10);
    REQUIRE(rows.size() == 10);
    CHECK(rows[0].places == 3);
    CHECK(rows[2].places == 3);
    CHECK(rows[3].places == 2);
    CHECK(rows[0].incidents == 22 + 21 + 20);
    double total = 0;
    for (const auto& r : rows) total += r.pct_of_incidents;
    CHECK(total == Approx(100.0));
}

TEST_CASE("concentration refuses bad counts") {
    CHECK_THROWS_AS(concentration(std::vector<double>{}), InputError);
    CHECK_THROWS_AS(concentration(std::vector<double>{1, -2}), InputError);
    CHECK_THROWS_AS(concentration(std::vector<double>{1, NAN}), InputError);
    CHECK_THROWS_AS(concentration(std::vector<double>{0, 0}), InputError);
    CHECK_THROWS_WITH(concentration(std::vector<double>{1, -2}), Catch::Contains("place 2"));
}
