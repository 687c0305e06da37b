#include "hotspot/geo/zone_file.hpp"

#include "hotspot/base/text.hpp"

#include <numeric>

namespace hotspot {

std::string ZoneFile::description() const {
    return "polygon file " + path + (layer.empty() ? "" : " (layer " + layer + ")") + " (" + std::to_string(features) + " feature" +
           (features == 1 ? "" : "s") + ", unioned)";
}

std::string ZoneFile::provenance() const {
    return path + (layer.empty() ? "" : " (layer " + layer + ")") + ": " + std::to_string(features) + " feature" + (features == 1 ? "" : "s") +
           " unioned, CRS " + crs + ", SHA-256 " + sha256;
}

ZoneFile load_zone_file(const std::string& path, const std::string& layer, const std::string& target_crs, const std::string& option) {
    AreaSpec spec;
    spec.name = option;
    spec.path = path;
    spec.layer = layer;
    spec.refuse_problems = true;
    ZoneFile z;
    z.path = path;
    z.layer = layer;
    z.polygons = AreaLayer::load(spec, target_crs);
    z.features = z.polygons->size();
    z.crs = z.polygons->source_crs();
    z.sha256 = sha256_file(path);
    std::vector<std::size_t> all(z.features);
    std::iota(all.begin(), all.end(), std::size_t{0});
    z.region = Region::of_areas(*z.polygons, all);
    return z;
}

}  // namespace hotspot
