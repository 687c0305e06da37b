#include "detail/gdal_util.hpp"

#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <cpl_error.h>

#include <mutex>

namespace hotspot::detail {

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

std::string last_gdal_error(const std::string& fallback) {
    const char* msg = CPLGetLastErrorMsg();
    return msg && *msg ? std::string(msg) : fallback;
}

GDALDatasetUniquePtr open_vector(const std::string& path) {
    ensure_gdal_registered();
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw InputError("cannot open " + quote_value(without_password(path)) + " as a vector layer: " + last_gdal_error("unknown format"));
    return ds;
}

OGRLayer* pick_layer(GDALDataset& ds, const std::string& path, const std::string& name) {
    if (!name.empty()) {
        OGRLayer* layer = ds.GetLayerByName(name.c_str());
        if (!layer) {
            std::string names;
            for (auto* l : ds.GetLayers()) names += (names.empty() ? "" : ", ") + std::string(l->GetName());
            throw InputError(quote_value(without_password(path)) + " has no layer " + quote_value(name) + " (it has: " + names + ")");
        }
        return layer;
    }
    if (ds.GetLayerCount() != 1)
        throw InputError(quote_value(without_password(path)) + " has " + std::to_string(ds.GetLayerCount()) +
                         " layers: name the one to use (layer=...)");
    return ds.GetLayer(0);
}

std::string crs_text(const OGRSpatialReference* srs) {
    if (!srs) return "";
    const char* auth = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (auth && code) return std::string(auth) + ":" + code;
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs->exportToWkt(&wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

}  // namespace hotspot::detail
