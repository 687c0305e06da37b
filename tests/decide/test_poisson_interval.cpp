// Count intervals and the upper-tail Poisson p against R (qchisq, ppois, pgamma and
// epitools::pois.byar, printed to 17 digits here; the table is /work/issue11-plan.md 2.1 and
// METHODS.md's PHE example). The full O = 0..200 comparison with R and SciPy runs as the
// interval_oracle_r / interval_oracle_scipy ctests.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/poisson_interval.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

namespace {

constexpr double tol = 1e-9;

void check(double observed, IntervalMethod method, double lower, double upper, IntervalMethod used) {
    const CountInterval ci = count_interval(observed, 0.95, method);
    INFO("O = " << observed << " method " << to_string(method));
    CHECK(ci.lower == Approx(lower).margin(tol).epsilon(0));
    CHECK(ci.upper == Approx(upper).margin(tol).epsilon(0));
    CHECK(ci.method == used);
}

}  // namespace

struct Limits {
    double observed, lower, upper;
};

TEST_CASE("exact limits equal R qchisq(alpha/2, 2O)/2 and qchisq(1-alpha/2, 2O+2)/2", "[decide][interval]") {
    const Limits table[] = {
        {0, 0, 3.6888794541},
        {1, 0.0253178080, 5.5716433909},
        {2, 0.2422092785, 7.2246876677},
        {5, 1.6234863901, 11.6683320793},
        {9, 4.1153730974, 17.0848034514},
        {10, 4.7953886961, 18.3903560420},
        // A harm-weighted (non-integer) count: the same formula, 2O and 2O + 2 degrees of freedom.
        {2.5, 0.41560580674333125, 8.0063821373146613},
    };
    for (const Limits& l : table) check(l.observed, IntervalMethod::exact, l.lower, l.upper, IntervalMethod::exact);
}

TEST_CASE("Byar limits equal the PHE formula", "[decide][interval]") {
    const Limits table[] = {
        {9, 4.1068850240, 17.0857806885},
        {10, 4.7874499140, 18.3914586058},
        {11, 5.4836901984, 19.6832371161},
        {25, 16.1742659217, 36.9064506922},
        {100, 81.3621054905, 121.6279375792},
        {1000, 938.9724987155, 1063.9525812715},
        // O = 0.5: Byar's cube is negative (R: -0.0015611287295404339); a count's limit is 0.
        {0.5, 0, 4.6620730173269464558},
    };
    for (const Limits& l : table) check(l.observed, IntervalMethod::byar, l.lower, l.upper, IntervalMethod::byar);
    // O = 0 has no Byar lower limit: the exact interval, reported as such.
    check(0, IntervalMethod::byar, 0, 3.6888794541, IntervalMethod::exact);
}

TEST_CASE("the PHE rule is exact below 10 events and Byar from 10", "[decide][interval]") {
    const auto phe = IntervalMethod::phe;
    check(0, phe, 0, 3.6888794541, IntervalMethod::exact);
    check(9, phe, 4.1153730974, 17.0848034514, IntervalMethod::exact);
    check(9.999, phe, count_interval(9.999, 0.95, IntervalMethod::exact).lower,
          count_interval(9.999, 0.95, IntervalMethod::exact).upper, IntervalMethod::exact);
    // METHODS.md: O = 10 Byar 4.787-18.391 (exact would be 4.795-18.390).
    check(10, phe, 4.7874499140, 18.3914586058, IntervalMethod::byar);
    check(100, phe, 81.3621054905, 121.6279375792, IntervalMethod::byar);
}

TEST_CASE("epitools_byar equals R epitools::pois.byar (Byar on O + 0.5)", "[decide][interval]") {
    const auto epi = IntervalMethod::epitools_byar;
    check(10, epi, 5.1337533160128856, 17.740482115366582, epi);
    check(3, epi, 0.83027533822467514, 8.0036698897242946, epi);
    // pois.byar(0) gives lower -0.00156; a count's limit is 0.
    check(0, epi, 0, 2.4639362099673709, epi);
}

TEST_CASE("another level uses its own quantiles", "[decide][interval]") {
    // R: qchisq(0.05, 6)/2, qchisq(0.95, 8)/2
    const CountInterval ci = count_interval(3, 0.90, IntervalMethod::exact);
    CHECK(ci.lower == Approx(0.81769144716395337).margin(tol).epsilon(0));
    CHECK(ci.upper == Approx(7.75365652793272542).margin(tol).epsilon(0));
}

TEST_CASE("bad counts and levels are refused, methods parse by name", "[decide][interval]") {
    CHECK_THROWS_AS(count_interval(-1, 0.95, IntervalMethod::phe), InputError);
    CHECK_THROWS_AS(count_interval(std::nan(""), 0.95, IntervalMethod::phe), InputError);
    CHECK_THROWS_AS(count_interval(5, 1.0, IntervalMethod::phe), InputError);
    CHECK_THROWS_AS(count_interval(5, 0.0, IntervalMethod::phe), InputError);
    CHECK_THROWS_WITH(count_interval(5, 95, IntervalMethod::phe), Catch::Contains("95"));
    CHECK_THROWS_AS(poisson_upper_tail_p(3, -1), InputError);
    CHECK(parse_interval_method(" PHE ") == IntervalMethod::phe);
    CHECK(parse_interval_method("epitools_byar") == IntervalMethod::epitools_byar);
    for (auto m : {IntervalMethod::phe, IntervalMethod::exact, IntervalMethod::byar, IntervalMethod::epitools_byar})
        CHECK(parse_interval_method(to_string(m)) == m);
    CHECK_THROWS_AS(parse_interval_method("wilson"), ConfigError);
    CHECK_THROWS_WITH(parse_interval_method("wilson"), Catch::Contains("wilson") && Catch::Contains("epitools_byar"));
}

TEST_CASE("upper-tail p equals R 1 - ppois(O - 1, E) and pgamma(E, O) for weighted counts", "[decide][interval]") {
    CHECK(poisson_upper_tail_p(12, 7.5) == Approx(0.079241309474789245).margin(1e-12).epsilon(0));
    CHECK(poisson_upper_tail_p(12.5, 7.5) == Approx(0.058617432023753809).margin(1e-12).epsilon(0));
    CHECK(poisson_upper_tail_p(0, 7.5) == 1.0);
    CHECK(poisson_upper_tail_p(3, 0) == 0.0);  // Poisson(0) never reaches 3
    // Brute force: 1 - sum_{k < O} e^-E E^k / k!
    for (int o : {1, 4, 20}) {
        const double e = 6.25;
        double cdf = 0, term = std::exp(-e);
        for (int k = 0; k < o; ++k) {
            cdf += term;
            term *= e / (k + 1);
        }
        CHECK(poisson_upper_tail_p(o, e) == Approx(1 - cdf).margin(1e-13).epsilon(0));
    }
}
