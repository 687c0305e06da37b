// Plain or gzip bytes. zlib's gzread() is not used: it reads a truncated stream as a shorter
// file unless gzerror() is checked, and it silently ignores whatever follows the last gzip
// member. Here both are errors naming the file; concatenated members (cat a.gz b.gz) are
// one stream, as gzip -d reads them.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"

#include <zlib.h>

#include <climits>
#include <cstdio>
#include <vector>

namespace hotspot {

struct ByteReader::Impl {
    std::FILE* file = nullptr;
    bool gzip = false;
    bool in_member = false;   // inside a gzip member (header seen, end marker not yet)
    bool file_done = false;   // fread() has returned everything
    z_stream zs{};
    std::vector<unsigned char> in = std::vector<unsigned char>(1 << 18);
    std::uint64_t consumed = 0;  // compressed bytes passed to inflate, for messages
    Sha256Stream content;
    std::string content_sha256;

    ~Impl() {
        if (gzip) inflateEnd(&zs);
        if (file) std::fclose(file);
    }
    // Makes at least one unread compressed byte available; false at the end of the file.
    bool refill(const std::string& path) {
        if (zs.avail_in > 0) return true;
        if (file_done) return false;
        const std::size_t got = std::fread(in.data(), 1, in.size(), file);
        if (got < in.size()) {
            if (std::ferror(file)) throw InputError("cannot read " + quote_value(path));
            file_done = true;
        }
        zs.next_in = in.data();
        zs.avail_in = static_cast<uInt>(got);
        return got > 0;
    }
};

ByteReader::ByteReader(const std::string& path) : impl_(std::make_unique<Impl>()), path_(path) {
    impl_->file = std::fopen(path.c_str(), "rb");
    if (!impl_->file) throw InputError("cannot open input file " + quote_value(path));
    Impl& d = *impl_;
    d.refill(path);
    d.gzip = d.zs.avail_in >= 2 && d.in[0] == 0x1f && d.in[1] == 0x8b;
    if (d.gzip) {
        if (inflateInit2(&d.zs, 16 + MAX_WBITS) != Z_OK) throw InputError("zlib cannot start reading " + quote_value(path));
        d.in_member = true;
    }
}

ByteReader::~ByteReader() = default;

std::size_t ByteReader::read(char* buffer, std::size_t n) {
    Impl& d = *impl_;
    if (!d.gzip) {  // plain text: the bytes already read for the magic check come first
        std::size_t got = 0;
        if (d.zs.avail_in > 0) {
            got = std::min<std::size_t>(n, d.zs.avail_in);
            std::copy(d.zs.next_in, d.zs.next_in + got, buffer);
            d.zs.next_in += got;
            d.zs.avail_in -= static_cast<uInt>(got);
        }
        if (got < n && !d.file_done) {
            got += std::fread(buffer + got, 1, n - got, d.file);
            if (std::ferror(d.file)) throw InputError("cannot read " + quote_value(path_));
        }
        return got;
    }
    d.zs.next_out = reinterpret_cast<Bytef*>(buffer);
    d.zs.avail_out = static_cast<uInt>(std::min<std::size_t>(n, UINT_MAX));
    const uInt want = d.zs.avail_out;
    while (d.zs.avail_out == want) {
        if (!d.in_member) {
            // Between members: the file may end, or another member may start; anything else
            // was appended to the compressed data and would otherwise be ignored.
            if (!d.refill(path_)) {
                if (d.content_sha256.empty()) d.content_sha256 = d.content.hex_digest();
                return 0;
            }
            const bool magic = d.zs.next_in[0] == 0x1f && (d.zs.avail_in < 2 || d.zs.next_in[1] == 0x8b);
            if (!magic)
                throw InputError(quote_value(path_) + ": data that is not gzip follows the end of the gzip stream (at byte " +
                                 std::to_string(d.consumed) + "): a gzip file with something appended? Refusing to read part of it");
            inflateReset(&d.zs);
            d.in_member = true;
        }
        if (!d.refill(path_))
            throw InputError(quote_value(path_) + ": the gzip stream ends before its end marker, after " + std::to_string(d.consumed) +
                             " compressed bytes: the file is truncated (a download cut short?)");
        const uInt before = d.zs.avail_in;
        const int rc = inflate(&d.zs, Z_NO_FLUSH);
        d.consumed += before - d.zs.avail_in;
        if (rc == Z_STREAM_END) {
            d.in_member = false;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            throw InputError(quote_value(path_) + ": corrupt gzip data near compressed byte " + std::to_string(d.consumed) + ": " +
                             (d.zs.msg ? d.zs.msg : "zlib error " + std::to_string(rc)));
        }
    }
    const std::size_t got = want - d.zs.avail_out;
    d.content.update(buffer, got);
    return got;
}

bool ByteReader::compressed() const { return impl_->gzip; }

const std::string& ByteReader::content_sha256() const { return impl_->content_sha256; }

}  // namespace hotspot
