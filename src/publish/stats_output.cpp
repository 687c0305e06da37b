#include "hotspot/publish/stats_output.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/raster.hpp"
#include "hotspot/publish/styles.hpp"
#include "publish/extra_fields.hpp"
#include "publish/gpkg_writer.hpp"

#include <ogr_spatialref.h>

#include <filesystem>
#include <initializer_list>
#include <string_view>

namespace hotspot {

namespace fs = std::filesystem;
using detail::LayerWriter;

namespace {

void declare_unit_fields(LayerWriter& w, const StatsUnits& u, const std::string& layer) {
    w.field("unit_id", OFTString);
    w.field("unit_name", OFTString);
    w.field("centre_x", OFTReal);
    w.field("centre_y", OFTReal);
    w.field("value", OFTReal);
    w.field("value_measure", OFTString);  // count, weighted_count or rate_per_1000: what `value` is
    w.field("incidents", OFTReal);
    if (!u.population.empty()) w.field("population", OFTReal);
    w.field("n_neighbours", OFTInteger);
    detail::declare_extra_fields(w, u.extra, layer);
}

void set_unit_fields(OGRFeature& f, const StatsResult& r, std::size_t i, const std::vector<std::uint32_t>& neighbours) {
    const StatsUnits& u = r.units;
    f.SetField("unit_id", u.unit_id(i).c_str());
    f.SetField("unit_name", u.unit_name(i).c_str());
    f.SetField("centre_x", u.cx[i]);
    f.SetField("centre_y", u.cy[i]);
    f.SetField("value", u.value[i]);
    f.SetField("value_measure", u.value_measure.c_str());
    f.SetField("incidents", u.incidents[i]);
    if (!u.population.empty()) detail::set_optional(f, "population", u.population[i]);
    detail::set_extra_fields(f, u.extra, i);
    f.SetField("n_neighbours", static_cast<int>(neighbours[i]));
    OGRGeometry* g = nullptr;
    if (u.fishnet) {
        const double h = u.fishnet->cell_m / 2;
        auto* ring = new OGRLinearRing;
        ring->addPoint(u.cx[i] - h, u.cy[i] - h);
        ring->addPoint(u.cx[i] + h, u.cy[i] - h);
        ring->addPoint(u.cx[i] + h, u.cy[i] + h);
        ring->addPoint(u.cx[i] - h, u.cy[i] + h);
        ring->addPoint(u.cx[i] - h, u.cy[i] - h);
        auto* poly = new OGRPolygon;
        poly->addRingDirectly(ring);
        g = poly;
    } else {
        OGRGeometryFactory::createFromWkb(u.wkb[i].data(), nullptr, &g, u.wkb[i].size());
    }
    if (g) f.SetGeometryDirectly(g);
}

void set_bin(OGRFeature& f, const char* field, const std::optional<std::int8_t>& v) {
    if (v) f.SetField(field, static_cast<int>(*v));
    else f.SetFieldNull(f.GetFieldIndex(field));
}

// Joins pieces; GCC 12 warns falsely (-Wrestrict) on long "literal" + std::string chains.
std::string text_of(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const auto p : parts) out += p;
    return out;
}

// Cells are squares; area layers keep their (repaired) multipolygons.
OGRwkbGeometryType unit_geometry_type(const StatsResult& r) { return r.units.fishnet ? wkbPolygon : wkbMultiPolygon; }

std::string unit_words(const StatsResult& r) { return r.units.fishnet ? "grid cells" : r.units.kind; }

void write_gistar(GDALDataset& ds, const OGRSpatialReference& srs, const StatsResult& r) {
    const GiStarResult& g = *r.gistar;
    LayerWriter w(ds, "gistar", unit_geometry_type(r), &srs,
                  text_of({"Getis-Ord Gi* hot and cold spots of ", unit_words(r), " in value = ", r.units.value_description,
                           ": z, two-sided p, confidence bins (+-3/2/1 = 99/95/90 %), raw and after Benjamini-Hochberg FDR; neighbours: ",
                           r.neighbours_rule}));
    declare_unit_fields(w, r.units, "gistar");
    w.field("gi_zscore", OFTReal);
    w.field("gi_pvalue", OFTReal);
    w.field("gi_bin", OFTInteger);
    w.field("gi_bin_fdr", OFTInteger);
    w.begin();
    for (std::size_t i = 0; i < r.units.size(); ++i) {
        OGRFeature& f = w.row();
        set_unit_fields(f, r, i, r.neighbour_count);
        detail::set_optional(f, "gi_zscore", g.z[i]);
        detail::set_optional(f, "gi_pvalue", g.p[i]);
        set_bin(f, "gi_bin", g.z[i] ? std::optional<std::int8_t>(g.bin[i]) : std::nullopt);
        set_bin(f, "gi_bin_fdr", g.bin_fdr[i]);
        w.commit();
    }
    w.end();
}

void write_lisa(GDALDataset& ds, const OGRSpatialReference& srs, const StatsResult& r) {
    const LocalMoranResult& l = *r.lisa;
    LayerWriter w(ds, "lisa", unit_geometry_type(r), &srs,
                  text_of({"Local Moran's I of ", unit_words(r), " in value = ", r.units.value_description,
                           ": I, conditional expectation and variance (spdep), z, analytic and permutation p, quadrant and significant clusters; ",
                           l.p_used}));
    declare_unit_fields(w, r.units, "lisa");
    for (const char* name : {"lag", "local_i", "expected_i", "variance_i", "z_i", "p_analytic", "p_sim"}) w.field(name, OFTReal);
    for (const char* name : {"quadrant", "cluster", "cluster_fdr"}) w.field(name, OFTString);
    w.begin();
    for (std::size_t i = 0; i < r.units.size(); ++i) {
        OGRFeature& f = w.row();
        set_unit_fields(f, r, i, r.lisa_neighbour_count);
        f.SetField("lag", l.lag[i]);
        detail::set_optional(f, "local_i", l.i[i]);
        detail::set_optional(f, "expected_i", l.expected[i]);
        detail::set_optional(f, "variance_i", l.variance[i]);
        detail::set_optional(f, "z_i", l.z[i]);
        detail::set_optional(f, "p_analytic", l.p[i]);
        detail::set_optional(f, "p_sim", l.p_sim[i]);
        f.SetField("quadrant", to_string(l.quadrant[i]));
        f.SetField("cluster", l.cluster[i].c_str());
        f.SetField("cluster_fdr", l.cluster_fdr[i].c_str());
        w.commit();
    }
    w.end();
}

void write_isa(GDALDataset& ds, const ChosenBand& isa) {
    LayerWriter w(ds, "isa_curve", wkbNone, nullptr,
                  text_of({"Incremental spatial autocorrelation: global Moran's I (binary weights, randomisation) over increasing distance bands; ",
                           isa.detail}));
    w.field("step", OFTInteger);
    for (const char* name : {"distance_m", "mean_neighbours", "moran_i", "expected_i", "variance_i", "z", "p"}) w.field(name, OFTReal);
    w.field("peak", OFTInteger, OFSTBoolean);
    w.begin();
    for (std::size_t k = 0; k < isa.curve.size(); ++k) {
        const IsaStep& s = isa.curve[k];
        OGRFeature& f = w.row();
        f.SetField("step", static_cast<int>(k + 1));
        f.SetField("distance_m", s.distance_m);
        f.SetField("mean_neighbours", s.mean_neighbours);
        f.SetField("moran_i", s.moran.i);
        f.SetField("expected_i", s.moran.expected);
        f.SetField("variance_i", s.moran.variance);
        f.SetField("z", s.moran.z);
        f.SetField("p", s.moran.p_two_sided);
        f.SetField("peak", s.peak ? 1 : 0);
        w.commit();
    }
    w.end();
}

void write_concentration(GDALDataset& ds, const StatsResult& r) {
    const Concentration& c = *r.concentration;
    LayerWriter lorenz(ds, "concentration_lorenz", wkbNone, nullptr,
                       text_of({"Lorenz curve over ", unit_words(r), ", busiest first: the top `places` hold `incident_pct` % of incidents"}));
    lorenz.field("places", OFTInteger);
    for (const char* name : {"place_pct", "incidents", "incident_pct"}) lorenz.field(name, OFTReal);
    lorenz.begin();
    for (const LorenzPoint& p : c.lorenz) {
        OGRFeature& f = lorenz.row();
        f.SetField("places", static_cast<int>(p.places));
        f.SetField("place_pct", p.place_pct);
        f.SetField("incidents", p.incidents);
        f.SetField("incident_pct", p.incident_pct);
        lorenz.commit();
    }
    lorenz.end();
    LayerWriter deciles(ds, "concentration_deciles", wkbNone, nullptr,
                        text_of({"Incidents per decile of ", unit_words(r), " ranked busiest first (decile sizes as SQL NTILE(10))"}));
    deciles.field("decile", OFTInteger);
    deciles.field("places", OFTInteger);
    deciles.field("incidents", OFTReal);
    deciles.field("pct_of_incidents", OFTReal);
    deciles.begin();
    for (const DecileRow& d : r.deciles) {
        OGRFeature& f = deciles.row();
        f.SetField("decile", d.group);
        f.SetField("places", static_cast<int>(d.places));
        f.SetField("incidents", d.incidents);
        f.SetField("pct_of_incidents", d.pct_of_incidents);
        deciles.commit();
    }
    deciles.end();
}

void write_summary(GDALDataset& ds, const StatsResult& r) {
    LayerWriter w(ds, "statistics_summary", wkbNone, nullptr, "One row per number: global Moran's I, concentration, nearest neighbour index");
    for (const char* name : {"statistic", "measure", "value"}) w.field(name, OFTString);
    w.begin();
    for (const SummaryRow& row : stats_summary(r)) {
        OGRFeature& f = w.row();
        f.SetField("statistic", row.statistic.c_str());
        f.SetField("measure", row.measure.c_str());
        f.SetField("value", row.value.c_str());
        w.commit();
    }
    w.end();
}

}  // namespace

std::vector<SummaryRow> stats_summary(const StatsResult& r) {
    std::vector<SummaryRow> rows;
    const auto add = [&](const std::string& s, const std::string& m, const std::string& v) { rows.push_back({s, m, v}); };
    add("value", r.units.value_measure, r.units.value_description);  // what Gi* and Moran's I analysed
    if (r.gistar) {
        int hot = 0, cold = 0, hot_fdr = 0, cold_fdr = 0;
        for (std::size_t i = 0; i < r.gistar->bin.size(); ++i) {
            hot += r.gistar->bin[i] > 0, cold += r.gistar->bin[i] < 0;
            if (r.gistar->bin_fdr[i]) hot_fdr += *r.gistar->bin_fdr[i] > 0, cold_fdr += *r.gistar->bin_fdr[i] < 0;
        }
        add("gistar", "hot_units_90pct", std::to_string(hot));
        add("gistar", "cold_units_90pct", std::to_string(cold));
        add("gistar", "hot_units_90pct_fdr", std::to_string(hot_fdr));
        add("gistar", "cold_units_90pct_fdr", std::to_string(cold_fdr));
        add("gistar", "units_without_neighbours", std::to_string(r.gistar->without_neighbours));
    }
    if (r.moran) {
        add("global_moran", "I", format_exact(r.moran->i));
        add("global_moran", "expected", format_exact(r.moran->expected));
        add("global_moran", "variance", format_exact(r.moran->variance));
        add("global_moran", "z", format_exact(r.moran->z));
        add("global_moran", "p_two_sided", format_exact(r.moran->p_two_sided));
        add("global_moran", "variance_assumption", r.moran->randomisation ? "randomisation" : "normality");
    }
    if (r.concentration) {
        const Concentration& c = *r.concentration;
        add("concentration", "places", std::to_string(c.places));
        add("concentration", "incidents", format_exact(c.incidents));
        add("concentration", "places_with_none", std::to_string(c.places_with_none));
        add("concentration", "gini", format_exact(c.gini));
        add("concentration", "generalized_gini", format_exact(c.generalized_gini));
        add("concentration", "places_holding_25pct", std::to_string(c.places_for_25pct));
        add("concentration", "pct_places_holding_25pct", format_fixed(c.place_pct_for_25pct, 2));
        add("concentration", "places_holding_50pct", std::to_string(c.places_for_50pct));
        add("concentration", "pct_places_holding_50pct", format_fixed(c.place_pct_for_50pct, 2));
    }
    for (std::size_t k = 0; k < r.nni.size(); ++k) {
        const NearestNeighbourIndex& n = r.nni[k];
        const std::string s = k == 0 ? "nni_incidents" : "nni_distinct_locations";
        add(s, "points", std::to_string(n.points));
        add(s, "coincident_points", std::to_string(n.coincident));
        add(s, "study_area_m2", format_fixed(n.area_m2, 0));
        add(s, "study_area", n.area_source);
        add(s, "observed_mean_m", format_exact(n.observed_mean_m));
        add(s, "expected_mean_m", format_exact(n.expected_mean_m));
        add(s, "ratio_R", format_exact(n.ratio));
        add(s, "z", format_exact(n.z));
        add(s, "p_two_sided", format_exact(n.p_two_sided));
    }
    return rows;
}

void write_stats_geopackage(const StatsResult& r, const StatsConfig& c, const std::string& crs, const RunReport& report,
                            const std::string& path, const std::string& target) {
    detail::write_gpkg(path, target, crs, [&](GDALDataset& ds, const OGRSpatialReference& srs) {
        std::vector<std::pair<std::string, std::string>> styles;
        if (r.gistar && (c.gistar_polygons || !r.units.fishnet)) {
            write_gistar(ds, srs, r);
            styles.emplace_back("gistar", gi_bin_qml(c.fdr || c.auto_scale ? "gi_bin_fdr" : "gi_bin"));
        }
        if (r.lisa) {
            write_lisa(ds, srs, r);
            styles.emplace_back("lisa", lisa_qml(c.fdr ? "cluster_fdr" : "cluster"));
        }
        if (r.isa) write_isa(ds, *r.isa);
        if (r.concentration) write_concentration(ds, r);
        write_summary(ds, r);
        std::vector<detail::ReportRow> rows;
        for (const auto& e : report.entries()) rows.push_back({e.section, e.key, e.value});
        // The statistics' own timings, as the pipeline's steps have theirs (seconds).
        if (r.gistar) rows.push_back({"timing", "gistar_s", format_fixed(r.gistar_seconds, 3)});
        // lisa_s: Local Moran's I with its permutations (and the neighbour lists when Gi* did not make them).
        if (r.lisa) rows.push_back({"timing", "lisa_s", format_fixed(r.lisa_seconds, 3)});
        for (const auto& [k, v] : r.parameters) rows.push_back({"statistics", k, v});
        for (std::size_t k = 0; k < r.warnings.size(); ++k) rows.push_back({"warning", std::to_string(k + 1), r.warnings[k]});
        detail::write_report_table(ds, rows, "What this run read, the parameters it used and what it found");
        detail::write_layer_styles(ds, styles);
    });
}

namespace {
std::pair<std::string, std::string> gistar_raster_paths(const std::string& gpkg_path) {
    const std::string base = (fs::path(gpkg_path).parent_path() / fs::path(gpkg_path).stem()).string();
    return {base + "_gi_z.tif", base + "_gi_bin.tif"};
}
}  // namespace

void claim_gistar_rasters(OutputSet& outputs, const StatsConfig& c, const std::string& gpkg_path) {
    if (!c.gistar_rasters || !c.gistar) return;
    const auto [z_path, bin_path] = gistar_raster_paths(gpkg_path);
    claim_styled_cog(outputs, z_path);
    claim_styled_cog(outputs, bin_path);
}

std::vector<std::string> write_gistar_rasters(const StatsResult& r, const StatsConfig& c, const std::string& crs, OutputSet& outputs,
                                              const std::string& gpkg_path) {
    if (!c.gistar_rasters || !r.gistar || !r.units.fishnet) return {};
    const Fishnet& f = *r.units.fishnet;
    const bool fdr = c.fdr || c.auto_scale;
    Grid z, bin;
    z.min_x = bin.min_x = f.min_x;
    z.max_y = bin.max_y = f.min_y + static_cast<double>(f.ny) * f.cell_m;
    z.cell_m = bin.cell_m = f.cell_m;
    z.nx = bin.nx = f.nx;
    z.ny = bin.ny = f.ny;
    z.values.assign(f.nx * f.ny, Grid::nodata);
    bin.values.assign(f.nx * f.ny, Grid::nodata);
    for (std::size_t i = 0; i < f.size(); ++i) {
        const std::size_t row = f.ny - 1 - f.row[i];  // raster rows count from the north
        if (r.gistar->z[i]) z.at(row, f.col[i]) = static_cast<float>(*r.gistar->z[i]);
        const std::optional<std::int8_t> b = fdr ? r.gistar->bin_fdr[i] : (r.gistar->z[i] ? std::optional<std::int8_t>(r.gistar->bin[i]) : std::nullopt);
        if (b) bin.at(row, f.col[i]) = static_cast<float>(*b);
    }
    RasterMetadata meta;
    meta.crs = crs;
    meta.has_nodata = true;
    meta.items.assign(r.parameters.begin(), r.parameters.end());
    meta.items.emplace_back("neighbours", r.neighbours_rule);
    const auto [z_path, bin_path] = gistar_raster_paths(gpkg_path);
    meta.items.emplace_back("band_1", "Gi* z (binary weights, self included)");
    write_styled_cog(outputs, z, z_path, meta, gi_z_raster_qml());
    meta.categorical = true;
    meta.items.back().second = fdr ? "Gi* bin after Benjamini-Hochberg FDR (-3..3)" : "Gi* bin (-3..3 = 99/95/90 % cold .. hot)";
    write_styled_cog(outputs, bin, bin_path, meta, gi_bin_raster_qml());
    return {z_path, bin_path};
}

}  // namespace hotspot
