// Rolling-origin back-test (decide/backtest) against brute force on a small planted grid: every
// origin's scores recomputed by enumeration from the fit window only (sums, the quartic kernel
// over every point and cell, Gi* from its textbook formula), the flagged cells found by counting
// the cells ranked above each one (no sorting), n summed over them; the summaries recomputed from
// those; the ptools vectors through the back-test path; and the refusals.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/backtest.hpp"
#include "hotspot/decide/composite_index.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace hotspot;

namespace {

constexpr std::size_t nx = 7, ny = 6, months = 10;
constexpr double cell = 100;

// A grid with a planted persistent hotspot, a moving one and Poisson noise; points jittered in cells.
BacktestData planted_grid() {
    BacktestData d;
    d.cell_m = cell;
    for (std::size_t r = 0; r < ny; ++r)
        for (std::size_t c = 0; c < nx; ++c) {
            d.x.push_back(500 + (static_cast<double>(c) + 0.5) * cell);
            d.y.push_back(900 - (static_cast<double>(r) + 0.5) * cell);
            d.area.push_back(cell * cell);
        }
    const std::size_t cells = d.x.size();
    std::mt19937 rng(12);
    std::uniform_real_distribution<double> u(0, 1);
    d.counts.assign(months, std::vector<double>(cells, 0.0));
    for (std::size_t m = 0; m < months; ++m)
        for (std::size_t c = 0; c < cells; ++c) {
            double rate = 0.6;
            if (c == 9 || c == 10 || c == 16) rate = 5;
            if (c == (m * 3) % cells) rate = 8;
            std::poisson_distribution<int> pois(rate);
            const int n = pois(rng);
            for (int i = 0; i < n; ++i) {
                d.px.push_back(d.x[c] + (u(rng) - 0.5) * cell);
                d.py.push_back(d.y[c] + (u(rng) - 0.5) * cell);
                d.pw.push_back(1.0);
                d.pmonth.push_back(static_cast<std::uint32_t>(m));
                d.counts[m][c] += 1;
            }
        }
    // Points outside every cell still feed the kernel (not the counts).
    d.px.push_back(480), d.py.push_back(850), d.pw.push_back(2.0), d.pmonth.push_back(4);
    return d;
}

double brute_gistar(const BacktestData& d, const std::vector<double>& x, std::size_t i, double band) {
    const double n = static_cast<double>(x.size());
    double mean = 0, sq = 0;
    for (double v : x) mean += v / n;
    for (double v : x) sq += v * v / n;
    const double s = std::sqrt(sq - mean * mean);
    double wx = 0, w = 0;
    for (std::size_t j = 0; j < x.size(); ++j)
        if (std::hypot(d.x[i] - d.x[j], d.y[i] - d.y[j]) <= band) wx += x[j], w += 1;
    if (w == 1 || w == n) return 0;
    const double z = (wx - mean * w) / (s * std::sqrt((n * w - w * w) / (n - 1)));
    return z > 0 ? z : 0;
}

std::vector<double> brute_scores(const BacktestData& d, const BacktestMethod& m, std::size_t k, std::size_t t) {
    const std::size_t cells = d.x.size();
    std::vector<double> s(cells, 0.0), fit(cells, 0.0);
    for (std::size_t c = 0; c < cells; ++c)
        for (std::size_t mo = t - k; mo < t; ++mo) fit[c] += d.counts[mo][c];
    for (std::size_t c = 0; c < cells; ++c) {
        if (m.kind == BacktestMethodKind::previous)
            for (std::size_t mo = t - static_cast<std::size_t>(m.parameter); mo < t; ++mo) s[c] += d.counts[mo][c];
        if (m.kind == BacktestMethodKind::kde)
            for (std::size_t p = 0; p < d.px.size(); ++p) {
                const double dist = std::hypot(d.px[p] - d.x[c], d.py[p] - d.y[c]);
                if (d.pmonth[p] >= t - k && d.pmonth[p] < t && dist <= m.parameter)
                    s[c] += d.pw[p] * std::pow(1 - std::pow(dist / m.parameter, 2), 2);
            }
        if (m.kind == BacktestMethodKind::gistar) s[c] = brute_gistar(d, fit, c, m.parameter);
    }
    return s;
}

// n by enumeration: a cell is flagged when its score is > 0 and fewer than k cells rank above it
// (higher score, or equal score and a smaller index: the cell-order tie rule).
double brute_hits(const std::vector<double>& score, const std::vector<double>& observed, std::size_t k, std::size_t& flagged) {
    double n = 0;
    flagged = 0;
    for (std::size_t i = 0; i < score.size(); ++i) {
        if (score[i] <= 0) continue;
        std::size_t above = 0;
        for (std::size_t j = 0; j < score.size(); ++j)
            if (score[j] > score[i] * (1 + 1e-12) || (std::abs(score[j] - score[i]) <= 1e-12 * score[i] && j < i)) ++above;
        if (above < k) n += observed[i], ++flagged;
    }
    return n;
}

}  // namespace

TEST_CASE("back-test: every origin's k and n equal brute force on a planted grid", "[backtest]") {
    const BacktestData d = planted_grid();
    BacktestOptions o;
    o.methods = parse_backtest_methods("prev:3,prev:1,kde:150,kde:260,gistar:150");
    o.fit_months = 3;
    o.first_test = 3;
    o.last_test = months - 1;
    o.shares = {0.05, 0.2, 0.6};
    const BacktestResult r = run_backtest(d, o);
    const std::size_t tests = months - 3;
    REQUIRE(r.origins.size() == o.methods.size() * o.shares.size() * tests);
    std::size_t checked_gistar_flags = 0;
    for (const BacktestOrigin& bo : r.origins) {
        INFO(o.methods[bo.method].name << " share " << o.shares[bo.share] << " test month " << bo.test_month);
        const std::vector<double> s = brute_scores(d, o.methods[bo.method], 3, bo.test_month);
        const std::size_t k = static_cast<std::size_t>(std::floor(static_cast<double>(s.size()) * o.shares[bo.share]));
        std::size_t flagged = 0;
        const double n = brute_hits(s, d.counts[bo.test_month], k, flagged);
        CHECK(bo.accuracy.k_requested == k);
        CHECK(bo.accuracy.k == flagged);
        CHECK(bo.accuracy.hits == Approx(n).margin(1e-9));
        double total = 0;
        for (double v : d.counts[bo.test_month]) total += v;
        CHECK(bo.accuracy.incidents == total);
        if (flagged > 0) CHECK(*bo.accuracy.pai == Approx((n / total) / (static_cast<double>(flagged) / static_cast<double>(s.size()))));
        if (o.methods[bo.method].kind == BacktestMethodKind::gistar && flagged < k) ++checked_gistar_flags;
    }
    // The summaries from the origins: mean and median PAI, the origins each method won, the verdict.
    const auto pai_of = [&](std::size_t mi, std::size_t si, std::size_t ti) {
        const BacktestOrigin& bo = r.origins[(mi * o.shares.size() + si) * tests + ti];
        REQUIRE(bo.method == mi);
        REQUIRE(bo.share == si);
        REQUIRE(bo.test_month == 3 + ti);
        return bo.accuracy.pai.value_or(-1.0);
    };
    for (const BacktestSummary& s : r.summaries) {
        std::vector<double> pai;
        std::size_t won = 0;
        for (std::size_t ti = 0; ti < tests; ++ti) {
            pai.push_back(pai_of(s.method, s.share, ti));
            bool beats_all = true;
            for (std::size_t other = 0; other < o.methods.size(); ++other)
                if (other != s.method && !(pai.back() > pai_of(other, s.share, ti))) beats_all = false;
            won += beats_all;
        }
        std::sort(pai.begin(), pai.end());  // 7 origins: the median is the 4th
        double mean = 0;
        for (double v : pai) mean += v / static_cast<double>(tests);
        CHECK(s.pai.origins == tests);
        CHECK(s.pai.mean == Approx(mean));
        CHECK(s.pai.median == pai[3]);
        CHECK(s.origins_won == won);
    }
    for (const BacktestVerdict& v : r.verdicts) {
        std::vector<std::pair<double, std::size_t>> means;
        for (const BacktestSummary& s : r.summaries)
            if (s.share == v.share) means.push_back({s.pai.mean, s.method});
        std::sort(means.rbegin(), means.rend());
        CHECK(*v.best == means[0].second);
        CHECK(*v.runner_up == means[1].second);
        CHECK(v.margin_pai == Approx(means[0].first - means[1].first));
        std::size_t beat = 0;
        for (std::size_t ti = 0; ti < tests; ++ti) beat += pai_of(*v.best, v.share, ti) > pai_of(*v.runner_up, v.share, ti);
        CHECK(v.best_beat_runner_up == beat);
        CHECK(v.best_beat_runner_up + v.runner_up_beat_best + v.paired_ties == tests);
    }
    CHECK(checked_gistar_flags > 0);  // some origins flag fewer cells than k: z <= 0 is never flagged
}

TEST_CASE("back-test by quarter: each 3-month test period's n equals brute force", "[backtest]") {
    const BacktestData d = planted_grid();
    BacktestOptions o;
    o.methods = parse_backtest_methods("prev:3,kde:150,gistar:150");
    o.fit_months = 3;
    o.first_test = 3;
    o.last_test = 8;  // two quarters: months 3-5 and 6-8
    o.test_length = 3;
    o.shares = {0.1, 0.3};
    const BacktestResult r = run_backtest(d, o);
    REQUIRE(r.origins.size() == o.methods.size() * o.shares.size() * 2);
    for (const BacktestOrigin& bo : r.origins) {
        INFO(o.methods[bo.method].name << " share " << o.shares[bo.share] << " quarter from month " << bo.test_month);
        CHECK((bo.test_month == 3 || bo.test_month == 6));
        const std::vector<double> s = brute_scores(d, o.methods[bo.method], 3, bo.test_month);  // from the 3 months before
        std::vector<double> quarter(s.size(), 0.0);
        for (std::size_t m = bo.test_month; m < bo.test_month + 3; ++m)
            for (std::size_t c = 0; c < s.size(); ++c) quarter[c] += d.counts[m][c];
        const std::size_t k = static_cast<std::size_t>(std::floor(static_cast<double>(s.size()) * o.shares[bo.share]));
        std::size_t flagged = 0;
        const double n = brute_hits(s, quarter, k, flagged);
        CHECK(bo.accuracy.k == flagged);
        CHECK(bo.accuracy.hits == Approx(n).margin(1e-9));
        double total = 0;
        for (double v : quarter) total += v;
        CHECK(bo.accuracy.incidents == total);
    }
    o.last_test = 7;  // 5 months: not whole quarters
    CHECK_THROWS_AS(run_backtest(d, o), ConfigError);
}

TEST_CASE("back-test: the kernel's grid path equals the sum over every point and cell", "[backtest]") {
    BacktestData d = planted_grid();
    for (double h : {50.0, 150.0, 260.0, 1000.0}) {
        const auto grid = monthly_quartic_surfaces(d, h, cell);
        const auto brute = monthly_quartic_surfaces(d, h, 0);
        for (std::size_t m = 0; m < months; ++m)
            for (std::size_t c = 0; c < d.x.size(); ++c) CHECK(grid[m][c] == Approx(brute[m][c]).margin(1e-12));
    }
    d.x[3] += 1;  // off the lattice
    CHECK_THROWS_AS(monthly_quartic_surfaces(d, 150, cell), InputError);
}

TEST_CASE("back-test: the ptools vectors through the back-test path (fit = previous month)", "[backtest]") {
    SECTION("issue vector: PAI 2, 1.5, 1; PEI 1, 1, 1") {
        BacktestData d;
        d.counts = {{3, 2, 1}, {6, 3, 0}};
        d.area = {1, 1, 1}, d.x = {0, 1, 2}, d.y = {0, 0, 0};
        BacktestOptions o;
        o.methods = parse_backtest_methods("prev:1");
        o.fit_months = 1, o.first_test = 1, o.last_test = 1, o.shares = {0.34, 0.67, 1.0};
        const BacktestResult r = run_backtest(d, o);
        const double pai[] = {2, 1.5, 1}, hit[] = {2.0 / 3, 1, 1};
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(*r.origins[i].accuracy.pai == Approx(pai[i]));
            CHECK(*r.origins[i].accuracy.pei == Approx(1));
            CHECK(*r.origins[i].accuracy.hit_rate == Approx(hit[i]));
        }
    }
    SECTION("ptools docstring data, ptools' tie order (pessimistic)") {
        BacktestData d;
        d.counts = {{8, 4, 4, 2, 1, 0}, {6, 7, 3, 2, 1, 0}};
        d.area.assign(6, 1), d.x = {0, 1, 2, 3, 4, 5}, d.y.assign(6, 0);
        BacktestOptions o;
        o.methods = parse_backtest_methods("prev:1");
        o.fit_months = 1, o.first_test = 1, o.last_test = 1, o.ties = TieOrder::pessimistic;
        o.shares.clear();
        for (int k = 1; k <= 5; ++k) o.shares.push_back((k + 0.5) / 6);
        const BacktestResult r = run_backtest(d, o);
        const double pai[] = {1.894737, 1.421053, 1.684211, 1.421053, 1.2}, pei[] = {0.857143, 0.692308, 1, 1, 1};
        for (std::size_t i = 0; i < 5; ++i) {
            CHECK(*r.origins[i].accuracy.pai == Approx(pai[i]).epsilon(1e-6));
            CHECK(*r.origins[i].accuracy.pei == Approx(pei[i]).epsilon(1e-6));
        }
    }
}

namespace {

// The planted grid's incidents split into three sources by a fixed rule (every cell's counts
// shared unevenly, and one source only in the north rows), so their sums differ in shape.
void split_sources(BacktestData& d) {
    d.source_names = {"police", "council", "flytipping"};
    d.source_counts.assign(3, std::vector<std::vector<double>>(months, std::vector<double>(d.x.size(), 0.0)));
    for (std::size_t m = 0; m < months; ++m)
        for (std::size_t c = 0; c < d.x.size(); ++c) {
            const double v = d.counts[m][c];
            const double third = c < 2 * nx ? std::floor(v / 3) : 0;  // fly-tipping: the two north rows only
            const double second = std::floor((v - third) * ((c % 4) / 4.0));
            d.source_counts[2][m][c] = third, d.source_counts[1][m][c] = second, d.source_counts[0][m][c] = v - third - second;
        }
}

}  // namespace

TEST_CASE("back-test composite:K: each origin's scores equal ArcGIS meanScaled (range from 0) of the sources' window sums", "[backtest]") {
    BacktestData d = planted_grid();
    split_sources(d);
    BacktestOptions o;
    o.methods = parse_backtest_methods("composite:2,prev:2");
    o.fit_months = 3, o.first_test = 3, o.last_test = months - 1, o.shares = {0.1, 0.3};
    const BacktestResult r = run_backtest(d, o);
    const std::size_t cells = d.x.size();
    std::size_t checked = 0;
    for (const BacktestOrigin& bo : r.origins) {
        if (bo.method != 0) continue;
        // The oracle: decide/composite_index (tested against ArcGIS's formulas) on the cells as areas,
        // one indicator per source, min-max over [0, the source's busiest cell], mean with equal weights.
        CompositeInput in;
        CompositeSpec spec = composite_preset("meanScaled", d.source_names);
        for (std::size_t c = 0; c < cells; ++c) in.area_ids.push_back("c" + std::to_string(c));
        for (std::size_t s = 0; s < 3; ++s) {
            in.indicator_names.push_back(d.source_names[s]);
            std::vector<std::optional<double>> v(cells, 0.0);
            for (std::size_t c = 0; c < cells; ++c)
                for (std::size_t mo = bo.test_month - 2; mo < bo.test_month; ++mo) *v[c] += d.source_counts[s][mo][c];
            double top = 0;
            for (const auto& x : v) top = std::max(top, *x);
            REQUIRE(top > 0);
            spec.indicators[s].range = std::make_pair(0.0, top);
            in.values.push_back(v);
        }
        const CompositeResult oracle = composite_index(in, spec);
        const std::vector<double> got = backtest_scores(d, o.methods[0], 3, bo.test_month, {});
        for (std::size_t c = 0; c < cells; ++c) CHECK(got[c] == Approx(*oracle.index[c]).margin(1e-12));
        const std::size_t k = static_cast<std::size_t>(std::floor(static_cast<double>(cells) * o.shares[bo.share]));
        std::size_t flagged = 0;
        CHECK(bo.accuracy.hits == Approx(brute_hits(got, d.counts[bo.test_month], k, flagged)).margin(1e-9));
        CHECK(bo.accuracy.k == flagged);
        ++checked;
    }
    CHECK(checked == 2 * (months - 3));
    // One source is refused, naming it; a look-back beyond the fit window too.
    d.source_counts.resize(1), d.source_names.resize(1);
    CHECK_THROWS_WITH(run_backtest(d, o), Catch::Contains("'composite:2'") && Catch::Contains("1 source(s) (police)"));
    CHECK_THROWS_AS(parse_backtest_methods("composite:1.5"), ConfigError);
}

TEST_CASE("back-test refuses unknown methods, short fit windows and look-backs beyond the fit window", "[backtest]") {
    for (const char* bad : {"prev", "prev:0", "prev:1.5", "kde:-5", "knn:3", "gistar:x", ""})
        CHECK_THROWS_AS(parse_backtest_methods(bad), ConfigError);
    CHECK_THROWS_WITH(parse_backtest_method("knn:3"), Catch::Contains("'knn:3'") && Catch::Contains("unknown method"));
    CHECK_THROWS_AS(parse_backtest_methods("prev:1,prev:1"), ConfigError);
    const BacktestData d = planted_grid();
    BacktestOptions o;
    o.methods = parse_backtest_methods("prev:3");
    o.fit_months = 3, o.first_test = 2, o.last_test = 5;
    CHECK_THROWS_WITH(run_backtest(d, o), Catch::Contains("fewer than the 3 fit months"));
    o.first_test = 3, o.methods = parse_backtest_methods("prev:4");
    CHECK_THROWS_WITH(run_backtest(d, o), Catch::Contains("further than the 3 fit months"));
    o.methods = parse_backtest_methods("prev:3"), o.last_test = months;
    CHECK_THROWS_AS(run_backtest(d, o), ConfigError);
}
