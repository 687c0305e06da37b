// Reads the GeoPackages of a tasking pack back into plain structures (see pack_inputs.hpp).
#include "hotspot/report/pack_inputs.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <functional>
#include <limits>

namespace hotspot::report {

using detail::open_vector;

bool contains(const Shape& s, double x, double y) {
    if (x < s.x0 || x > s.x1 || y < s.y0 || y > s.y1) return false;
    bool inside = false;
    for (const Ring& r : s.rings)
        for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
            if ((r[i].y > y) != (r[j].y > y) && x < (r[j].x - r[i].x) * (y - r[i].y) / (r[j].y - r[i].y) + r[i].x) inside = !inside;
    return inside;
}

const char* to_string(SourceKind k) {
    switch (k) {
        case SourceKind::run: return "run";
        case SourceKind::sites: return "sites";
        case SourceKind::stats: return "stats";
        case SourceKind::emerging: return "emerging";
        case SourceKind::table: return "table";
        case SourceKind::priority: return "priority";
        case SourceKind::trend: return "trend";
    }
    return "?";
}

std::string SourceFile::get(const std::string& section, const std::string& key) const {
    for (auto it = report.rbegin(); it != report.rend(); ++it)
        if (it->section == section && it->key == key) return it->value;
    return "";
}

namespace {

bool has_layer(GDALDataset& ds, const char* name) { return ds.GetLayerByName(name) != nullptr; }

// The kinds a GeoPackage holds, from its layer names: a run's GeoPackage may hold the
// performance table or the priority tables too, and the table command writes incidents.
std::vector<SourceKind> detect_kinds(GDALDataset& ds) {
    if (has_layer(ds, "sites") && has_layer(ds, "hotspots")) return {SourceKind::sites};
    std::vector<SourceKind> out;
    if (has_layer(ds, "incidents")) out.push_back(SourceKind::run);
    if (has_layer(ds, "gistar")) out.push_back(SourceKind::stats);
    if (has_layer(ds, "emerging_hot_spots")) out.push_back(SourceKind::emerging);
    if (has_layer(ds, "performance_table")) out.push_back(SourceKind::table);
    if (has_layer(ds, "priority_top")) out.push_back(SourceKind::priority);
    if (has_layer(ds, "trend_seasonal")) out.push_back(SourceKind::trend);
    return out;
}

const char* layers_read = "incidents of run or join, sites and hotspots of sites, gistar of stats, emerging_hot_spots of emerging, "
                          "performance_table of table, priority_top of priority, trend_seasonal of trend";

OGRLayer* layer(GDALDataset& ds, const std::string& path, const char* name) { return detail::pick_layer(ds, path, name); }

std::string text(OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "";
}
double real(OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? f.GetFieldAsDouble(i) : std::numeric_limits<double>::quiet_NaN();
}
long long integer(OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? f.GetFieldAsInteger64(i) : 0;
}

void add_rings(const OGRGeometry* g, Shape& s) {
    if (!g) return;
    const OGRwkbGeometryType t = wkbFlatten(g->getGeometryType());
    if (t == wkbPolygon) {
        for (const OGRLinearRing* r : *g->toPolygon()) {
            Ring ring;
            for (const OGRPoint& p : *r) ring.push_back({p.getX(), p.getY()});
            if (ring.size() >= 3) s.rings.push_back(std::move(ring));
        }
    } else if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
        for (const OGRGeometry* part : *g->toGeometryCollection()) add_rings(part, s);
    }
}

Shape shape_of(OGRFeature& f) {
    Shape s;
    const OGRGeometry* g = f.GetGeometryRef();
    add_rings(g, s);
    if (g && !g->IsEmpty()) {
        OGREnvelope e;
        g->getEnvelope(&e);
        s.x0 = e.MinX, s.y0 = e.MinY, s.x1 = e.MaxX, s.y1 = e.MaxY;
    }
    return s;
}

void each_feature(OGRLayer* l, const std::function<void(OGRFeature&)>& fn) {
    l->ResetReading();
    for (auto& f : *l) fn(*f);
}

SourceFile read_source(GDALDataset& ds, const std::string& path, SourceKind kind) {
    SourceFile s{path, sha256_file(path), kind, {}};
    OGRLayer* r = ds.GetLayerByName("run_report");
    if (!r) throw InputError(quote_value(path) + " has no run_report table: a tasking pack is built only from GeoPackages hotspot wrote");
    each_feature(r, [&](OGRFeature& f) { s.report.push_back({text(f, "section"), text(f, "key"), text(f, "value")}); });
    return s;
}

// The run's first area layer: the first "area_layer NAME" input of its run report.
std::string first_area_layer(const SourceFile& run) {
    for (const ReportEntry& e : run.report)
        if (e.section == "input" && e.key.starts_with("area_layer ")) return e.key.substr(11);
    return "";
}

void check_metres(OGRLayer* l, const std::string& path) {
    const OGRSpatialReference* srs = l->GetSpatialRef();
    if (!srs || !srs->IsProjected())
        throw ConfigError(quote_value(path) + ": layer " + l->GetName() + " is not in a projected CRS; the pack measures distances in metres "
                          "and never in degrees (run the analysis with -t_srs, e.g. EPSG:27700)");
}

void read_run(GDALDataset& ds, PackInputs& in) {
    const std::string& path = in.run.path;
    OGRLayer* inc = layer(ds, path, "incidents");
    check_metres(inc, path);
    each_feature(inc, [&](OGRFeature& f) {
        const OGRGeometry* g = f.GetGeometryRef();
        const std::string month = text(f, "month");
        const auto m = parse_year_month(month);
        if (!g || wkbFlatten(g->getGeometryType()) != wkbPoint || !m)
            throw InputError(quote_value(path) + ": incidents row fid " + std::to_string(f.GetFID()) + " has " +
                             (!m ? "no valid month (" + quote_value(month) + ")" : std::string("no point geometry")));
        in.incidents.push_back({g->toPoint()->getX(), g->toPoint()->getY(), *m, text(f, "category")});
    });
    in.area_layer = first_area_layer(in.run);
    if (in.area_layer.empty() || !ds.GetLayerByName(in.area_layer.c_str())) return;  // maps then show no areas
    each_feature(ds.GetLayerByName(in.area_layer.c_str()),
                 [&](OGRFeature& f) { in.areas.push_back({text(f, "area_id"), text(f, "area_name"), shape_of(f)}); });
}

SitesFile read_sites(GDALDataset& ds, SourceFile source) {
    SitesFile out{std::move(source), {}, {}};
    const std::string& path = out.source.path;
    OGRLayer* sites = layer(ds, path, "sites");
    check_metres(sites, path);
    each_feature(sites, [&](OGRFeature& f) {
        out.sites.push_back({static_cast<int>(integer(f, "rank")), text(f, "place"), text(f, "wards_names"), text(f, "neighbourhoods_names"),
                             text(f, "by_category"), real(f, "easting"), real(f, "northing"), real(f, "radius_m"), integer(f, "incidents"),
                             real(f, "weighted_incidents"), real(f, "share_pct"), shape_of(f)});
    });
    std::sort(out.sites.begin(), out.sites.end(), [](const PackSite& a, const PackSite& b) { return a.rank < b.rank; });
    each_feature(layer(ds, path, "hotspots"), [&](OGRFeature& f) {
        out.hotspots.push_back({static_cast<int>(integer(f, "rank")), text(f, "place"), integer(f, "incidents"), shape_of(f)});
    });
    return out;
}

std::vector<ValuedShape> valued_shapes(GDALDataset& ds, const std::string& path, const char* name, const char* label, const std::string& field) {
    std::vector<ValuedShape> out;
    each_feature(layer(ds, path, name), [&](OGRFeature& f) {
        std::string what = text(f, label);
        if (what.empty() && !text(f, "unit_id").empty()) what = text(f, "unit_id");
        if (what.empty() && !text(f, "cell_id").empty()) what = "cell " + text(f, "cell_id");
        out.push_back({shape_of(f), what, text(f, field.c_str())});
    });
    return out;
}

PlainTable plain_table(GDALDataset& ds, const std::string& path, const char* name) {
    OGRLayer* l = layer(ds, path, name);
    PlainTable t{name, l->GetMetadataItem("DESCRIPTION") ? l->GetMetadataItem("DESCRIPTION") : "", {}, {}};
    OGRFeatureDefn* d = l->GetLayerDefn();
    for (int i = 0; i < d->GetFieldCount(); ++i) t.columns.push_back(d->GetFieldDefn(i)->GetNameRef());
    each_feature(l, [&](OGRFeature& f) {
        std::vector<std::string> row;
        for (int i = 0; i < d->GetFieldCount(); ++i) row.push_back(f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "");
        t.rows.push_back(std::move(row));
    });
    return t;
}

// Sites none of whose centres lies in the run's areas come from another study area (or another
// CRS): their counts here would all be 0 and read as "the problem went away". (One site outside is
// not refused: a run's first area layer need not cover the whole study area.)
void refuse_sites_outside_areas(const SitesFile& sites, const PackInputs& in, const std::string& what) {
    std::size_t outside = 0;
    const PackSite* first = nullptr;
    for (const PackSite& s : sites.sites) {
        const bool inside = std::any_of(in.areas.begin(), in.areas.end(), [&](const PackArea& a) { return contains(a.shape, s.easting, s.northing); });
        if (inside) continue;
        ++outside;
        if (!first) first = &s;
    }
    if (sites.sites.empty() || outside < sites.sites.size()) return;
    throw InputError(what + " " + quote_value(sites.source.path) + ": " + "none of its " + std::to_string(sites.sites.size()) +
                     " sites lies inside an area of the run's layer " + in.area_layer + " in " + quote_value(in.run.path) + " (first: rank " +
                     std::to_string(first->rank) + ", " + first->place + ", at " + std::to_string(static_cast<long long>(first->easting)) + ", " +
                     std::to_string(static_cast<long long>(first->northing)) + "): the sites and the run must be of the same study area");
}

}  // namespace

PackInputs read_pack_inputs(const std::vector<std::string>& paths, const std::string& previous) {
    PackInputs in;
    bool have_run = false, have_sites = false;
    // A run's own GeoPackage first: table and priority GeoPackages hold incidents too, but
    // not the area layers the maps draw.
    std::vector<std::string> ordered;
    for (int pass = 0; pass < 2; ++pass)
        for (const std::string& path : paths) {
            GDALDatasetUniquePtr ds = open_vector(path);
            if ((detect_kinds(*ds) == std::vector<SourceKind>{SourceKind::run}) == (pass == 0)) ordered.push_back(path);
        }
    for (const std::string& path : ordered) {
        GDALDatasetUniquePtr ds = open_vector(path);
        const std::vector<SourceKind> kinds = detect_kinds(*ds);
        if (kinds.empty()) throw InputError(quote_value(path) + " holds none of the layers a tasking pack reads (" + layers_read + ")");
        const SourceFile src = read_source(*ds, path, kinds.front());
        bool used = false;
        const auto take = [&](bool already) {  // a kind an earlier input gave is not read again
            used = used || !already;
            return !already;
        };
        for (const SourceKind kind : kinds) {
            SourceFile s = src;
            s.kind = kind;
            switch (kind) {
                case SourceKind::sites:
                    if (!take(have_sites)) break;
                    have_sites = true;
                    in.sites = read_sites(*ds, s);
                    break;
                case SourceKind::run:
                    if (!take(have_run)) break;
                    have_run = true;
                    in.run = s;
                    read_run(*ds, in);
                    break;
                case SourceKind::stats:
                    if (!take(in.stats.has_value())) break;
                    in.stats = s;
                    in.gistar_field = layer(*ds, path, "gistar")->GetLayerDefn()->GetFieldIndex("gi_bin_fdr") >= 0 ? "gi_bin_fdr" : "gi_bin";
                    in.gistar = valued_shapes(*ds, path, "gistar", "unit_name", in.gistar_field);
                    break;
                case SourceKind::emerging:
                    if (!take(in.emerging.has_value())) break;
                    in.emerging = s;
                    in.emerging_patterns = valued_shapes(*ds, path, "emerging_hot_spots", "area_name", "pattern");
                    break;
                case SourceKind::table:
                    if (!take(in.table.has_value())) break;
                    in.table = s;
                    in.performance = plain_table(*ds, path, "performance_table");
                    break;
                case SourceKind::priority:
                    if (!take(in.priority.has_value())) break;
                    in.priority = s;
                    in.priority_top = plain_table(*ds, path, "priority_top");
                    break;
                case SourceKind::trend:
                    if (!take(in.trend.has_value())) break;
                    in.trend = s;
                    in.seasonal = plain_table(*ds, path, "trend_seasonal");
                    break;
            }
        }
        if (!used)
            throw InputError(quote_value(path) + " adds nothing to the pack: an earlier input already gave its " + to_string(kinds.front()) +
                             " layers (a pack takes one of each kind; the last period's sites go to --previous)");
    }
    if (!have_run) throw InputError("a tasking pack needs the GeoPackage of a run (hotspot run or join: layer incidents, written unless "
                                   "output.incidents_layer = false) among the inputs");
    if (!have_sites) throw InputError("a tasking pack needs the GeoPackage of hotspot sites (layers sites and hotspots) among the inputs");
    if (!previous.empty()) {
        GDALDatasetUniquePtr ds = open_vector(previous);
        if (detect_kinds(*ds) != std::vector<SourceKind>{SourceKind::sites})
            throw InputError("--previous " + quote_value(previous) + " is not a sites GeoPackage (layers sites and hotspots)");
        in.previous = read_sites(*ds, read_source(*ds, previous, SourceKind::sites));
        refuse_sites_outside_areas(*in.previous, in, "--previous");
    }
    refuse_sites_outside_areas(in.sites, in, "the sites GeoPackage");
    return in;
}

}  // namespace hotspot::report
