// Packing tiles into a PMTiles v3 archive (spec/v3/spec.md of github.com/protomaps/PMTiles):
// header, root directory, metadata, leaf directories, tile data, in that order.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/pmtiles.hpp"
#include "publish/pmtiles_gzip.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <tuple>
#include <unordered_map>

namespace hotspot {

namespace {

constexpr std::size_t header_size = 127;
constexpr std::size_t root_limit = 16384;  // header + root: what latency-optimised clients fetch first
constexpr std::uint8_t compression_gzip = 2, tile_type_mvt = 1;

struct Entry {
    std::uint64_t tile_id = 0, offset = 0;
    std::uint32_t length = 0, run_length = 0;  // run_length 0: a leaf directory
};

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

// Columnar: count, tile id deltas, run lengths, lengths, offsets (0 when contiguous with the
// previous entry, else offset + 1); then gzip.
std::string serialize_directory(const std::vector<Entry>& entries) {
    std::string out;
    put_varint(out, entries.size());
    std::uint64_t last = 0;
    for (const auto& e : entries) {
        put_varint(out, e.tile_id - last);
        last = e.tile_id;
    }
    for (const auto& e : entries) put_varint(out, e.run_length);
    for (const auto& e : entries) put_varint(out, e.length);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const bool contiguous = i > 0 && entries[i].offset == entries[i - 1].offset + entries[i - 1].length;
        put_varint(out, contiguous ? 0 : entries[i].offset + 1);
    }
    return detail::gzip_bytes(out);
}

struct Directories {
    std::string root, leaves;
};

// One root when it fits beside the header in 16 KiB; otherwise leaves of `leaf_size` entries
// (doubled until the root of leaf pointers fits).
Directories build_directories(const std::vector<Entry>& entries) {
    Directories d{serialize_directory(entries), ""};
    if (header_size + d.root.size() <= root_limit) return d;
    for (std::size_t leaf_size = 4096;; leaf_size *= 2) {
        std::vector<Entry> root;
        d.leaves.clear();
        for (std::size_t start = 0; start < entries.size(); start += leaf_size) {
            const std::size_t end = std::min(entries.size(), start + leaf_size);
            const std::string leaf = serialize_directory({entries.begin() + static_cast<std::ptrdiff_t>(start),
                                                          entries.begin() + static_cast<std::ptrdiff_t>(end)});
            root.push_back({entries[start].tile_id, d.leaves.size(), static_cast<std::uint32_t>(leaf.size()), 0});
            d.leaves += leaf;
        }
        d.root = serialize_directory(root);
        if (header_size + d.root.size() <= root_limit) return d;
        if (leaf_size > entries.size()) throw OutputError("cannot fit the PMTiles root directory in 16 KiB");
    }
}

void put_le(std::string& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::int32_t e7(double degrees) { return static_cast<std::int32_t>(std::lround(degrees * 1e7)); }

}  // namespace

std::uint64_t pmtiles_tile_id(int z, std::uint32_t x, std::uint32_t y) {
    if (z < 0 || z > 31) throw OutputError("PMTiles zoom " + std::to_string(z) + " is outside 0..31");
    const std::uint64_t n = std::uint64_t{1} << z;
    if (x >= n || y >= n) throw OutputError("tile " + std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y) + " is outside its zoom");
    std::uint64_t id = ((n * n) - 1) / 3;  // tiles of all lower zooms
    std::uint64_t tx = x, ty = y;
    for (std::uint64_t s = n / 2; s > 0; s /= 2) {  // the classic xy -> Hilbert distance
        const std::uint64_t rx = (tx & s) ? 1 : 0, ry = (ty & s) ? 1 : 0;
        id += s * s * ((3 * rx) ^ ry);
        if (ry == 0) {
            if (rx == 1) {
                tx = n - 1 - tx;
                ty = n - 1 - ty;
            }
            std::swap(tx, ty);
        }
    }
    return id;
}

void write_pmtiles_archive(const std::string& path, std::vector<PmtilesTile> tiles, const PmtilesArchiveInfo& info,
                           const std::string& target) {
    const std::string what = quote_value(target.empty() ? path : target);
    if (tiles.empty()) throw OutputError("cannot write " + what + ": there are no tiles (the layers have no features at these zooms)");
    std::vector<std::pair<std::uint64_t, std::size_t>> order;
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        if (tiles[i].data.empty())
            throw OutputError("cannot write " + what + ": tile " + std::to_string(tiles[i].z) + "/" + std::to_string(tiles[i].x) + "/" +
                              std::to_string(tiles[i].y) + " is empty (PMTiles entries must have a length)");
        order.emplace_back(pmtiles_tile_id(tiles[i].z, tiles[i].x, tiles[i].y), i);
    }
    std::sort(order.begin(), order.end());
    // Tile data in tile id order (clustered); a content seen before reuses its offset and
    // extends the previous entry's run when it also follows it on the curve.
    std::string data;
    std::unordered_map<std::string, std::uint64_t> seen;
    std::vector<Entry> entries;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto [id, i] = order[k];
        if (k > 0 && order[k - 1].first == id)
            throw OutputError("cannot write " + what + ": tile " + std::to_string(tiles[i].z) + "/" + std::to_string(tiles[i].x) + "/" +
                              std::to_string(tiles[i].y) + " is given twice");
        std::string& bytes = tiles[i].data;
        const auto [it, added] = seen.try_emplace(bytes, data.size());
        if (added) data += bytes;
        if (!entries.empty() && entries.back().offset == it->second && entries.back().tile_id + entries.back().run_length == id)
            ++entries.back().run_length;
        else
            entries.push_back({id, it->second, static_cast<std::uint32_t>(bytes.size()), 1});
        std::string().swap(bytes);
    }
    const Directories dirs = build_directories(entries);
    const std::string metadata = detail::gzip_bytes(info.metadata_json);

    const std::uint64_t root_at = header_size, meta_at = root_at + dirs.root.size(), leaves_at = meta_at + metadata.size(),
                        data_at = leaves_at + dirs.leaves.size();
    std::string out = "PMTiles";
    out.push_back(3);
    for (std::uint64_t v : {root_at, std::uint64_t{dirs.root.size()}, meta_at, std::uint64_t{metadata.size()}, leaves_at,
                            std::uint64_t{dirs.leaves.size()}, data_at, std::uint64_t{data.size()}, std::uint64_t{order.size()},
                            std::uint64_t{entries.size()}, std::uint64_t{seen.size()}})
        put_le(out, v, 8);
    out.push_back(1);  // clustered
    out.push_back(static_cast<char>(compression_gzip));  // internal: directories and metadata
    out.push_back(static_cast<char>(compression_gzip));  // tiles
    out.push_back(static_cast<char>(tile_type_mvt));
    out.push_back(static_cast<char>(info.min_zoom));
    out.push_back(static_cast<char>(info.max_zoom));
    for (double deg : {info.min_lon, info.min_lat, info.max_lon, info.max_lat}) put_le(out, static_cast<std::uint32_t>(e7(deg)), 4);
    out.push_back(static_cast<char>(std::clamp(info.center_zoom, info.min_zoom, info.max_zoom)));
    put_le(out, static_cast<std::uint32_t>(e7(info.center_lon)), 4);
    put_le(out, static_cast<std::uint32_t>(e7(info.center_lat)), 4);
    out += dirs.root;
    out += metadata;
    out += dirs.leaves;
    out += data;
    write_text_file(path, out, target);
}

}  // namespace hotspot
