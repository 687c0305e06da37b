#pragma once
// For tests of src/base/sha256.cpp: the portable rounds, and whether the CPU's SHA instructions
// are used instead (sha256_hex, Sha256Stream and sha256_file in text.hpp pick them at run time).
#include <string>
#include <string_view>

namespace hotspot::detail {
std::string sha256_hex_portable(std::string_view data);
bool sha256_uses_cpu_extensions();
}  // namespace hotspot::detail
