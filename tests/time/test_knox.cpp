// Knox test oracles: a hand case whose permutation p-values are enumerated here over all 4!
// date orders, the Chicago burglaries whose observed tables the Near Repeat Calculator 1.3 and a
// numpy brute force give (tests/data/nearrepeat/README.md), and a brute-force pair count.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/random.hpp"
#include "hotspot/time/knox.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

using namespace hotspot;

namespace {

struct Events {
    std::vector<double> x, y;
    std::vector<DayIndex> day;
};

// The oracle: every pair i < j, its band by a linear scan of the breaks (no tree, no shortcut).
std::vector<std::uint64_t> brute_force_table(const Events& e, const KnoxOptions& o) {
    const std::size_t sb = o.space_breaks_m.size(), tb = o.time_breaks_days.size();
    std::vector<std::uint64_t> table(sb * tb, 0);
    for (std::size_t i = 0; i < e.x.size(); ++i)
        for (std::size_t j = i + 1; j < e.x.size(); ++j) {
            const double dx = std::abs(e.x[i] - e.x[j]), dy = std::abs(e.y[i] - e.y[j]);
            const double d = o.distance == KnoxDistance::manhattan ? dx + dy : std::sqrt(dx * dx + dy * dy);
            const long dt = std::labs(static_cast<long>(e.day[i]) - static_cast<long>(e.day[j]));
            std::size_t s = 0, t = 0;
            while (s + 1 < sb && d >= o.space_breaks_m[s + 1]) ++s;
            while (t + 1 < tb && dt >= o.time_breaks_days[t + 1]) ++t;
            ++table[s * tb + t];
        }
    return table;
}

Events hand_case() {
    return {{0, 50, 0, 500}, {0, 0, 150, 500}, {0, 2, 10, 3}};
}

KnoxOptions hand_options() {
    KnoxOptions o;
    o.space_breaks_m = {0, 1, 100, 200};
    o.time_breaks_days = {0, 7, 14};
    return o;
}

Events chicago() {
    Events e;
    std::ifstream in(std::string(HOTSPOT_TEST_DATA) + "/nearrepeat/chicago_be_month1.csv");
    std::string line;
    std::string why;
    while (std::getline(in, line)) {
        const auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
        e.x.push_back(std::stod(line.substr(0, c1)));
        e.y.push_back(std::stod(line.substr(c1 + 1, c2 - c1 - 1)));
        e.day.push_back(parse_date_day(line.substr(c2 + 1), "YYYY-MM-DD", &why)->day);
    }
    return e;
}

KnoxOptions nrc_options(KnoxDistance d) {
    KnoxOptions o;  // the defaults are the NRC's bandwidths: 0,1,100,200,300 m and 0,7,14,21 days
    o.distance = d;
    return o;
}

using Table = std::vector<std::uint64_t>;

}  // namespace

TEST_CASE("knox hand case: observed table, pairs exactly on a break go to the band above", "[knox]") {
    const Events e = hand_case();
    const Table observed = knox_observed(e.x, e.y, e.day, hand_options());
    // rows same, [1,100), [100,200), >=200; columns [0,7), [7,14), >=14. Pair 2-3 is 200 m apart,
    // pair 3-4 7 days apart.
    CHECK(observed == Table{0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 2, 0});
    CHECK(observed == brute_force_table(e, hand_options()));
}

TEST_CASE("knox hand case: Monte Carlo means and p-values converge to the exact permutation values", "[knox]") {
    const Events e = hand_case();
    const KnoxOptions o = hand_options();
    const Table observed = brute_force_table(e, o);
    // Exact: all 24 assignments of the four dates to the four events.
    std::vector<std::size_t> order{0, 1, 2, 3};
    std::vector<double> sum(observed.size(), 0.0), at_least(observed.size(), 0.0);
    int permutations = 0;
    do {
        Events p = e;
        for (std::size_t i = 0; i < 4; ++i) p.day[i] = e.day[order[i]];
        const Table t = brute_force_table(p, o);
        for (std::size_t c = 0; c < t.size(); ++c) sum[c] += static_cast<double>(t[c]), at_least[c] += t[c] >= observed[c] ? 1 : 0;
        ++permutations;
    } while (std::next_permutation(order.begin(), order.end()));
    REQUIRE(permutations == 24);
    const std::size_t near_recent = 1 * 3 + 0, mid_week2 = 2 * 3 + 1, far_recent = 3 * 3 + 0;
    CHECK(sum[near_recent] / 24 == 0.5);
    CHECK(sum[mid_week2] / 24 == 0.5);
    CHECK(sum[far_recent] / 24 == 2.0);
    CHECK((1 + at_least[near_recent]) / 25 == Approx(0.52));  // the plan's figures, identity included
    CHECK((1 + at_least[mid_week2]) / 25 == Approx(0.52));
    CHECK((1 + at_least[far_recent]) / 25 == Approx(0.76));

    KnoxOptions mc = o;
    mc.simulations = 20000;
    mc.seed = 831;
    const KnoxTable k = knox_test(e.x, e.y, e.day, mc);
    CHECK(k.observed == observed);
    for (std::size_t c = 0; c < observed.size(); ++c) {
        INFO("cell " << c);
        CHECK(k.mean_expected[c] == Approx(sum[c] / 24).margin(0.03));  // sd of a mean of 20000 draws < 0.01
        CHECK(k.p_value[c] == Approx(at_least[c] / 24).margin(0.015));
        CHECK(std::fmod(k.p_value[c] * 20001, 1.0) == Approx(0).margin(1e-6));
    }
    CHECK(k.ratio[near_recent] == Approx(1.0 / k.mean_expected[near_recent]));
    CHECK(std::isnan(k.ratio[0]));  // no same-place pair: the mean is 0, the ratio undefined
}

TEST_CASE("knox Chicago burglaries: the observed tables equal the NRC's and a numpy brute force", "[knox]") {
    const Events e = chicago();
    REQUIRE(e.x.size() == 970);
    // Manhattan, NRC bandwidths: the Near Repeat Calculator 1.3's "Observed frequencies distribution".
    CHECK(knox_observed(e.x, e.y, e.day, nrc_options(KnoxDistance::manhattan)) ==
          Table{28, 5, 5, 2, 44, 13, 8, 4, 97, 56, 19, 16, 77, 67, 45, 20, 182194, 146149, 95237, 45879});
    CHECK(knox_observed(e.x, e.y, e.day, nrc_options(KnoxDistance::euclidean)) ==
          Table{28, 5, 5, 2, 54, 22, 10, 8, 110, 63, 31, 17, 132, 109, 71, 31, 182116, 146091, 95197, 45863});
    KnoxOptions plus_one = nrc_options(KnoxDistance::manhattan);  // the breaks NRC's labels name
    plus_one.space_breaks_m = {0, 1, 101, 201, 301};
    plus_one.time_breaks_days = {0, 8, 15, 22};
    CHECK(knox_observed(e.x, e.y, e.day, plus_one) ==
          Table{29, 4, 5, 2, 45, 15, 7, 2, 106, 48, 21, 13, 88, 64, 46, 15, 206611, 138108, 88321, 36415});
}

TEST_CASE("knox Chicago: p-values are k/(R+1), the same seed gives the same table, every pair is counted", "[knox]") {
    const Events e = chicago();
    KnoxOptions o = nrc_options(KnoxDistance::manhattan);
    o.simulations = 99;
    o.seed = 7;
    const KnoxTable a = knox_test(e.x, e.y, e.day, o);
    const KnoxTable b = knox_test(e.x, e.y, e.day, o);
    CHECK(a.pairs == 469965);
    CHECK(std::accumulate(a.observed.begin(), a.observed.end(), std::uint64_t{0}) == 469965);
    CHECK(a.near_pairs == 28 + 5 + 5 + 2 + 44 + 13 + 8 + 4 + 97 + 56 + 19 + 16 + 77 + 67 + 45 + 20);
    CHECK(a.p_value == b.p_value);
    CHECK(a.mean_expected == b.mean_expected);
    o.threads = 3;  // each simulation has its own stream: the same table on any number of threads
    const KnoxTable c = knox_test(e.x, e.y, e.day, o);
    CHECK(c.p_value == a.p_value);
    CHECK(c.median_expected == a.median_expected);
    o.threads = 1;
    for (std::size_t c = 0; c < a.p_value.size(); ++c) {
        const double k = a.p_value[c] * 100;
        CHECK(k == Approx(std::round(k)).margin(1e-9));
        CHECK(k >= 1);
        CHECK(k <= 100);
    }
    // Column totals do not depend on the permutation: every simulated table keeps them, so the
    // expected counts of a column add up to its observed total.
    for (std::size_t t = 0; t < a.time_bands; ++t) {
        double expected = 0, observed = 0;
        for (std::size_t s = 0; s < a.space_bands; ++s) expected += a.mean_expected[a.cell(s, t)], observed += static_cast<double>(a.observed[a.cell(s, t)]);
        CHECK(expected == Approx(observed).epsilon(1e-12));
    }
    CHECK(a.ratio[a.cell(0, 0)] > 1.3);  // same place, same week: the near-repeat signal NRC reports (1.65 with R = 19)
    CHECK(a.p_value[a.cell(0, 0)] <= 0.05);
    o.seed = 8;
    CHECK(knox_test(e.x, e.y, e.day, o).mean_expected != a.mean_expected);
}

TEST_CASE("knox Chicago: the mean expected counts approach row total x column total / pairs", "[knox]") {
    // Under a random permutation of the dates, each pair's two dates are a random pair of the
    // dates, so a cell expects (pairs in its distance band) x (pairs in its time band) / all pairs.
    const Events e = chicago();
    KnoxOptions o = nrc_options(KnoxDistance::euclidean);
    o.simulations = 999;
    o.seed = 12;
    const KnoxTable k = knox_test(e.x, e.y, e.day, o);
    std::vector<double> row(k.space_bands, 0), column(k.time_bands, 0);
    for (std::size_t s = 0; s < k.space_bands; ++s)
        for (std::size_t t = 0; t < k.time_bands; ++t)
            row[s] += static_cast<double>(k.observed[k.cell(s, t)]), column[t] += static_cast<double>(k.observed[k.cell(s, t)]);
    for (std::size_t s = 0; s < k.space_bands; ++s)
        for (std::size_t t = 0; t < k.time_bands; ++t) {
            const double exact = row[s] * column[t] / static_cast<double>(k.pairs);
            // 5 standard errors of a mean of 999 draws whose variance is at most that of a
            // Poisson count of the near pairs in the column (the last row is the column minus them)
            const double near = s + 1 < k.space_bands ? exact : column[t] - exact;
            INFO("cell " << s << "," << t << " exact " << exact);
            CHECK(k.mean_expected[k.cell(s, t)] == Approx(exact).margin(5 * std::sqrt(std::max(1.0, std::min(near, 600.0)) / 999)));
        }
}

TEST_CASE("knox refuses more near pairs than it may hold, naming the last break", "[knox]") {
    const Events e = chicago();
    KnoxOptions o = nrc_options(KnoxDistance::manhattan);
    o.max_near_pairs = 100;  // 506 pairs are closer than 300 m
    CHECK_THROWS_WITH(knox_observed(e.x, e.y, e.day, o), Catch::Contains("more than 100 pairs of incidents are closer than 300 m"));
    o.max_near_pairs = 506;
    CHECK_NOTHROW(knox_observed(e.x, e.y, e.day, o));
}

TEST_CASE("knox: the k-d tree path counts what brute force counts on random points", "[knox]") {
    SplitMix64 rng(20261130);
    Events e;
    for (int i = 0; i < 600; ++i) {
        // clustered and coincident points, so that every band and the breaks themselves are hit
        const double cx = static_cast<double>(rng.below(5)) * 400, cy = static_cast<double>(rng.below(5)) * 400;
        e.x.push_back(cx + static_cast<double>(rng.below(300)));
        e.y.push_back(cy + static_cast<double>(rng.below(300)));
        e.day.push_back(19000 + static_cast<DayIndex>(rng.below(60)));
    }
    for (const KnoxDistance d : {KnoxDistance::manhattan, KnoxDistance::euclidean}) {
        KnoxOptions o;
        o.distance = d;
        o.space_breaks_m = {0, 1, 50, 100, 250.5, 400};
        o.time_breaks_days = {0, 1, 7, 30};
        CHECK(knox_observed(e.x, e.y, e.day, o) == brute_force_table(e, o));
        o.space_breaks_m = {0};  // one band: every pair
        o.time_breaks_days = {0};
        CHECK(knox_observed(e.x, e.y, e.day, o) == Table{600 * 599 / 2});
    }
}

TEST_CASE("knox refuses breaks that leave pairs out and events without a day", "[knox]") {
    const Events e = hand_case();
    KnoxOptions o = hand_options();
    o.space_breaks_m = {1, 100};
    CHECK_THROWS_WITH(knox_observed(e.x, e.y, e.day, o), Catch::Contains("--space-breaks '1,100': the first break must be 0"));
    o = hand_options();
    o.time_breaks_days = {0, 7, 7};
    CHECK_THROWS_WITH(knox_observed(e.x, e.y, e.day, o), Catch::Contains("--time-breaks '0,7,7': the breaks must increase"));
    Events month_only = e;
    month_only.day[2] = unknown_day;
    CHECK_THROWS_AS(knox_observed(month_only.x, month_only.y, month_only.day, hand_options()), ConfigError);
}

TEST_CASE("knox labels: interval notation beside the Near Repeat Calculator's", "[knox]") {
    const KnoxOptions o;
    CHECK(knox_space_label(o, 0) == "[0,1) m");
    CHECK(knox_space_label(o, 1) == "[1,100) m");
    CHECK(knox_space_label(o, 4) == "[300,∞) m");
    CHECK(knox_time_label(o, 0) == "[0,7) days");
    CHECK(knox_time_label(o, 3) == "[21,∞) days");
    // NRC 1.3's labels for the same cells (its verbose output for chicago_be_month1)
    CHECK(knox_space_label_nrc(o, 0) == "Same location");
    CHECK(knox_space_label_nrc(o, 1) == "1 to 100");
    CHECK(knox_space_label_nrc(o, 2) == "101 to 200");
    CHECK(knox_space_label_nrc(o, 4) == "More than 300");
    CHECK(knox_time_label_nrc(o, 0) == "0 to 7");
    CHECK(knox_time_label_nrc(o, 1) == "8 to 14");
    CHECK(knox_time_label_nrc(o, 3) == "More than 21");
}
