// Outlier treatment as COINr's default: skew/kurtosis as R e1071 type 2 (values printed by
// e1071 1.7 here), winsorising at most 5 points in all, then log_CT of the original.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/outlier_treatment.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

using namespace hotspot;

namespace {
std::vector<double> one_to(int n) {
    std::vector<double> x(static_cast<std::size_t>(n));
    std::iota(x.begin(), x.end(), 1.0);
    return x;
}
}  // namespace

TEST_CASE("skewness and kurtosis type 2 equal R e1071", "[outliers]") {
    auto x = one_to(10);
    x.push_back(30), x.push_back(100);
    // e1071::skewness(c(1:10, 30, 100), type = 2), kurtosis(..., type = 2)
    CHECK(skewness_type2(x) == Approx(3.06324103423950).epsilon(1e-13));
    CHECK(kurtosis_type2(x) == Approx(9.74139083456914).epsilon(1e-13));
    for (double& v : x) v = -v;  // mirror: skew changes sign, kurtosis does not
    CHECK(skewness_type2(x) == Approx(-3.06324103423950).epsilon(1e-13));
    CHECK(kurtosis_type2(x) == Approx(9.74139083456914).epsilon(1e-13));
    CHECK(std::isnan(skewness_type2(std::vector<double>{2, 2, 2, 2})));  // constant: NaN as e1071
    CHECK(std::isnan(kurtosis_type2(std::vector<double>{1, 2, 3})));     // n < 4
}

TEST_CASE("one winsorised point makes 1..10, 30, 100 pass", "[outliers]") {
    auto x = one_to(10);
    x.push_back(30), x.push_back(100);
    const auto t = treat_outliers(x, OutlierMode::winsorise, "v");
    CHECK(t.winsorised == 1);
    CHECK_FALSE(t.log_transformed);
    CHECK(x[11] == 30);  // 100 -> the next highest value
    CHECK(t.skew_after == Approx(1.71203806008905).epsilon(1e-13));
    CHECK(t.kurtosis_after == Approx(1.81578053772420).epsilon(1e-13));
    CHECK(t.skew_before == Approx(3.06324103423950).epsilon(1e-13));
}

TEST_CASE("a negative skew winsorises the minimum upwards", "[outliers]") {
    std::vector<double> x{-100, -3};
    for (int v = 1; v <= 20; ++v) x.push_back(v);
    const auto t = treat_outliers(x, OutlierMode::winsorise, "v");
    CHECK(t.skew_before == Approx(-4.17819947437721).epsilon(1e-13));
    CHECK(t.winsorised == 1);
    CHECK(x[0] == -3);
    CHECK(t.skew_after == Approx(-0.194202024268051).epsilon(1e-12));
}

TEST_CASE("winmax bounds the points replaced in all; the log of the original follows if still failing", "[outliers]") {
    // 1..50, three 1000s, three 2000s: step 1 replaces the three 2000s (3 in all, still failing:
    // skew 2.6006, kurtosis 4.9617); step 2 would replace six 1000s (9 > 5), so it stops.
    std::vector<double> base = one_to(50);
    for (int i = 0; i < 3; ++i) base.push_back(1000);
    for (int i = 0; i < 3; ++i) base.push_back(2000);
    auto x = base;
    const auto w = treat_outliers(x, OutlierMode::winsorise, "v");
    CHECK(w.skew_before == Approx(3.12826769084707).epsilon(1e-13));
    CHECK(w.winsorised == 3);
    CHECK(w.skew_after == Approx(2.60062604674181).epsilon(1e-13));
    CHECK(w.kurtosis_after == Approx(4.96173030624585).epsilon(1e-13));
    CHECK(x.back() == 1000);

    x = base;
    const auto l = treat_outliers(x, OutlierMode::winsorise_log, "v");
    CHECK(l.log_transformed);
    CHECK(l.winsorised == 0);
    CHECK(x.front() == Approx(std::log(1 - 1 + 0.01 * 1999)).epsilon(1e-15));  // ln(x - min + 0.01 (max - min))
    CHECK(x.back() == Approx(std::log(2000 - 1 + 0.01 * 1999)).epsilon(1e-15));
    CHECK(l.skew_after == Approx(2.23524829708794).epsilon(1e-12));
    CHECK(l.kurtosis_after == Approx(4.10050559463920).epsilon(1e-12));
}

TEST_CASE("an indicator that passes, or mode none, is left alone", "[outliers]") {
    auto x = one_to(10);
    const auto before = x;
    CHECK_FALSE(treat_outliers(x, OutlierMode::winsorise_log, "v").treated());
    CHECK(x == before);
    x.push_back(1000);
    const auto with_outlier = x;
    CHECK_FALSE(treat_outliers(x, OutlierMode::none, "v").treated());
    CHECK(x == with_outlier);
    CHECK(parse_outlier_mode("winsorise_log") == OutlierMode::winsorise_log);
    CHECK_THROWS_AS(parse_outlier_mode("trim"), ConfigError);
}
