// The priority outputs, written from a result built by hand (priority_fixture) and read back
// with OGR and a CSV parser: every field against the value put in, names, types, the column
// titles naming period, unit and denominator, the styles, and the run report's rows.
#include "hotspot/base/errors.hpp"
#include "hotspot/publish/classify.hpp"
#include "hotspot/publish/priority_output.hpp"
#include "priority_fixture.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("hotspot_test_" + name);
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

GDALDatasetUniquePtr open_gpkg(const std::string& path) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    return ds;
}

// SQL rows as text (one query, every column).
std::vector<std::vector<std::string>> sql_rows(GDALDataset& ds, const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    OGRLayer* res = ds.ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
    REQUIRE(res);
    for (auto& f : *res) {
        std::vector<std::string> row;
        for (int k = 0; k < f->GetFieldCount(); ++k) row.push_back(f->IsFieldSetAndNotNull(k) ? f->GetFieldAsString(k) : "");
        out.push_back(row);
    }
    ds.ReleaseResultSet(res);
    return out;
}

std::string title_of(GDALDataset& ds, const std::string& table, const std::string& column) {
    const auto rows = sql_rows(ds, "SELECT title FROM gpkg_data_columns WHERE table_name = '" + table + "' AND column_name = '" + column + "'");
    return rows.empty() ? "(no title)" : rows[0][0];
}

OGRFieldType type_of(OGRLayer& l, const char* field) {
    const int k = l.GetLayerDefn()->GetFieldIndex(field);
    REQUIRE(k >= 0);
    return l.GetLayerDefn()->GetFieldDefn(k)->GetType();
}

// RFC 4180: quoted fields with "" for a quote, commas and line breaks inside quotes.
std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') quoted = true;
        else if (c == ',') rows.back().push_back(field), field.clear();
        else if (c == '\n') rows.back().push_back(field), field.clear(), rows.emplace_back();
        else field += c;
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

// The CSV as maps column -> value, checking every row has the header's width.
std::vector<std::map<std::string, std::string>> csv_records(const fs::path& path, std::vector<std::string>* header = nullptr) {
    const auto rows = read_csv(path);
    REQUIRE(!rows.empty());
    if (header) *header = rows[0];
    std::vector<std::map<std::string, std::string>> out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        REQUIRE(rows[r].size() == rows[0].size());
        std::map<std::string, std::string> m;
        for (std::size_t k = 0; k < rows[0].size(); ++k) m[rows[0][k]] = rows[r][k];
        out.push_back(m);
    }
    return out;
}

double num(const std::string& s) { return std::stod(s); }

}  // namespace

TEST_CASE("priority GeoPackage layers: every field as put in, titles with unit and period, styles", "[priority_output]") {
    const PriorityResult r = test::hand_priority_result();
    const fs::path dir = fresh_dir("priority_gpkg");
    const std::string path = (dir / "run.gpkg").string();
    test::make_run_gpkg(path, "lsoa");
    append_priority_layers(r, path, "final.gpkg");
    if (const char* keep = std::getenv("HOTSPOT_KEEP_PRIORITY_GPKG")) fs::copy_file(path, keep, fs::copy_options::overwrite_existing);
    auto ds = open_gpkg(path);

    SECTION("priority_index: one feature per area, in layer order, with its polygon") {
        OGRLayer* l = ds->GetLayerByName("priority_index");
        REQUIRE(l);
        CHECK(l->GetGeomType() == wkbMultiPolygon);
        CHECK(l->GetSpatialRef()->GetAuthorityCode(nullptr) == std::string("27700"));
        CHECK(type_of(*l, "composite_index") == OFTReal);
        CHECK(type_of(*l, "rank") == OFTInteger64);
        CHECK(type_of(*l, "top") == OFTInteger64);
        CHECK(type_of(*l, "crimes") == OFTReal);
        CHECK(type_of(*l, "crimes_scaled") == OFTReal);
        CHECK(type_of(*l, "imd_decile") == OFTInteger64);
        REQUIRE(l->GetFeatureCount() == 5);
        std::size_t a = 0;
        for (auto& f : *l) {
            CHECK(f->GetFieldAsString("area_id") == r.indicators.area_ids[a]);
            CHECK(f->GetFieldAsString("area_name") == r.indicators.area_names[a]);
            if (r.composite.index[a]) CHECK(f->GetFieldAsDouble("composite_index") == *r.composite.index[a]);
            else CHECK(f->IsFieldNull(f->GetFieldIndex("composite_index")));
            if (r.composite.rank[a]) CHECK(f->GetFieldAsInteger64("rank") == *r.composite.rank[a]);
            else CHECK(f->IsFieldNull(f->GetFieldIndex("rank")));
            CHECK(f->GetFieldAsInteger("top") == (a == 3 || a == 1 ? 1 : 0));
            CHECK(f->GetFieldAsInteger("indexed") == r.composite.kept[a]);
            if (r.indicators.indicators[1].value[a]) CHECK(f->GetFieldAsDouble("imd") == *r.indicators.indicators[1].value[a]);
            else CHECK(f->IsFieldNull(f->GetFieldIndex("imd")));
            CHECK(f->GetFieldAsDouble("crimes") == *r.indicators.indicators[0].value[a]);
            const OGRGeometry* g = f->GetGeometryRef();
            REQUIRE(g);
            CHECK(g->toMultiPolygon()->get_Area() == Approx(1e6));
            OGREnvelope e;
            g->getEnvelope(&e);
            CHECK(e.MinX == 400000 + 1000.0 * static_cast<double>(a));
            ++a;
        }
        l->SetAttributeFilter("area_id = 'E04'");
        OGRFeatureUniquePtr d(l->GetNextFeature());
        REQUIRE(d);
        CHECK(d->GetFieldAsString("top_contributors") == std::string("Crimes 50 incidents; imd 48 IMD score"));  // raw values, titles
        CHECK(d->GetFieldAsString("contributor_1") == std::string("crimes"));
        CHECK(d->GetFieldAsDouble("contributor_2_weighted") == 0.5);
        CHECK(d->GetFieldAsString("loo_min_without") == std::string("crimes"));
        CHECK(d->GetFieldAsString("loo_max_without") == std::string("imd"));
        CHECK(d->GetFieldAsInteger("imd_decile") == 1);
        CHECK(d->GetFieldAsDouble("imd_score") == 48.0);
        CHECK(d->GetFieldAsInteger("decile") == 3);
        CHECK(d->GetFieldAsInteger("loo_rank_max") == 1);
        CHECK(title_of(*ds, "priority_index", "crimes") == "Crimes: incidents, 2024-04 to 2026-04 (25 months)");
        CHECK(title_of(*ds, "priority_index", "imd") == "imd: IMD score, as published");
        CHECK_THAT(title_of(*ds, "priority_index", "composite_index"), Catch::Contains("meanScaled") && Catch::Contains("min-max"));
        CHECK_THAT(title_of(*ds, "priority_index", "imd_scaled"), Catch::Contains("min-max (0-1)"));
    }
    SECTION("priority_top: the top N in rank order with why and the wards they lie in") {
        OGRLayer* l = ds->GetLayerByName("priority_top");
        REQUIRE(l);
        REQUIRE(l->GetFeatureCount() == 2);
        std::vector<std::string> got;
        for (auto& f : *l) {
            std::string row;  // GetFieldAsString of a number reuses one buffer: copy each value at once
            for (const char* n : {"area_id", "rank", "wards_id", "wards_name", "locality_name", "imd_decile"})
                row += (row.empty() ? "" : "|") + std::string(f->GetFieldAsString(n));
            got.push_back(row);
        }
        CHECK(got == std::vector<std::string>{"E04|1|W2|South|City|1", "E02|2|W1|North|City|2"});
        l->ResetReading();
        OGRFeatureUniquePtr f(l->GetNextFeature());
        CHECK(f->GetFieldAsString("over_represented") == std::string("crimes (SIR 3.51, 95% CI 2.5-4.6)"));  // 50 / (1000 x 104/7300)
        CHECK(f->GetGeometryRef() != nullptr);
    }
    SECTION("over_representation: O, E, SIR, bounds, rule, flag, rates per 1,000 per year") {
        OGRLayer* l = ds->GetLayerByName("over_representation");
        REQUIRE(l);
        CHECK(type_of(*l, "crimes_sir_lower95") == OFTReal);
        CHECK(type_of(*l, "crimes_flag") == OFTString);
        const OverRepresentation& o = r.risks[0].over;
        std::size_t a = 0;
        for (auto& f : *l) {
            CHECK(f->GetFieldAsDouble("crimes_observed") == *o.observed[a]);
            CHECK(f->GetFieldAsDouble("crimes_expected") == *o.expected[a]);
            CHECK(f->GetFieldAsDouble("crimes_sir") == *o.ratio[a]);
            CHECK(f->GetFieldAsDouble("crimes_sir_lower95") == *o.lower[a]);
            CHECK(f->GetFieldAsDouble("crimes_sir_upper95") == *o.upper[a]);
            CHECK(f->GetFieldAsDouble("crimes_p_upper") == *o.p_upper[a]);
            CHECK(f->GetFieldAsString("crimes_ci_rule") == std::string(*o.rule[a] == IntervalMethod::exact ? "exact (chi-squared)" : "Byar"));
            CHECK(f->GetFieldAsString("crimes_flag") == std::string(o.flag[a] > 0 ? "above" : "below"));
            // Crude rate: O / residents x 1,000 x 12 / 25 months (independently from the fixture's inputs).
            const double residents = *r.indicators.indicators[0].denominator[a];
            CHECK(f->GetFieldAsDouble("crimes_rate_per_1000_per_year") == Approx(*o.observed[a] / residents * 1000 * 12 / 25).epsilon(1e-12));
            CHECK(f->GetFieldAsDouble("crimes_eb_global_per_1000_per_year") == Approx(r.risks[0].eb_global->estimate[a] * 1000 * 12 / 25));
            if (a < 4) CHECK(f->GetFieldAsDouble("crimes_eb_local_per_1000_per_year") == Approx(r.risks[0].eb_local->estimate[a] * 1000 * 12 / 25));
            else CHECK(f->IsFieldNull(f->GetFieldIndex("crimes_eb_local_per_1000_per_year")));  // E05 skipped
            ++a;
        }
        CHECK(a == 5);
        CHECK_THAT(title_of(*ds, "over_representation", "crimes_expected"), Catch::Contains("city-wide rate") && Catch::Contains("2024-04 to 2026-04"));
        CHECK_THAT(title_of(*ds, "over_representation", "crimes_rate_per_1000_per_year"),
                   Catch::Contains("per 1,000 residents per year") && Catch::Contains("25 months"));
        CHECK_THAT(title_of(*ds, "over_representation", "crimes_sir_upper95"), Catch::Contains("Upper 95 %") && Catch::Contains("PHE rule"));
    }
    SECTION("grid, zones, roll-up levels, dashboard and side tables") {
        OGRLayer* g = ds->GetLayerByName("priority_grid");
        REQUIRE(g);
        REQUIRE(g->GetFeatureCount() == 4);
        std::size_t c = 0;
        for (auto& f : *g) {
            CHECK(f->GetFieldAsDouble("composite_index") == *r.grid->index[c]);
            OGREnvelope e;
            f->GetGeometryRef()->getEnvelope(&e);
            CHECK(e.MinX == 400000 + 500.0 * r.grid->grid.col[c]);
            CHECK(e.MinY == 280000 + 500.0 * r.grid->grid.row[c]);
            CHECK(e.MaxX - e.MinX == 500);
            if (r.grid->zones.zone_of_cell[c] >= 0) CHECK(f->GetFieldAsInteger("zone") == 1);
            else CHECK(f->IsFieldNull(f->GetFieldIndex("zone")));
            ++c;
        }
        OGRLayer* z = ds->GetLayerByName("priority_zones");
        REQUIRE(z);
        REQUIRE(z->GetFeatureCount() == 1);
        OGRFeatureUniquePtr zf(z->GetNextFeature());
        CHECK(zf->GetGeometryRef()->toMultiPolygon()->get_Area() == 500000);
        CHECK(zf->GetFieldAsDouble("area_km2") == 0.5);
        CHECK(zf->GetFieldAsInteger("cells") == 2);
        REQUIRE(ds->GetLayerByName("zone_area_shares"));
        OGRLayer* w = ds->GetLayerByName("rollup_wards_crimes");
        REQUIRE(w);
        CHECK(w->GetGeomType() == wkbMultiPolygon);  // the run's wards layer gives the polygons
        CHECK(w->GetFeatureCount() == 2);
        OGRFeatureUniquePtr wf(w->GetNextFeature());
        CHECK(wf->GetGeometryRef()->toMultiPolygon()->get_Area() == 2e6);
        CHECK(wf->GetFieldAsString("parent_id") == std::string("L1"));
        CHECK(wf->GetFieldAsDouble("imd_score_pop_weighted") == 27.875);
        OGRLayer* lsoa = ds->GetLayerByName("rollup_lsoa_crimes");
        REQUIRE(lsoa);
        CHECK(lsoa->GetFeatureCount() == 0);  // the fixture rolls up from wards only
        CHECK(lsoa->GetLayerDefn()->GetFieldIndex("imd_score_pop_weighted") >= 0);
        OGRLayer* loc = ds->GetLayerByName("rollup_locality_crimes");
        REQUIRE(loc);
        OGRFeatureUniquePtr lf(loc->GetNextFeature());
        CHECK(lf->GetFieldAsDouble("count") == 96);
        CHECK(lf->GetFieldAsDouble("rate_per_1000_per_year") == Approx(96.0 / 5700 * 1000 * 12 / 25));
        CHECK_THAT(title_of(*ds, "rollup_locality_crimes", "count"), Catch::Contains("crimes (2024-04 to 2026-04 (25 months))"));
        OGRLayer* dash = ds->GetLayerByName("dashboard");
        REQUIRE(dash);
        OGRFeatureUniquePtr df(dash->GetNextFeature());
        CHECK(std::string(df->GetFieldAsString("indicator")) == "crimes: incidents per month, 2024-04..2026-04 of its data");
        REQUIRE(ds->GetLayerByName("deprivation_profile"));
        OGRLayer* m = ds->GetLayerByName("missing_values");
        REQUIRE(m);
        CHECK(m->GetFeatureCount() == 4);  // imd E03, index E03, crimes EB E05, imd_decile E03
    }
    SECTION("layer_styles: the run's style kept, one default style per priority geometry layer") {
        const auto rows = sql_rows(*ds, "SELECT f_table_name, styleQML FROM layer_styles ORDER BY id");
        std::map<std::string, std::string> qml;
        for (const auto& row : rows) qml[row[0]] = row[1];
        CHECK(rows.size() == 7);
        CHECK_THAT(qml["rollup_wards_crimes"], Catch::Contains("attr=\"rate_per_1000_per_year\"") &&
                                            Catch::Contains("Crimes, 2024-04 to 2026-04 (25 months) (rate_per_1000_per_year: per 1,000 residents per year)"));
        CHECK(qml.count("lsoa"));
        REQUIRE(qml.count("priority_index"));
        CHECK_THAT(qml["priority_index"], Catch::Contains("graduatedSymbol") && Catch::Contains("Priority index (mean of min-max scaled, 0-1)") &&
                                              !Catch::Contains("meanScaled: weighted mean"));
        // E03 has no index: a grey class of its own, not a white hole without a legend entry.
        CHECK_THAT(qml["priority_index"], Catch::Contains("attr=\"coalesce(&quot;composite_index&quot;, -1e+300)\"") &&
                                              Catch::Contains("<range lower=\"-1e+300\" upper=\"-1e+300\" symbol=\"missing\" label=\"no index (missing value: see missing_values.csv)\"") &&
                                              Catch::Contains("name=\"missing\"") && Catch::Contains("190,190,190,255"));
        // The long form stays in the layer's description.
        CHECK_THAT(sql_rows(*ds, "SELECT description FROM gpkg_contents WHERE table_name = 'priority_index'")[0][0],
                   Catch::Contains("meanScaled: weighted mean of min-max (0-1) scaled indicators"));
        REQUIRE(qml.count("priority_top"));
        CHECK_THAT(qml["priority_top"], Catch::Contains("Top 2 priority areas by the index (meanScaled)") &&
                                            Catch::Contains("name=\"outline_width\" value=\"0.8\""));
        // Each outline carries its rank, so the map matches the list on paper.
        CHECK_THAT(qml["priority_top"], Catch::Contains("labelsEnabled=\"1\"") && Catch::Contains("<labeling type=\"simple\">") &&
                                            Catch::Contains("fieldName=\"rank\"") && Catch::Contains("styleCategories=\"Symbology|Labeling\""));
        REQUIRE(qml.count("over_representation"));
        CHECK_THAT(qml["over_representation"], Catch::Contains("attr=\"crimes_flag\"") && Catch::Contains("value=\"above\"") &&
                                                   Catch::Contains("crimes, 2024-04 to 2026-04 (25 months): above the city-wide rate"));
        REQUIRE(qml.count("priority_zones"));
        CHECK_THAT(qml["priority_zones"], Catch::Contains("name=\"style\" value=\"no\""));
        CHECK(qml.count("priority_grid"));
    }
}

TEST_CASE("priority CSV tables: names listed, columns of the contract, every value as put in", "[priority_output]") {
    const PriorityResult r = test::hand_priority_result();
    const fs::path dir = fresh_dir("priority_csv");
    const auto names = priority_csv_names(r);
    CHECK(names == std::vector<std::string>{"priority_areas.csv", "priority_top.csv", "indicators_long.csv", "over_representation.csv",
                                            "deprivation_profile.csv", "missing_values.csv", "hierarchy_rollup.csv", "dashboard.csv",
                                            "zone_area_shares.csv"});
    for (const auto& n : names) write_priority_csv(r, n, (dir / n).string());
    CHECK_THROWS(write_priority_csv(r, "nothing.csv", (dir / "nothing.csv").string()));

    std::vector<std::string> header;
    const auto areas = csv_records(dir / "priority_areas.csv", &header);
    const std::vector<std::string> contract = {"area_id", "area_name", "index", "rank", "decile", "top", "loo_rank_min", "loo_rank_max",
                                               "loo_min_without", "loo_max_without", "top_contributors", "crimes", "crimes_scaled", "imd", "imd_scaled"};
    REQUIRE(header.size() >= contract.size());
    CHECK(std::vector<std::string>(header.begin(), header.begin() + static_cast<std::ptrdiff_t>(contract.size())) == contract);
    REQUIRE(areas.size() == 5);
    for (std::size_t a = 0; a < 5; ++a) {
        CHECK(areas[a].at("area_id") == r.indicators.area_ids[a]);
        CHECK(areas[a].at("area_name") == r.indicators.area_names[a]);  // "Bravo, \"B\"" survives quoting
        if (r.composite.index[a]) CHECK(num(areas[a].at("index")) == *r.composite.index[a]);  // exact round trip
        else CHECK(areas[a].at("index").empty());
        CHECK(areas[a].at("top") == (a == 1 || a == 3 ? "1" : "0"));
        if (r.composite.scaled[0][a]) CHECK(num(areas[a].at("crimes_scaled")) == *r.composite.scaled[0][a]);
    }
    CHECK(areas[2].at("rank").empty());
    CHECK(areas[2].at("imd").empty());
    CHECK(areas[0].at("loo_min_without") == "crimes");
    CHECK(areas[0].at("top_contributors") == "imd 20.5 IMD score; Crimes 12 incidents");

    const auto top = csv_records(dir / "priority_top.csv");
    REQUIRE(top.size() == 2);
    CHECK(top[0].at("area_id") == "E04");
    CHECK(top[1].at("wards_name") == "North");
    CHECK(top[1].at("over_represented").find("crimes (SIR ") == 0);
    std::vector<std::string> top_header;
    csv_records(dir / "priority_top.csv", &top_header);
    CHECK(std::find(top_header.begin(), top_header.end(), "top") == top_header.end());  // always 1 there: not a column
    CHECK(top[0].at("loo_min_without") == "crimes");  // E04's leave-one-out, as put in
    CHECK(top[0].at("loo_max_without") == "imd");
    CHECK(top[1].at("loo_min_without") == "imd");
    CHECK(top[0].at("tied_at_cut") == "0");

    const auto lng = csv_records(dir / "indicators_long.csv", &header);
    CHECK(header == std::vector<std::string>{"area_id", "indicator", "period", "value", "unit", "denominator", "missing", "missing_why"});
    CHECK(lng.size() == 5 * 3 + 5);  // crimes: window and two years; imd: once
    CHECK(lng[0].at("period") == "2024-04 to 2026-04 (25 months)");
    CHECK(lng[1].at("period") == "2024/25");
    CHECK(num(lng[2].at("value")) == 7.0);
    CHECK(num(lng[0].at("denominator")) == 1500.0);
    bool saw_missing = false;
    for (const auto& row : lng)
        if (row.at("indicator") == "imd" && row.at("area_id") == "E03") {
            saw_missing = true;
            CHECK(row.at("missing") == "1");
            CHECK(row.at("missing_why") == "no row in imd2019.csv");
            CHECK(row.at("value").empty());
            CHECK(row.at("period") == "as published");
        }
    CHECK(saw_missing);

    const auto over = csv_records(dir / "over_representation.csv");
    REQUIRE(over.size() == 5);
    CHECK(num(over[3].at("crimes_expected")) == 1000 * (104.0 / 7300.0));
    CHECK(over[4].at("crimes_eb_local_per_1000_per_year").empty());

    const auto missing = csv_records(dir / "missing_values.csv", &header);
    CHECK(header == std::vector<std::string>{"indicator", "area_id", "why"});
    CHECK(missing.size() == 4);

    const auto rollup = csv_records(dir / "hierarchy_rollup.csv", &header);
    CHECK(header == std::vector<std::string>{"level", "area_id", "area_name", "parent_id", "indicator", "period", "count", "population",
                                             "rate_per_1000_per_year", "children", "imd_score_pop_weighted"});
    CHECK(rollup[0].at("indicator") == "crimes");
    REQUIRE(rollup.size() == 3);
    CHECK(rollup[1].at("imd_score_pop_weighted") == "48");
    CHECK(rollup[2].at("imd_score_pop_weighted").empty());  // none given for the locality
    CHECK(rollup[2].at("level") == "locality");
    CHECK(rollup[2].at("parent_id").empty());
    CHECK(num(rollup[0].at("count")) == 42);

    const auto dash = csv_records(dir / "dashboard.csv");
    REQUIRE(dash.size() == 2);
    CHECK(dash[0].at("month") == "2026-04");
    CHECK(dash[1].at("change_previous_pct").empty());  // from 0: no percentage, not 0
    CHECK(dash[1].at("count") == "0");
    CHECK(dash[1].at("rank_in_parent") == "2");

    const auto dep = csv_records(dir / "deprivation_profile.csv");
    std::map<std::string, std::string> dep_top;
    for (const auto& row : dep)
        if (row.at("group") == "the top 2 priority areas") dep_top[row.at("measure")] = row.at("value");
    CHECK(dep_top.at("in_decile_1_pct") == "50");
    CHECK(dep_top.at("in_deciles_1_2") == "2");
    const auto shares = csv_records(dir / "zone_area_shares.csv");
    REQUIRE(shares.size() == 1);
    CHECK(shares[0].at("zone") == "1");
    CHECK(shares[0].at("share_of_area_pct") == "50");
}

TEST_CASE("priority tables refuse an indicator named like a fixed column", "[priority_output]") {
    PriorityResult r = test::hand_priority_result();
    r.indicators.indicators[1].spec.name = "Rank";
    const fs::path dir = fresh_dir("priority_clash");
    CHECK_THROWS_WITH(write_priority_csv(r, "priority_areas.csv", (dir / "a.csv").string()),
                      Catch::Contains("two columns named 'Rank'") && Catch::Contains("priority_index"));
}

TEST_CASE("priority CSV names: every table every time, header-only when empty", "[priority_output]") {
    PriorityResult r = test::hand_priority_result();
    r.risks.clear();
    r.deprivation.reset();
    r.rollup.clear();
    r.dashboard.clear();
    r.grid.reset();
    r.composite.dropped.clear();
    r.indicators.indicators[1].missing_areas.clear();
    const auto names = priority_csv_names(r);
    REQUIRE(names.size() == 9);  // a rerun replaces each: none is left from an earlier run
    const fs::path dir = fresh_dir("priority_csv_empty");
    for (const auto& n : names) write_priority_csv(r, n, (dir / n).string());
    for (const char* n : {"over_representation.csv", "deprivation_profile.csv", "missing_values.csv", "hierarchy_rollup.csv", "dashboard.csv",
                          "zone_area_shares.csv"}) {
        INFO(n);
        const auto rows = read_csv(dir / n);
        REQUIRE(rows.size() == 1);  // the header alone
        CHECK(rows[0].size() >= 2);
    }
    CHECK(read_csv(dir / "missing_values.csv")[0] == std::vector<std::string>{"indicator", "area_id", "why"});
    CHECK(read_csv(dir / "deprivation_profile.csv")[0] == std::vector<std::string>{"measure", "group", "value", "unit"});
}

TEST_CASE("priority run report: every choice and figure", "[priority_output]") {
    const PriorityResult r = test::hand_priority_result();
    RunReport report;
    report_priority(r, report);
    CHECK(report.get("parameter", "priority.layer") == "lsoa (5 areas)");
    CHECK(report.get("parameter", "priority.indicator.imd") ==
          "imd: IMD score, as published; scaled min-max (0-1), weight 0.5, reversed no; 1 areas without a value");
    CHECK(report.get("parameter", "priority.missing_policy") == "drop (an area missing any indicator gets no index): 1 areas left out (E03)");
    CHECK(report.get("parameter", "priority.over.crimes.interval") == "95 % confidence interval of O/E, PHE rule (exact below 10 events, Byar from 10)");
    // 104 / 7300 residents over 25 months = 6.838 per 1,000 per year.
    CHECK(report.get("parameter", "priority.over.crimes.city_rate") ==
          "104 events / 7300 residents = 6.838 per 1,000 residents per year (2024-04 to 2026-04 (25 months))");
    CHECK(report.get("parameter", "priority.over.crimes.flagged") == "2 areas above the city-wide rate, 3 below");
    CHECK(report.get("parameter", "priority.deprivation.spearman").find("rho 0.8, p 0.2, n 4") == 0);
    CHECK(report.get("parameter", "priority.hierarchy.wards") == "2 areas, lookup lsoa_ward.csv (LSOA21CD -> WD22CD)");
    CHECK(report.get("warning", "priority.hierarchy") == "E05 has no ward in lsoa_ward.csv");
    CHECK(report.get("parameter", "priority.grid") == "500 m cells, 4 cells; Gi* within 750 m, FDR, hot at bin >= 2; 1 zones");
    CHECK(report.get("counter", "priority_areas_left_out") == "1");
}

TEST_CASE("index classes: plain natural breaks, no class of its own for 0", "[priority_output]") {
    // Two evident groups; 0 is the lowest score, not "nothing recorded".
    const std::vector<double> index = {0, 0.1, 0.2, 0.8, 0.9, 1.0};
    const auto plain = classify(index, 2, Breaks::plain);
    REQUIRE(plain.size() == 2);
    CHECK(plain[0].upper == 0.2);
    CHECK(plain[0].count == 3);
    CHECK(plain[1].upper == 1.0);
    CHECK(plain[1].count == 3);
    const auto skewed = classify(index, 2);  // counts and rates: 0 apart, then the rest
    REQUIRE(skewed.size() == 2);
    CHECK(skewed[0].upper == 0);
}

TEST_CASE("priority roll-up: one layer and legend per level and indicator", "[priority_output]") {
    PriorityResult r = test::hand_priority_result();
    // A second count indicator rolled up to the wards: its rows must not share crimes' layer or legend.
    IndicatorValues btp = r.indicators.indicators[0];
    btp.spec.name = "btp";
    btp.spec.title = "BTP crimes";
    btp.period = "2025-04 to 2026-03 (12 months)";
    r.indicators.indicators.push_back(btp);
    r.rollup.push_back({1, "wards", "W1", "North", "L1", 1, 2700.0, 0.1, 2});
    r.rollup.push_back({1, "wards", "W2", "South", "L1", 3, 3000.0, 0.2, 2});
    r.rollup_indicator.push_back("btp");
    r.rollup_indicator.push_back("btp");
    const fs::path dir = fresh_dir("priority_rollup_split");
    const std::string path = (dir / "run.gpkg").string();
    test::make_run_gpkg(path, "lsoa");
    append_priority_layers(r, path, "final.gpkg");
    auto ds = open_gpkg(path);
    OGRLayer* crimes = ds->GetLayerByName("rollup_wards_crimes");
    OGRLayer* b = ds->GetLayerByName("rollup_wards_btp");
    REQUIRE(crimes);
    REQUIRE(b);
    CHECK(ds->GetLayerByName("rollup_wards") == nullptr);
    CHECK(crimes->GetFeatureCount() == 2);
    REQUIRE(b->GetFeatureCount() == 2);
    for (auto& f : *b) CHECK(f->GetFieldAsString("indicator") == std::string("btp"));
    for (auto& f : *crimes) CHECK(f->GetFieldAsString("indicator") == std::string("crimes"));
    std::map<std::string, std::string> qml;
    for (const auto& row : sql_rows(*ds, "SELECT f_table_name, styleQML FROM layer_styles")) qml[row[0]] = row[1];
    CHECK_THAT(qml["rollup_wards_btp"], Catch::Contains("BTP crimes, 2025-04 to 2026-03 (12 months)") && !Catch::Contains("Crimes, 2024"));
    CHECK_THAT(qml["rollup_wards_crimes"], Catch::Contains("Crimes, 2024-04 to 2026-04 (25 months)") && !Catch::Contains("BTP"));
    // The CSV keeps every row, each naming its indicator.
    write_priority_csv(r, "hierarchy_rollup.csv", (dir / "h.csv").string());
    const auto rows = csv_records(dir / "h.csv");
    REQUIRE(rows.size() == 5);
    CHECK(rows[3].at("indicator") == "btp");
    CHECK(rows[3].at("period") == "2025-04 to 2026-03 (12 months)");
}

TEST_CASE("priority index legend: a short title for the flag count", "[priority_output]") {
    PriorityResult r = test::hand_priority_result();
    r.composite.spec.preset = "sumFlagsPercentile";
    r.composite.spec.combine = Combine::sum;
    for (auto& i : r.composite.spec.indicators) i.scaling = Scaling::flag;
    const fs::path dir = fresh_dir("priority_flag_title");
    const std::string path = (dir / "run.gpkg").string();
    test::make_run_gpkg(path, "lsoa");
    append_priority_layers(r, path, "final.gpkg");
    auto ds = open_gpkg(path);
    const auto rows = sql_rows(*ds, "SELECT styleQML FROM layer_styles WHERE f_table_name = 'priority_index'");
    REQUIRE(rows.size() == 1);
    CHECK_THAT(rows[0][0], Catch::Contains("label=\"Priority index: indicators above their 90th percentile (of 2)&#10;") &&
                               !Catch::Contains("sum of flag (0/1) scaled indicators"));
}

TEST_CASE("priority why: each contributor's raw value, unit and the city-wide value", "[priority_output]") {
    PriorityResult r = test::hand_priority_result();
    // crimes as a rate per 1,000 residents per year: the city value is 104 / 7300 x 1000 x 12 / 25 = 6.838.
    r.indicators.indicators[0].unit = "per 1,000 residents per year";
    r.indicators.indicators[1].unit = "imd25.IMDSCORE as published";
    r.risks[0].rate_unit = "per 1,000 residents per year";
    r.risks[0].rate_scale = 1000.0 * 12 / 25;
    r.composite.top_contributors[3] = {{0, 1.0, 1.0, 242.4}, {1, 1.0, 0.5, 69.23}};
    const fs::path dir = fresh_dir("priority_why");
    write_priority_csv(r, "priority_top.csv", (dir / "top.csv").string());
    const auto top = csv_records(dir / "top.csv");
    REQUIRE(top.size() == 2);
    CHECK(top[0].at("top_contributors") == "Crimes 242 per 1,000 residents per year (city 6.84); imd 69.2");
    // The workflow's own title (name, unit, period) and a counted column's unit: the name and the rate's unit.
    IndicatorValues& v = r.indicators.indicators[0];
    v.unit = "counted (wm.crimes) per 1,000 residents per year";
    v.spec.title = "crimes (" + v.unit + ", " + v.period + ")";
    write_priority_csv(r, "priority_top.csv", (dir / "top2.csv").string());
    CHECK(csv_records(dir / "top2.csv")[0].at("top_contributors") == "crimes 242 per 1,000 residents per year (city 6.84); imd 69.2");
}

TEST_CASE("priority top: ties across the top-N cut are marked and counted", "[priority_output]") {
    PriorityResult r = test::hand_priority_result();
    r.composite.rank[0] = 2u;  // E01 now ties with E02 (rank 2, the last of the top 2) outside the top
    const auto tie = top_cut_tie(r.composite);
    REQUIRE(tie);
    CHECK(tie->rank == 2);
    CHECK(tie->areas == 2);
    CHECK(tie->inside == 1);
    const fs::path dir = fresh_dir("priority_tie");
    write_priority_csv(r, "priority_top.csv", (dir / "top.csv").string());
    const auto top = csv_records(dir / "top.csv");
    REQUIRE(top.size() == 2);
    CHECK(top[0].at("tied_at_cut") == "0");
    CHECK(top[1].at("tied_at_cut") == "1");
    CHECK_FALSE(top_cut_tie(test::hand_priority_result().composite));  // no tie across the cut in the fixture
}

TEST_CASE("priority index description: a count of flags says of how many indicators", "[priority_output]") {
    PriorityResult r = test::hand_priority_result();
    r.composite.spec.combine = Combine::sum;
    for (auto& i : r.composite.spec.indicators) i.scaling = Scaling::flag;
    const fs::path dir = fresh_dir("priority_flag_desc");
    const std::string path = (dir / "run.gpkg").string();
    test::make_run_gpkg(path, "lsoa");
    append_priority_layers(r, path, "final.gpkg");
    auto ds = open_gpkg(path);
    CHECK_THAT(title_of(*ds, "priority_top", "composite_index"), Catch::Contains("of 2 indicators"));
    CHECK_THAT(title_of(*ds, "priority_index", "composite_index"), Catch::Contains("of 2 indicators"));
}
