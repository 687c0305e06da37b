#include "hotspot/decide/patrol_minutes.hpp"

#include "hotspot/base/errors.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hotspot {

std::vector<std::uint64_t> allocate_minutes(const std::vector<double>& weight, std::uint64_t total_minutes) {
    double sum = 0.0;
    for (std::size_t k = 0; k < weight.size(); ++k) {
        if (!std::isfinite(weight[k]) || weight[k] < 0.0)
            throw ConfigError("patrol minutes: the weight of site " + std::to_string(k + 1) + " is not a finite number >= 0");
        sum += weight[k];
    }
    if (!(sum > 0.0)) throw ConfigError("patrol minutes: the sites cover nothing, so there is no harm to share the minutes by");
    std::vector<std::uint64_t> minutes(weight.size(), 0);
    std::vector<double> remainder(weight.size(), 0.0);
    std::uint64_t given = 0;
    for (std::size_t k = 0; k < weight.size(); ++k) {
        // (T * w) / W: with whole-number weights the product is exact and an integer quota stays one.
        const double quota = static_cast<double>(total_minutes) * weight[k] / sum;
        minutes[k] = static_cast<std::uint64_t>(std::floor(quota));
        remainder[k] = quota - std::floor(quota);
        given += minutes[k];
    }
    // Rounding can leave the floors one over (weights that are not whole numbers): never hand out more.
    while (given > total_minutes) {
        const auto k = static_cast<std::size_t>(std::min_element(remainder.begin(), remainder.end()) - remainder.begin());
        if (minutes[k] > 0) --minutes[k], --given;
        remainder[k] = 2.0;  // not taken from twice
    }
    // Remainders equal but for rounding (1 + 1/3 and 5 + 1/3) are equal: compared in steps of 1e-9
    // minutes, so such ties go to the higher-ranked site as the rule says.
    std::vector<std::int64_t> key(weight.size());
    for (std::size_t k = 0; k < weight.size(); ++k) key[k] = std::llround(remainder[k] * 1e9);
    std::vector<std::size_t> order(weight.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key[a] > key[b]; });
    for (std::size_t r = 0; given < total_minutes; r = (r + 1) % order.size()) ++minutes[order[r]], ++given;
    return minutes;
}

}  // namespace hotspot
