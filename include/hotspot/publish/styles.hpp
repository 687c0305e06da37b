#pragma once
// QGIS QML styles for the layers we write. The templates live in styles/ and are
// compiled into the binary; classes are filled in from the data being written.
#include <string>
#include <vector>

namespace hotspot {

// Incidents: one class (colour) per category present in the data.
std::string incidents_qml(const std::vector<std::string>& categories);

// Area layers: a graduated (quantile) choropleth on `attribute` with up to 5 classes.
std::string areas_qml(const std::string& attribute, const std::vector<double>& values);

// Polygons coloured by the value of a field: one class per (value, label, "r,g,b,a").
struct StyleClass {
    std::string value, label, color;
};
std::string categorized_fill_qml(const std::string& attribute, const std::vector<StyleClass>& classes);

// Gi* confidence bins -3..3 in ArcGIS's colours (blue cold, red hot), on `attribute`.
std::string gi_bin_qml(const std::string& attribute);
// LISA clusters HH, HL, LH, LL, "not significant", "no neighbours" (GeoDa's colours).
std::string lisa_qml(const std::string& attribute);

// Quantile class breaks (upper bounds of each class), at most `classes`, distinct.
std::vector<double> quantile_breaks(std::vector<double> values, int classes);

}  // namespace hotspot
