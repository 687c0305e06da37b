// Plain or gzip bytes. zlib's gzread() is not used: it reads a truncated stream as a shorter
// file unless gzerror() is checked, and it silently ignores whatever follows the last gzip
// member. Here both are errors naming the file; concatenated members (cat a.gz b.gz) are
// one stream, as gzip -d reads them.
//
// Two ways to inflate, one behaviour. A gzip file of up to whole_gzip_limit bytes whose content
// fits whole_content_limit is inflated at once by libdeflate (about 2.5x zlib's speed, but it
// needs the whole input and output in memory: a monthly police.uk file is ~6 MB of gzip and
// ~25 MB of text). Anything libdeflate does not finish cleanly (a corrupt or truncated member,
// bytes after the last member, a header CRC, which libdeflate skips unchecked, a content
// larger than the limit) is read again from the start by zlib's streaming inflate, which
// accepts or refuses it exactly as before and gives the same messages.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"
#include "hotspot/read/read_profile.hpp"

#include <libdeflate.h>
#include <sys/stat.h>
#include <zlib.h>

#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace hotspot {

namespace {

constexpr std::uint64_t whole_gzip_limit = std::uint64_t{128} << 20;     // compressed bytes
constexpr std::uint64_t whole_content_limit = std::uint64_t{512} << 20;  // decompressed bytes

thread_local ByteBuffer spare_buffer;  // see ByteReader::recycle

struct DecompressorDeleter {
    void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

// The content of a complete gzip file held in memory, or nothing when libdeflate cannot take
// it cleanly (see the top of the file: zlib then decides and explains).
std::optional<ByteBuffer> inflate_whole(const ByteBuffer& compressed) {
    const auto* gz = reinterpret_cast<const unsigned char*>(compressed.data());
    const std::size_t gz_size = compressed.size();
    if (gz_size < 18) return std::nullopt;  // smaller than the smallest member
    // ISIZE of the last member: the size of a single-member file's content (mod 2^32).
    std::uint64_t capacity = std::uint64_t{gz[gz_size - 4]} | std::uint64_t{gz[gz_size - 3]} << 8 |
                             std::uint64_t{gz[gz_size - 2]} << 16 | std::uint64_t{gz[gz_size - 1]} << 24;
    capacity = std::max<std::uint64_t>(capacity, 4096);
    if (capacity > whole_content_limit) return std::nullopt;
    static thread_local std::unique_ptr<libdeflate_decompressor, DecompressorDeleter> decompressor(libdeflate_alloc_decompressor());
    if (!decompressor) return std::nullopt;
    ByteBuffer out = std::move(spare_buffer);
    out.clear();
    out.reserve_tail(capacity);
    std::size_t at = 0;
    while (at < gz_size) {
        const std::size_t left = gz_size - at;
        if (left < 4 || gz[at] != 0x1f || gz[at + 1] != 0x8b) return std::nullopt;  // not a member
        if (gz[at + 3] & 0x02) return std::nullopt;  // FHCRC: zlib checks the header CRC, libdeflate does not
        std::size_t used_in = 0, produced = 0;
        const libdeflate_result r = libdeflate_gzip_decompress_ex(decompressor.get(), gz + at, left, out.data() + out.size(),
                                                                  out.capacity() - out.size(), &used_in, &produced);
        if (r == LIBDEFLATE_INSUFFICIENT_SPACE) {  // several members, or ISIZE wrapped: more room, same member again
            if (out.capacity() * 2 > whole_content_limit) return std::nullopt;
            out.reserve_tail(out.capacity() * 2 - out.size());
            continue;
        }
        if (r != LIBDEFLATE_SUCCESS) {
            spare_buffer = std::move(out);
            return std::nullopt;
        }
        at += used_in;
        out.commit(produced);
    }
    return out;
}

}  // namespace

struct ByteReader::Impl {
    std::FILE* file = nullptr;
    bool gzip = false;
    bool in_member = false;   // inside a gzip member (header seen, end marker not yet)
    bool file_done = false;   // fread() has returned everything
    z_stream zs{};
    bool zs_ready = false;
    static constexpr std::size_t in_size = 1 << 18;
    std::unique_ptr<unsigned char[]> in{new unsigned char[in_size]};  // not cleared: fread fills what is used
    std::uint64_t consumed = 0;  // compressed bytes passed to inflate, for messages
    ContentFingerprint content;
    std::optional<ByteBuffer> whole;  // the content, when inflated at once
    std::size_t whole_read = 0;       // of it, bytes handed out by read()

    // CRC-32 with libdeflate's carry-less-multiply code: ~20x SHA-256's speed here, which
    // cost 14% of the CPU of reading 10 million rows only to catch a month given twice.
    void fingerprint(const void* bytes, std::size_t n) {
        const detail::CpuTimer timer(detail::ReadCounter::content_checksum_ns);
        content.crc32 = libdeflate_crc32(content.crc32, bytes, n);
        content.bytes += n;
    }
    ~Impl() {
        if (zs_ready) inflateEnd(&zs);
        if (file) std::fclose(file);
    }
    // Makes at least one unread compressed byte available; false at the end of the file.
    bool refill(const std::string& path) {
        if (zs.avail_in > 0) return true;
        if (file_done) return false;
        const std::size_t got = std::fread(in.get(), 1, in_size, file);
        if (got < in_size) {
            if (std::ferror(file)) throw InputError("cannot read " + quote_value(path));
            file_done = true;
        }
        zs.next_in = in.get();
        zs.avail_in = static_cast<uInt>(got);
        return got > 0;
    }
    // The whole file's bytes (the first chunk, already in `in`, and the rest) in `all`; false when
    // it is not a regular file of at most whole_gzip_limit bytes. `all` is a reader thread's
    // buffer used again file after file: a new one each time cost a page fault every 4 KiB and a
    // clearing of every byte (a quarter of the page faults of a Merseyside join).
    bool whole_file(const std::string& path, ByteBuffer& all) {
        struct stat st {};
        if (fstat(fileno(file), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::uint64_t>(st.st_size) > whole_gzip_limit)
            return false;
        all.clear();
        if (zs.avail_in > 0) std::memcpy(all.reserve_tail(zs.avail_in), zs.next_in, zs.avail_in);
        all.commit(zs.avail_in);
        while (!file_done) {
            const auto size = static_cast<std::size_t>(st.st_size);
            const std::size_t want = std::max<std::size_t>(1 << 20, size > all.size() ? size - all.size() : 0);
            const std::size_t got = std::fread(all.reserve_tail(want), 1, want, file);
            all.commit(got);
            if (got == 0) {
                if (std::ferror(file)) throw InputError("cannot read " + quote_value(path));
                file_done = true;
            }
        }
        return true;
    }
};

ByteReader::ByteReader(const std::string& path) : impl_(std::make_unique<Impl>()), path_(path) {
    impl_->file = std::fopen(path.c_str(), "rb");
    if (!impl_->file) throw InputError("cannot open input file " + quote_value(path));
    Impl& d = *impl_;
    d.refill(path);
    d.gzip = d.zs.avail_in >= 2 && d.in[0] == 0x1f && d.in[1] == 0x8b;
    if (!d.gzip) return;
    static thread_local ByteBuffer compressed;
    if (d.whole_file(path, compressed)) {
        {
            const detail::CpuTimer timer(detail::ReadCounter::inflate_ns);
            d.whole = inflate_whole(compressed);
        }
        if (d.whole) {
            detail::add_read_counter(detail::ReadCounter::compressed_bytes, compressed.size());
            detail::add_read_counter(detail::ReadCounter::inflated_bytes, d.whole->size());
            detail::add_read_counter(detail::ReadCounter::whole_file_inflates, 1);
            d.fingerprint(d.whole->data(), d.whole->size());
            return;
        }
        // zlib reads it again from the start, and decides.
        std::rewind(d.file);
        d.file_done = false;
        d.zs.avail_in = 0;
        d.refill(path);
    }
    detail::add_read_counter(detail::ReadCounter::streamed_inflates, 1);
    if (inflateInit2(&d.zs, 16 + MAX_WBITS) != Z_OK) throw InputError("zlib cannot start reading " + quote_value(path));
    d.zs_ready = true;
    d.in_member = true;
}

ByteReader::~ByteReader() = default;

bool ByteReader::take_content(ByteBuffer& into) {
    Impl& d = *impl_;
    if (!d.whole || d.whole_read > 0) return false;
    into = std::move(*d.whole);
    d.whole_read = into.size();
    d.whole.emplace();  // read() now finds nothing left
    return true;
}

void ByteReader::recycle(ByteBuffer&& spent) {
    if (spent.capacity() > spare_buffer.capacity() && spent.capacity() <= whole_content_limit) spare_buffer = std::move(spent);
}

std::size_t ByteReader::read(char* buffer, std::size_t n) {
    Impl& d = *impl_;
    if (d.whole) {
        const std::size_t got = std::min(n, d.whole->size() - std::min(d.whole->size(), d.whole_read));
        if (got == 0) return 0;  // an emptied whole has no data(): no pointer arithmetic on it
        std::memcpy(buffer, d.whole->data() + d.whole_read, got);
        d.whole_read += got;
        return got;
    }
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
        d.fingerprint(buffer, got);
        return got;
    }
    d.zs.next_out = reinterpret_cast<Bytef*>(buffer);
    d.zs.avail_out = static_cast<uInt>(std::min<std::size_t>(n, UINT_MAX));
    const uInt want = d.zs.avail_out;
    const std::uint64_t consumed_before = d.consumed;
    std::optional<detail::CpuTimer> timer(std::in_place, detail::ReadCounter::inflate_ns);
    while (d.zs.avail_out == want) {
        if (!d.in_member) {
            // Between members: the file may end, or another member may start; anything else
            // was appended to the compressed data and would otherwise be ignored.
            if (!d.refill(path_)) return 0;
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
    timer.reset();
    const std::size_t got = want - d.zs.avail_out;
    detail::add_read_counter(detail::ReadCounter::compressed_bytes, d.consumed - consumed_before);
    detail::add_read_counter(detail::ReadCounter::inflated_bytes, got);
    d.fingerprint(buffer, got);
    return got;
}

bool ByteReader::compressed() const { return impl_->gzip; }

ContentFingerprint ByteReader::content_fingerprint() const { return impl_->content; }

std::string content_sha256(const std::string& path) {
    ByteReader reader(path);
    Sha256Stream sha;
    std::vector<char> chunk(1 << 20);
    for (std::size_t got; (got = reader.read(chunk.data(), chunk.size())) > 0;) sha.update(chunk.data(), got);
    return sha.hex_digest();
}

}  // namespace hotspot
