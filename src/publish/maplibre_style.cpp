#include "hotspot/publish/maplibre_style.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/qml_legend.hpp"

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

// The default QML `layer` has in the GeoPackage's layer_styles.
std::string layer_qml(GDALDataset& ds, const std::string& layer, const std::string& gpkg) {
    const std::string qml = default_layer_qml(ds, layer);
    if (qml.empty())
        throw OutputError("cannot write a MapLibre style: " + quote_value(gpkg) + " has no QGIS style for layer " + quote_value(layer) +
                          " in layer_styles");
    return qml;
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
        const std::optional<QmlLegend> read = graduated_qml_legend(layer_qml(*ds, layer, gpkg), layer);
        if (!read) throw OutputError("cannot write a MapLibre style: the QGIS style of " + quote_value(layer) + " is not a graduated (class range) map; only those are converted");
        const QmlLegend& legend = *read;
        if (legend.attribute.empty() || legend.classes.empty())
            throw OutputError("cannot write a MapLibre style: the QGIS style of " + quote_value(layer) + " has no attribute or no classes");
        std::string classes;
        std::string outline = "#5a5a5a";
        double outline_mm = 0.26;
        for (std::size_t k = 0; k < legend.classes.size(); ++k) {
            const QmlClass& c = legend.classes[k];
            if (k == 0 && !c.outline.empty()) {
                outline = c.outline;
                outline_mm = c.outline_mm;
            }
            const std::string id = layer + " class " + std::to_string(k + 1) + ": " + c.label;
            fills += std::string(fills.empty() ? "" : ",\n") + "    {\"id\": " + json_text(id) + ", \"type\": \"fill\", \"source\": \"hotspot\", \"source-layer\": " +
                     json_text(layer) + ",\n     \"filter\": " + class_filter(legend.attribute, c, k == 0) +
                     ",\n     \"paint\": {\"fill-color\": " + json_text(c.colour) + ", \"fill-opacity\": " +
                     format_exact(std::round(c.opacity * 1000) / 1000) + "}}";
            classes += std::string(classes.empty() ? "" : ", ") + "{\"label\": " + json_text(c.label) + ", \"lower\": " + format_exact(c.lower) +
                       ", \"upper\": " + format_exact(c.upper) + ", \"color\": " + json_text(c.colour) + "}";
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
