// Mann-Kendall and Sen's slope: a hand-made series with ties worked out below, brute-force
// recomputations of S, tau-b and the slopes on random integer series (many ties), and edge cases.
// R (cor.test, decompose) and an R transcription of Gilbert's interval check the same code in
// trend_oracle_r (tests/time/trend_oracle.R).
#include "hotspot/time/mann_kendall.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace hotspot;

namespace {

std::vector<double> steps(std::size_t n) {
    std::vector<double> t(n);
    for (std::size_t i = 0; i < n; ++i) t[i] = static_cast<double>(i);
    return t;
}

}  // namespace

TEST_CASE("Mann-Kendall: a hand-made series with ties", "[mann_kendall]") {
    // x = 1 2 2 3 1 4 at t = 0..5.
    // S by rows i: (1) +4, (2) +1, (2) +1, (3) 0, (1) +1 -> S = 7.
    // Ties: {1, 1} and {2, 2}: two groups of t = 2, each t(t-1)(2t+5) = 2*1*9 = 18.
    // Var(S) = [6*5*17 - 36] / 18 = 474 / 18 = 26.333...
    // Z = (7 - 1) / sqrt(26.333) = 1.16923; tau-b = 7 / sqrt(15 * (15 - 2)) = 0.501280 (R: 0.5012804).
    // The 15 slopes sorted: -2 -0.5 -1/3 0 0 0.5 0.5 0.5 0.5 0.6 2/3 2/3 1 1 3; median (8th) 0.5.
    // C = 1.959964 * sqrt(26.333) = 10.0578; lower rank round(2.471) = 2 -> -0.5; upper rank
    // round(13.529) = 14 -> 1. Intercept: median(x) 2 - 0.5 * median(t) 2.5 = 0.75.
    const std::vector<double> x{1, 2, 2, 3, 1, 4}, t = steps(6);
    std::vector<double> scratch;
    const MannKendall r = mann_kendall(x, t, 0.95, scratch);
    CHECK(r.n == 6);
    CHECK(r.s == 7);
    CHECK(r.var_s == Approx(474.0 / 18).epsilon(1e-15));
    CHECK(r.z == Approx(6 / std::sqrt(474.0 / 18)).epsilon(1e-14));
    CHECK(r.z == Approx(1.16923).epsilon(1e-5));
    CHECK(r.p == Approx(std::erfc(r.z / std::sqrt(2.0))).epsilon(1e-14));
    CHECK(r.tau_b == Approx(0.5012804).epsilon(1e-7));
    CHECK(r.sen_slope == 0.5);
    CHECK(r.sen_lower == -0.5);
    CHECK(r.sen_upper == 1);
    CHECK(r.sen_intercept == 0.75);
}

TEST_CASE("Mann-Kendall: brute force on random series with many ties", "[mann_kendall]") {
    std::mt19937 rng(42);
    std::vector<double> scratch;
    for (int trial = 0; trial < 200; ++trial) {
        const std::size_t n = 2 + rng() % 60;
        std::vector<double> x(n), t = steps(n);
        const int range = 1 + static_cast<int>(rng() % 6);
        for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(static_cast<int>(rng() % static_cast<unsigned>(range)) + static_cast<int>(i) * (trial % 3) / 10);
        double s = 0, tied = 0, tie_var = 0;
        std::vector<double> slopes;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j) {
                s += (x[j] > x[i]) - (x[j] < x[i]);
                slopes.push_back((x[j] - x[i]) / (t[j] - t[i]));
            }
        for (std::size_t i = 0; i < n; ++i) {  // group sizes by counting each value's copies
            const double g = static_cast<double>(std::count(x.begin(), x.end(), x[i]));
            tie_var += (g - 1) * (2 * g + 5);   // summed g times over the group: g(g-1)(2g+5)
            tied += (g - 1) / 2;                // g times: g(g-1)/2
        }
        const double nd = static_cast<double>(n), np = nd * (nd - 1) / 2;
        std::sort(slopes.begin(), slopes.end());
        const double median = slopes.size() % 2 ? slopes[slopes.size() / 2] : (slopes[slopes.size() / 2 - 1] + slopes[slopes.size() / 2]) / 2;
        const MannKendall r = mann_kendall(x, t, 0.95, scratch);
        CHECK(r.s == s);
        CHECK(r.var_s == Approx((nd * (nd - 1) * (2 * nd + 5) - tie_var) / 18).epsilon(1e-12));
        if (tied < np) CHECK(r.tau_b == Approx(s / std::sqrt(np * (np - tied))).epsilon(1e-12));
        CHECK(r.sen_slope == Approx(median).epsilon(1e-12));
        if (s == 0) CHECK(r.z == 0);
        const MannKendall fast = mann_kendall_test(x, scratch);  // the test alone, as emerging uses it
        CHECK(fast.s == r.s);
        CHECK(fast.var_s == r.var_s);
        CHECK(fast.z == r.z);
        CHECK(fast.p == r.p);
    }
}

TEST_CASE("Mann-Kendall: gaps in time use the real distance for the slopes", "[mann_kendall]") {
    // Times 0 1 3 (step 2 missing): slopes (3-1)/1 = 2, (7-1)/3 = 2, (7-3)/2 = 2.
    const std::vector<double> x{1, 3, 7}, t{0, 1, 3};
    std::vector<double> scratch;
    const MannKendall r = mann_kendall(x, t, 0.95, scratch);
    CHECK(r.s == 3);
    CHECK(r.sen_slope == 2);
    CHECK(std::isnan(r.sen_lower));  // C = 1.96 sqrt(3.667) = 3.75 > N' = 3: no rank inside 1..3
}

TEST_CASE("Mann-Kendall: edge cases", "[mann_kendall]") {
    std::vector<double> scratch;
    SECTION("every value equal: S 0, Var 0, Z 0, p 1, tau undefined, slope 0") {
        const std::vector<double> x(10, 4.0);
        const MannKendall r = mann_kendall(x, steps(10), 0.95, scratch);
        CHECK(r.s == 0);
        CHECK(r.var_s == 0);
        CHECK(r.z == 0);
        CHECK(r.p == 1);
        CHECK(std::isnan(r.tau_b));
        CHECK(r.sen_slope == 0);
    }
    SECTION("one value: nothing to test") {
        const std::vector<double> x{3};
        const MannKendall r = mann_kendall(x, steps(1), 0.95, scratch);
        CHECK(r.n == 1);
        CHECK(r.s == 0);
        CHECK(std::isnan(r.sen_slope));
    }
    SECTION("a strictly rising series of 10: S = 45, Var = 125, Z = 44 / sqrt(125)") {
        const MannKendall r = mann_kendall(steps(10), steps(10), 0.95, scratch);
        CHECK(r.s == 45);
        CHECK(r.var_s == 125);
        CHECK(r.z == Approx(44 / std::sqrt(125.0)));
        CHECK(r.tau_b == 1);
        CHECK(r.sen_slope == 1);
        CHECK(r.sen_lower == 1);
        CHECK(r.sen_upper == 1);
    }
    SECTION("lengths differ: refused") {
        const std::vector<double> x{1, 2};
        CHECK_THROWS(mann_kendall(x, steps(3), 0.95, scratch));
    }
}
