#pragma once
// A MapLibre style.json for the area layers of vector tiles, made from the QGIS styles the
// GeoPackage holds (layer_styles): one fill layer per legend class with a `filter` on the
// class range and a constant colour (QGIS 3.22's MapBox GL converter reads those; it skips
// `step`/`case`), then one outline layer per area layer. Classes, bounds and colours are
// those of the QML, so the web map and the QGIS map agree.
#include <string>
#include <vector>

namespace hotspot {

// "out/city.pmtiles" -> "out/city.style.json": where `run` writes the style of its PMTiles.
std::string style_path_beside(const std::string& tiles);

// The style for `layers` of `gpkg` drawn from a source at `tiles_url`: "pmtiles://FILE" gives
// {"type":"vector","url":...}; anything else is a {z}/{x}/{y} template ({"tiles":[...]}).
// Throws OutputError naming the layer when it has no graduated QGIS style.
std::string maplibre_style_json(const std::string& gpkg, const std::vector<std::string>& layers, const std::string& tiles_url,
                                int min_zoom, int max_zoom);

// The same, written to `path` (the temporary of `target`).
void write_maplibre_style(const std::string& gpkg, const std::vector<std::string>& layers, const std::string& tiles_url,
                          int min_zoom, int max_zoom, const std::string& path, const std::string& target);

}  // namespace hotspot
