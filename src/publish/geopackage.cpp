#include "hotspot/publish/geopackage.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/area_style.hpp"
#include "hotspot/publish/maplibre_style.hpp"
#include "hotspot/publish/pmtiles.hpp"
#include "hotspot/publish/styles.hpp"
#include "hotspot/read/raw_lines.hpp"
#include "hotspot/publish/output_set.hpp"
#include "publish/area_titles.hpp"
#include "publish/extra_fields.hpp"
#include "publish/field_descriptions.hpp"
#include "publish/gpkg_writer.hpp"
#include "publish/outside_table.hpp"

#include <cpl_json.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <memory>
#include <set>

namespace hotspot {

namespace fs = std::filesystem;

namespace {

using detail::LayerWriter;
using detail::set_optional;

std::string basename_of(const std::string& path) {
    if (is_connection_string(path)) {  // the database's name, not the tail of a socket folder
        const std::string db = connection_parameter(path, "dbname");
        return db.empty() ? without_password(path) : "PG:dbname=" + db;
    }
    return fs::path(path).filename().string();
}

// Column names for category counts: "n_" + slug, made unique.
std::vector<std::string> category_columns(const std::vector<std::string>& categories) {
    std::vector<std::string> out;
    std::set<std::string> used;
    for (const auto& c : categories) {
        std::string name = "n_" + slug(c);
        for (int k = 2; used.count(name); ++k) name = "n_" + slug(c) + "_" + std::to_string(k);
        used.insert(name);
        out.push_back(name);
    }
    return out;
}

void write_incidents(GDALDataset& ds, const AnalysisResult& r, const OGRSpatialReference& srs) {
    LayerWriter w(ds, "incidents", wkbPoint, &srs, "Accepted incidents, projected, with the area each falls in");
    w.field("source", OFTString);
    w.field("source_file", OFTString);
    w.field("source_line", OFTInteger64);
    w.field("month", OFTString);
    w.field("category", OFTString);
    w.field("crime_id", OFTString);
    w.field("location", OFTString);
    w.field("lsoa_code_given", OFTString);
    w.field("weight", OFTReal);
    for (const auto& layer : r.layers) w.field(layer.name() + "_id", OFTString);
    const IncidentTable& t = r.incidents;
    w.begin();
    for (std::size_t i = 0; i < t.size(); ++i) {
        OGRFeature& f = w.row();
        const SourceFile& file = t.files[t.file[i]];
        f.SetField(0, file.source.c_str());
        f.SetField(1, basename_of(file.path).c_str());
        f.SetField(2, static_cast<GIntBig>(t.line[i]));
        f.SetField(3, month_label(t.month[i]).c_str());
        f.SetField(4, t.categories.at(t.category[i]).c_str());
        f.SetField(5, t.crime_id.at(i).c_str());
        f.SetField(6, t.locations.at(t.location[i]).c_str());
        f.SetField(7, t.lsoa_codes.at(t.lsoa[i]).c_str());
        f.SetField(8, t.weight[i]);
        for (std::size_t l = 0; l < r.layers.size(); ++l) {
            const std::int32_t a = r.assignments[l].area[i];
            if (a >= 0) f.SetField(9 + static_cast<int>(l), r.layers[l].id(static_cast<std::size_t>(a)).c_str());
            else f.SetFieldNull(9 + static_cast<int>(l));
        }
        f.SetGeometryDirectly(new OGRPoint(t.x[i], t.y[i]));
        w.commit();
    }
    w.end();
}

// periods = false (measures.period_tables): no <layer>_periods table, not even an empty one.
void write_area_layer(GDALDataset& ds, const AreaLayer& layer, const AreaMeasures& m, const OGRSpatialReference& srs, bool periods) {
    LayerWriter w(ds, layer.name(), wkbMultiPolygon, &srs, detail::area_layer_description(layer.name(), m));
    std::vector<detail::FieldDescription> described;
    const auto field = [&](const std::string& name, OGRFieldType type, std::string description = "") {
        w.field(name, type);
        if (description.empty()) description = detail::area_column_title(m, name);
        if (!description.empty()) described.push_back({name, description});
    };
    for (const char* s : {"area_id", "area_name"}) w.field(s, OFTString);
    w.field("population", OFTReal);
    w.field("area_km2", OFTReal);
    field("headline_period", OFTString);
    field("headline_months", OFTInteger);
    field("count", OFTInteger64);
    field("weighted_count", OFTReal);
    field("share_pct", OFTReal);
    field("rate_per_1000", OFTReal);
    field("lq", OFTReal);
    w.field("lq_basis", OFTString);
    field("rank", OFTInteger);
    field("rank_by_rate", OFTInteger);
    field("count_all_months", OFTInteger64);
    field("months_all", OFTInteger);
    w.field("base_period", OFTString);
    w.field("base_count", OFTInteger64);
    w.field("current_period", OFTString);
    w.field("current_count", OFTInteger64);
    w.field("change", OFTReal);
    w.field("change_pct", OFTReal);
    w.field("direction", OFTString);
    const auto cat_cols = category_columns(m.categories);
    for (std::size_t c = 0; c < cat_cols.size(); ++c) field(cat_cols[c], OFTInteger64, detail::headline_title(m.categories[c], m));
    detail::declare_extra_fields(w, layer.extra_attributes(), layer.name());  // joined by --attributes
    w.begin();
    for (std::size_t a = 0; a < layer.size(); ++a) {
        OGRFeature& f = w.row();
        f.SetField("area_id", layer.id(a).c_str());
        f.SetField("area_name", layer.label(a).c_str());
        set_optional(f, "population", layer.population(a));
        f.SetField("area_km2", layer.area_m2(a) / 1e6);
        if (m.headline_period) f.SetField("headline_period", m.headline_period->label.c_str());
        if (m.headline_period) f.SetField("headline_months", m.headline_period->months());
        f.SetField("count", static_cast<GIntBig>(m.count[a]));
        f.SetField("count_all_months", static_cast<GIntBig>(m.count_all_months[a]));
        f.SetField("months_all", m.months_all());
        f.SetField("weighted_count", m.weighted[a]);
        f.SetField("share_pct", m.share_pct[a]);
        set_optional(f, "rate_per_1000", m.rate_per_1000[a]);
        set_optional(f, "lq", m.lq[a]);
        f.SetField("lq_basis", m.lq_basis.c_str());
        f.SetField("rank", static_cast<int>(m.rank[a]));
        if (m.rank_rate[a]) f.SetField("rank_by_rate", static_cast<int>(*m.rank_rate[a]));
        else f.SetFieldNull(f.GetFieldIndex("rank_by_rate"));
        if (m.base) {
            f.SetField("base_period", m.base->label.c_str());
            f.SetField("base_count", static_cast<GIntBig>(m.base_count[a]));
            f.SetField("current_period", m.current->label.c_str());
            f.SetField("current_count", static_cast<GIntBig>(m.current_count[a]));
            set_optional(f, "change", m.change_abs[a]);
            set_optional(f, "change_pct", m.change_pct[a]);
            f.SetField("direction", m.direction[a].c_str());
        }
        for (std::size_t c = 0; c < cat_cols.size(); ++c) f.SetField(cat_cols[c].c_str(), static_cast<GIntBig>(m.by_category[c][a]));
        detail::set_extra_fields(f, layer.extra_attributes(), a);
        const std::string wkb = layer.wkb(a);
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size());
        if (g) f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g));
        w.commit();
    }
    w.end();
    detail::describe_fields(ds, layer.name(), described);
    if (!periods) return;

    LayerWriter p(ds, layer.name() + "_periods", wkbNone, nullptr,
                  "Counts per area of " + layer.name() + " by month, quarter and financial year (April-March), all and by category");
    for (const char* s : {"area_id", "area_name", "period_type", "period"}) p.field(s, OFTString);
    p.field("months_with_data", OFTInteger);
    p.field("category", OFTString);
    p.field("count", OFTInteger64);
    p.field("rate_per_1000", OFTReal);
    p.begin();
    for (const auto& row : m.periods) {
        OGRFeature& f = p.row();
        f.SetField(0, layer.id(row.area).c_str());
        f.SetField(1, layer.label(row.area).c_str());
        f.SetField(2, row.period_type.c_str());
        f.SetField(3, row.period.c_str());
        f.SetField(4, static_cast<int>(row.months_with_data));
        f.SetField(5, row.category.c_str());
        f.SetField(6, static_cast<GIntBig>(row.count));
        set_optional(f, "rate_per_1000", row.rate_per_1000);
        p.commit();
    }
    p.end();
    detail::describe_fields(ds, layer.name() + "_periods",
                            {{"rate_per_1000", "Rate per 1,000 residents in the period (not annualised; see months_with_data)"}});
}

void write_rejects(GDALDataset& ds, const AnalysisResult& r) {
    LayerWriter w(ds, "rejects", wkbNone, nullptr, "Rows read but not accepted: file, line, reason and the raw text (rows outside the study area: see outside_study_area)");
    for (const char* s : {"source", "source_file"}) w.field(s, OFTString);
    w.field("source_line", OFTInteger64);
    for (const char* s : {"reason", "detail", "raw"}) w.field(s, OFTString);
    w.begin();
    for (const auto& rej : r.rejects) {
        OGRFeature& f = w.row();
        const SourceFile& file = r.incidents.files[rej.file];
        f.SetField(0, file.source.c_str());
        f.SetField(1, file.path.c_str());
        f.SetField(2, static_cast<GIntBig>(rej.line));
        f.SetField(3, rej.reason.c_str());
        f.SetField(4, rej.detail.c_str());
        f.SetField(5, rej.raw.c_str());
        w.commit();
    }
    w.end();
}

void write_duplicates(GDALDataset& ds, const AnalysisResult& r) {
    LayerWriter w(ds, "duplicate_crime_ids", wkbNone, nullptr, "Crime IDs seen more than once");
    w.field("crime_id", OFTString);
    w.field("source_file", OFTString);
    w.field("source_line", OFTInteger64);
    w.field("first_file", OFTString);
    w.field("first_line", OFTInteger64);
    w.field("action", OFTString);
    w.begin();
    for (const auto& d : r.duplicates) {
        OGRFeature& f = w.row();
        f.SetField(0, d.crime_id.c_str());
        f.SetField(1, r.incidents.files[d.file].path.c_str());
        f.SetField(2, static_cast<GIntBig>(d.line));
        f.SetField(3, r.incidents.files[d.first_file].path.c_str());
        f.SetField(4, static_cast<GIntBig>(d.first_line));
        f.SetField(5, d.dropped ? "dropped (in rejects)" : "kept");
        w.commit();
    }
    w.end();
}

void write_area_problems(GDALDataset& ds, const AnalysisResult& r) {
    LayerWriter w(ds, "area_problems", wkbNone, nullptr, "Problems found in the area layers and what was done");
    w.field("layer", OFTString);
    w.field("feature_fid", OFTInteger64);
    for (const char* s : {"area_id", "problem", "detail", "action"}) w.field(s, OFTString);
    w.begin();
    for (const auto& layer : r.layers)
        for (const auto& p : layer.problems()) {
            OGRFeature& f = w.row();
            f.SetField(0, p.layer.c_str());
            f.SetField(1, static_cast<GIntBig>(p.fid));
            f.SetField(2, p.area_id.c_str());
            f.SetField(3, p.problem.c_str());
            f.SetField(4, p.detail.c_str());
            f.SetField(5, p.action.c_str());
            w.commit();
        }
    w.end();
}

void write_report(GDALDataset& ds, const RunReport& report) {
    std::vector<detail::ReportRow> rows;
    for (const auto& e : report.entries()) rows.push_back({e.section, e.key, e.value});
    detail::write_report_table(ds, rows, "Inputs, parameters, counters, timings and version of this run");
}

void write_geopackage_file(const std::string& path, const AnalysisResult& r, const AnalysisConfig& c, const ProgressFn& progress) {
    detail::write_gpkg(path, c.output.gpkg, c.t_srs, [&](GDALDataset& ds, const OGRSpatialReference& srs) {
        std::vector<std::pair<std::string, std::string>> styles;
        if (c.output.incidents_layer) {
            progress("write incidents", 0.1);
            write_incidents(ds, r, srs);
            styles.emplace_back("incidents", incidents_qml(r.incidents.categories.values()));
        }
        for (std::size_t l = 0; l < r.layers.size() && l < r.measures.size(); ++l) {
            progress("write areas", 0.5);
            write_area_layer(ds, r.layers[l], r.measures[l], srs, c.measures.period_tables);
            styles.emplace_back(r.layers[l].name(), area_layer_qml(r.layers[l], r.measures[l], r.measures[l].headline_label()));
        }
        progress("write tables", 0.8);
        write_rejects(ds, r);
        detail::write_outside_study_area(ds, r);
        write_duplicates(ds, r);
        write_area_problems(ds, r);
        detail::write_layer_styles(ds, styles);
    });  // the run report is appended by write_outputs
}

}  // namespace

namespace {

// The name a map shows for tiles: the target's stem ("city" for city.mbtiles or a folder
// city/), never the temporary's.
std::string tiles_name(const std::string& target) {
    fs::path p(target);
    while (!p.empty() && !p.has_filename() && p.has_parent_path() && p != p.parent_path()) p = p.parent_path();
    const std::string stem = p.stem().string();
    return stem.empty() ? "hotspot" : stem;
}

// "a,b,c" or an array of numbers -> an array of `count` numbers (empty when it is neither).
std::vector<double> json_numbers(const CPLJSONObject& value, std::size_t count) {
    std::vector<double> out;
    if (value.GetType() == CPLJSONObject::Type::Array) {
        const CPLJSONArray a = value.ToArray();
        for (int i = 0; i < a.Size(); ++i) out.push_back(a[i].ToDouble());
    } else if (value.GetType() == CPLJSONObject::Type::String) {
        for (const auto& part : split(value.ToString(), ',')) {
            const std::string t(trim(part));
            double v = 0;
            const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
            if (ec != std::errc{} || end != t.data() + t.size()) return {};
            out.push_back(v);
        }
    }
    if (out.size() != count) out.clear();
    return out;
}

void replace_with_numbers(CPLJSONObject& root, const std::string& key, const std::vector<double>& values) {
    CPLJSONArray a;
    for (double v : values) a.Add(v);
    root.Delete(key);
    root.Add(key, a);
}

// GDAL's MVT driver writes a metadata.json (MBTiles style: bounds and center as strings, the
// layers inside a `json` string, no `tiles`). Rewrite it as TileJSON 3.0.0 so MapLibre and
// QGIS read the folder from its metadata.json; GDAL's other fields are kept.
void write_tilejson(const std::string& folder, const std::string& target, int min_zoom, int max_zoom) {
    const std::string path = (fs::path(folder) / "metadata.json").string();
    CPLJSONDocument doc;
    CPLJSONObject root;
    if (fs::exists(path)) {
        if (!doc.Load(path)) throw OutputError("cannot read the metadata.json GDAL wrote for " + quote_value(target));
        root = doc.GetRoot();
    }
    root.Delete("tilejson");
    root.Add("tilejson", "3.0.0");
    root.Delete("tiles");
    CPLJSONArray tiles;
    tiles.Add("{z}/{x}/{y}.pbf");  // relative to metadata.json
    root.Add("tiles", tiles);
    root.Delete("minzoom");
    root.Add("minzoom", min_zoom);
    root.Delete("maxzoom");
    root.Add("maxzoom", max_zoom);
    const std::vector<double> bounds = json_numbers(root.GetObj("bounds"), 4);
    if (!bounds.empty()) replace_with_numbers(root, "bounds", bounds);
    else root.Delete("bounds");  // TileJSON's default: the whole world
    std::vector<double> center = json_numbers(root.GetObj("center"), 3);
    if (center.empty() && !bounds.empty())
        center = {(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, static_cast<double>(min_zoom)};
    if (!center.empty()) {
        center[2] = static_cast<double>(static_cast<int>(center[2]));  // a zoom level
        replace_with_numbers(root, "center", center);
    }
    const CPLJSONObject json = root.GetObj("json");
    if (json.GetType() == CPLJSONObject::Type::String) {
        CPLJSONDocument layers;
        if (layers.LoadMemory(json.ToString())) {
            const CPLJSONArray v = layers.GetRoot().GetArray("vector_layers");
            if (v.IsValid()) {
                root.Delete("vector_layers");
                root.Add("vector_layers", v);
            }
        }
    }
    if (!root.GetArray("vector_layers").IsValid())
        throw OutputError("cannot write TileJSON for " + quote_value(target) + ": GDAL's metadata.json lists no vector_layers");
    write_text_file(path, root.Format(CPLJSONObject::PrettyFormat::Pretty) + "\n", target);
}

}  // namespace

void write_vector_tiles(const std::string& gpkg, const std::vector<std::string>& layers, const std::string& path,
                        const std::string& target, TileFormat format, int min_zoom, int max_zoom, const std::string& run_id) {
    detail::ensure_gdal_registered();
    GDALDatasetUniquePtr src(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!src) throw OutputError("cannot open " + quote_value(gpkg) + " to make tiles: " + detail::last_gdal_error("GDAL error"));
    for (const std::string& l : layers) detail::pick_layer(*src, gpkg, l);  // a missing layer named with the ones there are
    std::vector<std::string> args = {"-f", "MVT", "-dsco", format == TileFormat::mbtiles ? "FORMAT=MBTILES" : "FORMAT=DIRECTORY",
                                     "-dsco", "MINZOOM=" + std::to_string(min_zoom), "-dsco", "MAXZOOM=" + std::to_string(max_zoom),
                                     "-dsco", "DESCRIPTION=hotspot run " + run_id, "-dsco", "NAME=" + tiles_name(target)};
    if (format == TileFormat::directory) {  // gzipped .pbf files show as a blank map in QGIS XYZ
        args.push_back("-dsco");
        args.push_back("COMPRESS=NO");
    }
    for (const auto& l : layers) args.push_back(l);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::unique_ptr<GDALVectorTranslateOptions, decltype(&GDALVectorTranslateOptionsFree)> options(
        GDALVectorTranslateOptionsNew(argv.data(), nullptr), &GDALVectorTranslateOptionsFree);
    if (!options) throw OutputError("cannot write vector tiles " + quote_value(target) + ": " + detail::last_gdal_error("bad options"));
    std::error_code ec;
    fs::remove_all(path, ec);
    GDALDatasetH src_h = GDALDataset::ToHandle(src.get());
    int usage_error = 0;
    CPLErrorReset();
    GDALDatasetUniquePtr out(GDALDataset::FromHandle(GDALVectorTranslate(path.c_str(), nullptr, 1, &src_h, options.get(), &usage_error)));
    if (!out) throw OutputError("cannot write vector tiles " + quote_value(target) + ": " + detail::write_error());
    detail::close_written(out, target);  // the MVT driver writes its tiles at close
    if (format == TileFormat::directory) write_tilejson(path, target, min_zoom, max_zoom);
    if (format == TileFormat::directory)  // lets a later --overwrite recognise the folder as ours
        write_text_file((fs::path(path) / tile_folder_marker).string(), "vector tiles written by hotspot, run " + run_id + "\n");
}

void claim_analysis_outputs(OutputSet& outputs, const AnalysisConfig& c) {
    outputs.claim(c.output.gpkg, OutputKind::geopackage);
    if (c.output.gpkg.empty()) return;  // tiles are made from the GeoPackage
    outputs.claim(c.output.mbtiles, OutputKind::mbtiles);
    outputs.claim(c.output.xyz, OutputKind::tile_folder);
    outputs.claim(c.output.pmtiles, OutputKind::pmtiles);
    if (!c.output.pmtiles.empty()) outputs.claim(style_path_beside(c.output.pmtiles), OutputKind::map_style);
}

void write_outputs(AnalysisResult& r, const AnalysisConfig& c, OutputSet& outputs, const ProgressFn& progress) {
    if (c.output.gpkg.empty()) return;
    const auto t0 = std::chrono::steady_clock::now();
    fill_reject_raw_text(r.rejects, r.incidents.files);
    describe_rejects(r);
    const std::string& tmp = outputs.temporary(c.output.gpkg);
    write_geopackage_file(tmp, r, c, progress);
    // Tiles are made from the temporary GeoPackage; the report is appended after, so it
    // records them too.
    std::vector<std::string> area_layers;  // only layers written with measures
    for (std::size_t l = 0; l < r.measures.size(); ++l) area_layers.push_back(r.layers[l].name());
    r.report.add("run", "run_id", outputs.run_id());
    if (!c.output.gpkg_staged) r.report.add("output", "gpkg", fs::absolute(c.output.gpkg).string());
    if (!c.output.postgres.empty())  // written after this report is stored: where it goes, not that it arrived
        r.report.add("output", "postgres", without_password(c.output.postgres) + ", schema " + c.output.postgres_schema);
    const auto tiles = [&](const std::string& target, TileFormat format, const char* key, const std::string& suffix) {
        if (target.empty()) return;
        if (area_layers.empty()) throw OutputError("cannot write tiles " + quote_value(target) + ": no area layer was measured");
        progress("write tiles", 0.9);
        write_vector_tiles(tmp, area_layers, outputs.temporary(target), target, format, c.output.min_zoom, c.output.max_zoom, outputs.run_id());
        r.report.add("output", key, fs::absolute(target).string() + suffix);
    };
    tiles(c.output.mbtiles, TileFormat::mbtiles, "mbtiles", "");
    tiles(c.output.xyz, TileFormat::directory, "xyz", "/{z}/{x}/{y}.pbf (uncompressed)");
    if (!c.output.pmtiles.empty()) {  // with its MapLibre style beside it
        if (area_layers.empty()) throw OutputError("cannot write tiles " + quote_value(c.output.pmtiles) + ": no area layer was measured");
        progress("write tiles", 0.9);
        const std::string style = style_path_beside(c.output.pmtiles);
        write_pmtiles_and_style(tmp, area_layers, c.output.pmtiles, style, c.output.min_zoom, c.output.max_zoom, outputs);
        r.report.add("output", "pmtiles", fs::absolute(c.output.pmtiles).string());
        r.report.add("output", "map_style", fs::absolute(style).string());
    }
    if (!c.output.mbtiles.empty() || !c.output.xyz.empty() || !c.output.pmtiles.empty())
        r.report.add("parameter", "tile_zooms", std::to_string(c.output.min_zoom) + ".." + std::to_string(c.output.max_zoom));
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;
    r.report.add("timing", "write_s", format_fixed(took.count(), 3));
    GDALDatasetUniquePtr ds(GDALDataset::Open(tmp.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    if (!ds) throw OutputError("cannot reopen " + quote_value(c.output.gpkg) + " to add the run report: " + detail::last_gdal_error("GDAL error"));
    try {
        write_report(*ds, r.report);
    } catch (const OutputError& e) {
        throw OutputError("cannot write " + quote_value(c.output.gpkg) + ": " + e.what());
    }
    detail::close_written(ds, c.output.gpkg);
}

}  // namespace hotspot
