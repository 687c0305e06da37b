#pragma once
// A PMTiles v3 reader written for the tests from the spec alone (header, gzip directories,
// varints, tile id deltas, offset zeroing, run lengths, leaf directories), to check what
// publish/pmtiles writes without using its code.
#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace pmtiles_test {

inline std::string gunzip(const std::string& in) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) throw std::runtime_error("inflateInit2");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    std::string out;
    char buf[65536];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&z);
            throw std::runtime_error("not gzip");
        }
        out.append(buf, sizeof buf - z.avail_out);
    }
    const bool rest = z.avail_in != 0;
    inflateEnd(&z);
    if (rest) throw std::runtime_error("bytes after the gzip stream");
    return out;
}

struct Header {
    std::uint64_t root_offset, root_length, meta_offset, meta_length, leaf_offset, leaf_length, data_offset, data_length;
    std::uint64_t addressed, entries, contents;
    int clustered, internal, tile_compression, tile_type, min_zoom, max_zoom, center_zoom;
    double min_lon, min_lat, max_lon, max_lat, center_lon, center_lat;
};

struct Entry {
    std::uint64_t tile_id, offset, length, run_length;
};

struct Archive {
    std::string bytes;
    Header h{};
    std::string metadata;
    std::map<std::uint64_t, std::string> tiles;  // every addressed tile id -> its stored bytes
    std::size_t leaf_directories = 0, entries = 0;
};

inline std::uint64_t le(const std::string& b, std::size_t at, int n) {
    std::uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b.at(at + static_cast<std::size_t>(i)));
    return v;
}
inline double e7(const std::string& b, std::size_t at) { return static_cast<std::int32_t>(static_cast<std::uint32_t>(le(b, at, 4))) / 1e7; }

inline std::uint64_t varint(const std::string& b, std::size_t& pos) {
    std::uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        const unsigned char c = static_cast<unsigned char>(b.at(pos++));
        v |= static_cast<std::uint64_t>(c & 0x7f) << shift;
        if (!(c & 0x80)) return v;
        if (shift > 63) throw std::runtime_error("varint too long");
    }
}

inline std::vector<Entry> directory(const std::string& compressed) {
    const std::string b = gunzip(compressed);
    std::size_t pos = 0;
    const std::uint64_t n = varint(b, pos);
    if (n == 0) throw std::runtime_error("empty directory");
    std::vector<Entry> e(n);
    std::uint64_t id = 0;
    for (auto& x : e) x.tile_id = id += varint(b, pos);
    for (auto& x : e) x.run_length = varint(b, pos);
    for (auto& x : e) x.length = varint(b, pos);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t v = varint(b, pos);
        if (v == 0 && i == 0) throw std::runtime_error("first offset zeroed");
        e[i].offset = v == 0 ? e[i - 1].offset + e[i - 1].length : v - 1;
    }
    if (pos != b.size()) throw std::runtime_error("bytes after the directory");
    return e;
}

inline void walk(Archive& a, const std::vector<Entry>& dir, int depth) {
    if (depth > 3) throw std::runtime_error("directories nested too deep");
    for (const auto& e : dir) {
        if (e.length == 0) throw std::runtime_error("entry of length 0");
        if (e.run_length == 0) {
            ++a.leaf_directories;
            walk(a, directory(a.bytes.substr(a.h.leaf_offset + e.offset, e.length)), depth + 1);
            continue;
        }
        ++a.entries;
        if (e.offset + e.length > a.h.data_length) throw std::runtime_error("tile past the data section");
        const std::string tile = a.bytes.substr(a.h.data_offset + e.offset, e.length);
        for (std::uint64_t k = 0; k < e.run_length; ++k)
            if (!a.tiles.emplace(e.tile_id + k, tile).second) throw std::runtime_error("tile id listed twice");
    }
}

inline Archive read(const std::string& path) {
    Archive a;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    a.bytes = s.str();
    const std::string& b = a.bytes;
    if (b.size() < 127 || b.compare(0, 7, "PMTiles") != 0 || b[7] != 3) throw std::runtime_error("not PMTiles v3");
    Header& h = a.h;
    h.root_offset = le(b, 8, 8), h.root_length = le(b, 16, 8), h.meta_offset = le(b, 24, 8), h.meta_length = le(b, 32, 8);
    h.leaf_offset = le(b, 40, 8), h.leaf_length = le(b, 48, 8), h.data_offset = le(b, 56, 8), h.data_length = le(b, 64, 8);
    h.addressed = le(b, 72, 8), h.entries = le(b, 80, 8), h.contents = le(b, 88, 8);
    h.clustered = b[96], h.internal = b[97], h.tile_compression = b[98], h.tile_type = b[99];
    h.min_zoom = static_cast<unsigned char>(b[100]), h.max_zoom = static_cast<unsigned char>(b[101]);
    h.min_lon = e7(b, 102), h.min_lat = e7(b, 106), h.max_lon = e7(b, 110), h.max_lat = e7(b, 114);
    h.center_zoom = static_cast<unsigned char>(b[118]), h.center_lon = e7(b, 119), h.center_lat = e7(b, 123);
    if (h.data_offset + h.data_length != b.size()) throw std::runtime_error("the data section does not end the file");
    a.metadata = gunzip(b.substr(h.meta_offset, h.meta_length));
    walk(a, directory(b.substr(h.root_offset, h.root_length)), 0);
    return a;
}

}  // namespace pmtiles_test
