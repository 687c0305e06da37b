// The MapLibre style of the area layers: one fill layer per QML legend class, with the QML's
// bounds and colour, read back from the GeoPackage's layer_styles by regular expressions
// (not the writer's XML parser); every area value falls in exactly the class QGIS draws it in.
#include "hotspot/base/errors.hpp"
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/maplibre_style.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/read/inputs.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <catch2/catch.hpp>
#include <cpl_json.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <map>
#include <optional>
#include <regex>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

struct QmlRange {
    double lower, upper;
    std::string colour;  // "#rrggbb"
};

std::string hex(const std::string& rgba) {
    int r = 0, g = 0, b = 0;
    std::sscanf(rgba.c_str(), "%d,%d,%d", &r, &g, &b);
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
    return buf;
}

std::pair<std::string, std::vector<QmlRange>> qml_ranges(GDALDataset& ds, const std::string& layer) {
    OGRLayer* rs = ds.ExecuteSQL(("SELECT styleQML FROM layer_styles WHERE f_table_name = '" + layer + "'").c_str(), nullptr, nullptr);
    REQUIRE(rs);
    OGRFeatureUniquePtr f(rs->GetNextFeature());
    const std::string qml = f->GetFieldAsString(0);
    ds.ReleaseResultSet(rs);
    std::smatch m;
    REQUIRE(std::regex_search(qml, m, std::regex(R"re(<renderer-v2[^>]*attr="([^"]+)")re")));
    const std::string attribute = m[1];
    std::map<std::string, std::string> colours;  // symbol name -> fill colour
    const std::regex symbol(R"re(<symbol[^>]*name="(\d+)"[\s\S]*?name="color" value="([^"]+)")re");
    for (std::sregex_iterator it(qml.begin(), qml.end(), symbol), end; it != end; ++it) colours[(*it)[1]] = hex((*it)[2]);
    std::vector<QmlRange> ranges;
    const std::regex range(R"re(<range lower="([^"]+)" upper="([^"]+)" symbol="(\d+)")re");
    for (std::sregex_iterator it(qml.begin(), qml.end(), range), end; it != end; ++it)
        ranges.push_back({std::stod((*it)[1]), std::stod((*it)[2]), colours.at((*it)[3])});
    return {attribute, ranges};
}

// A MapLibre filter ["all", [op, ["get", field], number], ...] evaluated on one value.
bool passes(const CPLJSONArray& filter, const std::string& attribute, std::optional<double> v) {
    REQUIRE(filter[0].ToString() == "all");
    for (int i = 1; i < filter.Size(); ++i) {
        const CPLJSONArray cmp = filter[i].ToArray();
        REQUIRE(cmp[1].ToArray()[0].ToString() == "get");
        REQUIRE(cmp[1].ToArray()[1].ToString() == attribute);
        if (!v) return false;
        const std::string op = cmp[0].ToString();
        const double bound = cmp[2].ToDouble();
        const bool ok = op == ">=" ? *v >= bound : op == ">" ? *v > bound : op == "<=" ? *v <= bound : op == "<" ? *v < bound : false;
        if (!ok) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("the MapLibre style has the QGIS style's classes, bounds and colours, one filtered layer each", "[pmtiles][style]") {
    const fs::path dir = fs::temp_directory_path() / "hotspot_test_maplibre_style";
    fs::remove_all(dir);
    fs::create_directories(dir);
    AnalysisConfig c = load_config_file(std::string(HOTSPOT_GEODATA) + "/hotspot.ini");
    c.output = OutputOptions{};
    c.output.gpkg = (dir / "city.gpkg").string();
    c.output.incidents_layer = false;
    AnalysisResult r = run_analysis(c, AnalysisScope::full, [](const std::string&, double) {});
    OutputSet outputs(false, input_files(c));
    claim_analysis_outputs(outputs, c);
    write_outputs(r, c, outputs, [](const std::string&, double) {});
    outputs.publish();

    const std::vector<std::string> layers = {"wards", "neighbourhoods"};
    CPLJSONDocument doc;
    REQUIRE(doc.LoadMemory(maplibre_style_json(c.output.gpkg, layers, "pmtiles://city.pmtiles", 9, 14)));
    const CPLJSONObject style = doc.GetRoot();
    CHECK(style.GetInteger("version") == 8);
    CHECK(style.GetString("sources/hotspot/type") == "vector");
    CHECK(style.GetString("sources/hotspot/url") == "pmtiles://city.pmtiles");
    CHECK_FALSE(style.GetObj("glyphs").IsValid());
    const CPLJSONArray style_layers = style.GetArray("layers");

    GDALDatasetUniquePtr ds(GDALDataset::Open(c.output.gpkg.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    for (const auto& layer : layers) {
        INFO("layer " << layer);
        const auto [attribute, ranges] = qml_ranges(*ds, layer);
        REQUIRE(ranges.size() >= 3);
        std::vector<CPLJSONObject> fills;
        int outlines = 0;
        for (int i = 0; i < style_layers.Size(); ++i) {
            const CPLJSONObject l = style_layers[i];
            if (l.GetString("source-layer") != layer) continue;
            if (l.GetString("type") == "fill") fills.push_back(l);
            if (l.GetString("type") == "line") ++outlines;
        }
        CHECK(outlines == 1);
        REQUIRE(fills.size() == ranges.size());
        for (std::size_t k = 0; k < ranges.size(); ++k) {
            CHECK(fills[k].GetString("paint/fill-color") == ranges[k].colour);
            CHECK(fills[k].GetObj("paint/fill-color").GetType() == CPLJSONObject::Type::String);  // a constant, not an expression
            const CPLJSONArray filter = fills[k].GetArray("filter");
            CHECK(filter[1].ToArray()[2].ToDouble() == ranges[k].lower);
            CHECK(filter[2].ToArray()[2].ToDouble() == ranges[k].upper);
        }
        // Every area in exactly the class QGIS draws it in (the first range with lower <= v <= upper).
        OGRLayer* l = ds->GetLayerByName(layer.c_str());
        REQUIRE(l);
        std::size_t drawn = 0;
        for (auto& f : *l) {
            const int field = f->GetFieldIndex(attribute.c_str());
            REQUIRE(field >= 0);
            const std::optional<double> v = f->IsFieldSetAndNotNull(field) ? std::optional<double>(f->GetFieldAsDouble(field)) : std::nullopt;
            std::optional<std::size_t> qgis;
            for (std::size_t k = 0; k < ranges.size() && v && !qgis; ++k)
                if (ranges[k].lower <= *v && *v <= ranges[k].upper) qgis = k;
            std::vector<std::size_t> maplibre;
            for (std::size_t k = 0; k < fills.size(); ++k)
                if (passes(fills[k].GetArray("filter"), attribute, v)) maplibre.push_back(k);
            if (qgis) {
                ++drawn;
                CHECK(maplibre == std::vector<std::size_t>{*qgis});
            } else CHECK(maplibre.empty());
        }
        CHECK(drawn == static_cast<std::size_t>(l->GetFeatureCount()));
    }
    const CPLJSONObject legend = style.GetObj("metadata/hotspot:legends/wards");
    CHECK(legend.GetString("title").find("per 1,000 residents") != std::string::npos);  // the legend says what the number is
}

TEST_CASE("the MapLibre style refuses a layer without a graduated QGIS style, naming it", "[pmtiles][style]") {
    // The boundaries have no QGIS style at all (not another test case's output: ctest runs each
    // case as its own process, in any order).
    CHECK_THROWS_WITH(maplibre_style_json(std::string(HOTSPOT_GEODATA) + "/boundaries.gpkg", {"wards"}, "pmtiles://x.pmtiles", 9, 14),
                      Catch::Contains("'wards'"));
}

TEST_CASE("the style of a.pmtiles is a.style.json beside it", "[pmtiles][style]") {
    CHECK(style_path_beside("out/city.pmtiles") == "out/city.style.json");
}
