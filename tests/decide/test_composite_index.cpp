// The composite index on a hand-computed case: 5 areas a1..a5 x 3 indicators
//   A = (1, 2, 3, 4, 10), B = (5, 5, 1, 0, 2), C = (0.2, 0.4, 0.4, 0.8, 1.0).
// min-max: A (0, 1/9, 2/9, 3/9, 1), B (1, 1, 0.2, 0, 0.4), C (0, 0.25, 0.25, 0.75, 1).
// percentile (average rank - 1)/4: A (0, .25, .5, .75, 1); B ranks (4.5, 4.5, 2, 1, 3) -> (.875, .875, .25, 0, .5);
//   C ranks (1, 2.5, 2.5, 4, 5) -> (0, .375, .375, .75, 1).
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/decide/composite_index.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace hotspot;

namespace {

using Column = std::vector<std::optional<double>>;

CompositeInput hand_input() {
    return {{"a1", "a2", "a3", "a4", "a5"},
            {"A", "B", "C"},
            {Column{1, 2, 3, 4, 10}, Column{5, 5, 1, 0, 2}, Column{0.2, 0.4, 0.4, 0.8, 1.0}}};
}

CompositeSpec spec_of(Scaling s, Combine c, std::vector<double> weights = {1, 1, 1}) {
    CompositeSpec spec;
    spec.preset = "custom";
    spec.combine = c;
    const char* names[] = {"A", "B", "C"};
    for (std::size_t k = 0; k < weights.size(); ++k) {
        IndicatorScaling ind;
        ind.name = names[k];
        ind.scaling = s;
        ind.weight = weights[k];
        spec.indicators.push_back(ind);
    }
    return spec;
}

std::vector<double> scaled_of(const CompositeResult& r, std::size_t k) {
    std::vector<double> v;
    for (const auto& s : r.scaled[k]) v.push_back(s.value());
    return v;
}

void check_values(const std::vector<std::optional<double>>& got, const std::vector<double>& expected) {
    REQUIRE(got.size() == expected.size());
    for (std::size_t a = 0; a < got.size(); ++a) {
        INFO("area " << a + 1);
        REQUIRE(got[a]);
        CHECK(*got[a] == Approx(expected[a]).margin(1e-14));
    }
}

void check_ranks(const CompositeResult& r, const std::vector<std::uint32_t>& expected) {
    for (std::size_t a = 0; a < expected.size(); ++a) {
        INFO("area " << a + 1);
        CHECK(r.rank[a].value() == expected[a]);
    }
}

}  // namespace

TEST_CASE("composite: min-max scaling, mean, sum and weights", "[composite]") {
    auto r = composite_index(hand_input(), spec_of(Scaling::minmax, Combine::mean));
    CHECK(scaled_of(r, 0)[1] == Approx(1.0 / 9));  // (2 - 1)/(10 - 1)
    CHECK(scaled_of(r, 1)[2] == Approx(0.2));      // (1 - 0)/(5 - 0)
    CHECK(scaled_of(r, 2)[3] == Approx(0.75));     // (0.8 - 0.2)/(1 - 0.2)
    // mean: a1 (0+1+0)/3, a2 (1/9+1+.25)/3, a3 (2/9+.2+.25)/3, a4 (1/3+0+.75)/3, a5 (1+.4+1)/3
    check_values(r.index, {1.0 / 3, (1.0 / 9 + 1.25) / 3, (2.0 / 9 + 0.45) / 3, (1.0 / 3 + 0.75) / 3, 0.8});
    check_ranks(r, {4, 2, 5, 3, 1});
    CHECK(r.decile[4].value() == 2);   // ceil(10 x 1 / 5)
    CHECK(r.decile[2].value() == 10);  // ceil(10 x 5 / 5)
    CHECK(r.top == std::vector<std::size_t>{4, 1, 3, 0, 2});

    // weights (2, 1, 1), mean: (2A + B + C)/4
    r = composite_index(hand_input(), spec_of(Scaling::minmax, Combine::mean, {2, 1, 1}));
    check_values(r.index, {0.25, (2.0 / 9 + 1.25) / 4, (4.0 / 9 + 0.45) / 4, (2.0 / 3 + 0.75) / 4, 0.85});
    check_ranks(r, {4, 2, 5, 3, 1});
    // sum: 2A + B + C
    r = composite_index(hand_input(), spec_of(Scaling::minmax, Combine::sum, {2, 1, 1}));
    check_values(r.index, {1, 2.0 / 9 + 1.25, 4.0 / 9 + 0.45, 2.0 / 3 + 0.75, 3.4});
    // a5's top contributors: A 2 x 1, C 1 x 1, B 1 x 0.4, with their raw values
    const auto& c = r.top_contributors[4];
    REQUIRE(c.size() == 3);
    CHECK(c[0].indicator == 0);
    CHECK(c[0].weighted == Approx(2));
    CHECK(c[0].raw == 10);
    CHECK(c[1].indicator == 2);
    CHECK(c[1].raw == 1.0);
    CHECK(c[2].indicator == 1);
    CHECK(c[2].scaled == Approx(0.4));
    CHECK(c[2].raw == 2);
}

TEST_CASE("composite: reverse after scaling, per scaling", "[composite]") {
    auto spec = spec_of(Scaling::minmax, Combine::mean);
    spec.indicators[1].reverse = true;  // B min-max reversed: 1 - s = (0, 0, .8, 1, .6)
    auto r = composite_index(hand_input(), spec);
    check_values(r.scaled[1], {0, 0, 0.8, 1, 0.6});
    check_values(r.index, {0, (1.0 / 9 + 0.25) / 3, (2.0 / 9 + 1.05) / 3, (1.0 / 3 + 1.75) / 3, 2.6 / 3});
    check_ranks(r, {5, 4, 3, 2, 1});

    spec = spec_of(Scaling::percentile, Combine::mean);
    spec.indicators[1].reverse = true;  // 1 - (.875, .875, .25, 0, .5)
    check_values(composite_index(hand_input(), spec).scaled[1], {0.125, 0.125, 0.75, 1, 0.5});

    spec = spec_of(Scaling::rank, Combine::mean);
    spec.indicators[1].reverse = true;  // n + 1 - (4.5, 4.5, 2, 1, 3)
    r = composite_index(hand_input(), spec);
    check_values(r.scaled[1], {1.5, 1.5, 4, 5, 3});
    check_values(r.scaled[2], {1, 2.5, 2.5, 4, 5});  // not reversed: average ranks

    spec = spec_of(Scaling::raw, Combine::mean);
    spec.indicators[0].reverse = true;  // max + min - x = 11 - A
    check_values(composite_index(hand_input(), spec).scaled[0], {10, 9, 8, 7, 1});

    spec = spec_of(Scaling::zscore, Combine::sum);
    spec.indicators[0].reverse = true;  // -z
    const double sd = std::sqrt(50.0 / 4);  // A: mean 4, squares of deviations 9+4+1+0+36 = 50, n - 1 = 4
    check_values(composite_index(hand_input(), spec).scaled[0], {3 / sd, 2 / sd, 1 / sd, 0, -6 / sd});

    spec = spec_of(Scaling::flag, Combine::sum);
    spec.indicators[0].reverse = true;  // lower A is worse: percentiles (0, .25, .5, .75, 1) reversed
    r = composite_index(hand_input(), spec);  // before the test, so only a1 (1 - 0 > .9) is flagged,
    check_values(r.scaled[0], {1, 0, 0, 0, 0});  // not the 0/1 swapped (four of five areas)
}

TEST_CASE("composite: raw values, and contributors that add nothing are not listed", "[composite]") {
    auto r = composite_index(hand_input(), spec_of(Scaling::raw, Combine::mean));
    // meanRaw: a1 (1 + 5 + 0.2)/3, a4 (4 + 0 + 0.8)/3, a5 (10 + 2 + 1)/3
    CHECK(r.index[0].value() == Approx(6.2 / 3));
    CHECK(r.index[3].value() == Approx(4.8 / 3));
    CHECK(r.index[4].value() == Approx(13.0 / 3));
    REQUIRE(r.top_contributors[3].size() == 2);  // B is 0 for a4
    CHECK(r.top_contributors[3][0].indicator == 0);
    CHECK(r.top_contributors[3][1].indicator == 2);
    auto flags = spec_of(Scaling::flag, Combine::sum);
    flags.explain = 2;
    r = composite_index(hand_input(), flags);  // a5: A and C above the 90th percentile, B not
    REQUIRE(r.top_contributors[4].size() == 2);
    CHECK(r.top_contributors[4][0].indicator == 0);
    CHECK(r.top_contributors[4][1].indicator == 2);
    CHECK(r.top_contributors[0].empty());  // a1: no flag
}

TEST_CASE("composite: z-score with n - 1, and custom mean and sd", "[composite]") {
    auto spec = spec_of(Scaling::zscore, Combine::mean);
    auto r = composite_index(hand_input(), spec);
    const double sd_a = std::sqrt(12.5), sd_b = std::sqrt(21.2 / 4);  // B: mean 2.6, squares 5.76+5.76+2.56+6.76+0.36 = 21.2
    check_values(r.scaled[0], {-3 / sd_a, -2 / sd_a, -1 / sd_a, 0, 6 / sd_a});
    CHECK(r.scaled[1][3].value() == Approx(-2.6 / sd_b));
    spec.indicators[0].z_mean = 5;
    spec.indicators[0].z_sd = 2;
    check_values(composite_index(hand_input(), spec).scaled[0], {-2, -1.5, -1, -0.5, 2.5});  // (x - 5)/2
}

TEST_CASE("composite: percentile ties share their mean rank; equal indexes share a rank (1224)", "[composite]") {
    const auto r = composite_index(hand_input(), spec_of(Scaling::percentile, Combine::mean));
    check_values(r.scaled[1], {0.875, 0.875, 0.25, 0, 0.5});
    check_values(r.scaled[2], {0, 0.375, 0.375, 0.75, 1});
    // a1 (0+.875+0)/3, a2 (.25+.875+.375)/3 = .5, a3 (.5+.25+.375)/3, a4 (.75+0+.75)/3 = .5, a5 (1+.5+1)/3
    check_values(r.index, {0.875 / 3, 0.5, 0.375, 0.5, 2.5 / 3});
    check_ranks(r, {5, 2, 4, 2, 1});
    CHECK(r.decile[1].value() == 4);  // ceil(10 x 2 / 5)
    CHECK(r.decile[2].value() == 8);  // ceil(10 x 4 / 5)
}

TEST_CASE("composite: flags above and below a threshold on a chosen scale", "[composite]") {
    auto spec = spec_of(Scaling::flag, Combine::sum);
    for (auto& ind : spec.indicators) ind.threshold = 0.7;
    // percentile > .7: A a4, a5; B a1, a2; C a4, a5 -> sums (1, 1, 0, 2, 2)
    auto r = composite_index(hand_input(), spec);
    check_values(r.index, {1, 1, 0, 2, 2});
    check_ranks(r, {3, 3, 5, 1, 1});  // 1224: two share 1, the next two share 3
    spec.indicators[0].flag_above = false;
    spec.indicators[0].threshold = 0.3;  // A percentile < .3: a1 (0), a2 (.25)
    check_values(composite_index(hand_input(), spec).scaled[0], {1, 1, 0, 0, 0});
    spec.indicators[0].flag_above = true;
    spec.indicators[0].threshold_scale = Scaling::raw;
    spec.indicators[0].threshold = 3;  // A raw > 3: a4, a5
    check_values(composite_index(hand_input(), spec).scaled[0], {0, 0, 0, 1, 1});
    spec.indicators[0].threshold_scale = Scaling::flag;
    CHECK_THROWS_AS(composite_index(hand_input(), spec), ConfigError);
}

TEST_CASE("composite: sumFlagsPercentile ties broken by the mean min-max value, full ties shared", "[composite]") {
    auto spec = composite_preset("sumFlagsPercentile", {"A", "B", "C"});
    for (auto& ind : spec.indicators) ind.threshold = 0.7;
    // sums (1, 1, 0, 2, 2) as above; tie-break = mean min-max: a1 1/3, a2 (1/9+1.25)/3, a3 .224, a4 (1/3+.75)/3, a5 .8
    auto r = composite_index(hand_input(), spec);
    check_ranks(r, {4, 3, 5, 2, 1});
    CHECK(r.tie_break[0].value() == Approx(1.0 / 3));
    CHECK(r.tie_break[4].value() == Approx(0.8));

    // Equal in both: they share the rank (1224); the area id orders them in the top list only.
    CompositeInput twins{{"b", "a", "c"}, {"A", "B"}, {Column{1, 1, 0}, Column{2, 2, 0}}};
    r = composite_index(twins, composite_preset("sumFlagsPercentile", {"A", "B"}));
    check_values(r.index, {0, 0, 0});  // percentiles (.75, .75, 0): nothing above .9
    check_ranks(r, {1, 1, 3});
    CHECK(r.top == std::vector<std::size_t>{1, 0, 2});
}

TEST_CASE("composite: the geometric mean, its zeros and its refusals", "[composite]") {
    const auto r = composite_index(hand_input(), spec_of(Scaling::minmax, Combine::geomean));
    // a1 has A = 0 and a4 has B = 0: index 0. a2 (1/9 x 1 x .25)^(1/3), a3 (2/9 x .2 x .25)^(1/3), a5 (1 x .4 x 1)^(1/3)
    check_values(r.index, {0, std::cbrt(0.25 / 9), std::cbrt(0.05 * 2 / 9), 0, std::cbrt(0.4)});
    check_ranks(r, {4, 2, 3, 4, 1});
    // weights (2, 1, 1): exp((2 ln A + ln B + ln C)/4) = (A^2 B C)^(1/4)
    const auto w = composite_index(hand_input(), spec_of(Scaling::percentile, Combine::geomean, {2, 1, 1}));
    check_values(w.index, {0, std::pow(0.25 * 0.25 * 0.875 * 0.375, 0.25), std::pow(0.25 * 0.25 * 0.375, 0.25), 0,
                           std::pow(0.5, 0.25)});

    CHECK_THROWS_AS(composite_index(hand_input(), spec_of(Scaling::zscore, Combine::geomean)), ConfigError);
    auto negative = hand_input();
    negative.values[0][2] = -1;  // raw -1 in A for a3
    CHECK_THROWS_WITH(composite_index(negative, spec_of(Scaling::raw, Combine::geomean)),
                      Catch::Contains("'A'") && Catch::Contains("'a3'") && Catch::Contains("negative"));
    CHECK_NOTHROW(composite_index(negative, spec_of(Scaling::raw, Combine::mean)));
}

TEST_CASE("composite: a fixed min-max range keeps and reports values outside it", "[composite]") {
    auto spec = spec_of(Scaling::minmax, Combine::mean);
    spec.indicators[0].range = std::make_pair(2.0, 6.0);  // A: (x - 2)/4 = (-.25, 0, .25, .5, 2)
    auto r = composite_index(hand_input(), spec);
    check_values(r.scaled[0], {-0.25, 0, 0.25, 0.5, 2});
    bool noted = false;
    for (const auto& n : r.notes) noted = noted || n.find("2 values outside the fixed min-max range") != std::string::npos;
    CHECK(noted);
    spec.indicators[0].reverse = true;  // 1 - s = (hi + lo - x - lo)/(hi - lo)
    check_values(composite_index(hand_input(), spec).scaled[0], {1.25, 1, 0.75, 0.5, -1});
    spec.combine = Combine::geomean;
    CHECK_THROWS_AS(composite_index(hand_input(), spec), InputError);  // -1 for a5
}

TEST_CASE("composite: missing values dropped, given the mean or zero, and listed", "[composite]") {
    auto input = hand_input();
    input.values[1][1] = std::nullopt;  // B missing for a2
    auto spec = spec_of(Scaling::minmax, Combine::mean);

    auto r = composite_index(input, spec);  // drop: min-max over a1, a3, a4, a5
    CHECK(r.dropped == std::vector<std::string>{"a2"});
    CHECK(r.kept == std::vector<std::uint8_t>{1, 0, 1, 1, 1});
    CHECK_FALSE(r.index[1]);
    CHECK_FALSE(r.rank[1]);
    // A (1, 3, 4, 10) -> (0, 2/9, 1/3, 1); B (5, 1, 0, 2) -> (1, .2, 0, .4); C (.2, .4, .8, 1) -> (0, .25, .75, 1)
    CHECK(r.index[2].value() == Approx((2.0 / 9 + 0.45) / 3));
    CHECK(r.rank[4].value() == 1);
    CHECK(r.decile[2].value() == 10);  // rank 4 of 4

    spec.missing = MissingPolicy::mean;  // B for a2 = mean(5, 1, 0, 2) = 2 -> B (5, 2, 1, 0, 2)/5
    r = composite_index(input, spec);
    CHECK(r.dropped.empty());
    CHECK(r.imputed[1] == std::vector<std::string>{"a2"});
    check_values(r.scaled[1], {1, 0.4, 0.2, 0, 0.4});
    CHECK(r.top_contributors[1].size() == 3);

    spec.missing = MissingPolicy::zero;
    r = composite_index(input, spec);
    CHECK(r.imputed[1] == std::vector<std::string>{"a2"});
    check_values(r.scaled[1], {1, 0, 0.2, 0, 0.4});

    input.values[1] = Column(5, std::nullopt);
    CHECK_THROWS_AS(composite_index(input, spec), InputError);  // an indicator with no value at all
}

TEST_CASE("composite: bad input and specs are refused, naming what is wrong", "[composite]") {
    auto spec = spec_of(Scaling::minmax, Combine::mean);
    auto input = hand_input();
    input.values[2][3] = std::nan("");
    CHECK_THROWS_WITH(composite_index(input, spec), Catch::Contains("'C'") && Catch::Contains("'a4'"));
    input = hand_input();
    input.area_ids[1] = "a1";
    CHECK_THROWS_AS(composite_index(input, spec), InputError);
    input = hand_input();
    input.values[1] = Column{3, 3, 3, 3, 3};
    CHECK_THROWS_WITH(composite_index(input, spec), Catch::Contains("'B' is constant"));
    CHECK_THROWS_AS(composite_index(input, spec_of(Scaling::zscore, Combine::mean)), ConfigError);
    CHECK_NOTHROW(composite_index(input, spec_of(Scaling::percentile, Combine::mean)));  // all tied: .5

    auto weights = spec;
    weights.indicators[0].weight = 0;
    CHECK_THROWS_AS(composite_index(hand_input(), weights), ConfigError);
    auto names = spec;
    names.indicators[0].name = "X";
    CHECK_THROWS_AS(composite_index(hand_input(), names), ConfigError);
    auto few = hand_input();
    for (std::size_t a = 1; a < 5; ++a) few.values[0][a] = std::nullopt;
    CHECK_THROWS_AS(composite_index(few, spec), ConfigError);  // 1 area left after drop
    CHECK_THROWS_AS(composite_index(CompositeInput{}, CompositeSpec{}), ConfigError);
}

TEST_CASE("composite: the output's reverse, and the top N boundary", "[composite]") {
    auto spec = spec_of(Scaling::minmax, Combine::mean);
    spec.reverse_index = true;  // max + min - index: .8 + .2241 - index
    const auto r = composite_index(hand_input(), spec);
    const double lo = (2.0 / 9 + 0.45) / 3, hi = 0.8;
    CHECK(r.index[4].value() == Approx(lo));
    CHECK(r.index[2].value() == Approx(hi));
    check_ranks(r, {2, 4, 1, 3, 5});

    auto flags = spec_of(Scaling::flag, Combine::sum);
    for (auto& ind : flags.indicators) ind.threshold = 0.7;
    flags.top_n = 1;  // a4 and a5 tie at rank 1 (sum 2): a4 is first by id
    const auto t = composite_index(hand_input(), flags);
    CHECK(t.top == std::vector<std::size_t>{3});
    bool noted = false;
    for (const auto& n : t.notes) noted = noted || n.find("cross the boundary") != std::string::npos;
    CHECK(noted);
}

TEST_CASE("composite: leave-one-out ranks on the hand case", "[composite]") {
    // Full mean min-max ranks (4, 2, 5, 3, 1). Without A: (B + C)/2 = (.5, .625, .225, .375, .7) -> (3, 2, 5, 4, 1);
    // without B: (A + C)/2 = (0, .181, .236, .542, 1) -> (5, 4, 3, 2, 1); without C: (A + B)/2 =
    // (.5, .556, .211, .167, .7) -> (3, 2, 4, 5, 1).
    const auto r = composite_index(hand_input(), spec_of(Scaling::minmax, Combine::mean));
    const std::vector<std::uint32_t> min{3, 2, 3, 2, 1}, max{5, 4, 5, 5, 1};
    const std::vector<std::size_t> min_without{0, 0, 1, 1, 0}, max_without{1, 1, 0, 2, 0};
    for (std::size_t a = 0; a < 5; ++a) {
        INFO("area " << a + 1);
        CHECK(r.loo_rank_min[a].value() == min[a]);
        CHECK(r.loo_rank_max[a].value() == max[a]);
        CHECK(r.loo_min_without[a].value() == min_without[a]);
        CHECK(r.loo_max_without[a].value() == max_without[a]);
    }
}

TEST_CASE("composite: presets and names", "[composite]") {
    const auto p = composite_preset("meanPercentile", {"A", "B"});
    CHECK(p.combine == Combine::mean);
    CHECK(p.indicators.size() == 2);
    CHECK(p.indicators[1].scaling == Scaling::percentile);
    CHECK(composite_preset("geomeanRaw", {"A"}).indicators[0].scaling == Scaling::raw);
    CHECK(composite_preset("geomeanScaled", {"A"}).combine == Combine::geomean);
    const auto f = composite_preset("sumFlagsPercentile", {"A"});
    CHECK(f.combine == Combine::sum);
    CHECK(f.tie_break_mean_minmax);
    CHECK(f.indicators[0].scaling == Scaling::flag);
    CHECK(f.indicators[0].threshold_scale == Scaling::percentile);
    CHECK(f.indicators[0].threshold == 0.9);
    CHECK(f.indicators[0].flag_above);
    CHECK_FALSE(composite_preset("meanScaled", {"A"}).tie_break_mean_minmax);
    CHECK_THROWS_WITH(composite_preset("maxScaled", {"A"}), Catch::Contains("sumFlagsPercentile"));
    CHECK(parse_scaling("percentile") == Scaling::percentile);
    CHECK(std::string(to_string(Combine::geomean)) == "geomean");
    CHECK(parse_missing_policy("zero") == MissingPolicy::zero);
    CHECK_THROWS_AS(parse_combine("median"), ConfigError);
}

TEST_CASE("composite: warnings for near-duplicate indicators and degenerate flag thresholds", "[composite]") {
    // Spearman of the ranks by hand: A (1..5), C (1, 2.5, 2.5, 4, 5): 9.5 / sqrt(10 x 9.5) = 0.9747;
    // A-B -6.5/sqrt(95) = -0.667, B-C -5.25/sqrt(95) = -0.539: only A and C are near duplicates.
    auto r = composite_index(hand_input(), spec_of(Scaling::minmax, Combine::mean));
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("'A' and 'C'") != std::string::npos);
    CHECK(r.warnings[0].find("0.9747") != std::string::npos);
    // A flag whose threshold is below every value flags the minimum too: z of A = (1, 1, 1, 1, 10)
    // is -0.447 for the 1s (mean 2.8, sd sqrt(16.2)), above -1, so all 5 areas are flagged.
    CompositeInput in{{"a1", "a2", "a3", "a4", "a5"}, {"A", "B"}, {Column{1, 1, 1, 1, 10}, Column{5, 5, 1, 0, 2}}};
    auto spec = spec_of(Scaling::flag, Combine::sum, {1, 1});
    spec.indicators[0].threshold_scale = Scaling::zscore;
    spec.indicators[0].threshold = -1;
    r = composite_index(in, spec);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("'A'") != std::string::npos);
    CHECK(r.warnings[0].find("marks 5 of 5 areas, 4 of them with the indicator's lowest value 1") != std::string::npos);
    // Above the 90th percentile, A flags a5 only (the 1s share percentile .375); B none: no warning
    // (Spearman A-B is 0: A's tied ranks are uncorrelated with B's).
    spec.indicators[0].threshold_scale = Scaling::percentile;
    spec.indicators[0].threshold = 0.9;
    CHECK(composite_index(in, spec).warnings.empty());
}

TEST_CASE("composite: a near-duplicate rho short of 1 is never shown as 1, in the report or on the console", "[composite]") {
    // B is A with two neighbours swapped: Spearman rho = 1 - 6 x 2 / (n (n^2 - 1)). n = 29 gives
    // 1 - 12 / 24360 = 0.999507; n = 63 gives 1 - 12 / 249984 = 0.999952 (4 digits: "1.000").
    for (const auto& [n, shown] : std::vector<std::pair<std::size_t, std::string>>{{29, "0.9995"}, {63, "0.99995"}}) {
        CompositeInput in;
        Column a, b;
        for (std::size_t i = 0; i < n; ++i) {
            in.area_ids.push_back("a" + std::to_string(i));
            a.push_back(static_cast<double>(i));
            b.push_back(static_cast<double>(i == 0 ? 1 : i == 1 ? 0 : i));
        }
        in.indicator_names = {"A", "B"};
        in.values = {a, b};
        const auto r = composite_index(in, spec_of(Scaling::minmax, Combine::mean, {1, 1}));
        REQUIRE(r.warnings.size() == 1);
        INFO(r.warnings[0]);
        CHECK(r.warnings[0].find("rho " + shown + " over") != std::string::npos);
        CHECK(round_long_decimals(r.warnings[0]).find("rho " + shown + " over") != std::string::npos);  // print_warnings shows this
    }
}

