// AreaLayer::load on any text given as a GeoJSON file in GDAL's memory file system
// (fields code, name and population; reprojected to British National Grid).
#include "fuzz_support.hpp"
#include "hotspot/geo/areas.hpp"

#include <cpl_error.h>
#include <cpl_vsi.h>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    CPLSetErrorHandler(CPLQuietErrorHandler);  // GDAL's messages for every broken input are noise here
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hotspot;
    const char* path = "/vsimem/fuzz_areas.geojson";
    VSILFILE* file = VSIFileFromMemBuffer(path, const_cast<GByte*>(data), size, FALSE);
    VSIFCloseL(file);
    AreaSpec spec{"wards", path, "", "code", "name", "population", "", ""};
    fuzz::refusals_allowed([&] {
        const AreaLayer layer = AreaLayer::load(spec, "EPSG:27700");
        fuzz::check(layer.size() > 0, "a loaded layer has areas");
        const Envelope e = layer.envelope();
        (void)layer.locate((e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2);
        for (std::size_t i = 0; i < layer.size(); ++i) (void)layer.wkb(i);
    });
    VSIUnlink(path);
    return 0;
}
