#pragma once
// Writing grids: a Float32 Cloud-Optimised GeoTIFF (DEFLATE level 1, predictor, overviews) with a
// sidecar .qml that QGIS applies when the file is opened, both published with the run's
// other outputs (OutputSet).
#include "hotspot/geo/grid.hpp"
#include "hotspot/publish/output_set.hpp"

#include <string>
#include <vector>

namespace hotspot {

struct RasterMetadata {
    std::string crs;  // e.g. "EPSG:27700"
    bool has_nodata = false;
    std::vector<std::pair<std::string, std::string>> items;  // parameters recorded in the file
    bool categorical = false;  // class codes: overviews by nearest cell, not by average
    std::string band_description;  // what the values are, with their unit (QGIS shows it in the legend)
};

// The style beside a COG: <name>.qml (QGIS applies it on open).
std::string qml_path(const std::string& cog);
// Claims a COG and its style.
void claim_styled_cog(OutputSet& outputs, const std::string& target);
// Writes both to their temporaries, the run id added to the COG's metadata.
void write_styled_cog(OutputSet& outputs, const Grid& grid, const std::string& target, const RasterMetadata& meta, const std::string& qml);
// Writes the COG alone at `path` (the temporary of `target`, named in errors).
void write_cog(const Grid& grid, const std::string& path, const std::string& target, const RasterMetadata& meta);

// A single-band pseudocolour style: stops (value, label, "#rrggbb"), interpolated or exact
// (class codes), cells up to transparent_max (and nodata) transparent.
struct RampStop {
    double value;
    std::string label, color;
};
std::string raster_qml(const std::vector<RampStop>& stops, bool exact, double transparent_max);

// The unit of a density surface from its "values" parameter (per_km2: "incidents per km²").
std::string density_unit(const RasterMetadata& meta);
// "Density of Anti-social behaviour, 2024/25 (incidents per km²)": the band description.
std::string density_description(const RasterMetadata& meta);
// The density style: a ramp from 0 to the surface's 99.5th percentile, then its maximum,
// zero transparent; labels rounded, the first with `unit`.
std::string density_qml(const Grid& grid, const std::string& unit);
// Gi* z: blue to red through pale yellow at 0, with the 90/95/99 % two-sided values marked.
std::string gi_z_raster_qml();
// Gi* bins -3..3: ArcGIS's seven colours, exact.
std::string gi_bin_raster_qml();

}  // namespace hotspot
