// Predictive accuracy (decide/hotspot_accuracy) against hand-worked vectors: the and
// R ptools::pai's docstring data (figures from /tmp/i12/pai_oracle.py, a numpy recomputation of
// ptools' formulas; ptools itself is not installed here), unequal cells, ties and zero scores;
// then brute force on the embedded city: every k, flagged cells found by counting the cells
// ranked above each one (no sorting) and n*(a) by LP duality instead of the greedy knapsack.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/hotspot_accuracy.hpp"

#include "../city_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

using namespace hotspot;

namespace {

const std::vector<double> unit3 = {1, 1, 1}, unit6 = {1, 1, 1, 1, 1, 1};

AccuracyCells cells(const std::vector<double>& score, const std::vector<double>& observed, const std::vector<double>& area,
                    const std::vector<double>& fitted = {}) {
    return AccuracyCells{score, observed, fitted, area};
}

}  // namespace

TEST_CASE("the issue's ptools vector: PAI 2, 1.5, 1 and PEI 1, 1, 1", "[accuracy]") {
    const std::vector<double> obs = {6, 3, 0}, pred = {3, 2, 1};
    const double pai[] = {2, 1.5, 1}, hit[] = {6.0 / 9, 1, 1}, rri_ptools[] = {3.0 / 6, 5.0 / 9, 6.0 / 9};
    for (std::size_t k = 1; k <= 3; ++k) {
        INFO("k = " << k);
        const HotspotAccuracy r = hotspot_accuracy_at(cells(pred, obs, unit3), k);
        CHECK(r.k == k);
        CHECK(*r.hit_rate == Approx(hit[k - 1]).epsilon(1e-12));
        CHECK(*r.pai == Approx(pai[k - 1]).epsilon(1e-12));
        CHECK(*r.pei == Approx(1).epsilon(1e-12));
        CHECK(*r.pei_ptools == Approx(1).epsilon(1e-12));
        CHECK(*r.rri_ptools == Approx(rri_ptools[k - 1]).epsilon(1e-12));
        CHECK(r.tied_at_cut == 0);
    }
    // by share: floor(3 x 0.5) = 1 cell
    CHECK(hotspot_accuracy(cells(pred, obs, unit3), 0.5).k == 1);
    CHECK(hotspot_accuracy(cells(pred, obs, unit3), 1.0).k == 3);
}

TEST_CASE("ptools docstring data: its pessimistic tie order reproduces PAI and PEI", "[accuracy]") {
    const std::vector<double> obs = {6, 7, 3, 2, 1, 0}, pred = {8, 4, 4, 2, 1, 0};
    const double pai[] = {36.0 / 19, 27.0 / 19, 32.0 / 19, 27.0 / 19, 1.2}, pei[] = {6.0 / 7, 9.0 / 13, 1, 1, 1};
    const std::vector<std::uint32_t> order = {0, 2, 1, 3, 4};
    for (std::size_t k = 1; k <= 5; ++k) {
        INFO("k = " << k);
        const HotspotAccuracy r = hotspot_accuracy_at(cells(pred, obs, unit6), k, TieOrder::pessimistic);
        CHECK(r.flagged == std::vector<std::uint32_t>(order.begin(), order.begin() + static_cast<long>(k)));
        CHECK(*r.pai == Approx(pai[k - 1]).epsilon(1e-12));
        CHECK(*r.pei == Approx(pei[k - 1]).epsilon(1e-12));
        CHECK(*r.pei_ptools == Approx(pei[k - 1]).epsilon(1e-12));
    }
    // ptools reports PAI 1 at 6 cells; we never flag the zero prediction: k shrinks to 5.
    const HotspotAccuracy all = hotspot_accuracy_at(cells(pred, obs, unit6), 6, TieOrder::pessimistic);
    CHECK(all.k_requested == 6);
    CHECK(all.positive_scores == 5);
    CHECK(all.k == 5);
    CHECK(*all.pai == Approx(1.2).epsilon(1e-12));
}

TEST_CASE("a tie at the cut: cell order by default, the range over tie orders reported", "[accuracy]") {
    const std::vector<double> obs = {6, 7, 3, 2, 1, 0}, pred = {8, 4, 4, 2, 1, 0};
    const HotspotAccuracy r = hotspot_accuracy_at(cells(pred, obs, unit6), 2);
    CHECK(r.flagged == std::vector<std::uint32_t>{0, 1});  // cells 1 and 2 tie at 4: the first is taken
    CHECK(r.hits == 13);
    CHECK(*r.pai == Approx(13.0 / 19 * 3).epsilon(1e-12));
    CHECK(r.tied_at_cut == 2);
    CHECK(r.tied_flagged == 1);
    CHECK(r.hits_pessimistic == 9);
    CHECK(r.hits_optimistic == 13);
    CHECK(hotspot_accuracy_at(cells(pred, obs, unit6), 2, TieOrder::optimistic).flagged == std::vector<std::uint32_t>{0, 1});
    CHECK(hotspot_accuracy_at(cells(pred, obs, unit6), 2, TieOrder::pessimistic).hits == 9);
    // the whole tie group inside the cut is no tie at the cut
    const HotspotAccuracy three = hotspot_accuracy_at(cells(pred, obs, unit6), 3);
    CHECK(three.tied_at_cut == 0);
    CHECK(three.hits_pessimistic == three.hits);
    CHECK(three.hits_optimistic == three.hits);
}

TEST_CASE("unequal cells: PEI by fractional knapsack stays <= 1, ptools' can exceed it", "[accuracy]") {
    const std::vector<double> obs = {6, 7, 3, 2, 1, 0}, pred = {8, 4, 4, 2, 1, 0}, area = {1, 2, 1, 1, 0.5, 1};
    // ptools ranks by predicted density, ties by ascending observed: 0, 2, 4, 3, 1
    const double pai[] = {2.052632, 1.539474, 1.368421, 1.172932, 1.181818};
    // ptools' perfect PAI takes the k densest observed cells, equal densities in ranking order
    // (R's order() is stable): at k = 4 cells 0, 1, 2, 4 (area 4.5, 17 incidents).
    const double k4 = (12.0 / 19) / (3.5 / 6.5) / ((17.0 / 19) / (4.5 / 6.5));
    const double pei_ptools[] = {1, 1.038462, 1, k4, 1};
    // n*(a) by hand: cells by observed density (6, 3.5, 3, 2, 2, 0) filled up to the flagged area
    // a = 1, 2, 2.5, 3.5, 5.5, the last one in part
    const double n_star[] = {6, 6 + 3.5, 6 + 0.75 * 7, 6 + 7 + 0.5 * 3, 6 + 7 + 3 + 1.5 * 2};
    const double hits[] = {6, 9, 10, 12, 19};
    for (std::size_t k = 1; k <= 5; ++k) {
        INFO("k = " << k);
        const HotspotAccuracy r = hotspot_accuracy_at(cells(pred, obs, area), k, TieOrder::pessimistic);
        CHECK(r.hits == hits[k - 1]);
        CHECK(*r.pai == Approx(pai[k - 1]).epsilon(1e-6));
        CHECK(*r.pei_ptools == Approx(pei_ptools[k - 1]).epsilon(1e-6));
        CHECK(r.best_possible_hits == Approx(n_star[k - 1]).epsilon(1e-12));
        CHECK(*r.pei == Approx(hits[k - 1] / n_star[k - 1]).epsilon(1e-12));
        CHECK(*r.pei <= 1.0);
    }
    CHECK(*hotspot_accuracy_at(cells(pred, obs, area), 2, TieOrder::pessimistic).pei_ptools > 1.03);
}

TEST_CASE("Levine's RRI: the flagged cells' share of test over fit-period incidents", "[accuracy]") {
    const std::vector<double> fitted = {10, 5, 5}, obs = {6, 3, 0};
    const HotspotAccuracy r = hotspot_accuracy_at(cells(fitted, obs, unit3, fitted), 1);
    CHECK(r.fit_hits == 10);
    CHECK(r.fit_incidents == 20);
    CHECK(*r.rri == Approx((6.0 / 9) / (10.0 / 20)).epsilon(1e-12));
    CHECK(*r.rri_ptools == Approx(10.0 / 6).epsilon(1e-12));
    CHECK_FALSE(hotspot_accuracy_at(cells(fitted, obs, unit3), 1).rri);  // no fit-period counts given
}

TEST_CASE("undefined measures are absent, not 0 or infinity", "[accuracy]") {
    const std::vector<double> none = {0, 0, 0}, obs = {1, 0, 2};
    const HotspotAccuracy no_scores = hotspot_accuracy_at(cells(none, obs, unit3), 2);
    CHECK(no_scores.k == 0);
    CHECK(no_scores.k_requested == 2);
    CHECK(*no_scores.hit_rate == 0);
    CHECK_FALSE(no_scores.pai);
    CHECK_FALSE(no_scores.pei);
    const HotspotAccuracy no_incidents = hotspot_accuracy_at(cells(obs, none, unit3), 1);
    CHECK_FALSE(no_incidents.hit_rate);
    CHECK_FALSE(no_incidents.pai);
    CHECK_FALSE(no_incidents.pei);
    CHECK_FALSE(no_incidents.rri_ptools);
    // negative scores (e.g. Gi* z below 0) are never flagged either
    const std::vector<double> z = {-1, 2, -3};
    CHECK(hotspot_accuracy_at(cells(z, obs, unit3), 3).flagged == std::vector<std::uint32_t>{1});
}

TEST_CASE("bad cells are refused, naming the cell and value", "[accuracy]") {
    const std::vector<double> ok = {1, 2, 3};
    CHECK_THROWS_WITH(hotspot_accuracy_at(cells(ok, {1, -2, 0}, unit3), 1), Catch::Contains("cell 1 has observed count -2"));
    CHECK_THROWS_WITH(hotspot_accuracy_at(cells(ok, ok, {1, 0, 1}), 1), Catch::Contains("cell 1 has area 0"));
    CHECK_THROWS_WITH(hotspot_accuracy_at(cells({1, NAN, 3}, ok, unit3), 1), Catch::Contains("cell 1 has score"));
    CHECK_THROWS_AS(hotspot_accuracy_at(cells(ok, {1, 2}, unit3), 1), InputError);
    CHECK_THROWS_AS(hotspot_accuracy(cells(ok, ok, unit3), 0), ConfigError);
    CHECK_THROWS_AS(hotspot_accuracy(cells(ok, ok, unit3), 1.5), ConfigError);
    CHECK_THROWS_AS(hotspot_accuracy_at(cells(ok, ok, unit3), 4), ConfigError);
}

namespace {

// The embedded city's incidents counted on 500 m cells over their extent: the last month is
// the test period, the 12 before it the fit period.
struct CityCells {
    std::vector<double> fit, test;
};

CityCells city_cells() {
    const IncidentTable& t = city().incidents;
    const double cell = 500;
    const double x0 = *std::min_element(t.x.begin(), t.x.end()), y0 = *std::min_element(t.y.begin(), t.y.end());
    const auto nx = static_cast<std::size_t>((*std::max_element(t.x.begin(), t.x.end()) - x0) / cell) + 1;
    const auto ny = static_cast<std::size_t>((*std::max_element(t.y.begin(), t.y.end()) - y0) / cell) + 1;
    const MonthIndex last = *std::max_element(t.month.begin(), t.month.end());
    CityCells c{std::vector<double>(nx * ny, 0.0), std::vector<double>(nx * ny, 0.0)};
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto col = static_cast<std::size_t>((t.x[i] - x0) / cell), row = static_cast<std::size_t>((t.y[i] - y0) / cell);
        if (t.month[i] == last) c.test[row * nx + col] += 1;
        else if (t.month[i] >= last - 12) c.fit[row * nx + col] += 1;
    }
    return c;
}

// n*(a) as the LP dual of the fractional knapsack: min over l >= 0 of l a + sum max(0, o_i - l a_i),
// attained at l = 0 or at some o_i / a_i.
double knapsack_by_duality(const std::vector<double>& obs, const std::vector<double>& area, double a) {
    double best = INFINITY;
    for (std::size_t j = 0; j <= obs.size(); ++j) {
        const double l = j == obs.size() ? 0 : obs[j] / area[j];
        double v = l * a;
        for (std::size_t i = 0; i < obs.size(); ++i) v += std::max(0.0, obs[i] - l * area[i]);
        best = std::min(best, v);
    }
    return best;
}

void brute_force_every_k(const std::vector<double>& score, const std::vector<double>& obs, const std::vector<double>& fit,
                         const std::vector<double>& area) {
    const std::size_t n = score.size();
    // rank of a cell: the cells ahead of it (higher score per area, or equal and earlier)
    std::vector<std::size_t> ahead(n, 0);
    std::size_t positive = 0;
    double N = 0, A = 0, N_fit = 0;
    for (std::size_t i = 0; i < n; ++i) {
        positive += score[i] > 0;
        N += obs[i];
        A += area[i];
        N_fit += fit[i];
        for (std::size_t j = 0; j < n; ++j) {
            const double di = score[i] / area[i], dj = score[j] / area[j];
            ahead[i] += dj > di || (dj == di && j < i);
        }
    }
    REQUIRE(N > 0);
    std::size_t checked = 0;
    for (std::size_t k = 0; k <= n; ++k) {
        double hits = 0, a = 0, fit_hits = 0;
        std::size_t flagged = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (score[i] <= 0 || ahead[i] >= k) continue;
            ++flagged;
            hits += obs[i];
            a += area[i];
            fit_hits += fit[i];
        }
        const HotspotAccuracy r = hotspot_accuracy_at(AccuracyCells{score, obs, fit, area}, k);
        INFO("k = " << k);
        REQUIRE(r.k == flagged);
        REQUIRE(r.k == std::min(k, positive));
        REQUIRE(r.hits == hits);
        REQUIRE(r.fit_hits == fit_hits);
        if (flagged == 0) {
            CHECK_FALSE(r.pai);
            continue;
        }
        REQUIRE(*r.pai == Approx((hits / N) / (a / A)).epsilon(1e-12));
        if (k < 20 || k % 37 == 0) {  // the O(n^2) dual on a sample of k
            const double n_star = knapsack_by_duality(obs, area, a);
            REQUIRE(r.best_possible_hits == Approx(n_star).epsilon(1e-9));
        }
        REQUIRE(*r.pei <= 1 + 1e-12);
        if (hits > 0 && fit_hits > 0) REQUIRE(*r.rri == Approx((hits / N) / (fit_hits / N_fit)).epsilon(1e-12));
        ++checked;
    }
    CHECK(checked == n);  // every k >= 1 flags something (k beyond the positive scores flags them all)
}

}  // namespace

TEST_CASE("embedded city: every k brute-forced on 500 m cells, equal and unequal areas", "[accuracy][city]") {
    const CityCells c = city_cells();
    REQUIRE(c.test.size() > 100);
    const std::vector<double> equal(c.test.size(), 250000.0);
    brute_force_every_k(c.fit, c.test, c.fit, equal);
    // cells clipped by a boundary: areas from 10 % to 100 % of a cell
    std::vector<double> clipped(c.test.size());
    for (std::size_t i = 0; i < clipped.size(); ++i) clipped[i] = 250000.0 * (0.1 + 0.9 * static_cast<double>((i * 7) % 10) / 9);
    brute_force_every_k(c.fit, c.test, c.fit, clipped);
}

TEST_CASE("embedded city: a perfect forecast has PEI 1 at every k", "[accuracy][city]") {
    const CityCells c = city_cells();
    const std::vector<double> equal(c.test.size(), 250000.0);
    const std::size_t with_incidents = static_cast<std::size_t>(std::count_if(c.test.begin(), c.test.end(), [](double v) { return v > 0; }));
    REQUIRE(with_incidents > 10);
    for (std::size_t k = 1; k <= with_incidents; ++k) {
        const HotspotAccuracy r = hotspot_accuracy_at(AccuracyCells{c.test, c.test, {}, equal}, k);
        INFO("k = " << k);
        CHECK(*r.pei == 1.0);
        CHECK(*r.pei_ptools == Approx(1.0).epsilon(1e-12));
    }
}
