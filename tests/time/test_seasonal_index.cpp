// Seasonal index: a planted multiplicative pattern on a flat level is recovered exactly (the
// centred 2x12 average of a pattern with mean 1 is the level), refusals, missing months, and the
// "above average" rule on planted yearly ratios. R's decompose() checks random series in
// trend_oracle_r (tests/time/trend_oracle.R).
#include "hotspot/base/periods.hpp"
#include "hotspot/time/seasonal_index.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

using namespace hotspot;

namespace {

// Jan..Dec, mean exactly 1: ASB-like, high in spring and summer.
const double pattern[12] = {0.7, 0.8, 0.9, 1.1, 1.2, 1.3, 1.4, 1.2, 1.0, 0.9, 0.8, 0.7};

}  // namespace

TEST_CASE("seasonal index: a planted pattern is recovered", "[seasonal_index]") {
    const MonthIndex first = month_index(2022, 10);  // October: the index is by calendar month, not position
    std::vector<double> x;
    for (int i = 0; i < 36; ++i) x.push_back(100 * pattern[month_of(first + i) - 1]);
    std::string why;
    const auto s = seasonal_index(x, first, &why);
    REQUIRE(s);
    for (std::size_t m = 0; m < 12; ++m) {
        CHECK(s->index[m] == Approx(pattern[m]).epsilon(1e-12));
        CHECK(s->ratios[m] == 2);  // 36 months - 12 at the ends = 24 ratios, 2 per month
        CHECK(std::isnan(s->t_p[m]));  // the two ratios are equal: no test
        CHECK_FALSE(s->above[m]);
    }
    CHECK(std::accumulate(s->index.begin(), s->index.end(), 0.0) == Approx(12).epsilon(1e-12));
}

TEST_CASE("seasonal index: refusals and missing months", "[seasonal_index]") {
    std::string why;
    std::vector<double> x(23, 5.0);
    CHECK_FALSE(seasonal_index(x, month_index(2023, 1), &why));
    CHECK(why == "23 months; a seasonal index needs at least 24");
    // 24 months with January 2024 missing: its only centred ratio would be January 2024 itself.
    x.assign(24, 5.0);
    x[12] = std::numeric_limits<double>::quiet_NaN();
    CHECK_FALSE(seasonal_index(x, month_index(2023, 1), &why));
    CHECK(why.find("no ratio to the 12-month moving average for Jan") == 0);
}

TEST_CASE("seasonal index: above average needs index > 1 and t-test p < 0.05", "[seasonal_index]") {
    // Flat 100 with July raised: +20 % in 2023, +22 % in 2024, +21 % in 2025 (consistent), and
    // March +50 % in one year only (not consistent).
    const MonthIndex first = month_index(2022, 7);
    std::vector<double> x(48, 100.0);
    for (int i = 0; i < 48; ++i) {
        const MonthIndex m = first + i;
        if (month_of(m) == 7) x[static_cast<std::size_t>(i)] = year_of(m) == 2023 ? 120 : year_of(m) == 2024 ? 122 : year_of(m) == 2025 ? 121 : 100;
        if (month_of(m) == 3 && year_of(m) == 2024) x[static_cast<std::size_t>(i)] = 150;
    }
    std::string why;
    const auto s = seasonal_index(x, first, &why);
    REQUIRE(s);
    CHECK(s->index[6] > 1.15);
    CHECK(s->ratios[6] == 3);  // July 2023, 2024, 2025 (2022-07 and 2026-06 lack a centred average)
    CHECK(s->above[6]);
    CHECK(s->index[2] > 1.1);
    CHECK_FALSE(s->above[2]);
    for (std::size_t m : {0, 1, 3, 4, 5, 7, 8, 9, 10, 11}) CHECK_FALSE(s->above[m]);
}
