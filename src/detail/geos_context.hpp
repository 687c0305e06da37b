#pragma once
// A GEOS context handle per thread. GEOS geometries may be used from any context; the
// handle only carries error state, so each thread keeps its own.
#include <geos_c.h>

#include <memory>
#include <string>

namespace hotspot::detail {

GEOSContextHandle_t geos_context();

struct GeosGeometryDeleter {
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(geos_context(), g); }
};
using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

// The most recent GEOS error or notice on this thread.
std::string last_geos_message();

// The polygonal part of g as a MultiPolygon, or null when nothing polygonal remains.
GeosGeometryPtr polygonal_part(const GEOSGeometry* g);

// 2D ISO WKB of g.
std::string to_wkb(const GEOSGeometry* g);

}  // namespace hotspot::detail
