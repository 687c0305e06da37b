#pragma once
// Private to publish/: what every GeoTIFF hotspot writes shares, whether a whole grid (raster.cpp)
// or a tile of one and the mosaic of the tiles (tile_job.cpp).
#include <gdal_priv.h>

#include <string>

namespace hotspot::detail {

// North-up georeferencing: the top-left corner (min_x, max_y), square cells of cell_m, in crs.
void set_north_up(GDALDataset& ds, double min_x, double max_y, double cell_m, const std::string& crs);

// Copies src to a Cloud-Optimised GeoTIFF at path (DEFLATE level 1, 512-cell blocks, overviews
// by average, or nearest for categories) and closes it; an OutputError names target.
void copy_to_cog(GDALDataset& src, const std::string& path, const std::string& target, bool categorical);

}  // namespace hotspot::detail
