#pragma once
// Writing grids: a Float32 Cloud-Optimised GeoTIFF (DEFLATE level 1, predictor, overviews) with a
// sidecar .qml that QGIS applies when the file is opened. Written atomically.
#include "hotspot/grid.hpp"

#include <string>
#include <vector>

namespace hotspot {

struct RasterMetadata {
    std::string crs;  // e.g. "EPSG:27700"
    bool has_nodata = false;
    std::vector<std::pair<std::string, std::string>> items;  // parameters recorded in the file
};

void write_cog(const Grid& grid, const std::string& path, const RasterMetadata& meta);

// The sidecar style: a pseudocolour ramp from 0 to the surface's 99.5th percentile.
std::string density_qml(const Grid& grid);

}  // namespace hotspot
