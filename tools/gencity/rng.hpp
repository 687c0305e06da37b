// Random numbers for the generator.
//
// std::mt19937_64 itself is fully specified by the standard, but std::uniform_*_distribution
// and std::normal_distribution are not (each standard library may produce different values),
// so every transform from raw 64-bit words to numbers is written here. That keeps the output
// byte-identical for a given seed whatever the compiler or library.
#pragma once

#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

namespace gencity {

class Rng {
public:
    // `stream` separates independent stages (tiling, incidents, ...) so that changing how many
    // numbers one stage draws does not shift every later stage.
    Rng(std::uint64_t seed, std::string_view stream);

    std::uint64_t bits() { return engine_(); }
    double uniform();                         // [0, 1), 53-bit resolution
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    std::size_t below(std::size_t n);         // integer in [0, n)
    bool chance(double p) { return uniform() < p; }
    double normal();                          // standard normal (Box-Muller)
    long poisson(double lambda);
    // Index drawn with probability proportional to weights[i] (weights need not sum to 1).
    std::size_t weighted(const std::vector<double>& weights);

private:
    std::mt19937_64 engine_;
    bool has_spare_ = false;
    double spare_ = 0.0;
};

// Precomputed cumulative weights for drawing many times from the same distribution.
class WeightedTable {
public:
    WeightedTable() = default;
    explicit WeightedTable(const std::vector<double>& weights);
    std::size_t draw(Rng& rng) const;
    bool empty() const { return cumulative_.empty(); }

private:
    std::vector<double> cumulative_;
};

}  // namespace gencity
