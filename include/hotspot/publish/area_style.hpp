#pragma once
// The default map of an area layer: which measure it shows, its legend title and labels.
#include "hotspot/base/incidents.hpp"
#include "hotspot/geo/areas.hpp"
#include "hotspot/measure/measures.hpp"

#include <string>
#include <vector>

namespace hotspot {

// The QML of an area layer: rate_per_1000 when the layer has a population and at least one
// rate, else count (a layer without population maps counts, not an empty choropleth); the
// legend titled with what is counted, `period` (AreaMeasures::headline_label()) and the unit; area_name labelled at readable scales.
std::string area_layer_qml(const AreaLayer& layer, const AreaMeasures& m, const std::string& period);

// The same style with its classes computed from the values a map shows: `rates` and `counts`
// (rate_per_1000 and count of the areas that have one; a suppressed value is not a value).
// Natural breaks fall on these values, so a legend computed from other values than the
// published ones would show them (a suppressed count as a class bound).
std::string area_layer_qml(const AreaLayer& layer, const AreaMeasures& m, const std::string& period, const std::vector<double>& rates,
                           const std::vector<double>& counts);

// Rewrites the default QGIS style of every area layer of the GeoPackage at `gpkg` from the
// rate_per_1000 and count it holds now: after protect_geopackage suppressed (NULL) and rounded
// them, a public file's legends show published values only.
void restyle_area_layers(const std::string& gpkg, const std::vector<AreaLayer>& layers, const std::vector<AreaMeasures>& measures);

}  // namespace hotspot
