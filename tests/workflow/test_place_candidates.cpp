// Candidate sites of `hotspot place` (workflow/place_candidates): grid centres on the lattice of
// multiples of the spacing, kept inside the chosen areas and outside the exclusion layers, each
// one left out counted. Expected sets are enumerated by hand from the geometry.
#include "hotspot/base/errors.hpp"
#include "hotspot/workflow/place_candidates.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("hotspot_place_candidates_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

std::string write_file(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
    return path.string();
}

// Two squares: A = [0,100]^2 and B = [100,200] x [0,100].
AreaLayer two_squares() {
    return AreaLayer::from_wkt("zones", {"A", "B"},
                               {"POLYGON((0 0,100 0,100 100,0 100,0 0))", "POLYGON((100 0,200 0,200 100,100 100,100 0))"});
}

}  // namespace

TEST_CASE("grid candidates: cell centres inside the chosen area only", "[place_candidates]") {
    const AreaLayer layer = two_squares();
    PlaceArea area{&layer, {1, 0}, "zones: A"};
    const CandidateSet c = make_candidates(parse_candidates("grid:25"), area, {50}, {50}, {}, "EPSG:27700");
    // A's envelope 0..100 holds 4 x 4 centres at 12.5, 37.5, 62.5, 87.5: all inside A, none in B.
    REQUIRE(c.x.size() == 16);
    CHECK(c.considered == 16);
    CHECK(c.outside_areas == 0);
    CHECK(c.x.front() == 12.5);
    CHECK(c.y.back() == 87.5);
    // Both areas chosen, a spacing that does not divide the origin: the lattice is k * 30 + 15.
    PlaceArea both{&layer, {1, 1}, "zones"};
    const CandidateSet d = make_candidates(parse_candidates("grid:30"), both, {50}, {50}, {}, "EPSG:27700");
    // x: 15..195 (7), y: 15, 45, 75 (3) inside; y = 105 is outside both squares.
    CHECK(d.x.size() == 21);
    CHECK(d.considered == 28);
    CHECK(d.outside_areas == 7);
}

TEST_CASE("exclusion layers and layer candidates", "[place_candidates]") {
    const fs::path dir = scratch("exclusion");
    const std::string park = write_file(dir / "park.geojson",
        R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},"features":[)"
        R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[50,0],[50,50],[0,50],[0,0]]]}}]})");
    const std::string lamps = write_file(dir / "lamps.geojson",
        R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},"features":[)"
        R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[10,10]}},)"
        R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[70,70]}},)"
        R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[150,50]}}]})");
    const AreaLayer layer = two_squares();
    PlaceArea area{&layer, {1, 0}, "zones: A"};
    // The park holds the 4 centres at 12.5 and 37.5 in both axes.
    const CandidateSet g = make_candidates(parse_candidates("grid:25"), area, {50}, {50}, {parse_exclusion(park)}, "EPSG:27700");
    CHECK(g.x.size() == 12);
    REQUIRE(g.excluded.size() == 1);
    CHECK(g.excluded[0] == 4);
    // Lamp columns: (10,10) in the park, (150,50) in B (not chosen): only (70,70) is left.
    const CandidateSet l = make_candidates(parse_candidates("layer:" + lamps), area, {50}, {50}, {parse_exclusion(park)}, "EPSG:27700");
    REQUIRE(l.x.size() == 1);
    CHECK(l.x[0] == 70);
    CHECK(l.outside_areas == 1);
    CHECK(l.excluded[0] == 1);
    // Everything excluded: refused, not an empty placement.
    PlaceArea corner{&layer, {1, 0}, "zones: A"};
    CHECK_THROWS_AS(make_candidates(parse_candidates("incidents"), corner, {10}, {10}, {parse_exclusion(park)}, "EPSG:27700"), ConfigError);
    fs::remove_all(dir);
}

TEST_CASE("candidate specifications are parsed strictly", "[place_candidates]") {
    CHECK(parse_candidates("incidents").source == CandidateSource::incidents);
    CHECK(parse_candidates("grid:12.5").spacing_m == 12.5);
    const CandidateSpec l = parse_candidates("layer:cams.gpkg,layer=lamps");
    CHECK(l.path == "cams.gpkg");
    CHECK(l.layer == "lamps");
    for (const char* bad : {"grid:", "grid:-5", "grid:0", "grid:abc", "layer:", "points", "Grid:50"})
        CHECK_THROWS_AS(parse_candidates(bad), ConfigError);
    // A grid whose box is too big is refused before it is built.
    const AreaLayer huge = AreaLayer::from_wkt("big", {"X"}, {"POLYGON((0 0,100000 0,100000 100000,0 100000,0 0))"});
    PlaceArea area{&huge, {1}, "big"};
    CHECK_THROWS_AS(make_candidates(parse_candidates("grid:10"), area, {1}, {1}, {}, "EPSG:27700"), ConfigError);
}
