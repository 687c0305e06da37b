// The dashboard's data.json and style.json against the run's GeoPackage read independently
// (SQL through GDAL): every area's numbers, its months, its top categories (from the
// <layer>_periods table, not the n_* fields the dashboard reads), and legend classes that
// hold every value exactly once.
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/report/dashboard.hpp"
#include "hotspot/report/disclosure_gpkg.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cpl_json.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <map>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

// One folder per process: ctest runs each test case as its own process, at the same time.
fs::path test_dir() { return fs::temp_directory_path() / ("hotspot_test_dashboard_" + std::to_string(::getpid())); }

// The embedded city's full run (every input, base and current period), written once per process.
const std::string& city_gpkg() {
    static const std::string path = [] {
        const fs::path dir = test_dir();
        fs::remove_all(dir);
        fs::create_directories(dir);
        AnalysisConfig c = load_config_file(std::string(HOTSPOT_GEODATA) + "/hotspot.ini");
        c.output = OutputOptions{};
        c.output.gpkg = (dir / "run.gpkg").string();
        c.output.overwrite = true;
        const ProgressFn quiet = [](const std::string&, double) {};
        AnalysisResult r = run_analysis(c, AnalysisScope::full, quiet);
        OutputSet outputs(true, input_files(c));
        claim_analysis_outputs(outputs, c);
        write_outputs(r, c, outputs, quiet);
        outputs.publish();
        return c.output.gpkg;
    }();
    return path;
}

template <class F>
void sql(const std::string& gpkg, const std::string& query, F&& row) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* l = ds->ExecuteSQL(query.c_str(), nullptr, nullptr);
    REQUIRE(l);
    for (auto& f : *l) row(*f);
    ds->ReleaseResultSet(l);
}

bool same(const CPLJSONObject& o, const OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    if (!f.IsFieldSetAndNotNull(i)) return o.GetType() == CPLJSONObject::Type::Null;
    const double want = f.GetFieldAsDouble(i), got = o.ToDouble();
    return std::abs(got - want) <= 1e-9 * std::max(1.0, std::abs(want));
}

// How far "#rrggbb" is from grey (max - min of its channels): 0 for white, grey and black.
int chroma(const std::string& hex) {
    const int r = std::stoi(hex.substr(1, 2), nullptr, 16), g = std::stoi(hex.substr(3, 2), nullptr, 16), b = std::stoi(hex.substr(5, 2), nullptr, 16);
    return std::max({r, g, b}) - std::min({r, g, b});
}

}  // namespace

TEST_CASE("data.json holds every area's numbers, months and top categories as the GeoPackage has them", "[report_dashboard]") {
    const std::string gpkg = city_gpkg();
    const auto layers = read_dashboard_layers(gpkg, {"wards", "neighbourhoods"});
    CPLJSONDocument doc;
    REQUIRE(doc.LoadMemory(dashboard_data_json(layers, "Brindleford", "test-run")));
    const CPLJSONArray out = doc.GetRoot().GetArray("layers");
    REQUIRE(out.Size() == 2);
    for (int li = 0; li < out.Size(); ++li) {
        const CPLJSONObject layer = out[li];
        const std::string name = layer.GetString("name");
        INFO(name);
        std::map<std::string, CPLJSONObject> areas;
        for (const auto& a : layer.GetArray("areas")) areas[a.GetString("id")] = a;
        std::size_t rows = 0;
        std::string headline;
        sql(gpkg, "SELECT area_id, area_name, count, rate_per_1000, change_pct, base_count, current_count, rank, population, headline_period FROM " + name,
            [&](const OGRFeature& f) {
                ++rows;
                headline = f.GetFieldAsString("headline_period");
                const auto it = areas.find(f.GetFieldAsString("area_id"));
                REQUIRE(it != areas.end());
                const CPLJSONObject& a = it->second;
                CHECK(a.GetString("name") == f.GetFieldAsString("area_name"));
                for (const char* field : {"count", "rate_per_1000", "change_pct", "base_count", "current_count", "rank", "population"}) {
                    INFO(a.GetString("id") << " " << field);
                    CHECK(same(a.GetObj(field), f, field));
                }
            });
        CHECK(rows == areas.size());
        CHECK(layer.GetString("headline_period") == headline);
        CHECK((name == "wards" ? rows == 52 : rows > 52));

        // Months: the table's monthly rows, all categories, in order; the months of the headline
        // financial year add up to the headline count.
        std::map<std::string, std::vector<std::pair<std::string, long long>>> months;
        sql(gpkg, "SELECT area_id, period, count FROM " + name + "_periods WHERE period_type = 'month' AND category = 'All' ORDER BY period",
            [&](const OGRFeature& f) { months[f.GetFieldAsString("area_id")].emplace_back(f.GetFieldAsString("period"), f.GetFieldAsInteger64("count")); });
        REQUIRE(headline == "2024/25");
        for (const auto& [id, a] : areas) {
            const CPLJSONArray m = a.GetArray("monthly");
            REQUIRE(static_cast<std::size_t>(m.Size()) == months[id].size());
            long long in_headline = 0;
            for (int i = 0; i < m.Size(); ++i) {
                CHECK(m[i].ToArray()[0].ToString() == months[id][static_cast<std::size_t>(i)].first);
                CHECK(m[i].ToArray()[1].ToLong() == months[id][static_cast<std::size_t>(i)].second);
                const std::string p = months[id][static_cast<std::size_t>(i)].first;
                if (p >= "2024-04" && p <= "2025-03") in_headline += months[id][static_cast<std::size_t>(i)].second;
            }
            CHECK(in_headline == a.GetLong("count"));
        }

        // Top categories: as the financial-year rows of the periods table by category.
        std::map<std::string, std::map<std::string, long long>> by_category;
        sql(gpkg, "SELECT area_id, category, count FROM " + name + "_periods WHERE period_type = 'financial_year' AND period = '2024/25' AND category <> 'All'",
            [&](const OGRFeature& f) { by_category[f.GetFieldAsString("area_id")][f.GetFieldAsString("category")] = f.GetFieldAsInteger64("count"); });
        for (const auto& [id, a] : areas) {
            const CPLJSONArray top = a.GetArray("top_categories");
            long long previous = std::numeric_limits<long long>::max(), listed = 0;
            for (const auto& t : top) {
                const std::string category = t.ToArray()[0].ToString();
                const long long n = t.ToArray()[1].ToLong();
                INFO(id << " " << category);
                CHECK(by_category[id][category] == n);
                CHECK(n <= previous);
                previous = n;
                listed += n;
            }
            CHECK(listed == a.GetLong("count"));  // every category with incidents is listed
        }

        // Legends: every area's value falls in exactly one class of each measure (first class
        // lower <= v, then lower < v <= upper), and the QGIS measure is the one in layer_styles.
        std::string styled;
        sql(gpkg, "SELECT styleQML FROM layer_styles WHERE f_table_name = '" + name + "'",
            [&](const OGRFeature& f) { styled = f.GetFieldAsString("styleQML"); });
        for (const auto& m : layer.GetArray("measures")) {
            const std::string field = m.GetString("field");
            CHECK(m.GetBool("qgis_default") == (styled.find("attr=\"" + field + "\"") != std::string::npos));
            const CPLJSONArray classes = m.GetArray("classes");
            REQUIRE(classes.Size() > 0);
            if (field == "change_pct")  // falls blue, rises red, whatever the number of classes
                for (const auto& c : classes) {
                    const std::string colour = c.GetString("color");
                    INFO(c.GetString("label") << " " << colour);
                    if (c.GetDouble("upper") < 0) CHECK((colour == "#4575b4" || colour == "#91bfdb" || colour == "#e0f3f8"));
                    if (c.GetDouble("lower") > 0) CHECK((colour == "#fee090" || colour == "#fc8d59" || colour == "#d73027"));
                    // The class holding 0 too is a real hue: grey or white reads as "no value".
                    CHECK(chroma(colour) >= 24);
                    CHECK(c.GetString("label").ends_with(" %"));
                }
            for (const auto& [id, a] : areas) {
                if (a.GetObj(field).GetType() == CPLJSONObject::Type::Null) continue;
                const double v = a.GetDouble(field);
                int holding = 0;
                for (int k = 0; k < classes.Size(); ++k) {
                    const double lo = classes[k].GetDouble("lower"), hi = classes[k].GetDouble("upper");
                    if ((k == 0 ? lo <= v : lo < v) && v <= hi) ++holding;
                }
                INFO(field << " " << id << " " << v);
                CHECK(holding == 1);
            }
        }
    }
}

TEST_CASE("change % classes take their colour from their values: a class of rises is a rise however low its bound", "[report_dashboard]") {
    // Planted: falls of 40 % and more, rises of 20 % and more, nothing near 0. The class after
    // the last fall starts below 0 (its lower bound is that fall's upper) but holds only rises.
    const fs::path planted = test_dir() / "planted_change.gpkg";
    fs::copy_file(city_gpkg(), planted, fs::copy_options::overwrite_existing);
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(planted.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        REQUIRE(ds);
        ds->ExecuteSQL("UPDATE wards SET change_pct = CASE WHEN fid % 3 = 0 THEN -40.0 - fid ELSE 20.0 + 3 * fid END", nullptr, nullptr);
    }
    std::vector<double> values;
    sql(planted.string(), "SELECT change_pct FROM wards", [&](const OGRFeature& f) { values.push_back(f.GetFieldAsDouble(0)); });
    const auto layers = read_dashboard_layers(planted.string(), {"wards"});
    const auto& m = layers[0].measures.back();
    REQUIRE(m.field == "change_pct");
    bool rises_from_below_zero = false;
    for (std::size_t k = 0; k < m.classes.size(); ++k) {
        const LegendClass& c = m.classes[k];
        double lo = 1e300, hi = -1e300;
        for (double v : values)
            if ((k == 0 ? c.lower <= v : c.lower < v) && v <= c.upper) lo = std::min(lo, v), hi = std::max(hi, v);
        INFO(c.label << " " << c.color << ": values " << lo << " to " << hi);
        if (hi < 0) CHECK((c.color == "#4575b4" || c.color == "#91bfdb" || c.color == "#e0f3f8"));
        else if (lo > 0) CHECK((c.color == "#fee090" || c.color == "#fc8d59" || c.color == "#d73027"));
        else CHECK(c.color == "#ffffbf");
        rises_from_below_zero = rises_from_below_zero || (c.lower < 0 && lo > 0);
    }
    CHECK(rises_from_below_zero);  // the planted case happened
}

TEST_CASE("style.json has one fill layer per legend class, with its filter and colour, and one hatched for no value", "[report_dashboard]") {
    const auto layers = read_dashboard_layers(city_gpkg(), {"wards"});
    CPLJSONDocument doc;
    REQUIRE(doc.LoadMemory(dashboard_style_json(layers, "pmtiles://tiles.pmtiles")));
    const CPLJSONArray style_layers = doc.GetRoot().GetArray("layers");
    std::size_t fills = 0, visible = 0;
    std::vector<std::string> hatched;
    for (const auto& l : style_layers) {
        if (l.GetString("type") != "fill") continue;
        const std::string id = l.GetString("id");
        const auto parts = id.substr(id.find('/') + 1);
        const std::string field = parts.substr(0, parts.find('/'));
        if (parts.ends_with("/no-value")) {  // areas without the field (NULL): hatched, never a class colour
            hatched.push_back(field);
            CHECK(l.GetObj("paint").GetString("fill-pattern") == no_value_pattern);
            CHECK(!l.GetObj("paint").GetObj("fill-color").IsValid());
            CHECK(l.GetArray("filter").Format(CPLJSONObject::PrettyFormat::Plain) == "[\"!\",[\"has\",\"" + field + "\"]]");
            continue;
        }
        ++fills;
        const std::size_t k = std::stoul(parts.substr(parts.find('/') + 1));
        const auto& m = *std::find_if(layers[0].measures.begin(), layers[0].measures.end(), [&](const auto& x) { return x.field == field; });
        CHECK(l.GetObj("paint").GetString("fill-color") == m.classes[k].color);
        CHECK(l.GetArray("filter")[2].ToArray()[2].ToDouble() == m.classes[k].lower);
        CHECK(l.GetArray("filter")[3].ToArray()[2].ToDouble() == m.classes[k].upper);
        if (l.GetObj("layout").GetString("visibility") == "visible") {
            ++visible;
            CHECK(m.qgis_default);
        }
    }
    std::size_t classes = 0;
    for (const auto& m : layers[0].measures) classes += m.classes.size();
    CHECK(fills == classes);
    CHECK(visible > 0);
    std::vector<std::string> measures;
    for (const auto& m : layers[0].measures) measures.push_back(m.field);
    CHECK(hatched == measures);
}

TEST_CASE("write_dashboard writes the web files and calls the public-audience hook before data.json", "[report_dashboard]") {
    const fs::path dir = test_dir() / "site";
    fs::remove_all(dir);
    DashboardOptions o;
    o.gpkg = city_gpkg();
    o.layers = {"wards"};
    o.max_zoom = 10;
    int calls = 0;
    o.before_write = [&](DashboardLayer& l) { ++calls; l.areas.front().count = 987654321; };
    write_dashboard(o, dir.string(), dir.string(), "test-run");
    CHECK(calls == 1);
    for (const char* f : {"index.html", "dashboard.js", "dashboard.css", "maplibre-gl.js", "maplibre-gl.css", "maplibre-gl-LICENSE.txt",
                          "pmtiles.js", "pmtiles-LICENSE.txt", "data.json", "style.json", "tiles.pmtiles"}) {
        INFO(f);
        CHECK(fs::file_size(dir / f) > 0);
    }
    CHECK(fs::file_size(dir / "maplibre-gl.js") == fs::file_size(fs::path(HOTSPOT_GEODATA) / "../web/node_modules/maplibre-gl/dist/maplibre-gl.js"));
    CPLJSONDocument doc;
    REQUIRE(doc.Load((dir / "data.json").string()));
    CHECK(doc.GetRoot().GetArray("layers")[0].GetArray("areas")[0].GetLong("count") == 987654321);
}

TEST_CASE("a public run's suppressed counts reach data.json as null, never 0, and it has no months", "[report_dashboard]") {
    const fs::path copy = test_dir() / "public.gpkg";
    fs::copy_file(city_gpkg(), copy, fs::copy_options::overwrite_existing);
    {  // a planted small headline count, so that one is suppressed whatever the city holds
        GDALDatasetUniquePtr ds(GDALDataset::Open(copy.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        REQUIRE(ds);
        ds->ExecuteSQL("UPDATE neighbourhoods SET count = 3 WHERE fid = (SELECT min(fid) FROM neighbourhoods)", nullptr, nullptr);
    }
    protect_geopackage(copy.string(), DisclosureRule{});
    const auto layers = read_dashboard_layers(copy.string(), {"neighbourhoods"});
    CPLJSONDocument doc;
    REQUIRE(doc.LoadMemory(dashboard_data_json(layers, "Brindleford", "test-run", 10)));
    std::map<std::string, CPLJSONObject> areas;
    for (const auto& a : doc.GetRoot().GetArray("layers")[0].GetArray("areas")) areas[a.GetString("id")] = a;
    int suppressed = 0;
    sql(copy.string(), "SELECT area_id, count FROM neighbourhoods", [&](const OGRFeature& f) {
        const CPLJSONObject& a = areas.at(f.GetFieldAsString("area_id"));
        INFO(f.GetFieldAsString("area_id"));
        CHECK(same(a.GetObj("count"), f, "count"));
        CHECK(a.GetArray("monthly").Size() == 0);
        suppressed += !f.IsFieldSetAndNotNull(f.GetFieldIndex("count"));
    });
    CHECK(suppressed > 0);
}
