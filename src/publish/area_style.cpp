#include "hotspot/publish/area_style.hpp"

#include "hotspot/base/periods.hpp"
#include "hotspot/publish/styles.hpp"

#include <algorithm>

namespace hotspot {

std::string area_layer_qml(const AreaLayer& layer, const AreaMeasures& m, const std::string& period) {
    std::vector<double> rates, counts, areas;
    for (std::size_t a = 0; a < layer.size(); ++a) {
        if (m.rate_per_1000[a]) rates.push_back(*m.rate_per_1000[a]);
        counts.push_back(static_cast<double>(m.count[a]));
        areas.push_back(layer.area_m2(a));
    }
    const bool by_rate = layer.has_population() && !rates.empty();
    const std::string what = m.headline == "all incidents" || m.headline.empty() ? "Incidents" : "Incidents (" + m.headline + ")";
    ChoroplethStyle style;
    style.attribute = by_rate ? "rate_per_1000" : "count";
    style.title = legend_title(what, period, by_rate ? "rate_per_1000: per 1,000 residents per year" : "count");
    style.label_field = "area_name";
    style.label_max_scale = readable_label_scale(areas);
    return areas_qml(style, by_rate ? rates : counts);
}

}  // namespace hotspot
