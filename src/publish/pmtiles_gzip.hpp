#pragma once
// gzip in memory, with no file name and a zero time in its header, so the same bytes give
// the same archive.
#include <string>

namespace hotspot::detail {

std::string gzip_bytes(const std::string& bytes);

}  // namespace hotspot::detail
