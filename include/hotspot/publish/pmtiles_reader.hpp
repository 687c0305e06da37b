#pragma once
// A PMTiles v3 reader written from the spec alone (header, gzip directories, varints, tile id
// deltas, offset zeroing, run lengths, leaf directories), not from publish/pmtiles_archive: the
// round-trip tests check the writer with it, and check-disclosure reads every tile with it.
#include <cstdint>
#include <map>
#include <string>

namespace hotspot {

struct PmtilesHeader {
    std::uint64_t root_offset = 0, root_length = 0, meta_offset = 0, meta_length = 0, leaf_offset = 0, leaf_length = 0,
                  data_offset = 0, data_length = 0;
    std::uint64_t addressed = 0, entries = 0, contents = 0;
    int clustered = 0, internal = 0, tile_compression = 0, tile_type = 0, min_zoom = 0, max_zoom = 0, center_zoom = 0;
    double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0, center_lon = 0, center_lat = 0;  // degrees
};

// The spec's compression codes (header bytes 97 and 98) and tile type (byte 99).
enum PmtilesCode : int { pmtiles_unknown = 0, pmtiles_none = 1, pmtiles_gzip = 2, pmtiles_brotli = 3, pmtiles_zstd = 4, pmtiles_mvt = 1 };

struct PmtilesArchive {
    PmtilesHeader header;
    std::string metadata;                        // the JSON metadata, decompressed
    std::map<std::uint64_t, std::string> tiles;  // every addressed tile id -> its bytes as stored
    std::size_t leaf_directories = 0, entries = 0;
};

// Reads the whole archive; throws InputError naming the file and what breaks the spec (or what
// this reader does not support: internal compression other than none or gzip).
PmtilesArchive read_pmtiles(const std::string& path);

// Bytes stored with compression `code` (none or gzip), decompressed; InputError otherwise.
std::string pmtiles_decompress(int code, const std::string& bytes);

// The inverse of pmtiles_tile_id: zoom, column and row of a tile id (to name a tile in messages).
struct PmtilesTileAddress {
    int z = 0;
    std::uint32_t x = 0, y = 0;
};
PmtilesTileAddress pmtiles_tile_address(std::uint64_t tile_id);

}  // namespace hotspot
