#include "report/web_assets.hpp"

// Start and end symbols of each embedded file (generated/web_assets.S).
#define HOTSPOT_WEB_ASSET(sym) extern "C" const char hotspot_web_##sym[], hotspot_web_##sym##_end[];
HOTSPOT_WEB_ASSET(maplibre_gl_js)
HOTSPOT_WEB_ASSET(maplibre_gl_css)
HOTSPOT_WEB_ASSET(maplibre_gl_license)
HOTSPOT_WEB_ASSET(pmtiles_js)
HOTSPOT_WEB_ASSET(pmtiles_license)
HOTSPOT_WEB_ASSET(index_html)
HOTSPOT_WEB_ASSET(dashboard_js)
HOTSPOT_WEB_ASSET(dashboard_css)
#undef HOTSPOT_WEB_ASSET

namespace hotspot::report {

namespace {
std::string_view bytes(const char* begin, const char* end) { return {begin, static_cast<std::size_t>(end - begin)}; }
}  // namespace

const std::vector<WebAsset>& web_assets() {
#define HOTSPOT_WEB_BYTES(sym) bytes(hotspot_web_##sym, hotspot_web_##sym##_end)
    static const std::vector<WebAsset> assets = {
        {"index.html", HOTSPOT_WEB_BYTES(index_html)},
        {"dashboard.js", HOTSPOT_WEB_BYTES(dashboard_js)},
        {"dashboard.css", HOTSPOT_WEB_BYTES(dashboard_css)},
        {"maplibre-gl.js", HOTSPOT_WEB_BYTES(maplibre_gl_js)},
        {"maplibre-gl.css", HOTSPOT_WEB_BYTES(maplibre_gl_css)},
        {"maplibre-gl-LICENSE.txt", HOTSPOT_WEB_BYTES(maplibre_gl_license)},
        {"pmtiles.js", HOTSPOT_WEB_BYTES(pmtiles_js)},
        {"pmtiles-LICENSE.txt", HOTSPOT_WEB_BYTES(pmtiles_license)},
    };
#undef HOTSPOT_WEB_BYTES
    return assets;
}

}  // namespace hotspot::report
