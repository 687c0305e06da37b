#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"

#include <zlib.h>

#include <climits>

namespace hotspot {

struct ByteReader::Impl {
    gzFile file = nullptr;
};

ByteReader::ByteReader(const std::string& path) : impl_(std::make_unique<Impl>()), path_(path) {
    impl_->file = gzopen(path.c_str(), "rb");
    if (!impl_->file) throw InputError("cannot open input file " + quote_value(path));
    gzbuffer(impl_->file, 1 << 18);
}

ByteReader::~ByteReader() {
    if (impl_->file) gzclose(impl_->file);
}

std::size_t ByteReader::read(char* buffer, std::size_t n) {
    const auto want = static_cast<unsigned>(std::min<std::size_t>(n, INT_MAX));
    const int got = gzread(impl_->file, buffer, want);
    if (got < 0) {
        int errnum = 0;
        const char* message = gzerror(impl_->file, &errnum);
        throw InputError("cannot read " + quote_value(path_) + ": " + (message ? message : "zlib error") +
                         " (a truncated or corrupt gzip file?)");
    }
    return static_cast<std::size_t>(got);
}

}  // namespace hotspot
