// Over-representation against the city rate and the location quotient, against values
// recomputed in R (qchisq / Byar / ppois, 17 digits) for a planted five-area city whose rate is
// 100 events per 10,000 residents, so E = P / 100 by hand.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/over_representation.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

namespace {

using Opt = std::optional<double>;
constexpr double tol = 1e-9;

}  // namespace

TEST_CASE("SIR, its interval, the upper-tail p and the flags against the city rate", "[decide][over]") {
    // Areas 5-7 are left out of the city rate: no population, zero population, no count.
    const std::vector<Opt> observed = {12, 30, 3, 55, 5, 7, std::nullopt};
    const std::vector<Opt> population = {750, 1000, 1500, 6750, std::nullopt, 0, 2000};
    const OverRepresentation r = over_representation(observed, population, 0.95, IntervalMethod::phe);
    CHECK(r.city_events == 100);
    CHECK(r.city_population == 10000);
    CHECK(r.city_rate == Approx(0.01).epsilon(1e-15));

    const double sir[] = {1.6, 3.0, 0.2, 0.81481481481481477};
    const double lower[] = {0.825801312410537114, 2.023693909326639062, 0.041244808193040092, 0.613790015215921025};
    const double upper[] = {2.7950477404822265, 4.2828371941998702, 0.5844848713161549, 1.0606136247055429};
    const double p[] = {7.9241309474789245e-02, 2.5099512013238012e-07, 9.9996069155181555e-01, 9.4702047932381139e-01};
    const double expected[] = {7.5, 10, 15, 67.5};
    const std::int8_t flag[] = {0, 1, -1, 0};
    for (std::size_t i = 0; i < 4; ++i) {
        INFO("area " << i + 1);
        REQUIRE(r.ratio[i]);
        CHECK(*r.observed[i] == *observed[i]);
        CHECK(*r.expected[i] == Approx(expected[i]).epsilon(1e-14));
        CHECK(*r.ratio[i] == Approx(sir[i]).margin(tol).epsilon(0));
        CHECK(*r.lower[i] == Approx(lower[i]).margin(tol).epsilon(0));
        CHECK(*r.upper[i] == Approx(upper[i]).margin(tol).epsilon(0));
        CHECK(*r.p_upper[i] == Approx(p[i]).margin(1e-12).epsilon(0));
        CHECK(r.flag[i] == flag[i]);
    }
    CHECK(*r.rule[0] == IntervalMethod::byar);
    CHECK(*r.rule[2] == IntervalMethod::exact);  // O = 3 < 10
    for (std::size_t i = 4; i < 7; ++i) {
        INFO("area " << i + 1);
        CHECK_FALSE(r.observed[i]);
        CHECK_FALSE(r.expected[i]);
        CHECK_FALSE(r.ratio[i]);
        CHECK_FALSE(r.p_upper[i]);
        CHECK_FALSE(r.rule[i]);
        CHECK(r.flag[i] == 0);
    }
    CHECK(r.above == 1);
    CHECK(r.below == 1);
}

TEST_CASE("a city without events has expected counts of 0 and no ratios", "[decide][over]") {
    const std::vector<Opt> observed = {0, 0};
    const std::vector<Opt> population = {10, 20};
    const OverRepresentation r = over_representation(observed, population, 0.95, IntervalMethod::phe);
    CHECK(r.city_rate == 0);
    CHECK(*r.expected[1] == 0);
    CHECK(*r.p_upper[1] == 1);
    CHECK_FALSE(r.ratio[0]);
    CHECK(r.above + r.below == 0);
}

TEST_CASE("over-representation refuses bad values, naming the area", "[decide][over]") {
    const std::vector<Opt> good = {1, 2};
    CHECK_THROWS_WITH(over_representation(std::vector<Opt>{1, -2}, good, 0.95, IntervalMethod::phe),
                      Catch::Contains("area 2") && Catch::Contains("-2"));
    CHECK_THROWS_AS(over_representation(good, std::vector<Opt>{1, std::nan("")}, 0.95, IntervalMethod::phe), InputError);
    CHECK_THROWS_AS(over_representation(good, std::vector<Opt>{1}, 0.95, IntervalMethod::phe), InputError);
    // The level is checked even when no area is counted.
    CHECK_THROWS_WITH(over_representation(std::vector<Opt>{}, std::vector<Opt>{}, 95, IntervalMethod::phe), Catch::Contains("95"));
}

TEST_CASE("location quotient: the area's share of a category against the overall share", "[decide][over]") {
    // Overall 30 of 100 (0.3). Area 1: 10 of 20 -> 0.5 / 0.3; area 2: 20 of 80 -> 0.25 / 0.3.
    // Area 3 has no events at all and area 4 a missing total: nullopt, not counted.
    const std::vector<Opt> k = {10, 20, 0, 5};
    const std::vector<Opt> all = {20, 80, 0, std::nullopt};
    const auto lq = location_quotient(k, all);
    REQUIRE(lq.size() == 4);
    CHECK(*lq[0] == Approx(0.5 / 0.3).epsilon(1e-15));
    CHECK(*lq[1] == Approx(0.25 / 0.3).epsilon(1e-15));
    CHECK_FALSE(lq[2]);
    CHECK_FALSE(lq[3]);
    // Weighted mean of LQ over areas by their totals is 1 (a property, not a reproduction).
    CHECK((*lq[0] * 20 + *lq[1] * 80) / 100 == Approx(1).epsilon(1e-15));
    CHECK_THROWS_WITH(location_quotient(std::vector<Opt>{5}, std::vector<Opt>{4}), Catch::Contains("area 1"));
    const auto none = location_quotient(std::vector<Opt>{0, 0}, std::vector<Opt>{3, 4});
    CHECK_FALSE(none[0]);
}
