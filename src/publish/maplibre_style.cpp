#include "hotspot/publish/maplibre_style.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"

#include <cpl_minixml.h>
#include <gdal_priv.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

namespace fs = std::filesystem;

namespace hotspot {

namespace {

std::string json_text(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        }
        else if (c == '\n') out += "\\n";
        else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += buf;
        } else out += c;
    }
    return out + "\"";
}

// Appended piecewise: GCC 12 warns falsely (-Wrestrict) on "'" + string.
std::string sql_text(const std::string& s) {
    std::string out = "'";
    out += replace_all(s, "'", "''");
    out += '\'';
    return out;
}

// The default QML `layer` has in the GeoPackage's layer_styles.
std::string layer_qml(GDALDataset& ds, const std::string& layer, const std::string& gpkg) {
    const std::string sql = "SELECT styleQML FROM layer_styles WHERE f_table_name = " + sql_text(layer) + " AND useAsDefault ORDER BY id DESC LIMIT 1";
    CPLErrorReset();
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    std::string qml;
    if (result) {
        OGRFeatureUniquePtr f(result->GetNextFeature());
        if (f && f->IsFieldSetAndNotNull(0)) qml = f->GetFieldAsString(0);
        ds.ReleaseResultSet(result);
    }
    if (qml.empty())
        throw OutputError("cannot write a MapLibre style: " + quote_value(gpkg) + " has no QGIS style for layer " + quote_value(layer) +
                          " in layer_styles");
    return qml;
}

struct QmlClass {
    double lower = 0, upper = 0;
    std::string label, symbol;
};

struct QmlFill {
    std::string colour, outline;  // "r,g,b,a"
    double alpha = 1, outline_mm = 0.26;
};

struct QmlLegend {
    std::string attribute, title;
    std::vector<QmlClass> classes;
    std::map<std::string, QmlFill> symbols;
};

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
        throw OutputError("cannot write a MapLibre style: the QGIS style of " + quote_value(layer) + " has " + what + " " + quote_value(text));
    return v;
}

QmlLegend parse_graduated(const std::string& qml, const std::string& layer) {
    XmlPtr root(CPLParseXMLString(qml.c_str()), &CPLDestroyXMLNode);
    const CPLXMLNode* qgis = root ? CPLSearchXMLNode(root.get(), "=qgis") : nullptr;
    const CPLXMLNode* renderer = qgis ? CPLGetXMLNode(qgis, "renderer-v2") : nullptr;
    if (!renderer || !EQUAL(CPLGetXMLValue(renderer, "type", ""), "graduatedSymbol"))
        throw OutputError("cannot write a MapLibre style: the QGIS style of " + quote_value(layer) +
                          " is not a graduated (class range) map; only those are converted");
    QmlLegend legend;
    legend.attribute = CPLGetXMLValue(renderer, "attr", "");
    for (const CPLXMLNode* r = CPLGetXMLNode(renderer, "ranges") ? CPLGetXMLNode(renderer, "ranges")->psChild : nullptr; r; r = r->psNext) {
        if (r->eType != CXT_Element || !EQUAL(r->pszValue, "range")) continue;
        QmlClass c;
        c.lower = parse_number(CPLGetXMLValue(r, "lower", ""), "a class lower bound", layer);
        c.upper = parse_number(CPLGetXMLValue(r, "upper", ""), "a class upper bound", layer);
        c.symbol = CPLGetXMLValue(r, "symbol", "");
        c.label = CPLGetXMLValue(r, "label", "");
        if (legend.classes.empty() && c.label.find('\n') != std::string::npos) {  // the legend title is the first label's first line
            legend.title = c.label.substr(0, c.label.find('\n'));
            c.label = c.label.substr(c.label.find('\n') + 1);
        }
        legend.classes.push_back(c);
    }
    for (const CPLXMLNode* s = CPLGetXMLNode(renderer, "symbols") ? CPLGetXMLNode(renderer, "symbols")->psChild : nullptr; s; s = s->psNext) {
        if (s->eType != CXT_Element || !EQUAL(s->pszValue, "symbol")) continue;
        const CPLXMLNode* fill = CPLGetXMLNode(s, "layer");
        if (!fill) continue;
        QmlFill f;
        f.alpha = parse_number(CPLGetXMLValue(s, "alpha", "1"), "a symbol opacity", layer);
        f.colour = symbol_property(fill, "color");
        f.outline = symbol_property(fill, "outline_color");
        const std::string width = symbol_property(fill, "outline_width");
        if (!width.empty()) f.outline_mm = parse_number(width, "an outline width", layer);
        legend.symbols[CPLGetXMLValue(s, "name", "")] = f;
    }
    if (legend.attribute.empty() || legend.classes.empty())
        throw OutputError("cannot write a MapLibre style: the QGIS style of " + quote_value(layer) + " has no attribute or no classes");
    return legend;
}

struct Rgba {
    std::string hex;
    double alpha = 1;
};

Rgba parse_rgba(const std::string& text, const std::string& layer) {
    const auto parts = split(text, ',');
    if (parts.size() < 3) throw OutputError("cannot write a MapLibre style: the QGIS style of " + quote_value(layer) + " has the colour " + quote_value(text));
    char hex[8];
    int rgb[3];
    for (int i = 0; i < 3; ++i) rgb[i] = static_cast<int>(parse_number(std::string(trim(parts[static_cast<std::size_t>(i)])), "a colour part", layer));
    std::snprintf(hex, sizeof hex, "#%02x%02x%02x", rgb[0] & 0xff, rgb[1] & 0xff, rgb[2] & 0xff);
    const double a = parts.size() > 3 ? parse_number(std::string(trim(parts[3])), "a colour part", layer) / 255.0 : 1.0;
    return {hex, a};
}

// QGIS draws the first class with lower <= v <= upper; each later class starts where the
// previous one ends, so lower < v <= upper gives the same classes (classify.hpp).
std::string class_filter(const std::string& attribute, const QmlClass& c, bool first) {
    const std::string get = "[\"get\", " + json_text(attribute) + "]";
    return "[\"all\", [\"" + std::string(first ? ">=" : ">") + "\", " + get + ", " + format_exact(c.lower) + "], [\"<=\", " + get + ", " +
           format_exact(c.upper) + "]]";
}

}  // namespace

std::string style_path_beside(const std::string& tiles) {
    fs::path p(tiles);
    return (p.parent_path() / (p.stem().string() + ".style.json")).string();
}

std::string maplibre_style_json(const std::string& gpkg, const std::vector<std::string>& layers, const std::string& tiles_url,
                                int min_zoom, int max_zoom) {
    detail::ensure_gdal_registered();
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw OutputError("cannot open " + quote_value(gpkg) + " to read its QGIS styles: " + detail::last_gdal_error("GDAL error"));
    std::string fills, outlines, legends;
    for (const auto& layer : layers) {
        const QmlLegend legend = parse_graduated(layer_qml(*ds, layer, gpkg), layer);
        std::string classes;
        std::string outline = "#5a5a5a";
        double outline_mm = 0.26;
        for (std::size_t k = 0; k < legend.classes.size(); ++k) {
            const QmlClass& c = legend.classes[k];
            const auto s = legend.symbols.find(c.symbol);
            if (s == legend.symbols.end() || s->second.colour.empty())
                throw OutputError("cannot write a MapLibre style: the QGIS style of " + quote_value(layer) + " has no fill colour for class " + quote_value(c.label));
            const Rgba colour = parse_rgba(s->second.colour, layer);
            if (k == 0 && !s->second.outline.empty()) {
                outline = parse_rgba(s->second.outline, layer).hex;
                outline_mm = s->second.outline_mm;
            }
            const std::string id = layer + " class " + std::to_string(k + 1) + ": " + c.label;
            fills += std::string(fills.empty() ? "" : ",\n") + "    {\"id\": " + json_text(id) + ", \"type\": \"fill\", \"source\": \"hotspot\", \"source-layer\": " +
                     json_text(layer) + ",\n     \"filter\": " + class_filter(legend.attribute, c, k == 0) +
                     ",\n     \"paint\": {\"fill-color\": " + json_text(colour.hex) + ", \"fill-opacity\": " +
                     format_exact(std::round(colour.alpha * s->second.alpha * 1000) / 1000) + "}}";
            classes += std::string(classes.empty() ? "" : ", ") + "{\"label\": " + json_text(c.label) + ", \"lower\": " + format_exact(c.lower) +
                       ", \"upper\": " + format_exact(c.upper) + ", \"color\": " + json_text(colour.hex) + "}";
        }
        // Outlines as QGIS draws them: its width in mm at 96 dpi, at least a hairline.
        const double px = std::max(0.5, std::round(outline_mm * 96 / 25.4 * 100) / 100);
        outlines += ",\n    {\"id\": " + json_text(layer + " outline") + ", \"type\": \"line\", \"source\": \"hotspot\", \"source-layer\": " +
                    json_text(layer) + ",\n     \"paint\": {\"line-color\": " + json_text(outline) + ", \"line-width\": " + format_exact(px) + "}}";
        legends += std::string(legends.empty() ? "" : ",\n") + "      " + json_text(layer) + ": {\"attribute\": " + json_text(legend.attribute) +
                   ", \"title\": " + json_text(legend.title) + ",\n        \"classes\": [" + classes + "]}";
    }
    const bool pmtiles = tiles_url.starts_with("pmtiles://");
    const std::string source = pmtiles ? "{\"type\": \"vector\", \"url\": " + json_text(tiles_url) + "}"
                                       : "{\"type\": \"vector\", \"tiles\": [" + json_text(tiles_url) + "], \"minzoom\": " + std::to_string(min_zoom) +
                                             ", \"maxzoom\": " + std::to_string(max_zoom) + "}";
    return "{\n  \"version\": 8,\n  \"name\": \"hotspot areas\",\n"
           "  \"metadata\": {\"hotspot:legends\": {\n" + legends + "\n  }},\n"
           "  \"sources\": {\"hotspot\": " + source + "},\n"
           "  \"layers\": [\n" + fills + outlines + "\n  ]\n}\n";
}

void write_maplibre_style(const std::string& gpkg, const std::vector<std::string>& layers, const std::string& tiles_url,
                          int min_zoom, int max_zoom, const std::string& path, const std::string& target) {
    write_text_file(path, maplibre_style_json(gpkg, layers, tiles_url, min_zoom, max_zoom), target);
}

}  // namespace hotspot
