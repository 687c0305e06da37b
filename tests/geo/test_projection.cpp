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

TEST_CASE("a prepared operation transforms as a new one does, on one thread and on three", "[projection]") {
    std::vector<double> x0, y0;
    for (int i = 0; i < 150000; ++i) {  // three threads' worth (one per 50,000 points)
        x0.push_back(-3.0 + (i % 1000) * 0.001);
        y0.push_back(53.3 + (i / 1000) * 0.001);
    }
    for (const unsigned threads : {1u, 3u}) {
        auto x1 = x0, y1 = y0, x2 = x0, y2 = y0;
        std::vector<std::uint8_t> ok1(x0.size()), ok2(x0.size());
        const ProjectionStats fresh = transform_in_place("EPSG:4326", "EPSG:27700", x1.data(), y1.data(), x1.size(), ok1.data(), threads);
        prepare_transform("EPSG:4326", "EPSG:27700");
        prepare_transform("EPSG:4326", "EPSG:27700");  // kept once; the second transform below builds its own
        const ProjectionStats prepared = transform_in_place("EPSG:4326", "EPSG:27700", x2.data(), y2.data(), x2.size(), ok2.data(), threads);
        CHECK(x1 == x2);
        CHECK(y1 == y2);
        CHECK(ok1 == ok2);
        CHECK(prepared.operation == fresh.operation);
        CHECK(prepared.accuracy == fresh.accuracy);
    }
}

TEST_CASE("preparing an unknown CRS raises nothing; the transform then raises the CRS error", "[projection]") {
    CHECK_NOTHROW(prepare_transform("EPSG:999999", "EPSG:27700"));
    std::vector<double> x{-3.0}, y{53.4};
    std::vector<std::uint8_t> ok(1);
    CHECK_THROWS_WITH(transform_in_place("EPSG:999999", "EPSG:27700", x.data(), y.data(), 1, ok.data(), 1), Catch::Contains("EPSG:999999"));
}
