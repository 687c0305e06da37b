// Output helpers: reproducible gzip files and plain text files.
#pragma once

#include <string>

namespace gencity {

// gzip at level 9 via zlib's gzopen: the header has mtime 0 and no file name, so the bytes
// depend only on the content.
void write_gzip(const std::string& path, const std::string& content);
void write_text(const std::string& path, const std::string& content);
std::string csv_field(const std::string& s);  // quotes only when needed (comma/quote/newline)
std::string fixed(double v, int decimals);     // printf("%.*f"), locale-independent enough

}  // namespace gencity
