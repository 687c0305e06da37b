// check-disclosure on PMTiles and dashboard folders. The peer of a PMTiles check is the check of
// the GeoPackage the tiles were made from: the same breaches, each once however many tiles hold
// the area. A dashboard's data.json is written by dashboard_data_json with a small count planted.
#include "hotspot/publish/pmtiles.hpp"
#include "hotspot/report/dashboard_data.hpp"
#include "hotspot/report/disclosure_check.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <tuple>

#include <unistd.h>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("hotspot_test_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

struct Ward {
    std::string id;
    std::optional<std::int64_t> count, burglary, robbery;
    double size_m = 3000;  // a square from (410000 + 20 km * place, 280000) in British National Grid
};

// A GeoPackage of wards (fid 1, 2, ... in order) and, if asked, an incidents point layer.
void write_fixture(const std::string& path, const std::vector<Ward>& wards, bool with_points) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    OGRSpatialReference bng;
    bng.importFromEPSG(27700);
    OGRLayer* l = ds->CreateLayer("wards", &bng, wkbPolygon, nullptr);
    for (const char* text : {"area_id", "area_name"}) {
        OGRFieldDefn d(text, OFTString);
        l->CreateField(&d);
    }
    for (const char* count : {"count", "n_burglary", "n_robbery"}) {
        OGRFieldDefn d(count, OFTInteger64);
        l->CreateField(&d);
    }
    for (std::size_t i = 0; i < wards.size(); ++i) {
        const Ward& w = wards[i];
        OGRFeature f(l->GetLayerDefn());
        f.SetField("area_id", w.id.c_str());
        f.SetField("area_name", ("Ward " + w.id).c_str());
        const auto set = [&](const char* name, const std::optional<std::int64_t>& v) {
            if (v) f.SetField(name, static_cast<GIntBig>(*v));
        };
        set("count", w.count);
        set("n_burglary", w.burglary);
        set("n_robbery", w.robbery);
        const double x = 410000 + 20000.0 * static_cast<double>(i), y = 280000, s = w.size_m;
        OGRPolygon p;
        OGRLinearRing r;
        for (auto [dx, dy] : {std::pair{0.0, 0.0}, {s, 0.0}, {s, s}, {0.0, s}, {0.0, 0.0}}) r.addPoint(x + dx, y + dy);
        p.addRing(&r);
        f.SetGeometry(&p);
        REQUIRE(l->CreateFeature(&f) == OGRERR_NONE);
    }
    if (!with_points) return;
    OGRLayer* pts = ds->CreateLayer("incidents", &bng, wkbPoint, nullptr);
    OGRFieldDefn id("crime_id", OFTString);
    pts->CreateField(&id);
    OGRFeature f(pts->GetLayerDefn());
    f.SetField("crime_id", "abc");
    OGRPoint pt(411000, 281000);
    f.SetGeometry(&pt);
    REQUIRE(pts->CreateFeature(&f) == OGRERR_NONE);
}

std::string make_pmtiles(const fs::path& dir, const std::string& name, const std::vector<Ward>& wards, bool with_points) {
    const std::string gpkg = (dir / (name + ".gpkg")).string(), pm = (dir / (name + ".pmtiles")).string();
    write_fixture(gpkg, wards, with_points);
    std::vector<std::string> layers{"wards"};
    if (with_points) layers.push_back("incidents");
    write_pmtiles(gpkg, layers, pm, pm, 8, 12, "test");
    return pm;
}

using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;  // layer, feature, field, value, reason

// Breaches with the feature named by area_id, as the tiles name it (the GeoPackage names a fid).
std::set<Key> keys(const DisclosureCheck& c, const std::vector<Ward>& wards) {
    std::set<Key> out;
    for (const auto& b : c.breaches) {
        if (b.layer == "disclosure") continue;  // the GeoPackage's own table: tiles have none
        std::string who = b.where;
        if (b.feature >= 1 && b.layer == "wards") who = "area_id " + wards.at(static_cast<std::size_t>(b.feature - 1)).id;
        out.emplace(b.layer, who, b.field, b.value, b.reason);
    }
    return out;
}

bool has_note(const DisclosureCheck& c, const std::string& part) {
    for (const auto& n : c.notes)
        if (n.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("check-disclosure of PMTiles: every tile read, the GeoPackage's breaches found once each", "[disclosure][pmtiles]") {
    const fs::path dir = fresh_dir("disclosure_pmtiles");
    const DisclosureRule rule;
    SECTION("small counts, a point layer and a record-level field") {
        const std::vector<Ward> wards{{"A", 25, 22, 3, 15000}, {"B", 40, 20, 20}, {"C", 0, 0, 0}};
        const std::string pm = make_pmtiles(dir, "leaky", wards, true);
        const DisclosureCheck tiles = check_disclosure(pm, rule), peer = check_disclosure((dir / "leaky.gpkg").string(), rule);
        REQUIRE(tiles.checked);
        CHECK(keys(tiles, wards) == keys(peer, wards));
        CHECK(keys(tiles, wards).count({"wards", "area_id A", "n_robbery", "3", "count below 10"}) == 1);
        CHECK(keys(tiles, wards).count({"incidents", "", "geometry", "Point", "point geometry layer"}) == 1);
        CHECK(keys(tiles, wards).count({"incidents", "", "crime_id", "", "record-level field (crime id or coordinates)"}) == 1);
        CHECK(tiles.breaches.size() == 3);  // ward A's robbery once, though A lies in a tile of every zoom, 8 to 12
        CHECK(has_note(tiles, "wards: 3 distinct features in "));
    }
    SECTION("a suppressed cell its row total gives away") {
        const std::vector<Ward> wards{{"A", 25, 22, std::nullopt}, {"B", 40, std::nullopt, std::nullopt}, {"C", 12, 12, 0}};
        const std::string pm = make_pmtiles(dir, "recoverable", wards, false);
        const DisclosureCheck tiles = check_disclosure(pm, rule), peer = check_disclosure((dir / "recoverable.gpkg").string(), rule);
        REQUIRE(tiles.checked);
        CHECK(keys(tiles, wards) == keys(peer, wards));
        REQUIRE(tiles.breaches.size() == 1);
        CHECK(tiles.breaches[0].where == "area_id A");
        CHECK(tiles.breaches[0].field == "n_robbery");
        CHECK(tiles.breaches[0].value == "between 3 and 3");
    }
    SECTION("rounded counts: rows that do not add up turn the row audit off") {
        const std::vector<Ward> wards{{"A", 25, 20, 10}, {"B", 25, 20, std::nullopt}};
        const DisclosureCheck tiles = check_disclosure(make_pmtiles(dir, "rounded", wards, false), rule);
        CHECK(tiles.breaches.empty());
        CHECK(has_note(tiles, "LP audit skipped"));
        CHECK(!check_disclosure((dir / "rounded.gpkg").string(), rule).breaches.empty());  // audited, B's robbery is 5
    }
    SECTION("a clean public layer passes") {
        const std::vector<Ward> wards{{"A", 25, 15, 10, 15000}, {"B", 40, std::nullopt, std::nullopt}, {"C", 0, 0, 0}};
        const DisclosureCheck tiles = check_disclosure(make_pmtiles(dir, "clean", wards, false), rule);
        CHECK(tiles.checked);
        CHECK(tiles.breaches.empty());
        CHECK(tiles.features == 3);
    }
    SECTION("what cannot be read is not checked, never passed") {
        const std::string empty = (dir / "empty.pmtiles").string();
        std::ofstream(empty).close();
        const DisclosureCheck e = check_disclosure(empty, rule);
        CHECK(!e.checked);
        CHECK(has_note(e, "empty.pmtiles"));
        CHECK(has_note(e, "NOT CHECKED"));
        const std::string whole = make_pmtiles(dir, "whole", {{"A", 25, 15, 10}}, false), cut = (dir / "cut.pmtiles").string();
        fs::copy_file(whole, cut);
        fs::resize_file(cut, fs::file_size(cut) - 10);
        CHECK(!check_disclosure(cut, rule).checked);
    }
}

namespace {

DashboardLayer dashboard_layer() {
    DashboardLayer l;
    l.name = "wards";
    DashboardMeasure m;
    m.field = "count";
    m.classes = {{0, 0, "0", "#ffffff"}, {0, 25, "1 - 25", "#ff0000"}};
    l.measures = {m};
    DashboardArea a;
    a.id = "A", a.name = "Alpha", a.count = 25, a.base_count = 12, a.current_count = 13;
    a.monthly = {{"2024-01", 12}, {"2024-02", 0}, {"2024-03", 13}};
    a.top_categories = {{"burglary", 15}, {"robbery", 10}};
    DashboardArea b;
    b.id = "B", b.name = "Beta", b.count = 0;
    b.monthly = {{"2024-01", 0}, {"2024-02", 0}, {"2024-03", 0}};
    l.areas = {a, b};
    return l;
}

void write_text(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

}  // namespace

TEST_CASE("check-disclosure of a dashboard folder: data.json and tiles.pmtiles", "[disclosure][dashboard]") {
    const fs::path dir = fresh_dir("disclosure_dashboard"), site = dir / "site";
    const DisclosureRule rule;
    fs::create_directories(site);
    const std::string pm = make_pmtiles(dir, "clean", {{"A", 25, 15, 10}, {"B", 0, 0, 0}}, false);
    fs::copy_file(pm, site / "tiles.pmtiles");
    write_text(site / "index.html", "<!doctype html>");
    DashboardLayer layer = dashboard_layer();
    write_text(site / "data.json", dashboard_data_json({layer}, "t", "run", 10));
    const DisclosureCheck clean = check_disclosure(site.string(), rule);
    CHECK(clean.checked);
    CHECK(clean.breaches.empty());
    CHECK(has_note(clean, "index.html"));  // named as not read

    layer.areas[0].monthly[1].second = 3;
    write_text(site / "data.json", dashboard_data_json({layer}, "t", "run", 10));
    const DisclosureCheck planted = check_disclosure(site.string(), rule);
    REQUIRE(planted.breaches.size() == 1);
    CHECK(planted.breaches[0].layer == "data.json/wards");
    CHECK(planted.breaches[0].where == "area A (Alpha)");
    CHECK(planted.breaches[0].field == "monthly 2024-02");
    CHECK(planted.breaches[0].value == "3");

    layer.areas[0].monthly[1].second = 0;
    layer.measures[0].classes[1].lower = 4;  // a legend "4 - 25" says some area counted 4
    layer.areas[1].top_categories = {{"robbery", 2}};
    layer.areas[0].base_count = 9;
    write_text(site / "data.json", dashboard_data_json({layer}, "t", "run", 0));  // not public: no suppressed_below
    std::set<std::string> found;
    for (const auto& b : check_disclosure(site.string(), rule).breaches) found.insert(b.layer + "|" + b.where + "|" + b.field + "|" + b.value);
    CHECK(found == std::set<std::string>{"data.json||suppressed_below|", "data.json/wards|area A (Alpha)|base_count|9",
                                         "data.json/wards|legend of count|bound|4",
                                         "data.json/wards|area B (Beta)|top_categories robbery|2"});

    // A legend bound no area shows: classes made before suppression give a hidden value away.
    layer = dashboard_layer();
    layer.measures[0].classes[1].upper = 30;
    write_text(site / "data.json", dashboard_data_json({layer}, "t", "run", 10));
    const DisclosureCheck unpublished = check_disclosure(site.string(), rule);
    REQUIRE(unpublished.breaches.size() == 1);
    CHECK(unpublished.breaches[0].value == "30");
    CHECK(unpublished.breaches[0].reason.find("no published value of count") != std::string::npos);

    fs::copy_file(make_pmtiles(dir, "leaky", {{"A", 25, 22, 3}}, false), site / "tiles.pmtiles", fs::copy_options::overwrite_existing);
    write_text(site / "data.json", dashboard_data_json({dashboard_layer()}, "t", "run", 10));
    const DisclosureCheck tiles = check_disclosure(site.string(), rule);
    REQUIRE(tiles.breaches.size() == 1);
    CHECK(tiles.breaches[0].layer == "tiles.pmtiles/wards");
    CHECK(tiles.breaches[0].where == "area_id A");
    CHECK(tiles.breaches[0].value == "3");

    fs::remove(site / "tiles.pmtiles");
    CHECK(!check_disclosure(site.string(), rule).checked);
}
