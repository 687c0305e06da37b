#pragma once
// A small, fast, seedable generator (SplitMix64) with an unbiased bounded draw. Each
// feature gets its own stream from (seed, feature), so results do not depend on threads.
#include <cstdint>

namespace hotspot {

class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
    SplitMix64(std::uint64_t seed, std::uint64_t stream) : state_(seed ^ mix(stream + 0x9E3779B97F4A7C15ull)) {}
    std::uint64_t next() { return mix(state_ += 0x9E3779B97F4A7C15ull); }
    // Uniform in [0, bound), bound > 0: draws below 2^64 mod bound are rejected, so every
    // remainder is equally likely.
    std::uint64_t below(std::uint64_t bound) {
        const std::uint64_t reject_below = (0 - bound) % bound;
        while (true) {
            const std::uint64_t r = next();
            if (r >= reject_below) return r % bound;
        }
    }

private:
    static std::uint64_t mix(std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t state_;
};

}  // namespace hotspot
