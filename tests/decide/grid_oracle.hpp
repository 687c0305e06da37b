#pragma once
// Independent oracles for decide/priority_grid: the overlap of a square with a polygon and of
// two polygons by GEOS's general overlay (GEOSIntersection), not the clip-and-scanline path
// the code under test takes.
#include <geos_c.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace grid_oracle {

struct Geos {
    GEOSContextHandle_t ctx = GEOS_init_r();
    ~Geos() { GEOS_finish_r(ctx); }
    Geos() = default;
    Geos(const Geos&) = delete;
    Geos& operator=(const Geos&) = delete;

    using Ptr = std::unique_ptr<GEOSGeometry, std::function<void(GEOSGeometry*)>>;
    Ptr own(GEOSGeometry* g) const {
        if (!g) throw std::runtime_error("oracle: GEOS failed");
        return Ptr(g, [c = ctx](GEOSGeometry* p) { GEOSGeom_destroy_r(c, p); });
    }
    Ptr from_wkb(const std::string& wkb) const {
        GEOSWKBReader* r = GEOSWKBReader_create_r(ctx);
        GEOSGeometry* g = GEOSWKBReader_read_r(ctx, r, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size());
        GEOSWKBReader_destroy_r(ctx, r);
        return own(g);
    }
    Ptr from_wkt(const std::string& wkt) const {
        GEOSWKTReader* r = GEOSWKTReader_create_r(ctx);
        GEOSGeometry* g = GEOSWKTReader_read_r(ctx, r, wkt.c_str());
        GEOSWKTReader_destroy_r(ctx, r);
        return own(g);
    }
    Ptr box(double x0, double y0, double x1, double y1) const { return own(GEOSGeom_createRectangle_r(ctx, x0, y0, x1, y1)); }
    double area(const GEOSGeometry* g) const {
        double a = 0;
        GEOSArea_r(ctx, g, &a);
        return a;
    }
    double overlap(const GEOSGeometry* a, const GEOSGeometry* b) const { return area(own(GEOSIntersection_r(ctx, a, b)).get()); }
};

}  // namespace grid_oracle
