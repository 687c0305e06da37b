#pragma once
// Private helpers around GDAL's C++ API: opening with errors that name the file, and
// turning a layer's CRS into text PROJ understands. Never included from include/.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>

namespace hotspot::detail {

// Registers GDAL drivers once and routes GDAL's own messages to stderr quietly.
void ensure_gdal_registered();

// Opens a vector dataset read-only; throws InputError naming the path and GDAL's reason.
GDALDatasetUniquePtr open_vector(const std::string& path);

// The named layer, or the only layer when name is empty; throws InputError otherwise.
OGRLayer* pick_layer(GDALDataset& ds, const std::string& path, const std::string& name);

// "EPSG:27700" when the CRS has an EPSG code, else its WKT; empty when there is none.
std::string crs_text(const OGRSpatialReference* srs);

// GDAL's last error message, or a fallback.
std::string last_gdal_error(const std::string& fallback);

}  // namespace hotspot::detail
