#include "hotspot/publish/styles.hpp"

#include "hotspot/base/text.hpp"
#include "hotspot/publish/classify.hpp"
#include "hotspot/publish/embedded_styles.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace hotspot {

namespace {

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string symbol(const char* tmpl, const std::string& name, const std::string& color) {
    return replace_all(replace_all(tmpl, "{{NAME}}", name), "{{COLOR}}", color);
}

// Colour-blind-safe qualitative palette (Tableau 10 + extras), cycled if needed.
const char* const qualitative[] = {"78,121,167,255", "242,142,43,255", "225,87,89,255", "118,183,178,255", "89,161,79,255",
                                   "237,201,72,255", "176,122,161,255", "255,157,167,255", "156,117,95,255", "186,176,172,255",
                                   "31,119,180,255", "148,103,189,255", "23,190,207,255", "188,189,34,255", "140,86,75,255"};
// ColorBrewer YlOrRd, 5 classes.
const char* const sequential[] = {"255,255,178,255", "254,204,92,255", "253,141,60,255", "240,59,32,255", "189,0,38,255"};


}  // namespace

std::string incidents_qml(const std::vector<std::string>& categories) {
    // Anti-social behaviour always gets the same, strong colour: analysts look for it first.
    std::vector<std::string> sorted(categories.begin(), categories.end());
    std::sort(sorted.begin(), sorted.end());
    std::string cats, symbols;
    std::size_t palette = 0;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const std::string color = sorted[i] == "Anti-social behaviour" ? "215,25,28,255" : qualitative[palette++ % 15];
        const std::string name = std::to_string(i);
        cats += "      <category value=\"" + xml_escape(sorted[i]) + "\" symbol=\"" + name + "\" label=\"" +
                xml_escape(sorted[i]) + "\" render=\"true\"/>\n";
        symbols += symbol(embedded::marker_symbol, name, color);
    }
    std::string out = embedded::incidents_qml;
    out = replace_all(out, "{{CATEGORIES}}", cats);
    out = replace_all(out, "{{SYMBOLS}}", symbols);
    return replace_all(out, "{{SOURCE_SYMBOL}}", symbol(embedded::marker_symbol, "0", "150,150,150,255"));
}

namespace {

struct Labeling {
    std::string field;
    double max_scale = 0;  // 0: every scale
    bool bold = false, display_all = false;
};

std::string labeling_xml(const Labeling& l) {
    if (l.field.empty()) return "";
    std::string out = embedded::labeling;
    out = replace_all(out, "{{LABEL_FIELD}}", xml_escape(l.field));
    out = replace_all(out, "{{FONT_SIZE}}", l.bold ? "10" : "8");
    out = replace_all(out, "{{FONT_WEIGHT}}", l.bold ? "75" : "50");
    out = replace_all(out, "{{PLACEMENT}}", l.bold ? "0" : "1");  // sites: around the centre; areas: over it
    out = replace_all(out, "{{DISPLAY_ALL}}", l.display_all ? "1" : "0");
    out = replace_all(out, "{{SCALE_VISIBILITY}}", l.max_scale > 0 ? "1" : "0");
    return replace_all(out, "{{LABEL_MAX_SCALE}}", format_plain(l.max_scale));
}

// Grey for the zero class (nothing recorded is not "low"), then the yellow-to-red ramp.
const char* const zero_colour = "240,240,240,255";

}  // namespace

std::string legend_title(const std::string& what, const std::string& period, const std::string& unit) {
    return what + (period.empty() ? "" : ", " + period) + (unit.empty() ? "" : " (" + unit + ")");
}

double readable_label_scale(std::vector<double> areas_m2) {
    if (areas_m2.empty()) return 0;
    std::nth_element(areas_m2.begin(), areas_m2.begin() + static_cast<std::ptrdiff_t>(areas_m2.size() / 2), areas_m2.end());
    const double across_m = std::sqrt(std::max(0.0, areas_m2[areas_m2.size() / 2]));
    const double scale = across_m / 0.015;
    if (scale < 1) return 1;
    const double decade = std::pow(10.0, std::floor(std::log10(scale)));
    for (double step : {5.0, 2.0, 1.0})
        if (scale >= step * decade) return step * decade;
    return decade;
}

std::string areas_qml(const ChoroplethStyle& style, const std::vector<double>& values) {
    const bool zeros = !style.plain_breaks && std::find(values.begin(), values.end(), 0.0) != values.end();
    const std::vector<ValueClass> classes = classify(values, style.classes + (zeros ? 1 : 0), style.plain_breaks ? Breaks::plain : Breaks::skewed);
    const bool zero_class = !style.plain_breaks && !classes.empty() && classes.front().upper == 0 && classes.size() > 1;
    const std::size_t ramp = classes.size() - (zero_class ? 1 : 0);
    std::string ranges, symbols;
    for (std::size_t k = 0; k < classes.size(); ++k) {
        const ValueClass& c = classes[k];
        const std::string name = std::to_string(k);
        // Spread the 5-colour ramp over however many non-zero classes the data allows.
        const std::size_t r = k - (zero_class ? 1 : 0);
        const std::string colour = zero_class && k == 0 ? zero_colour : sequential[ramp <= 1 ? 4 : r * 4 / (ramp - 1)];
        // Bounds need full (round-trip) precision: QGIS draws a feature only when
        // lower <= value <= upper, so a bound rounded inside the data (a top rate of
        // 133.5176352 written as 133.517635) would leave the extreme area undrawn.
        // The title is the first line of the first label (a QML style cannot set the legend's
        // heading, the layer name); &#10; survives XML attribute normalisation, "\n" would not.
        const std::string label = (k == 0 && !style.title.empty() ? xml_escape(style.title) + "&#10;" : "") + xml_escape(c.label);
        ranges += "      <range lower=\"" + format_exact(c.lower) + "\" upper=\"" + format_exact(c.upper) + "\" symbol=\"" + name +
                  "\" label=\"" + label + "\" render=\"true\"/>\n";
        symbols += symbol(style.points ? embedded::marker_symbol : embedded::fill_symbol, name, colour);
    }
    if (style.points)  // opaque and larger than incidents: a few ranked sites must read on paper
        symbols = replace_all(replace_all(symbols, "alpha=\"0.85\"", "alpha=\"1\""), "name=\"size\" value=\"1.8\"",
                              "name=\"size\" value=\"" + format_plain(style.marker_mm) + "\"");
    std::string out = embedded::areas_qml;
    if (style.points) out = replace_all(out, "<layerGeometryType>2</layerGeometryType>", "<layerGeometryType>0</layerGeometryType>");
    out = replace_all(out, "{{ATTRIBUTE}}", xml_escape(style.attribute));
    out = replace_all(out, "{{RANGES}}", ranges);
    out = replace_all(out, "{{SYMBOLS}}", symbols);
    out = replace_all(out, "{{SOURCE_SYMBOL}}", symbol(style.points ? embedded::marker_symbol : embedded::fill_symbol, "0", "255,255,178,255"));
    out = replace_all(out, "{{LABELING}}", labeling_xml({style.label_field, style.label_max_scale}));
    out = replace_all(out, "{{LABELS_ENABLED}}", style.label_field.empty() ? "0" : "1");
    out = replace_all(out, "{{LABEL_FIELD}}", style.label_field.empty() ? "nothing" : xml_escape(style.label_field));
    return replace_all(out, "{{LABEL_MAX_SCALE}}", style.label_max_scale > 0 ? format_plain(style.label_max_scale) : "any scale");
}

std::string sites_qml(const std::string& rank_field) {
    return replace_all(embedded::sites_qml, "{{LABELING}}", labeling_xml({rank_field, 0, true, true}));
}

std::string categorized_fill_qml(const std::string& attribute, const std::vector<StyleClass>& classes) {
    std::string cats, symbols;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const std::string name = std::to_string(i);
        cats += "      <category value=\"" + xml_escape(classes[i].value) + "\" symbol=\"" + name + "\" label=\"" +
                xml_escape(classes[i].label) + "\" render=\"true\"/>\n";
        symbols += symbol(embedded::fill_symbol, name, classes[i].color);
    }
    std::string out = embedded::categories_fill_qml;
    out = replace_all(out, "{{ATTRIBUTE}}", xml_escape(attribute));
    out = replace_all(out, "{{CATEGORIES}}", cats);
    out = replace_all(out, "{{SYMBOLS}}", symbols);
    return replace_all(out, "{{SOURCE_SYMBOL}}", symbol(embedded::fill_symbol, "0", "200,200,200,255"));
}

std::string gi_bin_qml(const std::string& attribute) {
    return categorized_fill_qml(attribute, {{"-3", "Cold spot, 99% confidence", "69,117,181,255"},
                                            {"-2", "Cold spot, 95% confidence", "132,158,186,255"},
                                            {"-1", "Cold spot, 90% confidence", "192,204,190,255"},
                                            {"0", "Not significant", "255,255,191,255"},
                                            {"1", "Hot spot, 90% confidence", "250,185,132,255"},
                                            {"2", "Hot spot, 95% confidence", "237,117,81,255"},
                                            {"3", "Hot spot, 99% confidence", "214,47,39,255"},
                                            {"", "No neighbours (no test)", "200,200,200,255"}});
}

std::string lisa_qml(const std::string& attribute) {
    return categorized_fill_qml(attribute, {{"HH", "High-High (cluster of high values)", "215,25,28,255"},
                                            {"HL", "High-Low (high outlier)", "253,174,97,255"},
                                            {"LH", "Low-High (low outlier)", "171,217,233,255"},
                                            {"LL", "Low-Low (cluster of low values)", "44,123,182,255"},
                                            {"not significant", "Not significant", "238,238,238,255"},
                                            {"no neighbours", "No neighbours (no test)", "200,200,200,255"}});
}

}  // namespace hotspot
