// Reading a PMTiles v3 archive from spec/v3/spec.md of github.com/protomaps/PMTiles, apart from
// the writer (pmtiles_archive) so that a round trip through both can show a mistake in either.
#include "hotspot/publish/pmtiles_reader.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "publish/varint.hpp"

#include <zlib.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace hotspot {

namespace {

constexpr std::size_t header_size = 127;
constexpr int max_directory_depth = 3;  // the spec's root, leaves, and leaves of leaves at most

struct Entry {
    std::uint64_t tile_id = 0, offset = 0, length = 0, run_length = 0;
};

class Reader {
public:
    explicit Reader(const std::string& path) : path_(path) {}

    [[noreturn]] void fail(const std::string& what) const { throw InputError(quote_value(path_) + " is not a PMTiles v3 archive this reader can read: " + what); }

    std::uint64_t little_endian(const std::string& b, std::size_t at, int n) const {
        std::uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
        return v;
    }
    double e7(const std::string& b, std::size_t at) const {
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(little_endian(b, at, 4))) / 1e7;
    }

    std::uint64_t varint(const std::string& b, std::size_t& pos) const {
        std::uint64_t v = 0;
        if (!detail::read_varint(b, pos, v)) fail("a directory ends inside a number, or holds one longer than 64 bits");
        return v;
    }

    std::string section(const std::string& b, std::uint64_t offset, std::uint64_t length, const char* what) const {
        if (offset > b.size() || length > b.size() - offset)
            fail(std::string(what) + " at byte " + std::to_string(offset) + " (" + std::to_string(length) + " bytes) lies past the end of the file (" +
                 std::to_string(b.size()) + " bytes)");
        return b.substr(offset, length);
    }

    // Columnar: count, tile id deltas, run lengths, lengths, offsets (0: right after the previous entry).
    std::vector<Entry> directory(const std::string& stored, int internal) const {
        const std::string b = pmtiles_decompress(internal, stored);
        std::size_t pos = 0;
        const std::uint64_t n = varint(b, pos);
        if (n == 0) fail("an empty directory");
        if (n > b.size()) fail("a directory claims " + std::to_string(n) + " entries in " + std::to_string(b.size()) + " bytes");
        std::vector<Entry> e(n);
        std::uint64_t id = 0;
        for (auto& x : e) x.tile_id = id += varint(b, pos);
        for (auto& x : e) x.run_length = varint(b, pos);
        for (auto& x : e) x.length = varint(b, pos);
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t v = varint(b, pos);
            if (v == 0 && i == 0) fail("the first entry of a directory has no offset");
            e[i].offset = v == 0 ? e[i - 1].offset + e[i - 1].length : v - 1;
        }
        if (pos != b.size()) fail("bytes after the end of a directory");
        return e;
    }

    void walk(PmtilesArchive& a, const std::string& b, const std::vector<Entry>& dir, int depth) const {
        if (depth > max_directory_depth) fail("directories nested deeper than " + std::to_string(max_directory_depth));
        const PmtilesHeader& h = a.header;
        for (const auto& e : dir) {
            if (e.length == 0) fail("an entry of length 0 (tile id " + std::to_string(e.tile_id) + ")");
            if (e.run_length == 0) {
                ++a.leaf_directories;
                if (e.offset + e.length > h.leaf_length) fail("a leaf directory past the leaf section");
                walk(a, b, directory(section(b, h.leaf_offset + e.offset, e.length, "a leaf directory"), h.internal), depth + 1);
                continue;
            }
            ++a.entries;
            if (e.offset + e.length > h.data_length) fail("tile id " + std::to_string(e.tile_id) + " lies past the data section");
            const std::string tile = b.substr(h.data_offset + e.offset, e.length);
            for (std::uint64_t k = 0; k < e.run_length; ++k)
                if (!a.tiles.emplace(e.tile_id + k, tile).second) fail("tile id " + std::to_string(e.tile_id + k) + " is listed twice");
        }
    }

    PmtilesArchive read() const {
        std::ifstream in(path_, std::ios::binary);
        if (!in) throw InputError("cannot open " + quote_value(path_));
        std::ostringstream s;
        s << in.rdbuf();
        const std::string b = s.str();
        if (b.size() < header_size || b.compare(0, 7, "PMTiles") != 0) fail("it does not start with the 127-byte PMTiles header");
        if (b[7] != 3) fail("spec version " + std::to_string(static_cast<unsigned char>(b[7])) + ", not 3");
        PmtilesArchive a;
        PmtilesHeader& h = a.header;
        h.root_offset = little_endian(b, 8, 8), h.root_length = little_endian(b, 16, 8);
        h.meta_offset = little_endian(b, 24, 8), h.meta_length = little_endian(b, 32, 8);
        h.leaf_offset = little_endian(b, 40, 8), h.leaf_length = little_endian(b, 48, 8);
        h.data_offset = little_endian(b, 56, 8), h.data_length = little_endian(b, 64, 8);
        h.addressed = little_endian(b, 72, 8), h.entries = little_endian(b, 80, 8), h.contents = little_endian(b, 88, 8);
        h.clustered = b[96], h.internal = b[97], h.tile_compression = b[98], h.tile_type = b[99];
        h.min_zoom = static_cast<unsigned char>(b[100]), h.max_zoom = static_cast<unsigned char>(b[101]);
        h.min_lon = e7(b, 102), h.min_lat = e7(b, 106), h.max_lon = e7(b, 110), h.max_lat = e7(b, 114);
        h.center_zoom = static_cast<unsigned char>(b[118]), h.center_lon = e7(b, 119), h.center_lat = e7(b, 123);
        section(b, h.data_offset, h.data_length, "the tile data");
        section(b, h.leaf_offset, h.leaf_length, "the leaf directories");
        a.metadata = pmtiles_decompress(h.internal, section(b, h.meta_offset, h.meta_length, "the metadata"));
        walk(a, b, directory(section(b, h.root_offset, h.root_length, "the root directory"), h.internal), 0);
        return a;
    }

private:
    std::string path_;
};

std::string gunzip(const std::string& in) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) throw InputError("zlib cannot start inflating");
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
            throw InputError("bytes that should be gzip are not (zlib: " + std::string(z.msg ? z.msg : "truncated") + ")");
        }
        out.append(buf, sizeof buf - z.avail_out);
    }
    const bool rest = z.avail_in != 0;
    inflateEnd(&z);
    if (rest) throw InputError("bytes after the end of a gzip stream");
    return out;
}

}  // namespace

std::string pmtiles_decompress(int code, const std::string& bytes) {
    if (code == pmtiles_none) return bytes;
    if (code == pmtiles_gzip) return gunzip(bytes);
    throw InputError("PMTiles compression " + std::to_string(code) + (code == pmtiles_brotli ? " (brotli)" : code == pmtiles_zstd ? " (zstd)" : " (unknown)") +
                     " is not supported: only none (1) and gzip (2)");
}

PmtilesArchive read_pmtiles(const std::string& path) {
    try {
        return Reader(path).read();
    } catch (const InputError& e) {
        const std::string what = e.what();
        if (what.find(quote_value(path)) != std::string::npos) throw;
        throw InputError(quote_value(path) + ": " + what);  // name the file in a decompression error too
    }
}

PmtilesTileAddress pmtiles_tile_address(std::uint64_t tile_id) {
    PmtilesTileAddress a;
    std::uint64_t first = 0;  // the id of zoom z's first tile: (4^z - 1) / 3
    for (a.z = 0;; ++a.z) {
        if (a.z > 31) throw InputError("PMTiles tile id " + std::to_string(tile_id) + " is past zoom 31");
        const std::uint64_t tiles = std::uint64_t{1} << (2 * a.z);
        if (tile_id < first + tiles) break;
        first += tiles;
    }
    const std::uint64_t n = std::uint64_t{1} << a.z;
    std::uint64_t d = tile_id - first, x = 0, y = 0;
    for (std::uint64_t s = 1; s < n; s *= 2) {  // the classic Hilbert distance -> xy
        const std::uint64_t rx = 1 & (d / 2), ry = 1 & (d ^ rx);
        if (ry == 0) {
            if (rx == 1) {
                x = s - 1 - x;
                y = s - 1 - y;
            }
            std::swap(x, y);
        }
        x += s * rx;
        y += s * ry;
        d /= 4;
    }
    a.x = static_cast<std::uint32_t>(x);
    a.y = static_cast<std::uint32_t>(y);
    return a;
}

}  // namespace hotspot
