// Gi*, Moran's I, neighbour search and the nearest neighbour index, against published peer
// values (spdep 1.2-7 and spatstat on METHODS.md's test vector, printed to 17 digits) and
// brute-force oracles.
#include "hotspot/base/errors.hpp"
#include "hotspot/geo/fishnet.hpp"
#include "hotspot/geo/neighbours.hpp"
#include "hotspot/stats/gistar.hpp"
#include "hotspot/stats/moran.hpp"
#include "hotspot/stats/nearest_neighbour_index.hpp"
#include "hotspot/stats/significance.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace hotspot;

namespace {

// METHODS.md: the PySAL docstring points, band 15.
const std::vector<double> tx = {10, 20, 40, 15, 30, 30};
const std::vector<double> ty = {10, 10, 10, 20, 20, 30};
const std::vector<double> tv = {2, 3, 3.2, 5, 8, 7};

Neighbours test_vector_band() { return distance_band(tx.data(), ty.data(), tx.size(), 15.0, 1); }

std::vector<std::vector<std::uint32_t>> brute_band(const std::vector<double>& x, const std::vector<double>& y, double band) {
    std::vector<std::vector<std::uint32_t>> out(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = 0; j < x.size(); ++j)
            if (i != j && std::hypot(x[i] - x[j], y[i] - y[j]) <= band) out[i].push_back(static_cast<std::uint32_t>(j));
    return out;
}

std::vector<std::uint32_t> list_of(const Neighbours& nb, std::size_t i) { return {nb.of(i).begin(), nb.of(i).end()}; }

// side x side squares of 10 m, row by row, as ISO WKB polygons (little endian, 1 ring of 5 points).
std::vector<std::string> lattice_of_squares(int side) {
    std::vector<std::string> wkb;
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            std::string s;
            auto put = [&](const void* p, std::size_t n) { s.append(static_cast<const char*>(p), n); };
            const std::uint8_t le = 1;
            const std::uint32_t type = 3, rings = 1, points = 5;
            put(&le, 1), put(&type, 4), put(&rings, 4), put(&points, 4);
            const double xs[5] = {c * 10.0, c * 10.0 + 10, c * 10.0 + 10, c * 10.0, c * 10.0};
            const double ys[5] = {r * 10.0, r * 10.0, r * 10.0 + 10, r * 10.0 + 10, r * 10.0};
            for (int k = 0; k < 5; ++k) put(&xs[k], 8), put(&ys[k], 8);
            wkb.push_back(s);
        }
    return wkb;
}

}  // namespace

TEST_CASE("Gi* equals spdep localG (include.self, style B) on the METHODS.md vector to 1e-9") {
    const Neighbours nb = test_vector_band();
    const std::vector<std::size_t> cards = {2, 3, 1, 3, 4, 1};  // spdep card(dnearneigh(xy, 0, 15))
    for (std::size_t i = 0; i < 6; ++i) CHECK(nb.count(i) == cards[i]);
    const GiStarResult g = gi_star(tv, nb);
    const double spdep[6] = {-1.39727626201154442, -0.28917761562712818, 0.65064963516103747,
                             -0.28917761562712818, 1.23452088351987355,  2.02424330938989527};
    for (std::size_t i = 0; i < 6; ++i) {
        REQUIRE(g.z[i].has_value());
        CHECK(std::fabs(*g.z[i] - spdep[i]) < 1e-9);
    }
    CHECK(g.bin[5] == 2);  // z 2.02: p 0.043
    CHECK(g.bin[0] == 0);
}

TEST_CASE("Local Moran's I equals spdep localmoran (W and B) on the METHODS.md vector") {
    const Neighbours nb = test_vector_band();
    LocalMoranOptions o;
    o.permutations = 0;
    const LocalMoranResult w = local_moran(tv, nb, o);
    const double ii[6] = {0.395121951219512324, -0.106620209059233390, -1.034843205574913050, -0.022996515679442515, -0.103484320557491377, 1.586759581881532988};
    const double ei[6] = {-0.3048083623693380595, -0.1208362369337979414, -0.0940766550522648126, -0.0037630662020905884, -0.4553310104529616487, -0.2211846689895470286};
    const double vi[6] = {0.4767755053478857641, 0.1062348407774769687, 0.5113574281586520387, 0.0037489055348492711, 0.0930017555148174441, 1.0335720671611892119};
    const double zi[6] = {1.013672898550257218, 0.043615894201693733, -1.315587028960543803, -0.314126758204563650, 1.153739858106773264, 1.778339408621096407};
    const double pi[6] = {0.310738860100821968, 0.965210582013413587, 0.188312689488916551, 0.753424767285596597, 0.248606837647656342, 0.075348127615266811};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(std::fabs(*w.i[i] - ii[i]) < 1e-12);
        CHECK(std::fabs(*w.expected[i] - ei[i]) < 1e-12);
        CHECK(std::fabs(*w.variance[i] - vi[i]) < 1e-12);
        CHECK(std::fabs(*w.z[i] - zi[i]) < 1e-9);
        CHECK(std::fabs(*w.p[i] - pi[i]) < 1e-9);
    }
    o.style = WeightStyle::binary;
    const LocalMoranResult b = local_moran(tv, nb, o);
    const double ib[6] = {0.790243902439024648, -0.319860627177700196, -1.034843205574913050, -0.068989547038327534, -0.413937282229965509, 1.586759581881532988};
    const double vb[6] = {1.907102021391543056, 0.956113566997292885, 0.511357428158652039, 0.033740149813643448, 1.488028088237079105, 1.033572067161189212};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(std::fabs(*b.i[i] - ib[i]) < 1e-12);
        CHECK(std::fabs(*b.variance[i] - vb[i]) < 1e-12);
    }
}

TEST_CASE("PySAL scaling: I_i as spdep localmoran(mlvar = FALSE), z unchanged") {
    const Neighbours nb = test_vector_band();
    LocalMoranOptions o;
    o.permutations = 0;
    const LocalMoranResult s = local_moran(tv, nb, o);
    o.scaling = MoranScaling::pysal;
    const LocalMoranResult p = local_moran(tv, nb, o);
    const double spdep_mlvar_false[6] = {0.329268292682926955, -0.088850174216027825, -0.862369337979094097, -0.019163763066202093, -0.086236933797909476, 1.322299651567943934};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(std::fabs(*p.i[i] - spdep_mlvar_false[i]) < 1e-12);
        CHECK(std::fabs(*p.z[i] - *s.z[i]) < 1e-12);
    }
}

TEST_CASE("global Moran's I equals spdep moran.test") {
    const Neighbours nb = test_vector_band();
    const GlobalMoran r = global_moran(tv, nb, WeightStyle::row_standardised, true);
    CHECK(std::fabs(r.i - 0.118989547038327537) < 1e-12);
    CHECK(std::fabs(r.expected - -0.2) < 1e-15);
    CHECK(std::fabs(r.variance - 0.086704421341542132) < 1e-12);
    CHECK(std::fabs(r.z - 1.0833176771158797) < 1e-9);
    const GlobalMoran n = global_moran(tv, nb, WeightStyle::binary, false);
    CHECK(std::fabs(n.i - 0.038526630164260819) < 1e-12);
    CHECK(std::fabs(n.variance - 0.052711370262390658) < 1e-12);
    CHECK(std::fabs(n.z - 1.0389262502105661) < 1e-9);
}

TEST_CASE("conditional permutation p converges to the exact permutation p") {
    // Feature 0 has 2 neighbours among 5 others: all C(5,2) = 10 draws are equally likely,
    // so METHODS.md's folded p, min(P(sum >= obs), P(sum <= obs)), can be enumerated. The values
    // repeat, so some draws tie with the observed sum and count on both sides.
    const std::vector<double> x = {9, 1, 8, 2, 7, 8};
    const Neighbours nb = Neighbours::from_lists({{2, 4}, {0}, {0}, {4}, {3}, {1}}, "hand");
    const double observed = x[2] + x[4];
    int at_least = 0, at_most = 0, total = 0;
    for (int a = 1; a < 6; ++a)
        for (int b = a + 1; b < 6; ++b, ++total) {
            at_least += x[static_cast<std::size_t>(a)] + x[static_cast<std::size_t>(b)] >= observed;
            at_most += x[static_cast<std::size_t>(a)] + x[static_cast<std::size_t>(b)] <= observed;
        }
    REQUIRE(at_least + at_most > total);  // the case has ties
    const double exact = static_cast<double>(std::min(at_least, at_most)) / total;
    LocalMoranOptions o;
    o.permutations = 99999;
    o.seed = 42;
    const LocalMoranResult r = local_moran(x, nb, o);
    REQUIRE(r.p_sim[0].has_value());
    CHECK(std::fabs(*r.p_sim[0] - exact) < 0.005);
}

TEST_CASE("permutation p: a neighbourhood every draw reproduces is not significant") {
    // A star: the centre neighbours all others, so every draw is the same set (spdep: z = 0,
    // p = 1). And a count of 5 among zeros: most draws tie with its all-zero neighbourhood.
    std::vector<std::vector<std::uint32_t>> star(30);
    for (std::uint32_t j = 1; j < 30; ++j) star[0].push_back(j), star[j].push_back(0);
    std::vector<double> x(30, 0.0);
    x[0] = 3, x[3] = 1, x[7] = 2;
    LocalMoranOptions o;
    o.permutations = 999;
    const LocalMoranResult r = local_moran(x, Neighbours::from_lists(star, "star"), o);
    CHECK(*r.p_sim[0] == 1.0);
    CHECK(r.cluster[0] == "not significant");

    std::vector<std::vector<std::uint32_t>> line(200);
    for (std::uint32_t i = 0; i + 1 < 200; ++i) line[i].push_back(i + 1), line[i + 1].push_back(i);
    std::vector<double> sparse(200, 0.0);
    sparse[100] = 5, sparse[20] = 1, sparse[150] = 1;
    const LocalMoranResult s = local_moran(sparse, Neighbours::from_lists(line, "line"), o);
    CHECK(*s.p_sim[100] > 0.5);  // its neighbours are zeros, as almost every draw is
    CHECK(s.cluster[100] == "not significant");
}

TEST_CASE("permutation p does not depend on the number of threads") {
    std::mt19937_64 gen(5);
    std::uniform_real_distribution<double> u(0, 1000);
    std::vector<double> x(3000), y(3000), v(3000);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = u(gen), y[i] = u(gen), v[i] = std::floor(u(gen) / 100);
    const Neighbours nb = k_nearest(x.data(), y.data(), x.size(), 6, 2);
    LocalMoranOptions o;
    o.permutations = 99;
    o.threads = 1;
    const LocalMoranResult one = local_moran(v, nb, o);
    o.threads = 4;
    const LocalMoranResult four = local_moran(v, nb, o);
    REQUIRE(one.p_sim == four.p_sim);
    o.seed += 1;
    CHECK(local_moran(v, nb, o).p_sim != four.p_sim);  // the seed does matter
}

TEST_CASE("quadrants and clusters follow the signs of the deviation and its lag") {
    const Neighbours nb = test_vector_band();
    LocalMoranOptions o;
    o.permutations = 0;
    const LocalMoranResult r = local_moran(tv, nb, o);
    // mean 4.7: feature 6 (7) is high with a high neighbour (8): HH; feature 1 (2) low with low neighbours.
    CHECK(r.quadrant[5] == Quadrant::HH);
    CHECK(r.quadrant[0] == Quadrant::LL);
    CHECK(r.quadrant[2] == Quadrant::LH);
    for (const auto& c : r.cluster) CHECK(c == "not significant");
}

TEST_CASE("distance band and k nearest equal brute force") {
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> u(0, 1000);
    std::vector<double> x(600), y(600);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = u(rng), y[i] = u(rng);
    x[5] = x[4], y[5] = y[4];  // coincident points are neighbours
    const auto oracle = brute_band(x, y, 80.0);
    const Neighbours nb = distance_band(x.data(), y.data(), x.size(), 80.0, 2);
    for (std::size_t i = 0; i < x.size(); ++i) REQUIRE(list_of(nb, i) == oracle[i]);
    const Neighbours kn = k_nearest(x.data(), y.data(), x.size(), 6, 2);
    for (std::size_t i = 0; i < x.size(); ++i) {
        std::vector<std::pair<double, std::uint32_t>> d;
        for (std::size_t j = 0; j < x.size(); ++j)
            if (j != i) d.push_back({std::hypot(x[i] - x[j], y[i] - y[j]), static_cast<std::uint32_t>(j)});
        std::sort(d.begin(), d.end());
        if (d[5].first == d[6].first) continue;  // a tie for the last place: either is right
        std::vector<std::uint32_t> want;
        for (int k = 0; k < 6; ++k) want.push_back(d[static_cast<std::size_t>(k)].second);
        std::sort(want.begin(), want.end());
        REQUIRE(list_of(kn, i) == want);
    }
}

TEST_CASE("queen contiguity on a 3 x 3 block of squares, and a T-junction") {
    const std::vector<std::string> wkb = lattice_of_squares(3);
    const Neighbours nb = queen_contiguity(wkb, 0.0);
    CHECK(nb.count(4) == 8);
    CHECK(nb.count(0) == 3);
    CHECK(nb.count(1) == 5);
    CHECK(list_of(nb, 0) == std::vector<std::uint32_t>{1, 3, 4});
}

TEST_CASE("queen contiguity on several threads: a 40 x 40 lattice has the neighbours counted by hand") {
    const int side = 40;
    const std::vector<std::string> wkb = lattice_of_squares(side);
    for (const unsigned threads : {1u, 3u}) {
        const Neighbours nb = queen_contiguity(wkb, 0.0, threads);
        for (int r = 0; r < side; ++r)
            for (int c = 0; c < side; ++c) {
                std::vector<std::uint32_t> expected;
                for (int dr = -1; dr <= 1; ++dr)
                    for (int dc = -1; dc <= 1; ++dc) {
                        const int rr = r + dr, cc = c + dc;
                        if ((dr || dc) && rr >= 0 && rr < side && cc >= 0 && cc < side) expected.push_back(static_cast<std::uint32_t>(rr * side + cc));
                    }
                REQUIRE(list_of(nb, static_cast<std::size_t>(r * side + c)) == expected);
            }
    }
}

TEST_CASE("grid band sums equal distance-band neighbour lists on the cell centres") {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> u(0, 2000);
    std::vector<double> x(3000), y(3000), w(3000, 1.0);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = u(rng), y[i] = u(rng) * 0.6;
    for (const FishnetCells cells : {FishnetCells::extent, FishnetCells::occupied}) {
        const Fishnet f = build_fishnet(x, y, w, 100.0, cells, nullptr);
        const auto cx = f.centres_x(), cy = f.centres_y();
        for (const double band : {100.0, 150.0, 300.0, 500.0}) {
            const BandSums b = band_sums(f, f.count, band, 2);
            const Neighbours nb = distance_band(cx.data(), cy.data(), f.size(), band, 2);
            const std::vector<double> lag = spatial_lag(nb, WeightStyle::binary, f.count);
            for (std::size_t i = 0; i < f.size(); ++i) {
                REQUIRE(b.count[i] == nb.count(i));
                REQUIRE(b.sum[i] == Approx(lag[i]).margin(1e-9));
            }
        }
    }
}

TEST_CASE("fractional cells: band lists and band sums agree with the lattice rule, not coordinate rounding") {
    // 123.456789 m cells from an odd origin: centre coordinates are not exact, a band of exactly
    // 2 cells must still hold the ring 2 cells away, for Gi* (sums) and LISA (lists) alike.
    std::mt19937_64 rng(17);
    std::uniform_real_distribution<double> u(0, 3000);
    std::vector<double> x(2000), y(2000), w(2000, 1.0);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = 401234.567 + u(rng), y[i] = 287654.321 + u(rng);
    const double cell = 123.456789;
    const Fishnet f = build_fishnet(x, y, w, cell, FishnetCells::occupied, nullptr);
    for (const double cells : {1.0, 2.0, std::sqrt(2.0), 3.5}) {
        const BandSums sums = band_sums(f, f.count, cells * cell, 2);
        const Neighbours lists = band_neighbours(f, cells * cell, 2);
        for (std::size_t i = 0; i < f.size(); ++i) {
            std::size_t oracle = 0;  // integer offsets, brute force
            for (std::size_t j = 0; j < f.size(); ++j) {
                const double dx = static_cast<double>(f.col[j]) - f.col[i], dy = static_cast<double>(f.row[j]) - f.row[i];
                oracle += j != i && dx * dx + dy * dy <= cells * cells * (1 + 1e-12);
            }
            REQUIRE(lists.count(i) == oracle);
            REQUIRE(sums.count[i] == oracle);
        }
    }
}

TEST_CASE("fishnet counts every incident") {
    const std::vector<double> x = {5, 15, 15, 95}, y = {5, 5, 6, 95}, w = {1, 2, 3, 4};
    const Fishnet f = build_fishnet(x, y, w, 10.0, FishnetCells::occupied, nullptr);
    CHECK(f.size() == 3);
    CHECK(f.points_in_cells == 4);
    double weighted = 0;
    for (double v : f.weighted) weighted += v;
    CHECK(weighted == 10);
    const Fishnet all = build_fishnet(x, y, w, 10.0, FishnetCells::extent, nullptr);
    CHECK(all.size() == 100);
    CHECK_THROWS_AS(build_fishnet(x, y, w, 0.001, FishnetCells::extent, nullptr, 1000), ConfigError);
}

TEST_CASE("Benjamini-Hochberg bins against a worked example") {
    // p sorted: 0.001 0.008 0.039 0.041 0.042 0.060 0.074 0.205 0.212 0.216 (m = 10)
    const std::vector<std::optional<double>> p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.060, 0.074, 0.205, 0.212, 0.216};
    const std::vector<std::optional<double>> z = {3.3, 2.6, 2.1, -2.0, 2.0, 1.9, 1.8, 1.3, 1.2, 1.2};
    const auto bins = fdr_bins(z, p);
    // alpha .05: k/10*.05 = .005 .010 ... -> largest k with p_(k) <= k alpha/m is 2 (0.008 <= 0.010).
    // alpha .10: .01 .02 .03 .04 .05 .06 .07 -> k = 7 (0.074 > 0.07, so k = 6: 0.060 <= 0.06).
    // alpha .01: .001 -> k = 1.
    CHECK(*bins[0] == 3);
    CHECK(*bins[1] == 2);
    CHECK(*bins[3] == -1);
    CHECK(*bins[5] == 1);
    CHECK(*bins[6] == 0);
    CHECK(confidence_bin(-2.0, two_sided_p(-2.0)) == -2);
}

TEST_CASE("Gi* and Moran refuse what they cannot answer, and say so") {
    const Neighbours nb = test_vector_band();
    CHECK_THROWS_WITH(gi_star(std::vector<double>(6, 4.0), nb), Catch::Contains("same value"));
    std::vector<double> bad = tv;
    bad[3] = NAN;
    CHECK_THROWS_WITH(gi_star(bad, nb), Catch::Contains("feature 4"));
    CHECK_THROWS_AS(distance_band(tx.data(), ty.data(), 1, 15.0, 1), InputError);
    // A band too small for anyone: every z is missing, and the count says why.
    const Neighbours none = distance_band(tx.data(), ty.data(), tx.size(), 1.0, 1);
    const GiStarResult g = gi_star(tv, none);
    CHECK(g.without_neighbours == 6);
    for (const auto& z : g.z) CHECK(!z.has_value());
    LocalMoranOptions o;
    const LocalMoranResult l = local_moran(tv, none, o);
    CHECK(l.without_neighbours == 6);
    CHECK(l.cluster[0] == "no neighbours");
}

TEST_CASE("Clark-Evans ratio equals spatstat clarkevans(correction = none) and brute force") {
    const std::vector<double> x = {10, 20, 40, 15, 30, 30, 12, 33}, y = {10, 10, 10, 20, 20, 30, 28, 5};
    const NearestNeighbourIndex r = clark_evans(x.data(), y.data(), x.size(), 50.0 * 40.0, "window 50 x 40", 1);
    CHECK(std::fabs(r.ratio - 1.1746700639305105) < 1e-12);
    double sum = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        double best = HUGE_VAL;
        for (std::size_t j = 0; j < x.size(); ++j)
            if (i != j) best = std::min(best, std::hypot(x[i] - x[j], y[i] - y[j]));
        sum += best;
    }
    CHECK(r.observed_mean_m == Approx(sum / 8.0).epsilon(1e-14));
    CHECK(r.standard_error == Approx(0.26136 / std::sqrt(64.0 / 2000.0)));
    CHECK_THROWS_AS(clark_evans(x.data(), y.data(), x.size(), 0.0, "none", 1), ConfigError);
}

TEST_CASE("a unit at the mean: I = 0, E = Var = 0 as spdep, z and p missing, counted") {
    const std::vector<double> x = {1, 2, 3, 4, 5};
    const Neighbours nb = Neighbours::from_lists({{1}, {0, 2}, {1, 3}, {2, 4}, {3}}, "a line");
    LocalMoranOptions o;
    o.permutations = 99;
    const LocalMoranResult r = local_moran(x, nb, o);
    CHECK(r.at_mean == 1);
    CHECK(*r.i[2] == 0.0);
    CHECK(*r.expected[2] == 0.0);
    CHECK(*r.variance[2] == 0.0);
    CHECK_FALSE(r.z[2].has_value());
    CHECK_FALSE(r.p_sim[2].has_value());
    CHECK(r.z[0].has_value());
}
