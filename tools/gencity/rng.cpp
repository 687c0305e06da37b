#include "rng.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace gencity {

namespace {
// FNV-1a: a stable, library-independent hash of the stream name (std::hash is not).
std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}
}  // namespace

Rng::Rng(std::uint64_t seed, std::string_view stream) : engine_(seed ^ fnv1a(stream)) {}

double Rng::uniform() {
    return static_cast<double>(bits() >> 11) * 0x1.0p-53;
}

std::size_t Rng::below(std::size_t n) {
    if (n <= 1) return 0;
    // Rejection sampling removes the modulo bias.
    const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % n);
    std::uint64_t r;
    do { r = bits(); } while (r >= limit);
    return static_cast<std::size_t>(r % n);
}

double Rng::normal() {
    if (has_spare_) {
        has_spare_ = false;
        return spare_;
    }
    const double u1 = 1.0 - uniform();  // (0, 1]: log(u1) is finite
    const double u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double a = 2.0 * std::numbers::pi * u2;
    spare_ = r * std::sin(a);
    has_spare_ = true;
    return r * std::cos(a);
}

long Rng::poisson(double lambda) {
    if (lambda <= 0.0) return 0;
    if (lambda < 40.0) {
        // Knuth: multiply uniforms until the product drops below e^-lambda.
        const double limit = std::exp(-lambda);
        long k = 0;
        double p = uniform();
        while (p > limit) {
            ++k;
            p *= uniform();
        }
        return k;
    }
    // Large means: the normal approximation is plenty for monthly counts.
    const long k = std::lround(lambda + std::sqrt(lambda) * normal());
    return k < 0 ? 0 : k;
}

std::size_t Rng::weighted(const std::vector<double>& weights) {
    double total = 0.0;
    for (double w : weights) total += w;
    double r = uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (r < weights[i]) return i;
        r -= weights[i];
    }
    // Rounding can leave r a hair above the last weight: return the last positive one.
    for (std::size_t i = weights.size(); i-- > 0;)
        if (weights[i] > 0.0) return i;
    return 0;
}

WeightedTable::WeightedTable(const std::vector<double>& weights) {
    cumulative_.reserve(weights.size());
    double total = 0.0;
    for (double w : weights) {
        total += w;
        cumulative_.push_back(total);
    }
}

std::size_t WeightedTable::draw(Rng& rng) const {
    const double r = rng.uniform() * cumulative_.back();
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), r);
    const auto i = static_cast<std::size_t>(it - cumulative_.begin());
    return i < cumulative_.size() ? i : cumulative_.size() - 1;
}

}  // namespace gencity
