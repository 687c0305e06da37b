// EPSG:27700 -> EPSG:4326 with PROJ, in longitude/latitude order.
#pragma once

#include "geos_util.hpp"

#include <proj.h>

namespace gencity {

class Projector {
public:
    Projector();
    ~Projector();
    Projector(const Projector&) = delete;
    Projector& operator=(const Projector&) = delete;

    // Longitude (x) and latitude (y) in degrees.
    XY to_lonlat(XY bng) const;

private:
    PJ_CONTEXT* ctx_ = nullptr;
    PJ* pj_ = nullptr;
};

}  // namespace gencity
