#pragma once
// The files the dashboard folder vendors, compiled into the binary by cmake/web_assets.cmake
// (GNU as .incbin of web/node_modules and src/report/web/).
#include <string_view>
#include <vector>

namespace hotspot::report {

struct WebAsset {
    const char* name;  // file name in the output folder
    std::string_view bytes;
};

// index.html, dashboard.js, dashboard.css, maplibre-gl.js/.css, its LICENSE, pmtiles.js and its licence.
const std::vector<WebAsset>& web_assets();

}  // namespace hotspot::report
