#include "hotspot/decide/vintage_lookup.hpp"

#include <stdexcept>

namespace hotspot {  // stub

VintageLookup read_vintage_lookup(const std::string&, const std::string&, const std::string&) {
    throw std::logic_error("not implemented: vintage_lookup");
}
VintageLookup best_fit_lookup(const AreaLayer&, const AreaLayer&) { throw std::logic_error("not implemented: vintage_lookup"); }
MovedValues move_counts(const VintageLookup&, std::span<const std::string>, std::span<const std::optional<double>>,
                        std::span<const std::string>, std::span<const std::optional<double>>) {
    throw std::logic_error("not implemented: vintage_lookup");
}
MovedValues move_scores(const VintageLookup&, std::span<const std::string>, std::span<const std::optional<double>>,
                        std::span<const std::optional<double>>, std::span<const std::string>) {
    throw std::logic_error("not implemented: vintage_lookup");
}

}  // namespace hotspot
