#include "hotspot/geo/areas.hpp"

#include "detail/gdal_util.hpp"
#include "detail/geos_context.hpp"
#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/projection.hpp"

#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace hotspot {

using detail::geos_context;
using detail::GeosGeometryPtr;
using detail::polygonal_part;

struct AreaLayer::Geos {
    std::vector<GeosGeometryPtr> geometries;  // MultiPolygons in the analysis CRS
    std::vector<const GEOSPreparedGeometry*> prepared;
    std::vector<std::size_t> items;  // STRtree items point here: the area's index
    GEOSSTRtree* tree = nullptr;
    ~Geos() {
        auto* ctx = geos_context();
        for (const auto* p : prepared) GEOSPreparedGeom_destroy_r(ctx, p);
        if (tree) GEOSSTRtree_destroy_r(ctx, tree);
    }
};

AreaLayer::AreaLayer() : geos_(std::make_unique<Geos>()) {}
AreaLayer::AreaLayer(AreaLayer&&) noexcept = default;
AreaLayer& AreaLayer::operator=(AreaLayer&&) noexcept = default;
AreaLayer::~AreaLayer() = default;

namespace {

std::string type_name(const GEOSGeometry* g) {
    char* t = GEOSGeomType_r(geos_context(), g);
    std::string out = t ? t : "?";
    GEOSFree_r(geos_context(), t);
    return out;
}

std::string validity_reason(const GEOSGeometry* g) {
    char* r = GEOSisValidReason_r(geos_context(), g);
    std::string out = r ? r : "invalid";
    GEOSFree_r(geos_context(), r);
    return out;
}

}  // namespace

void AreaLayer::build_index() {
    auto* ctx = geos_context();
    auto& G = *geos_;
    G.tree = GEOSSTRtree_create_r(ctx, 10);
    G.items.resize(G.geometries.size());
    envelope_ = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                 std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    for (std::size_t i = 0; i < G.geometries.size(); ++i) {
        G.items[i] = i;
        const GEOSGeometry* g = G.geometries[i].get();
        const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx, g);
        if (!p) throw GeometryError("layer " + quote_value(name()) + " area " + quote_value(ids_[i]) + ": GEOS could not prepare it");
        G.prepared.push_back(p);
        double area = 0.0;
        GEOSArea_r(ctx, g, &area);
        area_m2_.push_back(area);
        if (GEOSisEmpty_r(ctx, g)) continue;
        GEOSSTRtree_insert_r(ctx, G.tree, g, &G.items[i]);
        double x0, y0, x1, y1;
        GEOSGeom_getXMin_r(ctx, g, &x0);
        GEOSGeom_getYMin_r(ctx, g, &y0);
        GEOSGeom_getXMax_r(ctx, g, &x1);
        GEOSGeom_getYMax_r(ctx, g, &y1);
        envelope_ = {std::min(envelope_.min_x, x0), std::min(envelope_.min_y, y0), std::max(envelope_.max_x, x1),
                     std::max(envelope_.max_y, y1)};
        // GEOS builds a prepared polygon's point locator on first use: do it now, on this
        // thread, so later lookups from several threads only read.
        GeosGeometryPtr probe(GEOSGeom_createPointFromXY_r(ctx, x0, y0));
        GEOSPreparedIntersects_r(ctx, p, probe.get());
    }
    if (G.geometries.empty()) envelope_ = {};
    // The STRtree is built on its first query; do that now for the same reason.
    GeosGeometryPtr probe(GEOSGeom_createPointFromXY_r(ctx, envelope_.min_x, envelope_.min_y));
    GEOSSTRtree_query_r(ctx, G.tree, probe.get(), [](void*, void*) {}, nullptr);
}

std::optional<std::size_t> AreaLayer::locate(double x, double y) const {
    auto* ctx = geos_context();
    GeosGeometryPtr point(GEOSGeom_createPointFromXY_r(ctx, x, y));
    thread_local std::vector<std::size_t> candidates;
    candidates.clear();
    GEOSSTRtree_query_r(
        ctx, geos_->tree, point.get(),
        [](void* item, void* out) { static_cast<std::vector<std::size_t>*>(out)->push_back(*static_cast<std::size_t*>(item)); },
        &candidates);
    std::sort(candidates.begin(), candidates.end());
    for (std::size_t i : candidates)
        if (GEOSPreparedIntersects_r(ctx, geos_->prepared[i], point.get()) == 1) return i;
    return std::nullopt;
}

std::string AreaLayer::wkb(std::size_t i) const { return detail::to_wkb(geos_->geometries[i].get()); }

AreaLayer AreaLayer::load(const AreaSpec& spec, const std::string& target_crs) {
    AreaLayer out;
    out.spec_ = spec;
    GDALDatasetUniquePtr ds = detail::open_vector(spec.path);
    OGRLayer* layer = detail::pick_layer(*ds, spec.path, spec.layer);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const auto field = [&](const std::string& f, const char* role) {
        if (f.empty()) return -1;
        const int i = defn->GetFieldIndex(f.c_str());
        if (i < 0) {
            std::string names;
            for (int k = 0; k < defn->GetFieldCount(); ++k) names += (k ? ", " : "") + std::string(defn->GetFieldDefn(k)->GetNameRef());
            throw ConfigError("area layer " + quote_value(spec.name) + ": the " + role + " field " + quote_value(f) + " is not in " +
                              quote_value(without_password(spec.path)) + " (fields: " + names + ")");
        }
        return i;
    };
    const int id_field = field(spec.id_field, "id");
    const int name_field = field(spec.name_field, "name");
    const int pop_field = field(spec.population_field, "population");
    if (!spec.where.empty()) {  // the features left out are counted (filtered_out), never silent
        const GIntBig all = layer->GetFeatureCount(TRUE);
        const bool set = layer->SetAttributeFilter(spec.where.c_str()) == OGRERR_NONE;
        const GIntBig kept = set ? layer->GetFeatureCount(TRUE) : -1;  // -1: OGR could not evaluate it (e.g. an unknown field)
        if (kept < 0)
            throw ConfigError("area layer " + quote_value(spec.name) + ": the filter where = " + quote_value(spec.where) +
                              " is not understood by OGR for " + quote_value(without_password(spec.path)) + " (check the field names and quotes)");
        out.filtered_out_ = static_cast<std::uint64_t>(all - kept);
        if (kept == 0)
            throw ConfigError("area layer " + quote_value(spec.name) + ": where = " + quote_value(spec.where) + " keeps none of the " +
                              std::to_string(all) + " features of " + quote_value(without_password(spec.path)));
    }

    OGRSpatialReference source_srs;
    if (!spec.s_srs.empty()) {
        if (source_srs.SetFromUserInput(spec.s_srs.c_str()) != OGRERR_NONE)
            throw CrsError("area layer " + quote_value(spec.name) + ": CRS " + quote_value(spec.s_srs) + " is not understood");
    } else if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
        source_srs = *srs;
    } else {
        throw CrsError("area layer " + quote_value(spec.name) + " (" + quote_value(without_password(spec.path)) + ") has no CRS: give s_srs");
    }
    out.source_crs_ = spec.s_srs.empty() ? detail::crs_text(&source_srs) : spec.s_srs;
    out.crs_ = target_crs;
    OGRSpatialReference target_srs;
    if (target_srs.SetFromUserInput(target_crs.c_str()) != OGRERR_NONE)
        throw CrsError("analysis CRS " + quote_value(target_crs) + " is not understood");
    source_srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    target_srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> transform;
    if (!source_srs.IsSame(&target_srs)) {
        transform.reset(OGRCreateCoordinateTransformation(&source_srs, &target_srs));
        if (!transform)
            throw CrsError("area layer " + quote_value(spec.name) + ": no transformation from " + quote_value(out.source_crs_) + " to " +
                           quote_value(target_crs));
    }

    auto* ctx = geos_context();
    // Owned, so a refused feature (refuse_problems) does not leak it.
    const std::unique_ptr<GEOSWKBReader, void (*)(GEOSWKBReader*)> reader_owner(
        GEOSWKBReader_create_r(ctx), [](GEOSWKBReader* r) { GEOSWKBReader_destroy_r(geos_context(), r); });
    GEOSWKBReader* reader = reader_owner.get();
    std::unordered_map<std::string, std::size_t> seen_ids;
    for (auto& feature : *layer) {
        const std::int64_t fid = feature->GetFID();
        std::string id = id_field >= 0 ? std::string(trim(feature->GetFieldAsString(id_field))) : std::to_string(fid);
        const auto problem = [&](std::string kind, std::string detail, std::string action) {
            if (spec.refuse_problems)
                throw InputError(quote_value(without_password(spec.path)) + (spec.layer.empty() ? "" : " (layer " + quote_value(spec.layer) + ")") + ", feature " +
                                 std::to_string(fid) + ": " + kind + ": " + detail + " (refused for " + spec.name + ": fix the file)");
            out.problems_.push_back(AreaProblem{spec.name, fid, id, std::move(kind), std::move(detail), std::move(action)});
        };
        OGRGeometry* g = feature->GetGeometryRef();
        if (!g || g->IsEmpty()) {
            problem("no_geometry", "the feature has no geometry", "left out of the layer");
            continue;
        }
        if (transform && g->transform(transform.get()) != OGRERR_NONE) {
            problem("reprojection_failed", "could not transform from " + out.source_crs_, "left out of the layer");
            continue;
        }
        std::vector<unsigned char> wkb(static_cast<std::size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        GeosGeometryPtr geom(GEOSWKBReader_read_r(ctx, reader, wkb.data(), wkb.size()));
        if (!geom) {
            problem("unreadable_geometry", detail::last_geos_message(), "left out of the layer");
            continue;
        }
        if (GEOSisValid_r(ctx, geom.get()) != 1) {
            const std::string reason = validity_reason(geom.get());
            double before = 0.0;
            GEOSArea_r(ctx, geom.get(), &before);
            GeosGeometryPtr repaired(GEOSMakeValid_r(ctx, geom.get()));
            GeosGeometryPtr poly = repaired ? polygonal_part(repaired.get()) : nullptr;
            if (!poly) {
                problem("invalid_geometry", reason, "left out of the layer: MakeValid left nothing polygonal");
                continue;
            }
            double after = 0.0;
            GEOSArea_r(ctx, poly.get(), &after);
            problem("invalid_geometry", reason,
                    "repaired with GEOS MakeValid; area " + format_fixed(before, 1) + " -> " + format_fixed(after, 1) + " m2");
            geom = std::move(poly);
        } else {
            GeosGeometryPtr poly = polygonal_part(geom.get());
            if (!poly) {
                problem("not_polygonal", "the geometry is a " + type_name(geom.get()) + ", not a polygon",
                        "left out of the layer");
                continue;
            }
            geom = std::move(poly);
        }
        if (auto [it, inserted] = seen_ids.emplace(id, out.ids_.size()); !inserted)
            problem("duplicate_id", "the id is also used by feature " + std::to_string(out.fids_[it->second]),
                    "kept: both areas are measured separately");
        std::optional<double> population;
        if (pop_field >= 0) {
            const char* text = feature->IsFieldSetAndNotNull(pop_field) ? feature->GetFieldAsString(pop_field) : "";
            population = parse_finite_double(text);
            if (!population || *population < 0) {
                problem("bad_population", "population " + quote_value(text) + " is not a non-negative number",
                        "rates left empty for this area");
                population.reset();
            }
        }
        out.ids_.push_back(id);
        out.names_.push_back(name_field >= 0 ? std::string(trim(feature->GetFieldAsString(name_field))) : id);
        out.population_.push_back(population);
        out.fids_.push_back(fid);
        out.geos_->geometries.push_back(std::move(geom));
    }
    if (out.ids_.empty() && spec.refuse_problems)  // every feature was a polygon: there was none
        throw InputError(quote_value(without_password(spec.path)) + " has no features (" + spec.name + " needs at least one polygon)");
    if (out.ids_.empty()) throw InputError("area layer " + quote_value(spec.name) + " (" + quote_value(without_password(spec.path)) + ") has no usable polygons");
    out.build_index();
    return out;
}

void AreaLayer::set_population(std::vector<std::optional<double>> per_area, const std::string& source) {
    if (has_population())
        throw ConfigError("area layer " + quote_value(name()) + " already has a population (" + population_source() + "): " + source +
                          " cannot give it another");
    if (per_area.size() != size()) throw Error("internal error: a population for " + std::to_string(per_area.size()) + " of " + std::to_string(size()) + " areas");
    population_ = std::move(per_area);
    population_source_ = source;
}

void AreaLayer::add_extra_attribute(AttributeColumn per_area) {
    for (const auto& e : extra_)
        if (e.name == per_area.name)
            throw ConfigError("area layer " + quote_value(name()) + " is given the attribute " + quote_value(per_area.name) + " twice");
    extra_.push_back(std::move(per_area));
}

AreaLayer AreaLayer::from_wkt(const std::string& name, const std::vector<std::string>& ids, const std::vector<std::string>& wkt,
                              const std::vector<std::optional<double>>& population) {
    AreaLayer out;
    out.spec_.name = name;
    if (!population.empty()) out.spec_.population_field = "population";
    auto* ctx = geos_context();
    const auto destroy = [](GEOSWKTReader* r) { GEOSWKTReader_destroy_r(geos_context(), r); };
    std::unique_ptr<GEOSWKTReader, decltype(destroy)> reader(GEOSWKTReader_create_r(ctx), destroy);
    for (std::size_t i = 0; i < wkt.size(); ++i) {
        GeosGeometryPtr g(GEOSWKTReader_read_r(ctx, reader.get(), wkt[i].c_str()));
        if (!g) throw GeometryError("cannot read WKT of area " + quote_value(ids[i]) + ": " + detail::last_geos_message());
        GeosGeometryPtr poly = polygonal_part(g.get());
        if (!poly) throw GeometryError("area " + quote_value(ids[i]) + " is not polygonal");
        out.ids_.push_back(ids[i]);
        out.names_.push_back(ids[i]);
        out.population_.push_back(population.empty() ? std::nullopt : population.at(i));
        out.fids_.push_back(static_cast<std::int64_t>(i + 1));
        out.geos_->geometries.push_back(std::move(poly));
    }
    out.build_index();
    return out;
}

}  // namespace hotspot
