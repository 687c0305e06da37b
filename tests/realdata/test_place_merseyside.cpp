// Placement (issue 12) on the real Merseyside files: 36 months of police.uk rows, every distinct
// snap point a demand point (weight = its incidents) and a candidate, r = 150 m inclusive, p = 11.
// Oracle: tests/realdata/place_merseyside_oracle.py, run on this machine (pyproj EPSG:27700, scipy
// cKDTree d <= r, own lazy greedy; the ILP through PuLP with CBC and GLPK, both 34,537).
#include "hotspot/workflow/place_workflow.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

TEST_CASE("Merseyside, 36 months, r = 150 m, p = 11: greedy and CBC equal the Python oracle", "[real][merseyside][place]") {
    const AnalysisConfig c = police_config("merseyside_street_2022-10_2025-09");
    const AnalysisResult a = run_analysis(c, AnalysisScope::join, [](const std::string&, double) {});
    REQUIRE(a.incidents.size() == 477331);

    PlaceConfig p;
    p.radius_m = 150.0;
    p.placement.count = 11;
    p.placement.solver = PlacementSolver::greedy;
    const PlaceResult g = run_place(a, p);
    CHECK(g.demand_x.size() == 18051);
    CHECK(g.model.total_weight() == 477331.0);
    const std::vector<double> gains{6289, 5683, 5311, 2801, 2571, 2355, 2168, 2133, 1819, 1780, 1580};
    REQUIRE(g.placement.greedy.steps.size() == gains.size());
    for (std::size_t k = 0; k < gains.size(); ++k) CHECK(g.placement.greedy.steps[k].gain == gains[k]);
    CHECK(g.placement.objective == 34490.0);
    CHECK(g.placement.status == PlacementStatus::greedy_only);
    CHECK(g.placement.bound >= 34537.0);

    p.placement.solver = PlacementSolver::cbc;
    p.placement.time_limit_s = 300.0;
    const PlaceResult e = run_place(a, p);
    CHECK(e.placement.status == PlacementStatus::optimal);
    CHECK(e.placement.objective == 34537.0);
    CHECK(e.incidents_covered == 34537);  // unweighted: covered weight = covered rows
    CHECK(e.incidents_counted == 477331);
    WARN("Merseyside MCLP p = 11, r = 150 m: CBC " << e.placement.objective << " in " << e.placement.seconds << " s, "
         << e.placement.nodes << " nodes; greedy " << g.placement.objective << ", gap " << 100.0 * (34537.0 - 34490.0) / 34537.0 << " %");
}
