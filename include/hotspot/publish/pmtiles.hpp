#pragma once
// One PMTiles v3 archive (https://github.com/protomaps/PMTiles, spec/v3/spec.md) of vector
// tiles: GDAL's MVT driver makes the tiles, this packs them with Hilbert tile ids, a root
// directory (and leaf directories when the root would pass 16,384 bytes), the TileJSON-style
// metadata and identical tiles stored once.
#include "hotspot/publish/output_set.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hotspot {

// Vector tiles of the named layers of a GeoPackage as one PMTiles file at `path` (the
// temporary of `target` in an OutputSet); same shape as write_vector_tiles.
void write_pmtiles(const std::string& gpkg, const std::vector<std::string>& layers, const std::string& path,
                   const std::string& target, int min_zoom, int max_zoom, const std::string& run_id);

// write_pmtiles to the temporary of `target` and, unless `style_target` is empty, the MapLibre
// style of the same layers to its temporary, its source "pmtiles://" + the archive's path
// relative to the style's folder. Both targets were claimed in `outputs` before the work.
void write_pmtiles_and_style(const std::string& gpkg, const std::vector<std::string>& layers, const std::string& target,
                             const std::string& style_target, int min_zoom, int max_zoom, OutputSet& outputs);

// --- the parts, for tests -------------------------------------------------------------

// The spec's tile id: tiles of lower zooms first, then the position on the Hilbert curve.
std::uint64_t pmtiles_tile_id(int z, std::uint32_t x, std::uint32_t y);

struct PmtilesTile {
    int z = 0;
    std::uint32_t x = 0, y = 0;
    std::string data;  // as stored (gzip-compressed MVT)
};

struct PmtilesArchiveInfo {
    int min_zoom = 0, max_zoom = 0, center_zoom = 0;
    double min_lon = -180, min_lat = -85, max_lon = 180, max_lat = 85, center_lon = 0, center_lat = 0;  // degrees
    std::string metadata_json = "{}";
};

// Packs `tiles` (any order; duplicates of the same z/x/y are an error) into a PMTiles v3 file.
void write_pmtiles_archive(const std::string& path, std::vector<PmtilesTile> tiles, const PmtilesArchiveInfo& info,
                           const std::string& target);

}  // namespace hotspot
