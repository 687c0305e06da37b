#pragma once
// Reading one Mapbox Vector Tile (vector-tile-spec 2.1: protobuf Tile > Layer > Feature) into
// layers of features with their properties and geometry type; the geometry itself is not
// decoded. Written from the spec, no protobuf library: what check-disclosure needs of a tile.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hotspot {

struct MvtValue {
    enum class Kind { text, real, integer, boolean } kind = Kind::text;
    std::string text;
    double real = 0;           // float and double values
    std::int64_t integer = 0;  // int64, sint64 and uint64 values (uint64 above 2^63-1 read as real)
    bool boolean = false;
    std::string to_string() const;  // as written: text as is, numbers in full precision
};

enum class MvtGeometry { unknown = 0, point = 1, linestring = 2, polygon = 3 };

struct MvtFeature {
    std::optional<std::uint64_t> id;
    MvtGeometry type = MvtGeometry::unknown;
    std::vector<std::pair<std::string, MvtValue>> properties;  // in the tile's tag order
};

struct MvtLayer {
    std::string name;
    std::uint32_t version = 1, extent = 4096;
    std::vector<MvtFeature> features;
};

// The layers of an uncompressed tile; throws InputError saying what is malformed (the caller
// names the file and tile).
std::vector<MvtLayer> read_mvt(const std::string& tile);

}  // namespace hotspot
