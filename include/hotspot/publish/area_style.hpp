#pragma once
// The default map of an area layer: which measure it shows, its legend title and labels.
#include "hotspot/base/incidents.hpp"
#include "hotspot/geo/areas.hpp"
#include "hotspot/measure/measures.hpp"

#include <string>

namespace hotspot {

// The QML of an area layer: rate_per_1000 when the layer has a population and at least one
// rate, else count (a layer without population maps counts, not an empty choropleth); the
// legend titled with what is counted, `period` (AreaMeasures::headline_label()) and the unit; area_name labelled at readable scales.
std::string area_layer_qml(const AreaLayer& layer, const AreaMeasures& m, const std::string& period);

}  // namespace hotspot
