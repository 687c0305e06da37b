#include "hotspot/decide/over_representation.hpp"

#include <stdexcept>

namespace hotspot {  // stub

OverRepresentation over_representation(std::span<const std::optional<double>>, std::span<const std::optional<double>>,
                                       double, IntervalMethod) {
    throw std::logic_error("not implemented: over_representation");
}
std::vector<std::optional<double>> location_quotient(std::span<const std::optional<double>>, std::span<const std::optional<double>>) {
    throw std::logic_error("not implemented: location_quotient");
}

}  // namespace hotspot
