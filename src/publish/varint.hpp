// The base-128 varint of protobuf, which PMTiles directories use too (private to publish/).
#pragma once

#include <cstdint>
#include <string_view>

namespace hotspot::detail {

// Reads the varint at `pos` into `out` and moves `pos` past it; false when the bytes end inside
// it or it runs past 64 bits (then `pos` and `out` mean nothing).
inline bool read_varint(std::string_view b, std::size_t& pos, std::uint64_t& out) {
    out = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= b.size()) return false;
        const unsigned char c = static_cast<unsigned char>(b[pos++]);
        out |= static_cast<std::uint64_t>(c & 0x7f) << shift;
        if (!(c & 0x80)) return true;
    }
    return false;
}

}  // namespace hotspot::detail
