#include "hotspot/publish/styles.hpp"

#include "hotspot/base/text.hpp"
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

std::string number(double v) {
    std::string s = format_fixed(v, 6);
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
        const bool dot = s.back() == '.';
        s.pop_back();
        if (dot) break;
    }
    return s;
}

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

std::vector<double> quantile_breaks(std::vector<double> values, int classes) {
    std::vector<double> breaks;
    if (values.empty() || classes < 1) return breaks;
    std::sort(values.begin(), values.end());
    for (int k = 1; k <= classes; ++k) {
        // Upper bound of class k: the value at the k/classes quantile (nearest rank).
        const auto idx = static_cast<std::size_t>(std::ceil(static_cast<double>(values.size()) * k / classes)) - 1;
        const double b = values[std::min(idx, values.size() - 1)];
        if (breaks.empty() || b > breaks.back()) breaks.push_back(b);
    }
    return breaks;
}

std::string areas_qml(const std::string& attribute, const std::vector<double>& values) {
    const std::vector<double> breaks = quantile_breaks(values, 5);
    const double lowest = values.empty() ? 0.0 : *std::min_element(values.begin(), values.end());
    std::string ranges, symbols;
    double lower = lowest;
    for (std::size_t k = 0; k < breaks.size(); ++k) {
        const std::string name = std::to_string(k);
        // Spread the 5-colour ramp over however many classes the data allows.
        const std::size_t colour = breaks.size() == 1 ? 4 : k * 4 / (breaks.size() - 1);
        // Bounds need full (round-trip) precision: QGIS draws a feature only when
        // lower <= value <= upper, so a bound rounded inside the data (a top rate of
        // 133.5176352 written as 133.517635) would leave the extreme area undrawn.
        ranges += "      <range lower=\"" + format_exact(lower) + "\" upper=\"" + format_exact(breaks[k]) + "\" symbol=\"" + name +
                  "\" label=\"" + number(lower) + " - " + number(breaks[k]) + "\" render=\"true\"/>\n";
        symbols += symbol(embedded::fill_symbol, name, sequential[colour]);
        lower = breaks[k];
    }
    std::string out = embedded::areas_qml;
    out = replace_all(out, "{{ATTRIBUTE}}", xml_escape(attribute));
    out = replace_all(out, "{{RANGES}}", ranges);
    out = replace_all(out, "{{SYMBOLS}}", symbols);
    out = replace_all(out, "{{SOURCE_SYMBOL}}", symbol(embedded::fill_symbol, "0", "255,255,178,255"));
    return out;
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
