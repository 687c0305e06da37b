// Grid Gi* written as rasters: the COGs hold every cell's z and bin where the run computed
// them, in the right orientation, with nodata elsewhere and a QGIS style beside each.
#include "hotspot/publish/stats_output.hpp"
#include "hotspot/workflow/stats_workflow.hpp"

#include "../city_fixture.hpp"

#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

using namespace hotspot;

TEST_CASE("grid Gi* as rasters: every cell holds its z and bin, cells left out are nodata") {
    StatsConfig c;
    c.cell_m = 250;
    parse_neighbour_rule("band:750", c);
    parse_statistics("gistar", c);
    parse_grid_output("raster", c);
    c.fdr = true;
    const StatsResult r = run_stats(city(), c);
    const std::string dir = std::filesystem::temp_directory_path() / ("hotspot-gi-raster-" + std::to_string(::getpid()));
    OutputSet outputs(true, {});
    claim_gistar_rasters(outputs, c, dir + "/city.gpkg");
    const auto paths = write_gistar_rasters(r, c, "EPSG:27700", outputs, dir + "/city.gpkg");
    outputs.publish();
    REQUIRE(paths.size() == 2);
    GDALAllRegister();
    for (int k = 0; k < 2; ++k) {
        GDALDatasetUniquePtr ds(GDALDataset::Open(paths[static_cast<std::size_t>(k)].c_str(), GDAL_OF_RASTER));
        REQUIRE(ds);
        const Fishnet& f = *r.units.fishnet;
        double gt[6];
        REQUIRE(ds->GetGeoTransform(gt) == CE_None);
        // An independent check of orientation: the pixel under the first cell's centre.
        const auto px = static_cast<int>(std::floor((r.units.cx[0] - gt[0]) / gt[1]));
        const auto py = static_cast<int>(std::floor((r.units.cy[0] - gt[3]) / gt[5]));
        float first = 0;
        REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Read, px, py, 1, 1, &first, 1, 1, GDT_Float32, 0, 0, nullptr) == CE_None);
        CHECK(first == (k == 0 ? static_cast<float>(*r.gistar->z[0]) : static_cast<float>(*r.gistar->bin_fdr[0])));
        REQUIRE(ds->GetRasterXSize() == static_cast<int>(f.nx));
        REQUIRE(ds->GetRasterYSize() == static_cast<int>(f.ny));
        std::vector<float> v(f.nx * f.ny);
        REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, static_cast<int>(f.nx), static_cast<int>(f.ny), v.data(), static_cast<int>(f.nx),
                                               static_cast<int>(f.ny), GDT_Float32, 0, 0, nullptr) == CE_None);
        std::size_t nodata = 0;
        for (float x : v) nodata += x == Grid::nodata;
        CHECK(nodata == f.nx * f.ny - f.size());  // every cell of the band has neighbours here
        for (std::size_t i = 0; i < f.size(); ++i) {
            const float got = v[(f.ny - 1 - f.row[i]) * f.nx + f.col[i]];
            const float want = k == 0 ? static_cast<float>(*r.gistar->z[i]) : static_cast<float>(*r.gistar->bin_fdr[i]);
            REQUIRE(got == want);
        }
        CHECK(std::filesystem::exists(std::filesystem::path(paths[static_cast<std::size_t>(k)]).replace_extension(".qml")));
    }
    std::filesystem::remove_all(dir);
}
