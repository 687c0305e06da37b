// Point-in-polygon assignment: the boundary rule, a brute-force oracle, repairs.
#include "hotspot/base/errors.hpp"
#include "hotspot/geo/areas.hpp"

#include <catch2/catch.hpp>
#include <geos_c.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace hotspot;

namespace {

std::string square(double x0, double y0, double size) {
    std::ostringstream o;
    o << "POLYGON((" << x0 << " " << y0 << "," << x0 + size << " " << y0 << "," << x0 + size << " " << y0 + size << ","
      << x0 << " " << y0 + size << "," << x0 << " " << y0 << "))";
    return o.str();
}

// A 6x6 mesh of quadrilaterals whose shared vertices are jittered, so edges are slanted
// and exactly shared between neighbours (like a real ward layer).
struct Mesh {
    std::vector<std::string> ids, wkt;
    std::vector<std::pair<double, double>> vertices;
};

Mesh jittered_mesh(std::uint64_t seed) {
    constexpr int n = 6;
    constexpr double cell = 1000.0;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> jitter(-300.0, 300.0);
    std::vector<std::vector<std::pair<double, double>>> v(n + 1, std::vector<std::pair<double, double>>(n + 1));
    for (int i = 0; i <= n; ++i)
        for (int j = 0; j <= n; ++j) {
            const bool border = i == 0 || j == 0 || i == n || j == n;
            v[i][j] = {400000.0 + i * cell + (border ? 0 : jitter(rng)), 290000.0 + j * cell + (border ? 0 : jitter(rng))};
        }
    Mesh m;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            std::ostringstream o;
            o.precision(17);
            const auto pt = [&](int a, int b) { o << v[a][b].first << " " << v[a][b].second; };
            o << "POLYGON((";
            pt(i, j); o << ","; pt(i + 1, j); o << ","; pt(i + 1, j + 1); o << ","; pt(i, j + 1); o << ","; pt(i, j);
            o << "))";
            m.ids.push_back("A" + std::to_string(i * n + j));
            m.wkt.push_back(o.str());
        }
    for (const auto& row : v)
        for (const auto& p : row) m.vertices.push_back(p);
    return m;
}

// The oracle: every point against every polygon in order, plain (unprepared) GEOS
// intersects, no index. The first polygon whose closure holds the point wins.
std::int64_t brute_force(GEOSContextHandle_t ctx, const std::vector<GEOSGeometry*>& polys, double x, double y) {
    GEOSGeometry* p = GEOSGeom_createPointFromXY_r(ctx, x, y);
    std::int64_t found = -1;
    for (std::size_t i = 0; i < polys.size() && found < 0; ++i)
        if (GEOSIntersects_r(ctx, polys[i], p) == 1) found = static_cast<std::int64_t>(i);
    GEOSGeom_destroy_r(ctx, p);
    return found;
}

}  // namespace

TEST_CASE("a point on a shared edge goes to the first area in feature order", "[areas]") {
    const AreaLayer layer = AreaLayer::from_wkt("t", {"left", "right"}, {square(0, 0, 10), square(10, 0, 10)});
    CHECK(layer.locate(10.0, 5.0) == std::optional<std::size_t>(0));
    const AreaLayer swapped = AreaLayer::from_wkt("t", {"right", "left"}, {square(10, 0, 10), square(0, 0, 10)});
    CHECK(swapped.locate(10.0, 5.0) == std::optional<std::size_t>(0));
    CHECK(layer.locate(15.0, 5.0) == std::optional<std::size_t>(1));
}

TEST_CASE("a point on a corner shared by four areas goes to the first of them", "[areas]") {
    const AreaLayer layer = AreaLayer::from_wkt("t", {"sw", "se", "nw", "ne"},
                                                {square(0, 0, 10), square(10, 0, 10), square(0, 10, 10), square(10, 10, 10)});
    CHECK(layer.locate(10.0, 10.0) == std::optional<std::size_t>(0));
}

TEST_CASE("points outside every area and inside a hole are outside", "[areas]") {
    const AreaLayer layer = AreaLayer::from_wkt(
        "t", {"ward_with_hole"}, {"POLYGON((0 0,30 0,30 30,0 30,0 0),(10 10,20 10,20 20,10 20,10 10))"});
    CHECK_FALSE(layer.locate(15.0, 15.0));
    CHECK_FALSE(layer.locate(-1.0, 5.0));
    CHECK(layer.locate(5.0, 5.0));
    CHECK(layer.locate(10.0, 15.0));  // on the hole's ring: the boundary belongs to the area
}

TEST_CASE("assignment equals the brute-force oracle, boundaries included", "[areas]") {
    const Mesh mesh = jittered_mesh(20260401);
    const AreaLayer layer = AreaLayer::from_wkt("mesh", mesh.ids, mesh.wkt);
    GEOSContextHandle_t ctx = GEOS_init_r();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx);
    std::vector<GEOSGeometry*> polys;
    for (const auto& w : mesh.wkt) polys.push_back(GEOSWKTReader_read_r(ctx, reader, w.c_str()));

    std::vector<double> x, y;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> ux(399500.0, 406500.0), uy(289500.0, 296500.0);
    for (int i = 0; i < 20000; ++i) x.push_back(ux(rng)), y.push_back(uy(rng));
    for (const auto& [vx, vy] : mesh.vertices) x.push_back(vx), y.push_back(vy);  // exactly on shared vertices
    for (int i = 0; i <= 6; ++i)  // exactly on the straight outer edges
        for (double t : {0.0, 0.25, 0.5}) x.push_back(400000.0 + (i + t) * 1000.0), y.push_back(290000.0);

    const Assignment a = assign_points(layer, x.data(), y.data(), x.size(), 2);
    std::size_t mismatches = 0, on_boundary_checked = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const std::int64_t expected = brute_force(ctx, polys, x[i], y[i]);
        if (a.area[i] != expected) ++mismatches;
        if (i >= 20000) ++on_boundary_checked;
    }
    CHECK(mismatches == 0);
    CHECK(on_boundary_checked == mesh.vertices.size() + 21);
    CHECK(a.inside + a.outside == x.size());
    CHECK(a.outside > 0);  // the random box is wider than the mesh

    for (auto* p : polys) GEOSGeom_destroy_r(ctx, p);
    GEOSWKTReader_destroy_r(ctx, reader);
    GEOS_finish_r(ctx);
}

TEST_CASE("an invalid polygon is repaired with MakeValid and reported, not fatal", "[areas]") {
    const auto path = (std::filesystem::temp_directory_path() / "hotspot_test_bowtie.geojson").string();
    std::ofstream(path) << R"({"type":"FeatureCollection",
 "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},
 "features":[
  {"type":"Feature","properties":{"code":"GOOD","pop":1000},
   "geometry":{"type":"Polygon","coordinates":[[[0,0],[100,0],[100,100],[0,100],[0,0]]]}},
  {"type":"Feature","properties":{"code":"BOWTIE","pop":"n/a"},
   "geometry":{"type":"Polygon","coordinates":[[[200,0],[300,100],[300,0],[200,100],[200,0]]]}},
  {"type":"Feature","properties":{"code":"LINE","pop":5},
   "geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}
 ]})";
    AreaSpec spec;
    spec.name = "wards";
    spec.path = path;
    spec.id_field = "code";
    spec.population_field = "pop";
    const AreaLayer layer = AreaLayer::load(spec, "EPSG:27700");
    REQUIRE(layer.size() == 2);
    CHECK(layer.id(1) == "BOWTIE");
    CHECK(layer.area_m2(1) == Approx(5000.0));  // two triangles of 2,500 m2
    CHECK(layer.locate(210.0, 50.0) == std::optional<std::size_t>(1));
    CHECK(layer.population(0) == 1000.0);
    CHECK_FALSE(layer.population(1));
    std::vector<std::string> problems;
    for (const auto& p : layer.problems()) problems.push_back(p.area_id + ":" + p.problem);
    CHECK(problems == std::vector<std::string>{"BOWTIE:invalid_geometry", "BOWTIE:bad_population", "LINE:not_polygonal"});
}

TEST_CASE("a missing id field is a configuration error listing the fields", "[areas]") {
    const auto path = (std::filesystem::temp_directory_path() / "hotspot_test_one.geojson").string();
    std::ofstream(path) << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},
 "features":[{"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]})";
    AreaSpec spec;
    spec.name = "wards";
    spec.path = path;
    spec.id_field = "ward_code";
    CHECK_THROWS_AS(AreaLayer::load(spec, "EPSG:27700"), ConfigError);
    CHECK_THROWS_WITH(AreaLayer::load(spec, "EPSG:27700"), Catch::Contains("code"));
}

TEST_CASE("an area layer in WGS84 is reprojected to the analysis CRS", "[areas]") {
    // A 0.01 x 0.01 degree square near Birmingham: about 678 m x 1,112 m once projected.
    const auto path = (std::filesystem::temp_directory_path() / "hotspot_test_wgs84.geojson").string();
    std::ofstream(path) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"SQ"},
 "geometry":{"type":"Polygon","coordinates":[[[-1.90,52.48],[-1.89,52.48],[-1.89,52.49],[-1.90,52.49],[-1.90,52.48]]]}}]})";
    AreaSpec spec;
    spec.name = "squares";
    spec.path = path;
    spec.id_field = "code";
    const AreaLayer layer = AreaLayer::load(spec, "EPSG:27700");
    CHECK(layer.source_crs() == "EPSG:4326");
    CHECK(layer.area_m2(0) == Approx(678.0 * 1112.0).epsilon(0.01));
    const Envelope e = layer.envelope();
    CHECK(e.min_x > 400000.0);  // British National Grid metres, not degrees
    CHECK(e.max_y < 290000.0);
    CHECK(layer.locate((e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2));
}
