#pragma once
// The legend of a QGIS graduated (class range) style, read from its QML: the one QML parser, for
// the MapLibre style (maplibre_style) and the dashboard's legends (report/dashboard_data); and the
// one reader of a layer's default QML from a GeoPackage (those two and the QGIS project).
#include <gdal_priv.h>

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

// One range: QGIS draws lower <= v <= upper for the first, lower < v <= upper after it.
struct QmlClass {
    double lower = 0, upper = 0;
    std::string label;       // "21.4 - 24.8" (the legend title, the first label's first line, cut off)
    std::string colour;      // fill, "#rrggbb"
    double opacity = 1;      // fill colour's alpha x the symbol's opacity
    std::string outline;     // "#rrggbb", empty when the symbol has none
    double outline_mm = 0.26;
};

struct QmlLegend {
    std::string attribute, title;
    std::vector<QmlClass> classes;
};

// The legend of `qml`, or nullopt when it is not a graduated renderer (an empty QML, categories).
// Throws InputError naming `layer` when a bound, opacity or colour is not a number, or a class
// has no fill colour.
std::optional<QmlLegend> graduated_qml_legend(const std::string& qml, const std::string& layer);

// The QML of `layer` in the GeoPackage's layer_styles as QGIS picks it when it opens the layer:
// a useAsDefault row first, then the newest update_time (the later row on a tie); "" when none.
std::string default_layer_qml(GDALDataset& ds, const std::string& layer);

}  // namespace hotspot
