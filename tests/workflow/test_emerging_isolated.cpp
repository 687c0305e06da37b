// Locations of `hotspot emerging` without a spatial neighbour (purely temporal Gi* there) are
// counted and warned: against a brute force over OGR centroids of the city's wards (a band between
// the smallest and the largest nearest-centroid distance isolates some), every cell under a band
// shorter than the cell, and none under a band reaching every neighbour.
#include "../city_fixture.hpp"
#include "hotspot/workflow/emerging_workflow.hpp"

#include <catch2/catch.hpp>
#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

using namespace hotspot;

namespace {

const AreaLayer& wards(const AnalysisResult& a) {
    for (const AreaLayer& l : a.layers)
        if (l.name() == "wards") return l;
    FAIL("no wards layer");
    return a.layers.front();
}

// Each ward's distance to its nearest other ward centroid (OGR's centroids, not GEOS's).
std::vector<double> nearest_centroid_m(const AreaLayer& layer) {
    std::vector<OGRPoint> c(layer.size());
    for (std::size_t k = 0; k < layer.size(); ++k) {
        const std::string wkb = layer.wkb(k);
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size());
        std::unique_ptr<OGRGeometry> owned(g);
        REQUIRE(g->Centroid(&c[k]) == OGRERR_NONE);
    }
    std::vector<double> nearest(layer.size(), std::numeric_limits<double>::infinity());
    for (std::size_t i = 0; i < c.size(); ++i)
        for (std::size_t j = 0; j < c.size(); ++j)
            if (i != j) nearest[i] = std::min(nearest[i], std::hypot(c[i].getX() - c[j].getX(), c[i].getY() - c[j].getY()));
    return nearest;
}

EmergingConfig wards_config(double band_m) {
    EmergingConfig c;
    c.areas_layer = "wards";
    c.band_m = band_m;
    return c;
}

}  // namespace

TEST_CASE("Emerging: areas without a neighbour within the band are counted and warned", "[emerging][workflow][isolated]") {
    const AnalysisResult& a = city();
    const std::vector<double> nearest = nearest_centroid_m(wards(a));
    std::vector<double> sorted = nearest;
    std::sort(sorted.begin(), sorted.end());
    // Mutual nearest pairs share a distance: the band lies halfway in the first gap of >= 1 m past the
    // middle, so that no centroid distance is near it.
    std::size_t k = sorted.size() / 2;
    while (k + 1 < sorted.size() && sorted[k + 1] - sorted[k] < 1.0) ++k;
    REQUIRE(k + 1 < sorted.size());
    const double band = (sorted[k] + sorted[k + 1]) / 2;
    const auto isolated = static_cast<std::size_t>(std::count_if(nearest.begin(), nearest.end(), [band](double d) { return d > band; }));
    REQUIRE(isolated > 0);
    REQUIRE(isolated < nearest.size());
    const EmergingRun r = run_emerging(a, wards_config(band));
    CHECK(r.without_neighbour == isolated);
    REQUIRE(r.warnings.size() == 1);
    CHECK_THAT(r.warnings[0], Catch::StartsWith(std::to_string(isolated) + " of " + std::to_string(nearest.size()) + " areas of layer wards have no "));
    char widest[32];
    std::snprintf(widest, sizeof widest, "%.0f m away", sorted.back());
    CHECK_THAT(r.warnings[0], Catch::Contains(std::string("the nearest centroid is up to ") + widest) && Catch::Contains("purely temporal"));

    const EmergingRun all = run_emerging(a, wards_config(sorted.back() + 1));
    CHECK(all.without_neighbour == 0);
    CHECK(all.warnings.empty());
}

TEST_CASE("Emerging: a band shorter than the cell leaves every cell without a neighbour", "[emerging][workflow][isolated]") {
    EmergingConfig c;
    c.cell_m = 250;
    c.band_m = 249;
    const EmergingRun r = run_emerging(city(), c);
    CHECK(r.without_neighbour == r.locations());
    REQUIRE(r.warnings.size() == 1);
    CHECK_THAT(r.warnings[0], Catch::Contains("cells have no other cell centre within the --band of 249 m (adjacent cell centres are 250 m apart)"));
    c.band_m = 250;  // the four edge neighbours (distance <= band): only cells cut off from the others stay alone
    CHECK(run_emerging(city(), c).without_neighbour < r.locations() / 100);
}
