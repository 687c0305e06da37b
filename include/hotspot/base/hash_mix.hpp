#pragma once
// The splitmix64 finaliser: spreads every input bit over the whole word, for the open-addressing
// tables that take their slot from a hash's low bits (distinct points, repeated Crime IDs).
#include <cstdint>

namespace hotspot {

inline std::uint64_t hash_mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace hotspot
