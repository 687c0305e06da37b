// Projection to British National Grid, axis order, and refusal of degree CRSs.
#include "hotspot/base/errors.hpp"
#include "hotspot/geo/projection.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace hotspot;

TEST_CASE("WGS84 lon/lat projects to British National Grid within the Helmert accuracy", "[projection]") {
    // Ordnance Survey, "Transformations and OSGM15 user guide", Annexe A (Caister water
    // tower): ETRS89 lon 1.716073973, lat 52.658007833 -> ETRS89 grid E 651307.003,
    // N 313255.686, OSTN15 shifts +102.801 / -78.236 -> OSGB36 E 651409.804, N 313177.450.
    // Without the OSTN15 grid PROJ uses the 7-parameter Helmert (stated accuracy 2 m), so
    // the published value is met to a few metres, not millimetres.
    std::vector<double> x{1.716073973}, y{52.658007833};
    std::vector<std::uint8_t> ok(1, 0);
    const ProjectionStats s = transform_in_place("EPSG:4326", "EPSG:27700", x.data(), y.data(), 1, ok.data(), 1);
    CHECK(ok[0] == 1);
    CHECK(s.failed == 0);
    CHECK(x[0] == Approx(651307.003 + 102.801).margin(5.0));
    CHECK(y[0] == Approx(313255.686 - 78.236).margin(5.0));
    CHECK_FALSE(s.operation.empty());
}

TEST_CASE("many points on two threads give the same result as one thread", "[projection]") {
    std::vector<double> x1, y1;
    for (int i = 0; i < 200000; ++i) {
        x1.push_back(-3.0 + (i % 1000) * 0.001);
        y1.push_back(53.3 + (i / 1000) * 0.001);
    }
    auto x2 = x1, y2 = y1;
    std::vector<std::uint8_t> ok1(x1.size()), ok2(x1.size());
    transform_in_place("EPSG:4326", "EPSG:27700", x1.data(), y1.data(), x1.size(), ok1.data(), 1);
    transform_in_place("EPSG:4326", "EPSG:27700", x2.data(), y2.data(), x2.size(), ok2.data(), 2);
    CHECK(x1 == x2);
    CHECK(y1 == y2);
}

TEST_CASE("a geographic analysis CRS is refused with a reason", "[projection]") {
    CHECK_THROWS_AS(require_metric_crs("EPSG:4326"), CrsError);
    CHECK_THROWS_WITH(require_metric_crs("EPSG:4326"), Catch::Contains("degrees"));
    CHECK_THROWS_AS(require_metric_crs("EPSG:4258"), CrsError);  // ETRS89
}

TEST_CASE("a projected CRS in feet is refused", "[projection]") {
    CHECK_THROWS_AS(require_metric_crs("EPSG:2227"), CrsError);  // California zone 3, US survey feet
}

TEST_CASE("British National Grid and UTM are accepted", "[projection]") {
    CHECK(require_metric_crs("EPSG:27700").projected);
    CHECK(require_metric_crs("EPSG:32630").unit == "metre");
}

TEST_CASE("an unknown CRS is a CRS error naming it", "[projection]") {
    CHECK_THROWS_AS(describe_crs("EPSG:999999"), CrsError);
    CHECK_THROWS_WITH(describe_crs("EPSG:999999"), Catch::Contains("EPSG:999999"));
}
