#pragma once
// QGIS styles of the priority layers: the index choropleth (natural breaks, the legend naming
// the preset), the top N as a bold outline over a light fill, over-representation flags
// (above / not significant / below) and the zones as outlines.
#include "hotspot/publish/styles.hpp"

#include <string>
#include <vector>

namespace hotspot::detail {

// Graduated on `attribute`, legend titled `title` (which names the attribute), areas labelled
// with area_name from `label_scale` (0: no labels). An index takes plain natural breaks (0 is
// its lowest score); counts and rates the skewed breaks with a zero class (publish/classify).
enum class Graduated { index, counts };
std::string graduated_qml(const std::string& attribute, const std::string& title, const std::vector<double>& values, double label_scale,
                          Graduated kind);
// The index choropleth with a grey class labelled `missing_label` (no XML specials) for the areas
// without an index, which a graduated renderer would otherwise leave undrawn.
std::string index_qml(const std::string& attribute, const std::string& title, const std::vector<double>& values, double label_scale,
                      const std::string& missing_label);
// One class on `attribute` == `value`, labelled `label`: a thick outline in `outline`
// ("r,g,b,a") over `fill` (empty: no fill).
std::string outline_qml(const std::string& attribute, const std::string& value, const std::string& label, const std::string& outline,
                        const std::string& fill);
// Several classes, each `value, label, fill`, all with the thick `outline`.
std::string outline_qml(const std::string& attribute, const std::vector<StyleClass>& classes, const std::string& outline, bool no_fill);
// `qml` (a categorized style) with each polygon labelled by `field` at every scale: the top N's
// outlines carry their rank, so the map matches the list.
std::string labelled_qml(std::string qml, const std::string& field);
// above (red) / not significant (pale) / below (blue) / no data (grey) on a flag field; `what`
// names the indicator and its period in each label.
std::string over_flag_qml(const std::string& attribute, const std::string& what, const std::string& level_pct);

}  // namespace hotspot::detail
