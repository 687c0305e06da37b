#include "hotspot/publish/area_style.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/publish/styles.hpp"
#include "publish/gpkg_writer.hpp"

#include <algorithm>

namespace hotspot {

std::string area_layer_qml(const AreaLayer& layer, const AreaMeasures& m, const std::string& period) {
    std::vector<double> rates, counts;
    for (std::size_t a = 0; a < layer.size(); ++a) {
        if (m.rate_per_1000[a]) rates.push_back(*m.rate_per_1000[a]);
        counts.push_back(static_cast<double>(m.count[a]));
    }
    return area_layer_qml(layer, m, period, rates, counts);
}

std::string area_layer_qml(const AreaLayer& layer, const AreaMeasures& m, const std::string& period, const std::vector<double>& rates,
                           const std::vector<double>& counts) {
    std::vector<double> areas;
    for (std::size_t a = 0; a < layer.size(); ++a) areas.push_back(layer.area_m2(a));
    const bool by_rate = layer.has_population() && !rates.empty();
    const std::string what = m.headline == "all incidents" || m.headline.empty() ? "Incidents" : "Incidents (" + m.headline + ")";
    ChoroplethStyle style;
    style.attribute = by_rate ? "rate_per_1000" : "count";
    style.title = legend_title(what, period, by_rate ? "rate_per_1000: per 1,000 residents per year" : "count");
    style.label_field = "area_name";
    style.label_max_scale = readable_label_scale(areas);
    return areas_qml(style, by_rate ? rates : counts);
}

namespace {

// The non-NULL values of `field` in `layer`.
std::vector<double> shown_values(OGRLayer& layer, const char* field, const std::string& gpkg) {
    const int i = layer.GetLayerDefn()->GetFieldIndex(field);
    if (i < 0) throw OutputError(gpkg + ": layer " + layer.GetName() + " has no field " + field + " to style");
    std::vector<double> out;
    layer.ResetReading();
    for (auto& f : layer)
        if (f->IsFieldSetAndNotNull(i)) out.push_back(f->GetFieldAsDouble(i));
    return out;
}

}  // namespace

void restyle_area_layers(const std::string& gpkg, const std::vector<AreaLayer>& layers, const std::vector<AreaMeasures>& measures) {
    detail::ensure_gdal_registered();
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    if (!ds) throw OutputError(gpkg + ": cannot open the GeoPackage to restyle it: " + detail::last_gdal_error("GDAL gave no reason"));
    for (std::size_t l = 0; l < layers.size() && l < measures.size(); ++l) {
        OGRLayer* layer = ds->GetLayerByName(layers[l].name().c_str());
        if (layer == nullptr) throw OutputError(gpkg + ": no layer " + layers[l].name() + " to restyle");
        const std::string qml = area_layer_qml(layers[l], measures[l], measures[l].headline_label(), shown_values(*layer, "rate_per_1000", gpkg),
                                               shown_values(*layer, "count", gpkg));
        detail::replace_layer_style(*ds, layers[l].name(), qml);
    }
    detail::close_written(ds, gpkg);
}

}  // namespace hotspot
