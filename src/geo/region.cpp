#include "hotspot/geo/region.hpp"

#include "detail/geos_context.hpp"
#include "hotspot/base/errors.hpp"

namespace hotspot {

using detail::geos_context;
using detail::GeosGeometryPtr;

struct Region::Geos {
    GeosGeometryPtr union_;
    const GEOSPreparedGeometry* prepared = nullptr;
    ~Geos() {
        if (prepared) GEOSPreparedGeom_destroy_r(geos_context(), prepared);
    }
};

Region::Region() : geos_(std::make_unique<Geos>()) {}
Region::Region(Region&&) noexcept = default;
Region& Region::operator=(Region&&) noexcept = default;
Region::~Region() = default;

namespace {

GeosGeometryPtr from_wkb(const std::string& wkb) {
    auto* ctx = geos_context();
    GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx);
    GeosGeometryPtr g(GEOSWKBReader_read_r(ctx, reader, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size()));
    GEOSWKBReader_destroy_r(ctx, reader);
    if (!g) throw Error("internal error: unreadable WKB: " + detail::last_geos_message());
    return g;
}

// The polygonal part of g inside the region as WKB; empty when it has no area there.
std::string clipped(const GEOSGeometry* g, const GEOSGeometry* region, const GEOSPreparedGeometry* prepared) {
    auto* ctx = geos_context();
    if (GEOSPreparedIntersects_r(ctx, prepared, g) != 1) return {};
    GeosGeometryPtr cut(GEOSIntersection_r(ctx, g, region));
    if (!cut) throw Error("internal error: GEOS intersection failed: " + detail::last_geos_message());
    GeosGeometryPtr poly = detail::polygonal_part(cut.get());
    double area = 0;
    if (!poly || !GEOSArea_r(ctx, poly.get(), &area) || !(area > 0)) return {};  // touching only along a boundary
    return detail::to_wkb(poly.get());
}

}  // namespace

Region Region::of_areas(const AreaLayer& layer, const std::vector<std::size_t>& areas) {
    auto* ctx = geos_context();
    std::vector<GEOSGeometry*> parts;
    for (std::size_t i : areas) parts.push_back(from_wkb(layer.wkb(i)).release());
    GeosGeometryPtr collection(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
    GeosGeometryPtr merged(GEOSUnaryUnion_r(ctx, collection.get()));
    if (!merged) throw Error("internal error: cannot merge the chosen areas of " + layer.name() + ": " + detail::last_geos_message());
    Region r;
    r.geos_->union_ = std::move(merged);
    r.geos_->prepared = GEOSPrepare_r(ctx, r.geos_->union_.get());
    if (!GEOSArea_r(ctx, r.geos_->union_.get(), &r.area_m2_)) r.area_m2_ = 0;
    return r;
}

std::string Region::clip(const std::string& wkb) const {
    const GeosGeometryPtr g = from_wkb(wkb);
    return clipped(g.get(), geos_->union_.get(), geos_->prepared);
}

std::string Region::clip_circle(double x, double y, double radius_m, int quadrant_segments) const {
    auto* ctx = geos_context();
    GeosGeometryPtr centre(GEOSGeom_createPointFromXY_r(ctx, x, y));
    GeosGeometryPtr circle(GEOSBuffer_r(ctx, centre.get(), radius_m, quadrant_segments));
    if (!circle) throw Error("internal error: GEOS buffer failed: " + detail::last_geos_message());
    return clipped(circle.get(), geos_->union_.get(), geos_->prepared);
}

bool Region::within_distance(double x, double y, double distance_m) const {
    auto* ctx = geos_context();
    GeosGeometryPtr p(GEOSGeom_createPointFromXY_r(ctx, x, y));
    const char r = GEOSPreparedDistanceWithin_r(ctx, geos_->prepared, p.get(), distance_m);
    if (r == 2) throw Error("internal error: GEOS distance failed: " + detail::last_geos_message());
    return r == 1;
}

std::string Region::ring(double width_m, int quadrant_segments) const {
    auto* ctx = geos_context();
    GeosGeometryPtr grown(GEOSBuffer_r(ctx, geos_->union_.get(), width_m, quadrant_segments));
    if (!grown) throw Error("internal error: GEOS buffer failed: " + detail::last_geos_message());
    GeosGeometryPtr ring(GEOSDifference_r(ctx, grown.get(), geos_->union_.get()));
    if (!ring) throw Error("internal error: GEOS difference failed: " + detail::last_geos_message());
    GeosGeometryPtr poly = detail::polygonal_part(ring.get());
    return poly ? detail::to_wkb(poly.get()) : std::string();
}

std::string Region::wkb() const {
    GeosGeometryPtr poly = detail::polygonal_part(geos_->union_.get());
    return poly ? detail::to_wkb(poly.get()) : std::string();
}

std::string wkb_difference(const std::string& a, const std::string& b) {
    if (a.empty() || b.empty()) return a;
    const GeosGeometryPtr ga = from_wkb(a), gb = from_wkb(b);
    GeosGeometryPtr rest(GEOSDifference_r(geos_context(), ga.get(), gb.get()));
    if (!rest) throw Error("internal error: GEOS difference failed: " + detail::last_geos_message());
    GeosGeometryPtr poly = detail::polygonal_part(rest.get());
    double area = 0;
    if (!poly || !GEOSArea_r(geos_context(), poly.get(), &area) || !(area > 0)) return {};
    return detail::to_wkb(poly.get());
}

double wkb_area_m2(const std::string& wkb) {
    if (wkb.empty()) return 0;
    const GeosGeometryPtr g = from_wkb(wkb);
    double area = 0;
    GEOSArea_r(geos_context(), g.get(), &area);
    return area;
}

std::pair<double, double> wkb_centroid(const std::string& wkb) {
    const GeosGeometryPtr g = from_wkb(wkb);
    const GeosGeometryPtr c(GEOSGetCentroid_r(geos_context(), g.get()));
    double x = 0, y = 0;
    if (!c || GEOSisEmpty_r(geos_context(), c.get()) == 1 || !GEOSGeomGetX_r(geos_context(), c.get(), &x) ||
        !GEOSGeomGetY_r(geos_context(), c.get(), &y))
        throw GeometryError("cannot find an area polygon's centroid (an empty polygon?)");
    return {x, y};
}

}  // namespace hotspot
