// What a run writes: GeoPackage layers and styles, rejects with raw text, the run
// report, vector tiles, and outputs published together.
#include "hotspot/base/errors.hpp"
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/read/inputs.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

const std::string geodata = HOTSPOT_GEODATA;
const ProgressFn quiet = [](const std::string&, double) {};

AnalysisConfig small_config(const fs::path& out_dir) {
    AnalysisConfig c = load_config_file(geodata + "/hotspot.ini");
    c.inputs.resize(1);  // police only, three months, to keep it quick
    c.inputs[0].paths = {geodata + "/police/2023-10-brindleford-street.csv.gz", geodata + "/police/2023-12-brindleford-street.csv.gz",
                         geodata + "/police/2024-11-brindleford-street.csv.gz"};
    c.measures.base.reset();
    c.measures.current.reset();
    c.output.gpkg = (out_dir / "run.gpkg").string();
    c.output.mbtiles = (out_dir / "run.mbtiles").string();
    c.output.xyz = (out_dir / "tiles").string();
    c.output.max_zoom = 11;
    c.output.overwrite = true;
    return c;
}

// What a command does: claim, compute, write, publish.
void write_and_publish(AnalysisResult& r, const AnalysisConfig& c) {
    OutputSet outputs(c.output.overwrite, input_files(c));
    claim_analysis_outputs(outputs, c);
    write_outputs(r, c, outputs, quiet);
    outputs.publish();
}

fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("hotspot_test_" + name);
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

InputSpec ogr_spec(const std::string& name, const std::string& date_field, const std::string& weight_field) {
    InputSpec s;
    s.name = name;
    s.format = InputFormat::ogr;
    s.columns.date = date_field;
    s.columns.weight = weight_field;
    return s;
}

std::set<std::string> layer_names(GDALDataset& ds) {
    std::set<std::string> names;
    for (auto* l : ds.GetLayers()) names.insert(l->GetName());
    return names;
}

}  // namespace

TEST_CASE("a run writes every layer, styles, rejects with raw text and the report", "[outputs]") {
    const fs::path dir = fresh_dir("outputs");
    const AnalysisConfig c = small_config(dir);
    AnalysisResult r = run_analysis(c, AnalysisScope::full, quiet);
    write_and_publish(r, c);

    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(c.output.gpkg.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    const std::set<std::string> expected = {"incidents", "wards", "wards_periods", "neighbourhoods", "neighbourhoods_periods",
                                            "rejects", "outside_study_area", "duplicate_crime_ids", "area_problems", "layer_styles",
                                            "run_report"};
    CHECK(layer_names(*ds) == expected);
    CHECK(ds->GetLayerByName("incidents")->GetFeatureCount() == static_cast<GIntBig>(r.incidents.size()));
    CHECK(ds->GetLayerByName("wards")->GetFeatureCount() == 52);

    // 2023-10 line 1200 is the Scotland row: outside the study area, so counted in
    // outside_study_area (file 2023-10, month 2023-10, 1 row), not listed in rejects.
    OGRLayer* rejects = ds->GetLayerByName("rejects");
    CHECK(rejects->GetFeatureCount() == 1);  // month 2023-13 (2023-12); the duplicate is kept
    for (auto& f : *rejects) CHECK(std::string(f->GetFieldAsString("reason")) == "bad_month");
    OGRLayer* outside = ds->GetLayerByName("outside_study_area");
    REQUIRE(outside->GetFeatureCount() == 1);
    for (auto& f : *outside) {
        CHECK_THAT(std::string(f->GetFieldAsString("source_file")), Catch::EndsWith("2023-10-brindleford-street.csv.gz"));
        CHECK(std::string(f->GetFieldAsString("month")) == "2023-10");
        CHECK(f->GetFieldAsInteger64("rows") == 1);
    }
    CHECK(r.report.get("counter", "rejected") == "2");
    CHECK(r.report.get("counter", "rejected_counted_only") == "1");

    std::set<std::string> styled;
    for (auto& f : *ds->GetLayerByName("layer_styles")) {
        styled.insert(f->GetFieldAsString("f_table_name"));
        CHECK(f->GetFieldAsInteger("useAsDefault") == 1);
        CHECK(std::string(f->GetFieldAsString("f_table_schema")).empty());
        CHECK_FALSE(f->IsFieldNull(f->GetFieldIndex("f_table_schema")));
    }
    CHECK(styled == std::set<std::string>{"incidents", "wards", "neighbourhoods"});

    std::set<std::string> report_keys;
    for (auto& f : *ds->GetLayerByName("run_report")) report_keys.insert(std::string(f->GetFieldAsString("section")) + "." + f->GetFieldAsString("key"));
    for (const char* k : {"config.effective_ini", "run.hotspot_version", "counter.rows_read", "counter.accepted", "counter.rejected",
                          "check.rows_read == accepted + rejected", "output.mbtiles", "timing.write_s", "crs.analysis_crs", "run.run_id"})
        CHECK(report_keys.count(k) == 1);
    CHECK(fs::is_regular_file(c.output.mbtiles));
    for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("area layers say which period their headline measures cover", "[outputs][headline]") {
    const fs::path dir = fresh_dir("headline");
    AnalysisConfig c = small_config(dir);
    c.output.mbtiles.clear();
    c.output.xyz.clear();
    AnalysisResult r = run_analysis(c, AnalysisScope::full, quiet);
    write_and_publish(r, c);

    // Files 2023-10, 2023-12 and 2024-11: 14 months, no comparison, so the latest 12 months.
    std::uint64_t in_latest_12 = 0, inside = 0;
    for (std::size_t i = 0; i < r.incidents.size(); ++i) {
        if (r.assignments[0].area[i] < 0) continue;
        ++inside;
        in_latest_12 += r.incidents.month[i] >= month_index(2023, 12);
    }
    REQUIRE(in_latest_12 < inside);  // the 2023-10 rows are left out of the headline

    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(c.output.gpkg.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    OGRLayer* wards = ds->GetLayerByName("wards");
    std::uint64_t count = 0, all = 0;
    for (auto& f : *wards) {
        CHECK(std::string(f->GetFieldAsString("headline_period")) == "2023-12..2024-11");
        CHECK(f->GetFieldAsInteger("headline_months") == 12);
        CHECK(f->GetFieldAsInteger("months_all") == 14);
        count += static_cast<std::uint64_t>(f->GetFieldAsInteger64("count"));
        all += static_cast<std::uint64_t>(f->GetFieldAsInteger64("count_all_months"));
    }
    CHECK(count == in_latest_12);
    CHECK(all == inside);
    CHECK_THAT(std::string(wards->GetMetadataItem("DESCRIPTION")), Catch::Contains("cover 2023-12..2024-11 (Dec 2023-Nov 2024, 12 months)"));
    OGRLayer* titles = ds->ExecuteSQL(
        "SELECT description FROM gpkg_data_columns WHERE table_name = 'wards' AND column_name = 'rate_per_1000'", nullptr, nullptr);
    REQUIRE(titles);
    OGRFeatureUniquePtr title(titles->GetNextFeature());
    REQUIRE(title);
    CHECK(std::string(title->GetFieldAsString(0)) == "Rate per 1,000 residents per year, 2023-12..2024-11 (Dec 2023-Nov 2024, 12 months)");
    title.reset();
    ds->ReleaseResultSet(titles);
}

TEST_CASE("XYZ tiles are uncompressed protobuf files QGIS can read from disk", "[outputs]") {
    const fs::path dir = fresh_dir("xyz");
    const AnalysisConfig c = small_config(dir);
    AnalysisResult r = run_analysis(c, AnalysisScope::full, quiet);
    write_and_publish(r, c);
    std::size_t tiles = 0;
    for (const auto& e : fs::recursive_directory_iterator(c.output.xyz)) {
        if (e.path().extension() != ".pbf") continue;
        std::ifstream in(e.path(), std::ios::binary);
        const int b0 = in.get(), b1 = in.get();
        CHECK_FALSE((b0 == 0x1f && b1 == 0x8b));  // gzip magic
        ++tiles;
    }
    CHECK(tiles > 10);
    GDALDatasetUniquePtr mb(GDALDataset::Open(c.output.mbtiles.c_str(), GDAL_OF_VECTOR));
    REQUIRE(mb);
    CHECK(layer_names(*mb) == std::set<std::string>{"wards", "neighbourhoods"});
}

TEST_CASE("a failed run leaves the previous output untouched and no temporary files", "[outputs]") {
    const fs::path dir = fresh_dir("atomic");
    AnalysisConfig c = small_config(dir);
    c.output.mbtiles.clear();
    c.output.xyz.clear();
    AnalysisResult r = run_analysis(c, AnalysisScope::full, quiet);
    write_and_publish(r, c);  // the previous good output
    const auto before = fs::last_write_time(c.output.gpkg);
    const auto size = fs::file_size(c.output.gpkg);
    c.output.mbtiles = (dir / "sub" / "run.mbtiles").string();
    {
        OutputSet outputs(true, input_files(c));
        claim_analysis_outputs(outputs, c);
        fs::remove_all(dir / "sub");
        std::ofstream(dir / "sub") << "a file where the folder was: the tiles cannot be written";
        CHECK_THROWS_AS(write_outputs(r, c, outputs, quiet), OutputError);
    }
    CHECK(fs::last_write_time(c.output.gpkg) == before);
    CHECK(fs::file_size(c.output.gpkg) == size);
    CHECK_FALSE(fs::exists(c.output.mbtiles));
    for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("an OGR point layer is an input, its FID standing for the line", "[outputs][ogr]") {
    const fs::path dir = fresh_dir("ogr");
    const auto path = (dir / "points.geojson").string();
    std::ofstream(path) << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},
 "features":[
  {"type":"Feature","id":1,"properties":{"when":"2024-03-05","what":"PSPO breach","w":2},"geometry":{"type":"Point","coordinates":[435000,292000]}},
  {"type":"Feature","id":2,"properties":{"when":"2024-13-01","what":"PSPO breach","w":1},"geometry":{"type":"Point","coordinates":[435100,292000]}},
  {"type":"Feature","id":3,"properties":{"when":"2024-04-01","what":"PSPO breach","w":1},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}},
  {"type":"Feature","id":4,"properties":{"when":"2024-04-01","what":"","w":1},"geometry":{"type":"Point","coordinates":[435100,292000]}}
 ]})";
    InputSpec s = ogr_spec("council", "when", "w");
    s.columns.category = "what";
    const ReadResult r = read_ogr_points(path, s);
    REQUIRE(r.incidents.size() == 1);
    CHECK(r.incidents.x[0] == 435000.0);
    CHECK(r.incidents.weight[0] == 2.0);
    CHECK(r.incidents.day == std::vector<DayIndex>{19787});  // 2024-03-05 (Python datetime)
    CHECK(r.incidents.files[0].crs == "EPSG:27700");
    REQUIRE(r.rejects.size() == 3);
    CHECK(r.rejects[0].reason == "bad_date");
    CHECK(r.rejects[1].reason == "not_a_point");
    CHECK(r.rejects[2].reason == "no_category");
    CHECK(r.incidents.files[0].rows_read == 4);
}

TEST_CASE("with --keep-outside-rows, rows outside the study area are listed in rejects with raw text", "[outputs]") {
    const fs::path dir = fresh_dir("outputs_keep_outside");
    AnalysisConfig c = small_config(dir);
    c.output.mbtiles.clear();
    c.output.xyz.clear();
    apply_setting(c, "analysis.keep_outside_rows", "true", "");
    AnalysisResult r = run_analysis(c, AnalysisScope::join, quiet);
    write_and_publish(r, c);
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(c.output.gpkg.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    CHECK(ds->GetLayerByName("outside_study_area")->GetFeatureCount() == 0);
    OGRLayer* rejects = ds->GetLayerByName("rejects");
    CHECK(rejects->GetFeatureCount() == 2);
    bool saw_scotland = false;
    for (auto& f : *rejects) {
        CHECK(std::string(f->GetFieldAsString("raw")).size() > 20);
        if (std::string(f->GetFieldAsString("reason")) == "outside_study_area") {  // raw text recovered after projection
            saw_scotland = true;
            CHECK(f->GetFieldAsInteger64("source_line") == 1200);
            CHECK_THAT(std::string(f->GetFieldAsString("raw")), Catch::Contains("-3.0"));
            CHECK_THAT(std::string(f->GetFieldAsString("detail")), Catch::Contains("outside the study area, union of 52 polygons of layer wards"));
        }
    }
    CHECK(saw_scotland);
}

TEST_CASE("a large GeoPackage read on several threads gives the rows and rejects of one scan, in order", "[outputs][ogr]") {
    const fs::path dir = fresh_dir("ogr_split");
    const auto path = (dir / "many.gpkg").string();
    {
        GDALAllRegister();
        GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
        REQUIRE(gpkg);
        GDALDatasetUniquePtr ds(gpkg->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        OGRSpatialReference srs;
        srs.importFromEPSG(27700);
        OGRLayer* layer = ds->CreateLayer("pts", &srs, wkbPoint, nullptr);
        OGRFieldDefn month("month", OFTString), w("w", OFTReal);
        layer->CreateField(&month);
        layer->CreateField(&w);
        REQUIRE(ds->StartTransaction() == OGRERR_NONE);  // one commit, not one per feature
        for (long i = 0; i < 250000; ++i) {  // above the 200,000 features worth splitting
            OGRFeature f(layer->GetLayerDefn());
            f.SetField("month", i % 997 == 0 ? "2024-13" : (i / 1000) % 2 ? "2024-03" : "2024-04");  // some bad dates
            f.SetField("w", 1.0 + (i % 7));
            OGRPoint p(430000.0 + static_cast<double>((i * 7919) % 10000), 290000.0 + static_cast<double>((i * 104729) % 10000));
            f.SetGeometry(&p);
            if (layer->CreateFeature(&f) != OGRERR_NONE) FAIL("cannot write feature " << i);
        }
        REQUIRE(ds->CommitTransaction() == OGRERR_NONE);
    }
    InputSpec s = ogr_spec("pts", "month", "w");
    s.columns.fixed_category = "p";
    const ReadResult one = read_ogr_points(path, s, 1), three = read_ogr_points(path, s, 3);
    REQUIRE(three.incidents.files.size() == 1);
    CHECK(three.incidents.files[0].rows_read == 250000);
    CHECK(three.incidents.size() + three.rejects.size() == 250000);
    CHECK(three.incidents.x == one.incidents.x);
    CHECK(three.incidents.y == one.incidents.y);
    CHECK(three.incidents.month == one.incidents.month);
    CHECK(three.incidents.day.size() == three.incidents.size());  // month-only dates: every day unknown
    CHECK(three.incidents.day == one.incidents.day);
    CHECK(std::all_of(three.incidents.day.begin(), three.incidents.day.end(), [](DayIndex d) { return d == unknown_day; }));
    CHECK(three.incidents.weight == one.incidents.weight);
    CHECK(three.incidents.line == one.incidents.line);
    CHECK(std::all_of(three.incidents.file.begin(), three.incidents.file.end(), [](auto f) { return f == 0; }));
    REQUIRE(three.rejects.size() == one.rejects.size());
    CHECK(three.rejects.size() == 251);
    for (std::size_t i = 0; i < one.rejects.size(); ++i) {
        CHECK(three.rejects[i].line == one.rejects[i].line);
        CHECK(three.rejects[i].file == 0);
    }
}
