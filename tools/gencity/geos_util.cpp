#include "geos_util.hpp"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <stdexcept>

namespace gencity {

double dist(XY a, XY b) { return std::hypot(a.x - b.x, a.y - b.y); }

namespace {
void report(const char* fmt, va_list ap) {
    std::fprintf(stderr, "GEOS: ");
    std::vfprintf(stderr, fmt, ap);
    std::fprintf(stderr, "\n");
}
void on_notice(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report(fmt, ap);
    va_end(ap);
}
}  // namespace

GEOSContextHandle_t geos() {
    // Never finished: the context must outlive every static Geom; the OS reclaims it at exit.
    static GEOSContextHandle_t handle = [] {
        GEOSContextHandle_t h = GEOS_init_r();
        GEOSContext_setNoticeHandler_r(h, on_notice);
        GEOSContext_setErrorHandler_r(h, on_notice);
        return h;
    }();
    return handle;
}

void GeomDeleter::operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(geos(), g); }
void PreparedDeleter::operator()(const GEOSPreparedGeometry* p) const {
    GEOSPreparedGeom_destroy_r(geos(), p);
}

Geom checked(GEOSGeometry* g, const char* what) {
    if (g == nullptr) throw std::runtime_error(std::string("GEOS operation failed: ") + what);
    return Geom(g);
}

Geom make_point(XY p) {
    return checked(GEOSGeom_createPointFromXY_r(geos(), p.x, p.y), "point");
}

Geom make_polygon(const std::vector<XY>& ring) {
    const auto n = static_cast<unsigned>(ring.size());
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(geos(), n + 1, 2);
    for (unsigned i = 0; i <= n; ++i) {
        const XY& p = ring[i % n];
        GEOSCoordSeq_setXY_r(geos(), seq, i, p.x, p.y);
    }
    GEOSGeometry* shell = GEOSGeom_createLinearRing_r(geos(), seq);
    return checked(GEOSGeom_createPolygon_r(geos(), shell, nullptr, 0), "polygon");
}

Geom make_multipoint(const std::vector<XY>& pts) {
    std::vector<Geom> ps;
    for (const XY& p : pts) ps.push_back(make_point(p));
    return make_collection(GEOS_MULTIPOINT, std::move(ps));
}

Geom make_collection(int type, std::vector<Geom> members) {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(members.size());
    for (Geom& g : members) raw.push_back(g.release());
    return checked(GEOSGeom_createCollection_r(geos(), type, raw.data(),
                                               static_cast<unsigned>(raw.size())),
                   "collection");
}

Geom clone(const GEOSGeometry* g) { return checked(GEOSGeom_clone_r(geos(), g), "clone"); }

Geom as_multipolygon(Geom g) {
    if (GEOSGeomTypeId_r(geos(), g.get()) == GEOS_MULTIPOLYGON) return g;
    if (GEOSGeomTypeId_r(geos(), g.get()) != GEOS_POLYGON)
        throw std::runtime_error("expected a polygon");
    std::vector<Geom> one;
    one.push_back(std::move(g));
    return make_collection(GEOS_MULTIPOLYGON, std::move(one));
}

std::vector<const GEOSGeometry*> parts(const GEOSGeometry* g) {
    std::vector<const GEOSGeometry*> out;
    const int n = GEOSGetNumGeometries_r(geos(), g);
    for (int i = 0; i < n; ++i) out.push_back(GEOSGetGeometryN_r(geos(), g, i));
    return out;
}

double area(const GEOSGeometry* g) {
    double a = 0.0;
    GEOSArea_r(geos(), g, &a);
    return a;
}

namespace {
XY point_xy(const GEOSGeometry* p) {
    XY r;
    GEOSGeomGetX_r(geos(), p, &r.x);
    GEOSGeomGetY_r(geos(), p, &r.y);
    return r;
}
}  // namespace

XY centroid(const GEOSGeometry* g) {
    return point_xy(checked(GEOSGetCentroid_r(geos(), g), "centroid").get());
}

XY interior_point(const GEOSGeometry* g) {
    return point_xy(checked(GEOSPointOnSurface_r(geos(), g), "point on surface").get());
}

Box bounds(const GEOSGeometry* g) {
    Box b;
    GEOSGeom_getXMin_r(geos(), g, &b.minx);
    GEOSGeom_getYMin_r(geos(), g, &b.miny);
    GEOSGeom_getXMax_r(geos(), g, &b.maxx);
    GEOSGeom_getYMax_r(geos(), g, &b.maxy);
    return b;
}

bool is_valid(const GEOSGeometry* g, std::string* reason) {
    const bool ok = GEOSisValid_r(geos(), g) == 1;
    if (!ok && reason != nullptr) {
        char* r = GEOSisValidReason_r(geos(), g);
        *reason = r != nullptr ? r : "unknown";
        GEOSFree_r(geos(), r);
    }
    return ok;
}

double distance_to(const GEOSGeometry* g, XY p) {
    double d = 0.0;
    GEOSDistance_r(geos(), g, make_point(p).get(), &d);
    return d;
}

Prepared prepare(const GEOSGeometry* g) {
    const GEOSPreparedGeometry* p = GEOSPrepare_r(geos(), g);
    if (p == nullptr) throw std::runtime_error("GEOSPrepare failed");
    return Prepared(p);
}

bool contains(const GEOSPreparedGeometry* p, XY pt) {
    return GEOSPreparedContains_r(geos(), p, make_point(pt).get()) == 1;
}

std::vector<unsigned char> to_wkb(const GEOSGeometry* g) {
    GEOSWKBWriter* w = GEOSWKBWriter_create_r(geos());
    GEOSWKBWriter_setOutputDimension_r(geos(), w, 2);
    GEOSWKBWriter_setByteOrder_r(geos(), w, GEOS_WKB_NDR);
    std::size_t size = 0;
    unsigned char* buf = GEOSWKBWriter_write_r(geos(), w, g, &size);
    GEOSWKBWriter_destroy_r(geos(), w);
    if (buf == nullptr) throw std::runtime_error("WKB write failed");
    std::vector<unsigned char> out(buf, buf + size);
    GEOSFree_r(geos(), buf);
    return out;
}

}  // namespace gencity
