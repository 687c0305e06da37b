// The study area is the union of an area layer's polygons: planted points (inside, outside,
// in a gap between two polygons, on a shared edge, on the outer boundary, on a corner) and a
// dense grid that hits every edge, checked against a brute-force oracle (the GEOS union of
// the polygons, "covers": a different path from the prepared STRtree lookup). Then the step
// itself: outside rows counted per file and month, or listed in rejects on request, and
// rows read == accepted + rejected.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <catch2/catch.hpp>
#include <geos_c.h>

#include <map>

using namespace hotspot;

namespace {

// west | east share the edge x = 10; north sits 2 m above west: a gap strip 10 < y < 12.
const std::vector<std::string> wkt = {"POLYGON((0 0,10 0,10 10,0 10,0 0))", "POLYGON((10 0,20 0,20 10,10 10,10 0))",
                                      "POLYGON((0 12,10 12,10 22,0 22,0 12))"};

AreaLayer study_layer() { return AreaLayer::from_wkt("wards", {"west", "east", "north"}, wkt); }

// The oracle: the union of the polygons built with plain GEOS, then covers (boundary inside).
class UnionOracle {
public:
    UnionOracle() : ctx_(GEOS_init_r()) {
        GEOSWKTReader* r = GEOSWKTReader_create_r(ctx_);
        std::vector<GEOSGeometry*> parts;
        for (const auto& w : wkt) parts.push_back(GEOSWKTReader_read_r(ctx_, r, w.c_str()));
        GEOSWKTReader_destroy_r(ctx_, r);
        GEOSGeometry* collection = GEOSGeom_createCollection_r(ctx_, GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size()));
        union_ = GEOSUnaryUnion_r(ctx_, collection);
        GEOSGeom_destroy_r(ctx_, collection);
    }
    ~UnionOracle() {
        GEOSGeom_destroy_r(ctx_, union_);
        GEOS_finish_r(ctx_);
    }
    bool inside(double x, double y) const {
        GEOSGeometry* p = GEOSGeom_createPointFromXY_r(ctx_, x, y);
        const bool in = GEOSCovers_r(ctx_, union_, p) == 1;
        GEOSGeom_destroy_r(ctx_, p);
        return in;
    }

private:
    GEOSContextHandle_t ctx_;
    GEOSGeometry* union_ = nullptr;
};

// One row per point, in two files, months 2024-01 (even rows) and 2024-02 (odd rows).
IncidentTable planted_table(const std::vector<std::pair<double, double>>& points) {
    IncidentTable t;
    t.files.resize(2);
    t.files[0].path = "a.csv";
    t.files[1].path = "b.csv";
    for (std::size_t i = 0; i < points.size(); ++i) {
        t.x.push_back(points[i].first);
        t.y.push_back(points[i].second);
        t.month.push_back(month_index(2024, 1 + static_cast<int>(i % 2)));
        t.category.push_back(t.categories.intern("Burglary"));
        t.weight.push_back(1.0);
        t.file.push_back(i < points.size() / 2 ? 0 : 1);
        t.line.push_back(static_cast<std::uint32_t>(i + 2));
        t.location.push_back(t.locations.intern(""));
        t.lsoa.push_back(t.lsoa_codes.intern(""));
        t.crime_id.push_back("");
    }
    return t;
}

// A grid every 0.5 m over [-2, 24]^2: every edge, corner and the gap are hit exactly.
std::vector<std::pair<double, double>> grid_points() {
    std::vector<std::pair<double, double>> p;
    for (int i = -4; i <= 48; ++i)
        for (int j = -4; j <= 48; ++j) p.emplace_back(i * 0.5, j * 0.5);
    return p;
}

}  // namespace

TEST_CASE("study area: planted points and a dense grid agree with the union oracle", "[study_area]") {
    const std::vector<AreaLayer> layers = [] { std::vector<AreaLayer> v; v.push_back(study_layer()); return v; }();
    AnalysisConfig config;
    const StudyArea s = choose_study_area(layers, config);
    REQUIRE(s.layer == std::optional<std::size_t>(0));
    CHECK(s.description == "union of 3 polygons of layer wards");

    const UnionOracle oracle;
    // Planted: inside west, outside, in the gap, on the shared edge, on the outer edge, on a
    // corner shared by west and east, on north's lower edge, inside the gap's end.
    const std::vector<std::pair<double, double>> planted = {{5, 5}, {-5, 5}, {5, 11}, {10, 5}, {0, 5}, {10, 10}, {5, 12}, {15, 11}};
    const std::vector<std::uint8_t> expected = {1, 0, 0, 1, 1, 1, 1, 0};
    const IncidentTable t = planted_table(planted);
    const std::vector<std::uint8_t> in = inside_study_area(s, layers, t, 2);
    for (std::size_t i = 0; i < planted.size(); ++i) {
        INFO("point (" << planted[i].first << ", " << planted[i].second << ")");
        CHECK(in[i] == expected[i]);
        CHECK(oracle.inside(planted[i].first, planted[i].second) == (expected[i] == 1));
    }

    const auto grid = grid_points();
    const IncidentTable g = planted_table(grid);
    const std::vector<std::uint8_t> gin = inside_study_area(s, layers, g, 2);
    std::size_t differ = 0, inside = 0;
    for (std::size_t i = 0; i < grid.size(); ++i) {
        differ += (gin[i] == 1) != oracle.inside(grid[i].first, grid[i].second);
        inside += gin[i];
    }
    CHECK(differ == 0);
    CHECK(inside == 41 * 21 + 21 * 21);  // west+east: 41 x 21 grid points (x 0..20, y 0..10); north: 21 x 21
}

TEST_CASE("study area step: outside rows counted per file and month, or listed on request", "[study_area]") {
    const std::vector<std::pair<double, double>> planted = {{5, 5}, {-5, 5}, {5, 11}, {10, 5}, {0, 5}, {10, 10}, {5, 12}, {15, 11}};
    // Rows 1, 2 (file a, months 2024-02, 2024-01) and 7 (file b, 2024-02) are outside.
    const auto run = [&](const AnalysisConfig& config) {
        AnalysisResult r;
        r.layers.push_back(study_layer());
        r.incidents = planted_table(planted);
        apply_study_area(r, config, 2);
        CHECK(r.incidents.size() + rejected_rows(r) == planted.size());
        CHECK(r.report.get("counter", "outside_study_area") == "3");
        return r;
    };
    SECTION("default: counted only, no rejects rows") {
        const AnalysisResult r = run(AnalysisConfig{});
        CHECK(r.incidents.size() == 5);
        CHECK(r.rejects.empty());
        REQUIRE(r.outside_counted.size() == 3);
        std::map<std::pair<std::uint32_t, std::string>, std::uint64_t> got;
        for (const auto& c : r.outside_counted) got[{c.file, month_label(c.month)}] = c.rows;
        CHECK(got == std::map<std::pair<std::uint32_t, std::string>, std::uint64_t>{{{0, "2024-01"}, 1}, {{0, "2024-02"}, 1}, {{1, "2024-02"}, 1}});
        for (std::size_t i = 0; i < r.incidents.size(); ++i) CHECK(r.incidents.line[i] != 3);  // row 1 (line 3) is gone
    }
    SECTION("keep_outside_rows: listed in rejects as outside_study_area, by line") {
        AnalysisConfig c;
        c.keep_outside_rows = true;
        AnalysisResult r = run(c);
        CHECK(r.outside_counted.empty());
        REQUIRE(r.rejects.size() == 3);
        CHECK(r.rejects[0].line == 3);
        CHECK(r.rejects[1].line == 4);
        CHECK(r.rejects[2].line == 9);
        for (const auto& rej : r.rejects) CHECK(rej.reason == "outside_study_area");
        describe_rejects(r);
        CHECK_THAT(r.rejects[1].detail, Catch::Contains("(5.0, 11.0)") && Catch::Contains("union of 3 polygons of layer wards"));
    }
    SECTION("keep: every row stays, the outside ones counted") {
        AnalysisConfig c;
        c.outside_study_area = OutsideStudyArea::keep;
        const AnalysisResult r = run(c);
        CHECK(r.incidents.size() == planted.size());
        CHECK(rejected_rows(r) == 0);
    }
    SECTION("an explicit box is still the study area when given") {
        AnalysisConfig c;
        c.extent = Envelope{0, 0, 20, 11};  // holds the gap points (5, 11) and (15, 11), not (5, 12)
        AnalysisResult r;
        r.layers.push_back(study_layer());
        r.incidents = planted_table(planted);
        apply_study_area(r, c, 2);
        CHECK(r.study_area.is_box);
        CHECK(r.report.get("counter", "outside_study_area") == "2");  // (-5, 5) and (5, 12)
    }
}

TEST_CASE("study area: analysis.study_area chooses another layer, a wrong name is refused", "[study_area]") {
    std::vector<AreaLayer> layers;
    layers.push_back(AreaLayer::from_wkt("big", {"all"}, {"POLYGON((-100 -100,100 -100,100 100,-100 100,-100 -100))"}));
    layers.push_back(study_layer());
    AnalysisConfig c;
    apply_setting(c, "analysis.study_area", "wards", "");
    const StudyArea s = choose_study_area(layers, c);
    CHECK(s.layer == std::optional<std::size_t>(1));
    c.areas.resize(2);
    c.areas[0].name = "big";
    c.areas[0].path = "big.gpkg";
    c.areas[1].name = "wards";
    c.areas[1].path = "wards.gpkg";
    c.inputs.resize(1);
    c.inputs[0].paths = {"x.csv"};
    CHECK_NOTHROW(validate(c));
    apply_setting(c, "analysis.study_area", "ward", "");
    CHECK_THROWS_WITH(validate(c), Catch::Contains("no area layer of that name") && Catch::Contains("'wards'"));
    apply_setting(c, "analysis.outside_extent", "keep", "");  // the old spelling still works
    CHECK(c.outside_study_area == OutsideStudyArea::keep);
    CHECK_THROWS_WITH(apply_setting(c, "analysis.extent_margin_m", "1000", ""), Catch::Contains("analysis.study_area = LAYER"));
}

TEST_CASE("study area: a density grid covers the study area's envelope and every kernel", "[study_area]") {
    std::vector<AreaLayer> layers;
    layers.push_back(study_layer());  // envelope 0,0 - 20,22
    const StudyArea s = choose_study_area(layers, AnalysisConfig{});
    DensityOptions o;
    o.cell_m = 1;
    o.bandwidth_m = 4;  // quartic: support 4 m
    CHECK_THAT(grid_over_study_area(o, s), Catch::Contains("study area's envelope"));
    CHECK_FALSE(o.extent);
    const double x[] = {5, 15}, y[] = {5, 15};
    const DensityResult d = kernel_density(x, y, nullptr, 2, o);
    // The points +- 4 m alone would give 1..19 x 1..19 (18 x 18 cells); with the study area's
    // envelope 0..20 x 0..22: 20 x 22 cells.
    CHECK(d.grid.min_x == 0);
    CHECK(d.grid.max_y == 22);
    CHECK(d.grid.nx == 20);
    CHECK(d.grid.ny == 22);
    o.bandwidth_m = 30;  // a kernel wider than the study area: the grid grows to hold it
    const DensityResult wide = kernel_density(x, y, nullptr, 2, o);
    CHECK(wide.grid.min_x == -25);
    CHECK(wide.grid.max_y == 45);

    DensityOptions given;  // a grid extent given, or QGIS's grid: left alone
    given.cell_m = 3;
    given.extent = Envelope{100, 100, 130, 130};
    grid_over_study_area(given, s);
    CHECK_FALSE(given.cover);
    DensityOptions qgis;
    qgis.cell_m = 3;
    qgis.alignment = GridAlignment::qgis;
    grid_over_study_area(qgis, s);
    CHECK_FALSE(qgis.cover);
}

TEST_CASE("the distinct locations found when projecting stay in step as rows are dropped, and a table changed behind them is "
          "located afresh", "[study_area]") {
    // 4,000 rows on the planted points and the grid's first 300 points, with repeated Crime IDs;
    // outside rows and duplicates are dropped, then every row's ward is checked one by one.
    std::vector<std::pair<double, double>> places = {{5, 5}, {-5, 5}, {5, 11}, {10, 5}, {0, 5}, {10, 10}, {5, 12}, {15, 11}};
    const auto grid = grid_points();
    places.insert(places.end(), grid.begin(), grid.begin() + 300);
    std::vector<std::pair<double, double>> rows;
    for (std::size_t i = 0; i < 4000; ++i) rows.push_back(places[(i * 7919) % places.size()]);
    AnalysisResult r;
    r.layers.push_back(study_layer());
    r.incidents = planted_table(rows);
    for (auto& f : r.incidents.files) f.crs = "EPSG:27700";
    r.incidents.crime_id = CrimeIdColumn();
    for (std::size_t i = 0; i < rows.size(); ++i) r.incidents.crime_id.push_back(i % 10 == 3 ? "repeated-" + std::to_string(i % 200) : "");
    AnalysisConfig config;
    config.drop_duplicate_ids = true;
    project_incidents(r, "EPSG:27700", 2);
    REQUIRE(r.locations.of_row.size() == rows.size());
    apply_study_area(r, config, 2);
    find_duplicate_ids(r, true, 2);
    REQUIRE(!r.duplicates.empty());
    REQUIRE(r.incidents.size() < rows.size());
    const auto check_rows = [&] {
        const IncidentTable& t = r.incidents;
        REQUIRE(r.assignments.size() == 1);
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < t.size(); ++i) {
            const auto at = r.layers[0].locate(t.x[i], t.y[i]);
            wrong += r.assignments[0].area[i] != (at ? static_cast<std::int32_t>(*at) : -1);
        }
        CHECK(wrong == 0);
    };
    // Still in step: one entry a kept row, each the row's own point, and as many points as distinct kept places.
    const UniquePoints fresh = unique_points(r.incidents.x, r.incidents.y);
    REQUIRE(r.locations.of_row.size() == r.incidents.size());
    CHECK(r.locations.x.size() == fresh.x.size());
    std::size_t off = 0;
    for (std::size_t i = 0; i < r.incidents.size(); ++i)
        off += r.locations.x[r.locations.of_row[i]] != r.incidents.x[i] || r.locations.y[r.locations.of_row[i]] != r.incidents.y[i];
    CHECK(off == 0);
    assign_to_layers(r, 2);
    check_rows();
    // A change the locations were not told of: two rows swap places.
    std::swap(r.incidents.x.front(), r.incidents.x.back());
    std::swap(r.incidents.y.front(), r.incidents.y.back());
    r.assignments.clear();
    assign_to_layers(r, 2);
    check_rows();
}
