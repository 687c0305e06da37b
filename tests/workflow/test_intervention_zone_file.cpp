// Zones of `evaluate-intervention` given as polygon files (geo/zone_file): the same wards given as
// area-layer names and as a file (one in the analysis CRS, one in WGS 84 to be reprojected) give
// identical counts; an empty file, a file of points and an invalid polygon are refused naming the
// file and the feature.
#include "../city_fixture.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/workflow/intervention_workflow.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace hotspot;

namespace {

std::filesystem::path scratch() {
    const auto dir = std::filesystem::temp_directory_path() / ("hotspot_zone_file_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

const AreaLayer& wards(const AnalysisResult& a) {
    for (const AreaLayer& l : a.layers)
        if (l.name() == "wards") return l;
    FAIL("no wards layer");
    return a.layers.front();
}

// The named wards' polygons as one feature each in a new GeoPackage, in EPSG:`epsg`.
std::string wards_file(const AnalysisResult& a, const std::vector<std::string>& names, int epsg, const std::string& file) {
    GDALAllRegister();
    const std::string path = (scratch() / file).string();
    std::filesystem::remove(path);
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    OGRSpatialReference bng, target;
    bng.importFromEPSG(27700), target.importFromEPSG(epsg);
    bng.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER), target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* layer = ds->CreateLayer("zone", &target, wkbMultiPolygon, nullptr);
    REQUIRE(layer);
    const AreaLayer& w = wards(a);
    for (std::size_t k = 0; k < w.size(); ++k) {
        if (std::find(names.begin(), names.end(), w.label(k)) == names.end()) continue;
        const std::string wkb = w.wkb(k);
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkb(wkb.data(), &bng, &g, wkb.size());
        REQUIRE(g);
        if (epsg != 27700) REQUIRE(g->transformTo(&target) == OGRERR_NONE);
        OGRFeature f(layer->GetLayerDefn());
        f.SetGeometryDirectly(g);
        REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
    }
    return path;
}

std::string text_file(const std::string& name, const std::string& text) {
    const std::string path = (scratch() / name).string();
    std::ofstream(path) << text;
    return path;
}

InterventionConfig by_areas() {
    InterventionConfig c;
    c.treatment = {"wards", {"Ashcombe"}};
    c.buffer_areas = {"wards", {"Abbey Fields", "Alderbrook"}};
    c.control_rest = false;
    c.control = {"wards", {"Barrow Hill", "Billingford"}};
    c.month = month_index(2023, 10);
    c.months = 6;
    c.analysis_crs = "EPSG:27700";
    return c;
}

void same_counts(const InterventionResult& x, const InterventionResult& y) {
    CHECK(x.counts.treatment.before == y.counts.treatment.before);
    CHECK(x.counts.treatment.after == y.counts.treatment.after);
    CHECK(x.counts.buffer.before == y.counts.buffer.before);
    CHECK(x.counts.buffer.after == y.counts.buffer.after);
    CHECK(x.counts.control.before == y.counts.control.before);
    CHECK(x.counts.control.after == y.counts.control.after);
    CHECK(x.account.outside_zones[0] == y.account.outside_zones[0]);
    CHECK(x.account.outside_zones[1] == y.account.outside_zones[1]);
}

}  // namespace

TEST_CASE("Intervention zones from polygon files count as the same areas of a layer", "[intervention][workflow][zone_file]") {
    const AnalysisResult& a = city();
    const InterventionResult areas = run_intervention(a, by_areas());
    REQUIRE(areas.counts.treatment.before + areas.counts.treatment.after > 0);
    REQUIRE(areas.counts.buffer.before + areas.counts.buffer.after > 0);
    REQUIRE(areas.counts.control.before + areas.counts.control.after > 0);

    InterventionConfig c = by_areas();
    c.treatment_file = {wards_file(a, {"Ashcombe"}, 4326, "treatment_wgs84.gpkg"), ""};  // reprojected back to EPSG:27700
    c.buffer_file = {wards_file(a, {"Abbey Fields", "Alderbrook"}, 27700, "buffer.gpkg"), "zone"};
    c.control_file = {wards_file(a, {"Barrow Hill", "Billingford"}, 27700, "control.gpkg"), ""};
    const InterventionResult files = run_intervention(a, c);
    same_counts(files, areas);
    CHECK(files.zone_area_m2[0] == Approx(areas.zone_area_m2[0]).epsilon(1e-6));
    CHECK(files.zone_area_m2[1] == Approx(areas.zone_area_m2[1]).epsilon(1e-6));
    CHECK(files.zone_description[1] == "polygon file " + c.buffer_file.path + " (layer zone) (2 features, unioned), without the treatment");
    CHECK_THAT(files.zone_file[0], Catch::Contains(": 1 feature unioned, CRS EPSG:4326, SHA-256 "));
    CHECK_THAT(files.zone_file[1], Catch::Contains(": 2 features unioned, CRS EPSG:27700, SHA-256 "));
    CHECK(areas.zone_file[0].empty());

    // The treatment as a file with the ring buffer and the rest as control: as the ward by name.
    InterventionConfig ring = by_areas();
    ring.buffer_areas = {}, ring.buffer_m = 300, ring.control_rest = true;
    InterventionConfig ring_file = ring;
    ring_file.treatment_file = c.treatment_file;
    same_counts(run_intervention(a, ring_file), run_intervention(a, ring));
}

TEST_CASE("Intervention zone files: empty, without polygons or invalid are refused naming the file and feature", "[intervention][workflow][zone_file]") {
    const AnalysisResult& a = city();
    InterventionConfig c = by_areas();
    const std::string bng = R"("crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}, )";
    c.treatment_file = {text_file("empty.geojson", R"({"type": "FeatureCollection", )" + bng + R"("features": []})"), ""};
    CHECK_THROWS_WITH(run_intervention(a, c), Catch::Contains("empty.geojson' has no features (--treatment needs at least one polygon)"));
    c.treatment_file = {text_file("points.geojson", R"({"type": "FeatureCollection", )" + bng +
                                                        R"("features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [410000, 290000]}}]})"),
                        ""};
    CHECK_THROWS_WITH(run_intervention(a, c), Catch::Contains("points.geojson', feature 0: not_polygonal: the geometry is a Point"));
    const std::string square = R"({"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[10,0],[10,10],[0,10],[0,0]]]}})";
    const std::string bowtie = R"({"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[10,10],[10,0],[0,10],[0,0]]]}})";
    c.treatment_file = {text_file("bowtie.geojson", R"({"type": "FeatureCollection", )" + bng + R"("features": [)" + square + ", " + bowtie + "]}"), ""};
    CHECK_THROWS_WITH(run_intervention(a, c), Catch::Contains("bowtie.geojson', feature 1: invalid_geometry: Self-intersection"));
    c = by_areas();
    c.control_file = {text_file("nothing.geojson", R"({"type": "FeatureCollection", )" + bng + R"("features": []})"), ""};
    CHECK_THROWS_WITH(run_intervention(a, c), Catch::Contains("nothing.geojson' has no features (--control needs at least one polygon)"));
}
