// Thin RAII helpers over the reentrant GEOS C API (the _r functions).
#pragma once

#include <geos_c.h>

#include <memory>
#include <string>
#include <vector>

namespace gencity {

struct XY {
    double x = 0.0;
    double y = 0.0;
};
double dist(XY a, XY b);

// One process-wide GEOS context: the generator is single-threaded, so one handle is enough,
// but every call still goes through the reentrant API.
GEOSContextHandle_t geos();

struct GeomDeleter {
    void operator()(GEOSGeometry* g) const;
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
    void operator()(const GEOSPreparedGeometry* p) const;
};
using Prepared = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

struct Box {
    double minx = 0.0, miny = 0.0, maxx = 0.0, maxy = 0.0;
};

// Wraps a raw GEOS result; throws std::runtime_error naming `what` if GEOS returned null.
Geom checked(GEOSGeometry* g, const char* what);

Geom make_point(XY p);
Geom make_polygon(const std::vector<XY>& ring);  // ring is closed automatically
Geom make_multipoint(const std::vector<XY>& pts);
Geom make_collection(int type, std::vector<Geom> parts);  // takes ownership of the parts
Geom clone(const GEOSGeometry* g);
Geom as_multipolygon(Geom g);  // Polygon -> MultiPolygon, MultiPolygon unchanged

std::vector<const GEOSGeometry*> parts(const GEOSGeometry* g);
double area(const GEOSGeometry* g);
XY centroid(const GEOSGeometry* g);
XY interior_point(const GEOSGeometry* g);
Box bounds(const GEOSGeometry* g);
bool is_valid(const GEOSGeometry* g, std::string* reason = nullptr);
double distance_to(const GEOSGeometry* g, XY p);

Prepared prepare(const GEOSGeometry* g);
bool contains(const GEOSPreparedGeometry* p, XY pt);

std::vector<unsigned char> to_wkb(const GEOSGeometry* g);  // little-endian 2D WKB

}  // namespace gencity
