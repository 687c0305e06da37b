#include "hotspot/geo/unique_points.hpp"

#include "hotspot/base/hash_mix.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace hotspot {

namespace {

std::uint64_t hash_xy(double x, double y) {
    return hash_mix(std::bit_cast<std::uint64_t>(x) ^ std::rotl(std::bit_cast<std::uint64_t>(y), 29) * 0x9e3779b97f4a7c15ULL);
}

}  // namespace

UniquePoints unique_points(std::span<const double> x, std::span<const double> y) {
    UniquePoints out;
    out.of_row.resize(x.size());
    // Open addressing; a slot holds unique index + 1 (0 = empty). Grows at half full.
    std::vector<std::uint32_t> slots(1u << 16, 0);
    std::uint64_t mask = slots.size() - 1;
    const auto insert_slot = [&](std::uint32_t u) {
        std::uint64_t h = hash_xy(out.x[u], out.y[u]) & mask;
        while (slots[h] != 0) h = (h + 1) & mask;
        slots[h] = u + 1;
    };
    for (std::size_t i = 0; i < x.size(); ++i) {
        std::uint64_t h = hash_xy(x[i], y[i]) & mask;
        const auto xb = std::bit_cast<std::uint64_t>(x[i]), yb = std::bit_cast<std::uint64_t>(y[i]);
        while (true) {
            const std::uint32_t s = slots[h];
            if (s == 0) {
                const auto u = static_cast<std::uint32_t>(out.x.size());
                out.x.push_back(x[i]);
                out.y.push_back(y[i]);
                slots[h] = u + 1;
                out.of_row[i] = u;
                if (out.x.size() * 2 > slots.size()) {
                    slots.assign(slots.size() * 2, 0);
                    mask = slots.size() - 1;
                    for (std::uint32_t k = 0; k < out.x.size(); ++k) insert_slot(k);
                }
                break;
            }
            if (std::bit_cast<std::uint64_t>(out.x[s - 1]) == xb && std::bit_cast<std::uint64_t>(out.y[s - 1]) == yb) {
                out.of_row[i] = s - 1;
                break;
            }
            h = (h + 1) & mask;
        }
    }
    return out;
}

bool locations_repeat(std::span<const double> x, std::span<const double> y) {
    // A large sample: 100,000 rows over 200,000 places looks distinct even when 10 million
    // rows repeat each place 50 times.
    const std::size_t sample = std::min<std::size_t>(x.size(), 1000000);
    if (sample == 0) return false;
    return unique_points(x.first(sample), y.first(sample)).x.size() * 2 <= sample;
}

UniquePoints all_points(std::span<const double> x, std::span<const double> y) {
    UniquePoints out{{x.begin(), x.end()}, {y.begin(), y.end()}, std::vector<std::uint32_t>(x.size())};
    for (std::size_t i = 0; i < x.size(); ++i) out.of_row[i] = static_cast<std::uint32_t>(i);
    return out;
}

UniquePoints locations_of_rows(std::span<const double> x, std::span<const double> y) {
    return locations_repeat(x, y) ? unique_points(x, y) : all_points(x, y);
}

}  // namespace hotspot
