#include "hotspot/geo/site_layer.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <ogr_spatialref.h>

#include <memory>

namespace hotspot {

SiteLayer read_site_layer(const std::string& path, const std::string& layer_name, const std::string& target_crs) {
    detail::ensure_gdal_registered();
    GDALDatasetUniquePtr ds = detail::open_vector(path);
    OGRLayer* layer = detail::pick_layer(*ds, path, layer_name);
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (!srs) throw CrsError("site layer " + quote_value(path) + " has no CRS");
    OGRSpatialReference source = *srs, target;
    if (target.SetFromUserInput(target_crs.c_str()) != OGRERR_NONE)
        throw CrsError("analysis CRS " + quote_value(target_crs) + " is not understood");
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    SiteLayer out;
    out.source_crs = detail::crs_text(&source);
    std::unique_ptr<OGRCoordinateTransformation> transform;
    if (!source.IsSame(&target)) {
        transform.reset(OGRCreateCoordinateTransformation(&source, &target));
        if (!transform) throw CrsError("site layer " + quote_value(path) + ": no transformation from " + out.source_crs + " to " + target_crs);
    }
    for (auto& feature : *layer) {
        const std::string where = "site layer " + quote_value(path) + " feature " + std::to_string(feature->GetFID());
        OGRGeometry* g = feature->GetGeometryRef();
        if (!g || g->IsEmpty() || wkbFlatten(g->getGeometryType()) != wkbPoint)
            throw InputError(where + ": expected one point, found " + (g ? std::string(g->getGeometryName()) : std::string("no geometry")));
        if (transform && g->transform(transform.get()) != OGRERR_NONE)
            throw CrsError(where + ": could not transform from " + out.source_crs + " to " + target_crs);
        const auto* p = g->toPoint();
        out.x.push_back(p->getX());
        out.y.push_back(p->getY());
        out.fid.push_back(feature->GetFID());
    }
    if (out.x.empty()) throw InputError("site layer " + quote_value(path) + " has no features");
    return out;
}

}  // namespace hotspot
