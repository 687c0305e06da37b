#include "hotspot/density/qgis_extent.hpp"

#include "density/density_grid.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>

namespace hotspot {

namespace {

// GDAL's 15 significant digits move a coordinate below 1e7 m by at most 5e-9 m; anything
// farther is another extent (a stale one, or another CRS), not a rounding of this one.
constexpr double rounding_tolerance_m = 1e-6;

}  // namespace

QgisExtent qgis_extent_for(const IncidentTable& t, const double* x, const double* y, std::size_t counted) {
    const std::string envelope = "the points' envelope";
    if (t.files.size() != 1 || t.files.front().format != "ogr" || !t.files.front().layer_extent)
        return {std::nullopt, envelope + " (as QGIS computes it for a CSV layer)"};
    const SourceFile& f = t.files.front();
    if (counted != f.rows_read)
        return {std::nullopt, envelope + " (" + std::to_string(counted) + " of the layer's " + std::to_string(f.rows_read) +
                                  " features counted: QGIS computes a filtered layer's extent from its points)"};
    const SourceFile::Extent& e = *f.layer_extent;
    const detail::Bounds b = detail::envelope_of(x, y, counted);
    const double off = std::max({std::abs(e.min_x - b.min_x), std::abs(e.min_y - b.min_y), std::abs(e.max_x - b.max_x),
                                 std::abs(e.max_y - b.max_y)});
    if (!(off <= rounding_tolerance_m))
        return {std::nullopt, envelope + " (the layer extent GDAL reports is " + format_significant(off, 3) +
                                  " m away from the points: a stale extent or another CRS, which QGIS would use)"};
    return {Envelope{e.min_x, e.min_y, e.max_x, e.max_y}, "the layer extent as GDAL reports it to QGIS"};
}

}  // namespace hotspot
