#include "io.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace gencity {

void write_gzip(const std::string& path, const std::string& content) {
    gzFile f = gzopen(path.c_str(), "wb9");
    if (f == nullptr) throw std::runtime_error("cannot write " + path);
    std::size_t done = 0;
    while (done < content.size()) {
        const std::size_t chunk = std::min<std::size_t>(content.size() - done, 1u << 20);
        if (gzwrite(f, content.data() + done, static_cast<unsigned>(chunk)) != static_cast<int>(chunk)) {
            gzclose(f);
            throw std::runtime_error("gzip write failed: " + path);
        }
        done += chunk;
    }
    if (gzclose(f) != Z_OK) throw std::runtime_error("gzip close failed: " + path);
}

void write_text(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + "\"";
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace gencity
