#pragma once
// A zone drawn in its own polygon file (a PSPO as GeoPackage, GeoJSON, Shapefile: any OGR source
// in any CRS): every feature reprojected to the analysis CRS and unioned (GEOS). Nothing is
// guessed: an empty file, a feature without a polygon, or an invalid polygon is refused
// (InputError naming the file and the feature), never repaired or left out.
#include "hotspot/geo/areas.hpp"
#include "hotspot/geo/region.hpp"

#include <optional>
#include <string>

namespace hotspot {

struct ZoneFile {
    std::string path, layer;  // as given (layer empty: the file's only layer)
    std::string crs;          // the file's own CRS
    std::string sha256;       // of the file's bytes
    std::size_t features = 0;
    std::optional<AreaLayer> polygons;  // one area per feature, in the analysis CRS
    std::optional<Region> region;       // their union

    // Inside or on the edge of any feature (closed polygons, as an area layer's assignment).
    bool contains(double x, double y) const { return polygons->locate(x, y).has_value(); }
    // "polygon file pspo.gpkg (3 features, unioned)": for zone descriptions.
    std::string description() const;
    // "pspo.gpkg (layer zones): 3 features, CRS EPSG:4326, SHA-256 ab12...": for the run report.
    std::string provenance() const;
};

// `option` names the zone in errors, e.g. "--treatment".
ZoneFile load_zone_file(const std::string& path, const std::string& layer, const std::string& target_crs, const std::string& option);

}  // namespace hotspot
