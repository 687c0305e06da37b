#include "priority_fixture.hpp"

#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <stdexcept>

namespace hotspot::test {

std::string square_wkb(double x0, double y0, double size) {
    OGRMultiPolygon mp;
    OGRPolygon poly;
    OGRLinearRing ring;
    ring.addPoint(x0, y0);
    ring.addPoint(x0 + size, y0);
    ring.addPoint(x0 + size, y0 + size);
    ring.addPoint(x0, y0 + size);
    ring.addPoint(x0, y0);
    poly.addRing(&ring);
    mp.addGeometry(&poly);
    std::string wkb(static_cast<std::size_t>(mp.WkbSize()), '\0');
    mp.exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()), wkbVariantIso);
    return wkb;
}

void make_run_gpkg(const std::string& path, const std::string& layer) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + path);
    OGRSpatialReference srs;
    srs.importFromEPSG(27700);
    if (!ds->CreateLayer(layer.c_str(), &srs, wkbMultiPolygon, nullptr)) throw std::runtime_error("cannot create layer " + layer);
    for (const std::string sql : {std::string("CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, f_table_catalog TEXT(256), "
                                              "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), "
                                              "styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
                                              "update_time DATETIME)"),
                                  std::string("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('layer_styles', 'attributes', 'layer_styles')"),
                                  "INSERT INTO layer_styles (f_table_name, styleName, styleQML, useAsDefault) VALUES ('" + layer + "', '" + layer +
                                      "', '<qgis/>', 1)"}) {
        OGRLayer* res = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (res) ds->ReleaseResultSet(res);
    }
}

namespace {
std::string square_wkt(double x0, double y0) {
    const auto p = [](double x, double y) { return std::to_string(x) + " " + std::to_string(y); };
    return "POLYGON((" + p(x0, y0) + "," + p(x0 + 1000, y0) + "," + p(x0 + 1000, y0 + 1000) + "," + p(x0, y0 + 1000) + "," + p(x0, y0) + "))";
}
}  // namespace

PriorityResult hand_priority_result() {
    PriorityResult r;
    const std::vector<std::string> ids = {"E01", "E02", "E03", "E04", "E05"};
    std::vector<std::string> wkt;
    for (int k = 0; k < 5; ++k) wkt.push_back(square_wkt(400000 + 1000 * k, 280000));
    r.analysis.layers.push_back(AreaLayer::from_wkt("lsoa", ids, wkt, {1500.0, 1200.0, 2000.0, 1000.0, 1600.0}));
    r.layer = 0;
    // The ward polygons, so their roll-up level is written as a map.
    r.analysis.layers.push_back(AreaLayer::from_wkt("wards", {"W1", "W2"},
                                                    {"POLYGON((400000 280000,402000 280000,402000 281000,400000 281000,400000 280000))",
                                                     "POLYGON((402000 280000,405000 280000,405000 281000,402000 281000,402000 280000))"}));
    r.config.neighbours = "queen";

    r.indicators.layer = "lsoa";
    r.indicators.area_ids = ids;
    r.indicators.area_names = {"Alpha", "Bravo, \"B\"", "Charlie", "Delta", "Echo"};
    IndicatorValues crimes;
    crimes.spec.name = "crimes";
    crimes.spec.title = "Crimes";
    crimes.spec.kind = IndicatorKind::count;
    crimes.unit = "incidents";
    crimes.period = "2024-04 to 2026-04 (25 months)";
    crimes.months = 25;
    crimes.value = {12.0, 30.0, 4.0, 50.0, 8.0};
    crimes.observed = crimes.value;
    crimes.denominator = {1500.0, 1200.0, 2000.0, 1000.0, 1600.0};
    crimes.year_labels = {"2024/25", "2025/26"};
    crimes.per_year_value = {{5.0, 14.0, 1.0, 22.0, 3.0}, {7.0, 16.0, 3.0, 28.0, 5.0}};
    IndicatorValues imd;
    imd.spec.name = "imd";
    imd.spec.kind = IndicatorKind::attribute;
    imd.unit = "IMD score";
    imd.value = {20.5, 35.25, std::nullopt, 48.0, 10.125};
    imd.missing_areas = {"E03"};
    imd.missing_why = {"no row in imd2019.csv"};
    r.indicators.indicators = {crimes, imd};

    CompositeResult& c = r.composite;
    c.spec.preset = "meanScaled";
    c.spec.indicators = {{"crimes"}, {"imd"}};
    c.spec.indicators[1].weight = 0.5;
    c.spec.top_n = 2;
    c.spec.explain = 2;
    c.kept = {1, 1, 0, 1, 1};
    c.dropped = {"E03"};
    c.imputed = {{}, {}};
    c.scaled = {{0.0952380952380952, 0.523809523809524, std::nullopt, 1.0, 0.0}, {0.274, 0.6511627906976745, std::nullopt, 1.0, 0.0}};
    c.index = {0.1548, 0.566, std::nullopt, 1.0, 0.0};
    c.rank = {3u, 2u, std::nullopt, 1u, 4u};
    c.decile = {8u, 5u, std::nullopt, 3u, 10u};
    c.top_contributors = {{{1, 0.274, 0.137, 20.5}, {0, 0.0952380952380952, 0.0952380952380952, 12}},
                          {{0, 0.523809523809524, 0.523809523809524, 30}, {1, 0.6511627906976745, 0.3255813953488372, 35.25}},
                          {},
                          {{0, 1.0, 1.0, 50}, {1, 1.0, 0.5, 48}},
                          {{0, 0.0, 0.0, 8}, {1, 0.0, 0.0, 10.125}}};
    c.loo_rank_min = {2u, 2u, std::nullopt, 1u, 4u};
    c.loo_rank_max = {3u, 2u, std::nullopt, 1u, 4u};
    c.loo_min_without = {std::size_t{0}, std::size_t{1}, std::nullopt, std::size_t{0}, std::size_t{1}};
    c.loo_max_without = {std::size_t{1}, std::size_t{0}, std::nullopt, std::size_t{1}, std::size_t{0}};
    c.top = {3, 1};
    c.notes = {"indicators scaled min-max over the kept areas"};

    IndicatorRisk risk;
    risk.indicator = "crimes";
    OverRepresentation& o = risk.over;
    o.level = 0.95;
    o.method = IntervalMethod::phe;
    o.city_events = 104;
    o.city_population = 7300;
    o.city_rate = 104.0 / 7300.0;
    for (std::size_t a = 0; a < 5; ++a) {
        const double obs = *crimes.observed[a], e = *crimes.denominator[a] * o.city_rate;
        o.observed.push_back(obs);
        o.expected.push_back(e);
        o.ratio.push_back(obs / e);
    }
    o.lower = {0.29, 1.18, 0.038, 2.5, 0.15};
    o.upper = {0.98, 2.5, 0.35, 4.6, 0.68};
    o.p_upper = {0.96, 0.0021, 0.99999, 1e-12, 0.9999};
    o.rule = {IntervalMethod::byar, IntervalMethod::byar, IntervalMethod::exact, IntervalMethod::byar, IntervalMethod::exact};
    o.flag = {-1, 1, -1, 1, -1};
    o.above = 2;
    o.below = 3;
    EbGlobal g;
    g.raw = {0.008, 0.025, 0.002, 0.05, 0.005};
    g.estimate = {0.009, 0.022, 0.004, 0.041, 0.0065};
    g.a = 0.0002;
    g.a_unclamped = 0.0002;
    g.b = o.city_rate;
    risk.eb_global = g;
    EbLocal l;  // E05 skipped: 4 rates for the other areas, in order
    l.raw = {0.008, 0.025, 0.002, 0.05};
    l.estimate = {0.0101, 0.0202, 0.0033, 0.0404};
    l.a = {0.0001, 0.0001, 0.0001, 0.0001};
    risk.eb_local = l;
    risk.skipped_areas = {"E05"};
    r.risks = {risk};

    PriorityDeprivation d;
    d.score = {20.5, 35.25, std::nullopt, 48.0, 10.125};
    d.decile = {5, 2, std::nullopt, 1, 8};
    d.profile.areas = 4;
    d.profile.chosen = 2;
    d.profile.areas_decile1 = 1;
    d.profile.areas_decile1_2 = 2;
    d.profile.chosen_decile1 = 1;
    d.profile.chosen_decile1_2 = 2;
    d.profile.areas_decile1_pct = 25;
    d.profile.areas_decile1_2_pct = 50;
    d.profile.chosen_decile1_pct = 50;
    d.profile.chosen_decile1_2_pct = 100;
    d.profile.without_decile = 1;
    Spearman s;
    s.n = 4;
    s.rho = 0.8;
    s.t = 1.8856180831641267;
    s.p_two_sided = 0.2;
    d.profile.index_vs_score = s;
    d.parent_scores = {{1, "wards", "W1", "North", "L1", 27.875}, {1, "wards", "W2", "South", "L1", 48.0}};
    r.deprivation = d;

    Hierarchy h;
    h.levels.push_back({"lsoa", ids, ids, {std::size_t{0}, std::size_t{0}, std::size_t{1}, std::size_t{1}, std::nullopt}, ""});
    h.levels.push_back({"wards", {"W1", "W2"}, {"North", "South"}, {std::size_t{0}, std::size_t{0}}, "lookup lsoa_ward.csv (LSOA21CD -> WD22CD)"});
    h.levels.push_back({"locality", {"L1"}, {"City"}, {std::nullopt}, "lookup ward_locality.csv (WD22CD -> LOC)"});
    h.warnings = {"E05 has no ward in lsoa_ward.csv"};
    r.hierarchy = h;
    r.rollup = {{1, "wards", "W1", "North", "L1", 42, 2700.0, 42.0 / 2700 * 1000 * 12 / 25, 2},
                {1, "wards", "W2", "South", "L1", 54, 3000.0, 54.0 / 3000 * 1000 * 12 / 25, 2},
                {2, "locality", "L1", "City", "", 96, 5700.0, 96.0 / 5700 * 1000 * 12 / 25, 2}};
    r.rollup_indicator = {"crimes", "crimes", "crimes"};
    DashboardRow top_row;
    top_row.top_id = "L1";
    top_row.top_name = "City";
    top_row.level = 2;
    top_row.level_name = "locality";
    top_row.area_id = "L1";
    top_row.area_name = "City";
    top_row.month = 2026 * 12 + 3;  // 2026-04
    top_row.count = 9;
    top_row.previous_month = 6;
    top_row.change_previous_pct = 50;
    top_row.rate_per_1000_per_year = 9.0 * 12 / 5.7;
    top_row.rank_by = "rate";
    DashboardRow ward_row = top_row;
    ward_row.level = 1;
    ward_row.level_name = "wards";
    ward_row.area_id = "W2";
    ward_row.area_name = "South";
    ward_row.count = 0;
    ward_row.previous_month = 0;
    ward_row.change_previous_pct.reset();  // from 0: no percentage
    ward_row.rate_per_1000_per_year = 0;
    ward_row.rank_in_parent = 2;
    r.dashboard = {top_row, ward_row};
    r.dashboard_indicator = "crimes: incidents per month, 2024-04..2026-04 of its data";

    PriorityGrid grid;
    grid.grid.min_x = 400000;
    grid.grid.min_y = 280000;
    grid.grid.cell_m = 500;
    grid.grid.nx = 2;
    grid.grid.ny = 2;
    grid.grid.col = {0, 1, 0, 1};
    grid.grid.row = {0, 0, 1, 1};
    grid.values = {{3.0, 3.0, 3.0, 3.0}, {20.5, 20.5, 20.5, 20.5}};
    grid.index = {0.1, 0.9, 0.2, 0.8};
    grid.zones.band_m = 750;
    grid.zones.min_bin = 2;
    grid.zones.gi.z = {-1.2, 2.4, -0.5, 2.1};
    grid.zones.gi.bin_fdr = {std::int8_t{0}, std::int8_t{2}, std::int8_t{0}, std::int8_t{2}};
    grid.zones.zone_of_cell = {-1, 0, -1, 0};
    {  // the zone: the two eastern cells dissolved
        OGRMultiPolygon mp;
        OGRPolygon p;
        OGRLinearRing ring;
        for (auto [x, y] : std::vector<std::pair<double, double>>{{400500, 280000}, {401000, 280000}, {401000, 281000}, {400500, 281000}, {400500, 280000}})
            ring.addPoint(x, y);
        p.addRing(&ring);
        mp.addGeometry(&p);
        std::string wkb(static_cast<std::size_t>(mp.WkbSize()), '\0');
        mp.exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()), wkbVariantIso);
        grid.zones.zone_wkb = {wkb};
    }
    grid.zones.zone_area_m2 = {500000};
    grid.zones.zone_cells = {2};
    grid.zones.shares = {{0, "lsoa", "E01", "Alpha", 500000, 100, 50}};
    r.grid = grid;
    return r;
}

}  // namespace hotspot::test
