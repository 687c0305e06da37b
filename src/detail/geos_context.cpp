#include "detail/geos_context.hpp"

#include <cstdarg>
#include <cstdio>
#include <vector>

namespace hotspot::detail {

namespace {

thread_local std::string geos_message;

void record_message(const char* fmt, void*) {
    // GEOS passes a printf-style format with the message already formatted as "%s".
    geos_message = fmt ? fmt : "";
}

void record_error(const char* message, void* userdata) { record_message(message, userdata); }

struct ContextHolder {
    GEOSContextHandle_t handle;
    ContextHolder() : handle(GEOS_init_r()) {
        GEOSContext_setErrorMessageHandler_r(handle, record_error, nullptr);
        GEOSContext_setNoticeMessageHandler_r(handle, record_error, nullptr);
    }
    ~ContextHolder() { GEOS_finish_r(handle); }
};

}  // namespace

GEOSContextHandle_t geos_context() {
    thread_local ContextHolder holder;
    return holder.handle;
}

std::string last_geos_message() { return geos_message; }

GeosGeometryPtr polygonal_part(const GEOSGeometry* g) {
    auto* ctx = geos_context();
    std::vector<GEOSGeometry*> parts;
    const auto collect = [&](const GEOSGeometry* part, auto& self) -> void {
        const int type = GEOSGeomTypeId_r(ctx, part);
        if (type == GEOS_POLYGON) {
            if (!GEOSisEmpty_r(ctx, part)) parts.push_back(GEOSGeom_clone_r(ctx, part));
        } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
            for (int i = 0; i < GEOSGetNumGeometries_r(ctx, part); ++i) self(GEOSGetGeometryN_r(ctx, part, i), self);
        }
    };
    collect(g, collect);
    if (parts.empty()) return nullptr;
    return GeosGeometryPtr(GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, parts.data(), static_cast<unsigned>(parts.size())));
}

std::string to_wkb(const GEOSGeometry* g) {
    auto* ctx = geos_context();
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(ctx);
    GEOSWKBWriter_setOutputDimension_r(ctx, writer, 2);
    std::size_t size = 0;
    unsigned char* bytes = GEOSWKBWriter_write_r(ctx, writer, g, &size);
    std::string out(reinterpret_cast<const char*>(bytes), size);
    GEOSFree_r(ctx, bytes);
    GEOSWKBWriter_destroy_r(ctx, writer);
    return out;
}

}  // namespace hotspot::detail
