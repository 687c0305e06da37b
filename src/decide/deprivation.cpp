#include "hotspot/decide/deprivation.hpp"

#include <stdexcept>

namespace hotspot {  // stub

double imd_exponential_transform(double) { throw std::logic_error("not implemented: deprivation"); }
WeightedMean population_weighted_mean(std::span<const std::optional<double>>, std::span<const std::optional<double>>,
                                      std::span<const std::optional<std::size_t>>, std::size_t) {
    throw std::logic_error("not implemented: deprivation");
}
DeprivationProfile deprivation_profile(std::span<const std::uint8_t>, std::span<const std::optional<int>>,
                                       std::span<const std::optional<double>>, std::span<const std::optional<double>>) {
    throw std::logic_error("not implemented: deprivation");
}

}  // namespace hotspot
