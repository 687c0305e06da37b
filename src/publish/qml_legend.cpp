#include "hotspot/publish/qml_legend.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <cpl_minixml.h>
#include <ogrsf_frmts.h>
#include <cpl_string.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>

namespace hotspot {

namespace {

using XmlPtr = std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)>;

// The value of a symbol layer property, as <Option name= value=> (QGIS >= 3.26 writes) or <prop k= v=>.
std::string symbol_property(const CPLXMLNode* layer, const char* name) {
    for (const CPLXMLNode* c = layer->psChild; c; c = c->psNext) {
        if (c->eType != CXT_Element) continue;
        if (EQUAL(c->pszValue, "Option") && EQUAL(CPLGetXMLValue(c, "type", ""), "Map")) {
            for (const CPLXMLNode* o = c->psChild; o; o = o->psNext)
                if (o->eType == CXT_Element && EQUAL(CPLGetXMLValue(o, "name", ""), name)) return CPLGetXMLValue(o, "value", "");
        } else if (EQUAL(c->pszValue, "prop") && EQUAL(CPLGetXMLValue(c, "k", ""), name))
            return CPLGetXMLValue(c, "v", "");
    }
    return "";
}

double parse_number(const std::string& text, const std::string& what, const std::string& layer) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v))
        throw InputError("the QGIS style of " + quote_value(layer) + " has " + what + " " + quote_value(text));
    return v;
}

struct Rgba {
    std::string hex;
    double alpha = 1;
};

// QGIS's "r,g,b,a" (0-255 each) as "#rrggbb" and an alpha of 0 to 1.
Rgba parse_rgba(const std::string& text, const std::string& layer) {
    const auto parts = split(text, ',');
    if (parts.size() < 3) throw InputError("the QGIS style of " + quote_value(layer) + " has the colour " + quote_value(text));
    char hex[8];
    int rgb[3];
    for (int i = 0; i < 3; ++i) rgb[i] = static_cast<int>(parse_number(std::string(trim(parts[static_cast<std::size_t>(i)])), "a colour part", layer));
    std::snprintf(hex, sizeof hex, "#%02x%02x%02x", rgb[0] & 0xff, rgb[1] & 0xff, rgb[2] & 0xff);
    const double a = parts.size() > 3 ? parse_number(std::string(trim(parts[3])), "a colour part", layer) / 255.0 : 1.0;
    return {hex, a};
}

struct Fill {
    Rgba colour;
    double symbol_alpha = 1;
    std::string outline;
    double outline_mm = 0.26;
};

std::map<std::string, Fill> fills_by_symbol(const CPLXMLNode* renderer, const std::string& layer) {
    std::map<std::string, Fill> out;
    const CPLXMLNode* symbols = CPLGetXMLNode(renderer, "symbols");
    for (const CPLXMLNode* s = symbols ? symbols->psChild : nullptr; s; s = s->psNext) {
        if (s->eType != CXT_Element || !EQUAL(s->pszValue, "symbol")) continue;
        const CPLXMLNode* fill = CPLGetXMLNode(s, "layer");
        if (!fill) continue;
        const std::string colour = symbol_property(fill, "color");
        if (colour.empty()) continue;
        Fill f;
        f.colour = parse_rgba(colour, layer);
        f.symbol_alpha = parse_number(CPLGetXMLValue(s, "alpha", "1"), "a symbol opacity", layer);
        const std::string outline = symbol_property(fill, "outline_color");
        if (!outline.empty()) f.outline = parse_rgba(outline, layer).hex;
        const std::string width = symbol_property(fill, "outline_width");
        if (!width.empty()) f.outline_mm = parse_number(width, "an outline width", layer);
        out[CPLGetXMLValue(s, "name", "")] = f;
    }
    return out;
}

}  // namespace

std::optional<QmlLegend> graduated_qml_legend(const std::string& qml, const std::string& layer) {
    if (qml.empty()) return std::nullopt;
    XmlPtr root(CPLParseXMLString(qml.c_str()), &CPLDestroyXMLNode);
    const CPLXMLNode* qgis = root ? CPLSearchXMLNode(root.get(), "=qgis") : nullptr;
    const CPLXMLNode* renderer = qgis ? CPLGetXMLNode(qgis, "renderer-v2") : nullptr;
    if (!renderer || !EQUAL(CPLGetXMLValue(renderer, "type", ""), "graduatedSymbol")) return std::nullopt;
    const std::map<std::string, Fill> fills = fills_by_symbol(renderer, layer);
    QmlLegend legend;
    legend.attribute = CPLGetXMLValue(renderer, "attr", "");
    const CPLXMLNode* ranges = CPLGetXMLNode(renderer, "ranges");
    for (const CPLXMLNode* r = ranges ? ranges->psChild : nullptr; r; r = r->psNext) {
        if (r->eType != CXT_Element || !EQUAL(r->pszValue, "range")) continue;
        QmlClass c;
        c.lower = parse_number(CPLGetXMLValue(r, "lower", ""), "a class lower bound", layer);
        c.upper = parse_number(CPLGetXMLValue(r, "upper", ""), "a class upper bound", layer);
        c.label = CPLGetXMLValue(r, "label", "");
        if (legend.classes.empty() && c.label.find('\n') != std::string::npos) {  // the legend title is the first label's first line
            legend.title = c.label.substr(0, c.label.find('\n'));
            c.label = c.label.substr(c.label.find('\n') + 1);
        }
        const auto fill = fills.find(CPLGetXMLValue(r, "symbol", ""));
        if (fill == fills.end())
            throw InputError("the QGIS style of " + quote_value(layer) + " has no fill colour for class " + quote_value(c.label));
        c.colour = fill->second.colour.hex;
        c.opacity = fill->second.colour.alpha * fill->second.symbol_alpha;
        c.outline = fill->second.outline;
        c.outline_mm = fill->second.outline_mm;
        legend.classes.push_back(c);
    }
    return legend;
}

std::string default_layer_qml(GDALDataset& ds, const std::string& layer) {
    OGRLayer* styles = ds.GetLayerByName("layer_styles");
    if (styles == nullptr) return "";
    std::string qml, when;
    bool found = false, as_default = false;
    styles->ResetReading();
    for (auto& f : *styles) {
        if (layer != f->GetFieldAsString("f_table_name")) continue;
        const bool d = f->GetFieldAsInteger("useAsDefault") != 0;
        const std::string t = f->GetFieldAsString("update_time");
        if (found && (d < as_default || (d == as_default && t < when))) continue;  // a tie: the later row
        found = true, as_default = d, when = t, qml = f->GetFieldAsString("styleQML");
    }
    return qml;
}

}  // namespace hotspot
