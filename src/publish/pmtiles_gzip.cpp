#include "publish/pmtiles_gzip.hpp"

#include "hotspot/base/errors.hpp"

#include <zlib.h>

namespace hotspot::detail {

std::string gzip_bytes(const std::string& bytes) {
    z_stream z{};
    // windowBits 15 + 16: a gzip wrapper (header with mtime 0, CRC-32 and size trailer).
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw OutputError("cannot start gzip compression");
    std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw OutputError("gzip compression failed");
    return out;
}

}  // namespace hotspot::detail
