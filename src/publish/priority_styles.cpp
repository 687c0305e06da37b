#include "publish/priority_styles.hpp"

#include "hotspot/base/text.hpp"
#include "hotspot/publish/styles.hpp"

namespace hotspot::detail {

std::string graduated_qml(const std::string& attribute, const std::string& title, const std::vector<double>& values, double label_scale,
                          Graduated kind) {
    ChoroplethStyle style;
    style.attribute = attribute;
    style.title = title;
    style.label_field = label_scale > 0 ? "area_name" : "";
    style.label_max_scale = label_scale;
    style.plain_breaks = kind == Graduated::index;
    return areas_qml(style, values);
}

std::string outline_qml(const std::string& attribute, const std::string& value, const std::string& label, const std::string& outline,
                        const std::string& fill) {
    // The shared fill symbol (styles/fill_symbol.xml) with its outline made thick and coloured.
    std::string qml = categorized_fill_qml(attribute, {{value, label, fill.empty() ? "255,255,255,0" : fill}});
    qml = replace_all(qml, "name=\"outline_color\" value=\"90,90,90,255\"", "name=\"outline_color\" value=\"" + outline + "\"");
    qml = replace_all(qml, "name=\"outline_width\" value=\"0.2\"", "name=\"outline_width\" value=\"0.8\"");
    if (fill.empty()) qml = replace_all(qml, "name=\"style\" value=\"solid\"", "name=\"style\" value=\"no\"");
    return qml;
}

std::string over_flag_qml(const std::string& attribute, const std::string& what, const std::string& level_pct) {
    return categorized_fill_qml(attribute, {{"above", what + ": above the city-wide rate (" + level_pct + " % CI of O/E above 1)", "215,48,39,255"},
                                            {"not significant", what + ": not significantly different", "250,250,210,255"},
                                            {"below", what + ": below the city-wide rate (" + level_pct + " % CI below 1)", "69,117,180,255"},
                                            {"no data", "No count or no residents", "200,200,200,255"}});
}

}  // namespace hotspot::detail
