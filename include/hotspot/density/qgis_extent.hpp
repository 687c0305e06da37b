#pragma once
// The extent QGIS's heatmap starts its grid from (QgsVectorLayer::extent()), for the points
// hotspot counts. For an OGR layer that is GDAL's GetExtent: a GeoPackage's comes back rounded
// to 15 significant digits, a Shapefile's from its header, GeoJSON's computed. For a filtered
// layer or a delimited-text CSV it is the exact envelope of the points (docs/decisions.md).
#include "hotspot/base/incidents.hpp"
#include "hotspot/geo/areas.hpp"

#include <optional>
#include <string>

namespace hotspot {

struct QgisExtent {
    std::optional<Envelope> extent;  // empty: the exact envelope of the counted points
    std::string source;              // where it comes from, for the metadata and the report
};

// The layer's extent when the points are exactly the features of one OGR layer and that extent
// agrees with them (to rounding); otherwise the points' envelope, with the reason.
QgisExtent qgis_extent_for(const IncidentTable& t, const double* x, const double* y, std::size_t counted);

}  // namespace hotspot
