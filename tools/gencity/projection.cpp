#include "projection.hpp"

#include <cmath>
#include <stdexcept>

namespace gencity {

Projector::Projector() : ctx_(proj_context_create()) {
    PJ* raw = proj_create_crs_to_crs(ctx_, "EPSG:27700", "EPSG:4326", nullptr);
    if (raw == nullptr) throw std::runtime_error("PROJ: cannot create EPSG:27700 -> EPSG:4326");
    // EPSG:4326 is latitude-first by definition; police.uk columns are Longitude, Latitude.
    pj_ = proj_normalize_for_visualization(ctx_, raw);
    proj_destroy(raw);
    if (pj_ == nullptr) throw std::runtime_error("PROJ: normalize_for_visualization failed");
}

Projector::~Projector() {
    proj_destroy(pj_);
    proj_context_destroy(ctx_);
}

XY Projector::to_lonlat(XY bng) const {
    const PJ_COORD out = proj_trans(pj_, PJ_FWD, proj_coord(bng.x, bng.y, 0.0, 0.0));
    if (!std::isfinite(out.xy.x) || !std::isfinite(out.xy.y))
        throw std::runtime_error("PROJ: transformation failed");
    return {out.xy.x, out.xy.y};
}

}  // namespace gencity
