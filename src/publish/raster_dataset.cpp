#include "publish/raster_dataset.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "publish/gpkg_writer.hpp"

#include <ogr_spatialref.h>

namespace hotspot::detail {

void set_north_up(GDALDataset& ds, double min_x, double max_y, double cell_m, const std::string& crs) {
    double transform[6] = {min_x, cell_m, 0, max_y, 0, -cell_m};
    ds.SetGeoTransform(transform);
    OGRSpatialReference srs;
    srs.SetFromUserInput(crs.c_str());
    ds.SetSpatialRef(&srs);
}

void copy_to_cog(GDALDataset& src, const std::string& path, const std::string& target, bool categorical) {
    GDALDriver* cog = GetGDALDriverManager()->GetDriverByName("COG");
    if (!cog) throw OutputError("GDAL has no COG driver");
    // DEFLATE level 1: a third less time than the default 6 for a 3% larger file (noisy floats
    // compress little either way).
    const char* options[] = {"COMPRESS=DEFLATE", "LEVEL=1", "PREDICTOR=YES", "BLOCKSIZE=512",
                             categorical ? "OVERVIEW_RESAMPLING=NEAREST" : "OVERVIEW_RESAMPLING=AVERAGE", "NUM_THREADS=ALL_CPUS", nullptr};
    CPLErrorReset();
    GDALDatasetUniquePtr out(cog->CreateCopy(path.c_str(), &src, FALSE, const_cast<char**>(options), nullptr, nullptr));
    // CreateCopy may return a dataset after a failed write: its error state tells.
    if (!out || CPLGetLastErrorType() >= CE_Failure) throw OutputError("cannot write " + quote_value(target) + ": " + write_error());
    close_written(out, target);
}

}  // namespace hotspot::detail
