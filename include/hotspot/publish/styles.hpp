#pragma once
// QGIS QML styles for the layers we write. The templates live in styles/ and are
// compiled into the binary; classes are filled in from the data being written.
#include <string>
#include <vector>

namespace hotspot {

// Incidents: one class (colour) per category present in the data.
std::string incidents_qml(const std::vector<std::string>& categories);

// A graduated choropleth (or graduated markers, `points`): classes from classify() (a zero
// class, then natural breaks).
struct ChoroplethStyle {
    std::string attribute;     // the field classified, e.g. "count"
    std::string title;         // legend title, the first line of the first class's label (legend_title())
    std::string label_field;   // areas labelled with this field ("" = no labels) ...
    double label_max_scale = 0;  // ... at 1:label_max_scale and closer (0 = at every scale)
    int classes = 5;           // at most, besides the grey class for zero
    bool plain_breaks = false;   // classify(Breaks::plain): an index, no zero class
    bool points = false;         // graduated markers for a point layer instead of fills ...
    double marker_mm = 2.6;      // ... of this size (a labelled marker needs room around its label)
};
std::string areas_qml(const ChoroplethStyle& style, const std::vector<double>& values);

// "Incidents, 2024/25 (count)": what is counted, the period it covers, the unit. An empty
// period leaves it out (the caller then names the period in `what` or `unit`).
std::string legend_title(const std::string& what, const std::string& period, const std::string& unit);

// The largest scale denominator (rounded down to 1, 2 or 5 x 10^k) at which an area of the
// median size is 1.5 cm across on screen: labels drawn further out than that would overlap.
double readable_label_scale(std::vector<double> areas_m2);

// Ranked sites: outlined circles apart from the choropleth, labelled with `rank_field`.
std::string sites_qml(const std::string& rank_field);

// Polygons coloured by the value of a field: one class per (value, label, "r,g,b,a").
struct StyleClass {
    std::string value, label, color;
};
std::string categorized_fill_qml(const std::string& attribute, const std::vector<StyleClass>& classes);

// Gi* confidence bins -3..3 in ArcGIS's colours (blue cold, red hot), on `attribute`.
std::string gi_bin_qml(const std::string& attribute);
// LISA clusters HH, HL, LH, LL, "not significant", "no neighbours" (GeoDa's colours).
std::string lisa_qml(const std::string& attribute);

}  // namespace hotspot
