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

std::string index_qml(const std::string& attribute, const std::string& title, const std::vector<double>& values, double label_scale,
                      const std::string& missing_label) {
    std::string qml = graduated_qml(attribute, title, values, label_scale, Graduated::index);
    // A graduated renderer draws no NULL: classify coalesce(attribute, sentinel) instead, the
    // sentinel a class of its own far below any index (z-scores are negative, never -1e300).
    const std::string sentinel = "-1e+300";
    qml = replace_all(qml, "attr=\"" + attribute + "\"", "attr=\"coalesce(&quot;" + attribute + "&quot;, " + sentinel + ")\"");
    // Last in the legend: the first class's label carries the legend's title.
    const std::size_t ranges = qml.find("    </ranges>");
    const std::size_t symbols = qml.find("<symbols>");
    if (ranges == std::string::npos || symbols == std::string::npos || ranges > symbols) return qml;  // symbols inserted first, below the ranges
    std::string grey = categorized_fill_qml("x", {{"x", "x", "190,190,190,255"}});
    const std::size_t s0 = grey.find("<symbol "), s1 = grey.find("</symbol>", s0);
    if (s0 == std::string::npos || s1 == std::string::npos) return qml;
    std::string symbol = grey.substr(s0, s1 + 9 - s0);
    symbol = replace_all(symbol, "name=\"0\"", "name=\"missing\"");
    qml.insert(symbols + 9, "\n" + symbol);
    qml.insert(ranges, "      <range lower=\"" + sentinel + "\" upper=\"" + sentinel + "\" symbol=\"missing\" label=\"" + missing_label +
                           "\" render=\"true\"/>\n");
    return qml;
}

std::string outline_qml(const std::string& attribute, const std::string& value, const std::string& label, const std::string& outline,
                        const std::string& fill) {
    return outline_qml(attribute, {{value, label, fill.empty() ? "255,255,255,0" : fill}}, outline, fill.empty());
}

std::string outline_qml(const std::string& attribute, const std::vector<StyleClass>& classes, const std::string& outline, bool no_fill) {
    const std::string fill = no_fill ? "" : "filled";
    // The shared fill symbol (styles/fill_symbol.xml) with its outline made thick and coloured.
    std::string qml = categorized_fill_qml(attribute, classes);
    qml = replace_all(qml, "name=\"outline_color\" value=\"90,90,90,255\"", "name=\"outline_color\" value=\"" + outline + "\"");
    qml = replace_all(qml, "name=\"outline_width\" value=\"0.2\"", "name=\"outline_width\" value=\"0.8\"");
    if (fill.empty()) qml = replace_all(qml, "name=\"style\" value=\"solid\"", "name=\"style\" value=\"no\"");
    return qml;
}

std::string labelled_qml(std::string qml, const std::string& field) {
    // The shared labelling (that of ranked sites: bold, at every scale) taken from sites_qml.
    const std::string sites = sites_qml(field);
    const std::size_t l0 = sites.find("<labeling"), l1 = sites.find("</labeling>");
    const std::size_t at = qml.find("<blendMode>");
    if (l0 == std::string::npos || l1 == std::string::npos || at == std::string::npos) return qml;
    qml.insert(at, sites.substr(l0, l1 + 11 - l0) + "\n  ");
    return replace_all(qml, "styleCategories=\"Symbology\">", "styleCategories=\"Symbology|Labeling\" labelsEnabled=\"1\">");
}

std::string over_flag_qml(const std::string& attribute, const std::string& what, const std::string& level_pct) {
    return categorized_fill_qml(attribute, {{"above", what + ": above the city-wide rate (" + level_pct + " % CI of O/E above 1)", "215,48,39,255"},
                                            {"not significant", what + ": not significantly different", "250,250,210,255"},
                                            {"below", what + ": below the city-wide rate (" + level_pct + " % CI below 1)", "69,117,180,255"},
                                            {"no data", "No count or no residents", "200,200,200,255"}});
}

}  // namespace hotspot::detail
