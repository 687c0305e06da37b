// The maximal covering location problem (decide/coverage_model, mclp_greedy, mclp_exact,
// placement) against oracles computed independently in Python on this machine
// (/work/issue12-plan.md 3.2: brute force over all site sets, spopt's own code with PuLP's CBC
// and GLPK): a hand case built so that inclusivity and greedy's shortfall show, spopt's San
// Francisco instance (tests/data/spopt_sf), and seeded random instances checked by brute force here.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/placement.hpp"
#include "spopt_sf.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace hotspot;

namespace {

// Demand (x, y, w) and candidates A..E of the hand case; r = 2.
struct HandCase {
    std::vector<double> dx{3, 6, 0, 1, 3, 1, 5}, dy{1, 2, 0, 1, 0, 0, 1}, w{4, 5, 5, 1, 2, 1, 3};
    std::vector<double> cx{4, 6, 1, 3, 2}, cy{1, 2, 2, 0, 2};
    CoverageModel model(double r) const { return coverage_from_points(dx, dy, w, cx, cy, r); }
};
enum : std::uint32_t { A, B, C, D, E };

PlacementOptions options(std::size_t p, PlacementSolver solver = PlacementSolver::cbc) {
    PlacementOptions o;
    o.count = p;
    o.solver = solver;
    return o;
}

const spopt_sf::Instance& sf() {
    static const spopt_sf::Instance instance = spopt_sf::load(std::string(HOTSPOT_TEST_DATA) + "/spopt_sf");
    return instance;
}

// The best objective over all site sets of size p that contain `fixed` (brute force).
double brute_force(const CoverageModel& m, std::size_t p, const std::vector<std::uint32_t>& fixed = {}) {
    const std::size_t n = m.candidate_count();
    double best = -1.0;
    for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
        if (static_cast<std::size_t>(__builtin_popcount(mask)) != p) continue;
        bool ok = true;
        for (auto f : fixed) ok = ok && (mask >> f & 1u);
        if (!ok) continue;
        std::vector<std::uint32_t> s;
        for (std::uint32_t j = 0; j < n; ++j)
            if (mask >> j & 1u) s.push_back(j);
        best = std::max(best, covered_by(m, s).weight);
    }
    return best;
}

// 60 demand points (weights min_weight..20) and 12 candidates on whole metres in a 1 km square.
struct RandomInstance {
    std::vector<double> dx, dy, w, cx, cy;
};
RandomInstance random_instance(std::mt19937_64& rng, int min_weight) {
    std::uniform_real_distribution<double> coord(0.0, 1000.0);
    std::uniform_int_distribution<int> weight(min_weight, 20);
    RandomInstance r;
    for (int i = 0; i < 60; ++i) {
        r.dx.push_back(std::round(coord(rng)));
        r.dy.push_back(std::round(coord(rng)));
        r.w.push_back(weight(rng));
    }
    for (int j = 0; j < 12; ++j) {
        r.cx.push_back(std::round(coord(rng)));
        r.cy.push_back(std::round(coord(rng)));
    }
    return r;
}

}  // namespace

TEST_CASE("coverage is d <= r inclusive, through the k-d tree", "[mclp]") {
    const HandCase h;
    const CoverageModel m = h.model(2.0);
    CHECK(m.covers[A] == std::vector<std::uint32_t>{0, 4, 6});
    CHECK(m.covers[B] == std::vector<std::uint32_t>{1, 6});
    CHECK(m.covers[C] == std::vector<std::uint32_t>{3, 5});
    CHECK(m.covers[D] == std::vector<std::uint32_t>{0, 4, 5});  // demand 5 at exactly 2
    CHECK(m.covers[E] == std::vector<std::uint32_t>{0, 3});
    const CoverageModel strict = h.model(std::nextafter(2.0, 0.0));
    CHECK(strict.covers[D] == std::vector<std::uint32_t>{0, 4});
}

TEST_CASE("hand case: exact, strict radius, greedy, p = 3, a fixed site", "[mclp]") {
    const HandCase h;
    const CoverageModel m = h.model(2.0);
    const PlacementResult r = place_sites(m, options(2));
    CHECK(r.status == PlacementStatus::optimal);
    CHECK(r.objective == 15.0);
    CHECK(r.sites == std::vector<std::uint32_t>{B, D});
    CHECK(r.bound == 15.0);
    CHECK(r.gap == 0.0);
    // Explanation: B first (gain 8; A outside would add 9), then D (7; A would add 6).
    REQUIRE(r.explanation.size() == 2);
    CHECK(r.explanation[0].site == B);
    CHECK(r.explanation[0].gain == 8.0);
    CHECK(r.explanation[0].next_best == A);
    CHECK(r.explanation[0].next_best_gain == 9.0);
    CHECK(r.explanation[0].loss_if_removed == 8.0);
    CHECK(r.explanation[1].site == D);
    CHECK(r.explanation[1].gain == 7.0);
    CHECK(r.explanation[1].cumulative == 15.0);
    CHECK(r.explanation[1].next_best == A);
    CHECK(r.explanation[1].next_best_gain == 6.0);
    CHECK(r.explanation[1].loss_if_removed == 7.0);

    CHECK(place_sites(h.model(std::nextafter(2.0, 0.0)), options(2)).objective == 14.0);  // d < r

    const PlacementResult g = place_sites(m, options(2, PlacementSolver::greedy));
    CHECK(g.status == PlacementStatus::greedy_only);
    CHECK(g.objective == 14.0);
    REQUIRE(g.greedy.steps.size() == 2);
    CHECK(g.greedy.steps[0].site == A);
    CHECK(g.greedy.steps[0].gain == 9.0);
    CHECK(g.greedy.steps[0].runner_up == B);
    CHECK(g.greedy.steps[0].runner_up_gain == 8.0);
    CHECK(g.greedy.steps[1].site == B);
    CHECK(g.greedy.steps[1].gain == 5.0);
    CHECK(g.greedy.steps[1].runner_up == C);
    CHECK(g.greedy.steps[1].runner_up_gain == 2.0);
    // Minoux by hand: min(0 + 9 + 8, 9 + 5 + 2, 14 + 2 + 1) = 16; (1 - 1/e): 14 / 0.632...
    CHECK(g.greedy.bound_minoux == 16.0);
    CHECK(g.greedy.bound_e == Approx(14.0 / (1.0 - std::exp(-1.0))).epsilon(1e-15));
    CHECK(g.bound == 16.0);
    CHECK(g.bound_source == "minoux");
    CHECK(g.gap == Approx(2.0 / 16.0).epsilon(1e-15));

    const PlacementResult p3 = place_sites(m, options(3));
    CHECK(p3.objective == 16.0);
    CHECK(p3.sites == std::vector<std::uint32_t>{A, B, C});

    PlacementOptions fixed_a = options(2);
    fixed_a.existing = {A};
    const PlacementResult fa = place_sites(m, fixed_a);
    CHECK(fa.objective == 14.0);
    CHECK(fa.sites == std::vector<std::uint32_t>{A, B});
    CHECK(fa.explanation[0].existing);
    CHECK_FALSE(fa.explanation[1].existing);
}

TEST_CASE("spopt San Francisco: p = 1..5 equal brute force and spopt (r = 5000 m)", "[mclp]") {
    const auto& inst = sf();
    REQUIRE(inst.tracts.size() == 205);
    REQUIRE(inst.stores.size() == 16);
    const CoverageModel m = inst.coverage(5000.0);
    struct Row {
        std::size_t p;
        double objective;
        std::vector<std::string> sites;
        std::size_t uncovered;
    };
    const std::vector<Row> table = {
        {1, 448255, {"Store_16"}, 98},
        {2, 671938, {"Store_12", "Store_16"}, 55},
        {3, 791499, {"Store_12", "Store_15", "Store_2"}, 36},
        {4, 875247, {"Store_11", "Store_12", "Store_15", "Store_2"}, 21},
        {5, 927402, {"Store_11", "Store_14", "Store_15", "Store_2", "Store_7"}, 8},
    };
    for (const Row& row : table) {
        INFO("p = " << row.p);
        const PlacementResult r = place_sites(m, options(row.p));
        CHECK(r.status == PlacementStatus::optimal);
        CHECK(r.objective == row.objective);
        CHECK(inst.names(r.sites) == row.sites);
        CHECK(r.demand_points - r.covered_points == row.uncovered);
        CHECK(r.greedy.bound() >= row.objective);
    }
    const PlacementResult p4 = place_sites(m, options(4));
    CHECK(p4.covered_points_pct == Approx(89.75609756097562).margin(1e-9).epsilon(0));
    CHECK(p4.total_weight == 955113.0);
    CHECK(place_sites(m, options(16)).objective == 955113.0);
}

TEST_CASE("spopt San Francisco: more sites than candidates is refused", "[mclp]") {
    const CoverageModel m = sf().coverage(5000.0);
    CHECK_THROWS_WITH(place_sites(m, options(17)), Catch::Contains("p = 17 but only 16 candidates"));
    CHECK_THROWS_AS(place_sites(m, options(1000)), ConfigError);
    PlacementOptions too_many = options(2);
    too_many.existing = {0, 1, 2};
    CHECK_THROWS_WITH(place_sites(m, too_many), Catch::Contains("do not fit within p = 2"));
}

TEST_CASE("spopt San Francisco: greedy order, gains, runner-up and gap", "[mclp]") {
    const auto& inst = sf();
    const CoverageModel m = inst.coverage(5000.0);
    const PlacementResult g = place_sites(m, options(4, PlacementSolver::greedy));
    const std::vector<std::string> order{"Store_16", "Store_12", "Store_2", "Store_11"};
    const std::vector<double> gains{448255, 223683, 116925, 83748};
    REQUIRE(g.greedy.steps.size() == 4);
    for (std::size_t k = 0; k < 4; ++k) {
        CHECK(inst.stores[g.greedy.steps[k].site] == order[k]);
        CHECK(g.greedy.steps[k].gain == gains[k]);
        CHECK(g.greedy.steps[k].gain >= g.greedy.steps[k].runner_up_gain);
    }
    CHECK(g.objective == 872611.0);
    CHECK(g.bound >= 875247.0);  // the optimum
    CHECK(875247.0 - g.objective == 2636.0);  // 0.301 % below the optimum
}

TEST_CASE("spopt San Francisco: existing sites within p, on top, and redeployed", "[mclp]") {
    const auto& inst = sf();
    const CoverageModel m = inst.coverage(5000.0);
    PlacementOptions within = options(4);
    within.existing = {inst.store("Store_1")};
    const PlacementResult w = place_sites(m, within);
    CHECK(w.objective == 871482.0);
    CHECK(inst.names(w.sites) == std::vector<std::string>{"Store_1", "Store_11", "Store_12", "Store_16"});
    CHECK(w.demand_points - w.covered_points == 20);

    const std::vector<std::uint32_t> existing{inst.store("Store_11"), inst.store("Store_12"), inst.store("Store_16"),
                                              inst.store("Store_2")};
    PlacementOptions on_top = options(1);
    on_top.existing = existing;
    on_top.existing_mode = ExistingMode::on_top;
    const PlacementResult t1 = place_sites(m, on_top);
    CHECK(t1.objective == 910944.0);
    CHECK(t1.sites.size() == 5);
    CHECK(std::count(t1.sites.begin(), t1.sites.end(), inst.store("Store_7")) == 1);
    on_top.count = 2;
    const PlacementResult t2 = place_sites(m, on_top);
    CHECK(t2.objective == 928898.0);
    CHECK(inst.names(t2.sites) ==
          std::vector<std::string>{"Store_11", "Store_12", "Store_14", "Store_16", "Store_2", "Store_7"});

    const std::vector<RedeployStep> curve = redeploy_curve(m, existing, 4, options(4));
    REQUIRE(curve.size() == 5);
    CHECK(curve[0].objective == 872611.0);
    CHECK(curve[0].moved_from.empty());
    CHECK(curve[1].objective == 875247.0);
    CHECK(curve[1].gain == 2636.0);
    CHECK(inst.names(curve[1].moved_from) == std::vector<std::string>{"Store_16"});
    CHECK(inst.names(curve[1].moved_to) == std::vector<std::string>{"Store_15"});
    for (std::size_t k = 2; k <= 4; ++k) {
        CHECK(curve[k].objective == 875247.0);
        CHECK(curve[k].gain == 0.0);
        CHECK(curve[k].status == PlacementStatus::optimal);
        CHECK(inst.names(curve[k].moved_from) == std::vector<std::string>{"Store_16"});  // no move without a gain
    }
}

TEST_CASE("seeded random instances: CBC equals brute force, greedy bounds hold", "[mclp]") {
    std::mt19937_64 rng(20261130);
    for (int trial = 0; trial < 40; ++trial) {
        const RandomInstance inst = random_instance(rng, 0);
        const auto &dx = inst.dx, &dy = inst.dy, &w = inst.w, &cx = inst.cx, &cy = inst.cy;  // lambdas capture these
        const CoverageModel m = coverage_from_points(dx, dy, w, cx, cy, 200.0);
        // The k-d tree's lists equal a direct test of dx^2 + dy^2 <= r^2.
        for (std::size_t j = 0; j < cx.size(); ++j) {
            std::vector<std::uint32_t> direct;
            for (std::size_t i = 0; i < dx.size(); ++i)
                if ((dx[i] - cx[j]) * (dx[i] - cx[j]) + (dy[i] - cy[j]) * (dy[i] - cy[j]) <= 200.0 * 200.0)
                    direct.push_back(static_cast<std::uint32_t>(i));
            CHECK(m.covers[j] == direct);
        }
        for (std::size_t p : {1u, 3u, 5u}) {
            INFO("trial " << trial << " p " << p);
            const double best = brute_force(m, p);
            const PlacementResult exact = place_sites(m, options(p));
            CHECK(exact.objective == best);
            const PlacementResult g = place_sites(m, options(p, PlacementSolver::greedy));
            CHECK(g.objective <= best);
            CHECK(g.greedy.bound_minoux >= best);
            CHECK(g.greedy.bound_e >= best - 1e-9);
            PlacementOptions fixed = options(p);
            fixed.existing = {static_cast<std::uint32_t>(trial % 12)};
            CHECK(place_sites(m, fixed).objective == brute_force(m, p, fixed.existing));
        }
    }
}

TEST_CASE("LP relaxation: its bound holds and its rounding never beats brute force", "[mclp]") {
    std::mt19937_64 rng(424242);
    std::size_t fractional_cases = 0;
    for (int trial = 0; trial < 40; ++trial) {
        const RandomInstance inst = random_instance(rng, 0);
        const CoverageModel m = coverage_from_points(inst.dx, inst.dy, inst.w, inst.cx, inst.cy, 200.0);
        for (std::size_t p : {2u, 4u}) {
            INFO("trial " << trial << " p " << p);
            const double best = brute_force(m, p);
            ExactRequest req;
            req.total_sites = p;
            const LpRounding lp = mclp_lp_rounding(m, req);
            REQUIRE(lp.solved);
            CHECK(lp.bound >= best - 1e-6);
            CHECK(lp.objective <= best);
            CHECK(lp.sites.size() == p);
            CHECK(covered_by(m, lp.sites).weight == lp.objective);
            if (lp.lp_fractional > 0) ++fractional_cases;
            if (lp.lp_fractional == 0) CHECK(lp.objective == Approx(lp.bound).epsilon(1e-9));  // integral LP: optimal
        }
    }
    INFO("fractional LP solutions among the 80 cases: " << fractional_cases);
    CHECK(fractional_cases > 0);  // the enumeration path ran
}

TEST_CASE("coverage input errors name the point", "[mclp]") {
    CHECK_THROWS_WITH(coverage_from_points({0}, {0}, {-1}, {0}, {0}, 10.0), Catch::Contains("demand point 0 has weight -1"));
    CHECK_THROWS_AS(coverage_from_points({0}, {0}, {1}, {0}, {0}, 0.0), ConfigError);
    CHECK_THROWS_WITH(coverage_from_points({0, NAN}, {0, 0}, {1, 1}, {0}, {0}, 10.0),
                      Catch::Contains("demand point 1 has a coordinate that is not finite"));
    CHECK_THROWS_WITH(coverage_from_distances({1}, 1, {NAN}, 10.0), Catch::Contains("demand point 0 to candidate 0"));
}

TEST_CASE("a time limit or an allowed gap gives an honest status and bound", "[mclp]") {
    // 200 Gaussian clusters, 20,000 weighted demand points, 8,000 candidates, p = 25, r = 150 m.
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> centre(0.0, 8000.0);
    std::normal_distribution<double> spread(0.0, 300.0);
    std::uniform_int_distribution<int> weight(1, 50);
    std::uniform_int_distribution<std::size_t> pick(0, 199);
    std::vector<double> kx, ky, dx, dy, w, cx, cy;
    for (int k = 0; k < 200; ++k) {
        kx.push_back(centre(rng));
        ky.push_back(centre(rng));
    }
    for (int i = 0; i < 20000; ++i) {
        const std::size_t k = pick(rng);
        dx.push_back(kx[k] + spread(rng));
        dy.push_back(ky[k] + spread(rng));
        w.push_back(weight(rng));
    }
    for (int j = 0; j < 8000; ++j) {
        const std::size_t k = pick(rng);
        cx.push_back(kx[k] + spread(rng));
        cy.push_back(ky[k] + spread(rng));
    }
    const CoverageModel m = coverage_from_points(dx, dy, w, cx, cy, 150.0);
    const PlacementResult exact = place_sites(m, options(25));
    REQUIRE(exact.status == PlacementStatus::optimal);
    const double optimum = exact.objective;
    CHECK(exact.greedy.objective <= optimum);
    CHECK(exact.greedy.bound() >= optimum);

    PlacementOptions rushed = options(25);
    rushed.time_limit_s = 0.05;
    const PlacementResult t = place_sites(m, rushed);
    INFO("status " << status_name(t.status) << " objective " << t.objective << " bound " << t.bound << " optimum " << optimum);
    CHECK((t.status == PlacementStatus::time_limit || t.status == PlacementStatus::optimal));
    CHECK(t.objective >= exact.greedy.objective);  // never worse than the greedy start
    CHECK(t.objective <= optimum);
    CHECK(t.bound >= optimum);                     // a bound, in the maximisation's sense
    CHECK(t.gap == Approx((t.bound - t.objective) / t.bound).epsilon(1e-12));

    PlacementOptions loose = options(25);
    loose.relative_gap = 0.05;
    const PlacementResult g = place_sites(m, loose);
    CHECK((g.status == PlacementStatus::gap_reached || g.status == PlacementStatus::optimal));
    CHECK(g.objective >= 0.95 * optimum);
    CHECK(g.bound >= optimum);
}

TEST_CASE("patrol points kept apart: CBC equals brute force, greedy keeps the separation", "[mclp]") {
    std::mt19937_64 rng(831);
    int greedy_short = 0;
    for (int trial = 0; trial < 30; ++trial) {
        const RandomInstance inst = random_instance(rng, 1);
        const auto &dx = inst.dx, &dy = inst.dy, &w = inst.w, &cx = inst.cx, &cy = inst.cy;  // lambdas capture these
        CoverageModel m = coverage_from_points(dx, dy, w, cx, cy, 250.0);
        const double s = 400.0;
        add_separation(m, cx, cy, s);
        const auto apart = [&](std::uint32_t a, std::uint32_t b) {
            return (cx[a] - cx[b]) * (cx[a] - cx[b]) + (cy[a] - cy[b]) * (cy[a] - cy[b]) >= s * s;
        };
        for (std::size_t p : {2u, 3u, 4u}) {
            INFO("trial " << trial << " p " << p);
            double best = -1.0;  // brute force over the sets of p candidates pairwise >= s apart
            for (std::uint32_t mask = 0; mask < (1u << 12); ++mask) {
                if (static_cast<std::size_t>(__builtin_popcount(mask)) != p) continue;
                std::vector<std::uint32_t> set;
                for (std::uint32_t j = 0; j < 12; ++j)
                    if (mask >> j & 1u) set.push_back(j);
                bool ok = true;
                for (std::size_t a = 0; a < set.size(); ++a)
                    for (std::size_t b = a + 1; b < set.size(); ++b) ok = ok && apart(set[a], set[b]);
                if (ok) best = std::max(best, covered_by(m, set).weight);
            }
            const PlacementResult exact = place_sites(m, options(p));
            if (best < 0) {
                CHECK(exact.status == PlacementStatus::infeasible);
                continue;
            }
            CHECK(exact.status == PlacementStatus::optimal);
            CHECK(exact.objective == best);
            for (std::size_t a = 0; a < exact.sites.size(); ++a)
                for (std::size_t b = a + 1; b < exact.sites.size(); ++b) CHECK(apart(exact.sites[a], exact.sites[b]));
            const GreedyResult g = mclp_greedy(m, p);
            CHECK(g.bound_minoux >= best);
            CHECK(std::isinf(g.bound_e));
            if (!g.complete) {
                ++greedy_short;
                CHECK_THROWS_WITH(place_sites(m, options(p, PlacementSolver::greedy)), Catch::Contains("at the minimum separation"));
                continue;
            }
            CHECK(g.objective <= best);
            const auto sites = g.sites();
            for (std::size_t a = 0; a < sites.size(); ++a)
                for (std::size_t b = a + 1; b < sites.size(); ++b) CHECK(apart(sites[a], sites[b]));
        }
    }
    WARN("greedy stopped short of p in " << greedy_short << " separated cases");
}
