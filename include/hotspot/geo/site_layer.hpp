#pragma once
// Point sites from any OGR layer (existing cameras, patrol points), projected to the analysis
// CRS. Every feature must be one point: anything else is refused, naming the file and feature,
// so no site is silently left out.
#include <cstdint>
#include <string>
#include <vector>

namespace hotspot {

struct SiteLayer {
    std::vector<double> x, y;          // analysis CRS, metres
    std::vector<std::int64_t> fid;     // the layer's feature ids
    std::string source_crs;
};

// `layer` empty: the only layer of the file.
SiteLayer read_site_layer(const std::string& path, const std::string& layer, const std::string& target_crs);

}  // namespace hotspot
