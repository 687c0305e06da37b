// Hotspots restricted to chosen areas (issue 10) on a planted surface: one hot blob wholly
// outside the chosen square is dropped and counted, one straddling its edge is clipped to it.
#include "hotspot/density/hotspots.hpp"
#include "hotspot/geo/region.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

TEST_CASE("a hotspot wholly outside the chosen areas is dropped and counted, one across the edge is clipped", "[hotspots][clip]") {
    Grid g;  // 100 x 100 cells of 10 m over (0..1000, 0..1000)
    g.min_x = 0;
    g.max_y = 1000;
    g.cell_m = 10;
    g.nx = g.ny = 100;
    g.values.assign(g.nx * g.ny, 1.0f);
    const auto blob = [&](std::size_t r0, std::size_t c0, std::size_t n) {
        for (std::size_t r = r0; r < r0 + n; ++r)
            for (std::size_t c = c0; c < c0 + n; ++c) g.at(r, c) = 100.0f;
    };
    blob(10, 70, 10);  // x 700..800: outside the chosen square (x < 500)
    blob(50, 45, 10);  // x 450..550: straddles x = 500, half inside
    const AreaLayer layer = AreaLayer::from_wkt("zones", {"left", "right"},
                                                {"POLYGON((0 0,500 0,500 1000,0 1000,0 0))", "POLYGON((500 0,1000 0,1000 1000,500 1000,500 0))"});
    const Region left = Region::of_areas(layer, {0});
    std::vector<std::uint8_t> allowed(g.values.size(), 0);
    for (std::size_t k = 0; k < g.values.size(); ++k) allowed[k] = g.centre_x(k % g.nx) < 500;
    IncidentTable none;
    const IncidentView v{&none, {}, nullptr, nullptr};
    const ThresholdOptions t{ThresholdRule::mean_plus_sd, 1.0};

    const HotspotResult all = extract_hotspots(g, t, v, 1e6);
    REQUIRE(all.hotspots.size() == 2);
    CHECK(all.outside_chosen == 0);

    const HotspotResult r = extract_hotspots(g, t, v, left.area_m2(), {&left, &allowed});
    CHECK(r.outside_chosen == 1);
    REQUIRE(r.hotspots.size() == 1);
    const Hotspot& h = r.hotspots.front();
    CHECK(h.rank == 1);
    CHECK(h.cells == 100);                      // its cells on the grid, both sides
    CHECK(h.area_m2 == Approx(50.0 * 100.0));  // x 450..500 by 100 m: the part inside
    CHECK(wkb_area_m2(h.wkb) == Approx(h.area_m2));
    CHECK(h.peak_x < 500);  // the peak is a cell whose centre is inside
    CHECK(r.study_area_m2 == Approx(500.0 * 1000.0));
}
