#include "detail/geos_context.hpp"

#include <cstdarg>
#include <cstdio>

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

}  // namespace hotspot::detail
