#pragma once
// One CSV field as RFC 4180 writes it: quoted when it holds a comma, quote or line break.
#include <string>

namespace hotspot::detail {

inline std::string csv_field(const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace hotspot::detail
