#include "hotspot/decide/hierarchy.hpp"

#include <stdexcept>

namespace hotspot {  // stub

std::vector<LookupLink> read_lookup_links(const std::string&, const std::string&, const std::string&, const std::string&) {
    throw std::logic_error("not implemented: hierarchy");
}
void add_level_from_lookup(Hierarchy&, const std::string&, const std::vector<LookupLink>&, const std::string&) {
    throw std::logic_error("not implemented: hierarchy");
}
void add_level_by_best_fit(Hierarchy&, const AreaLayer&, const AreaLayer&) { throw std::logic_error("not implemented: hierarchy"); }
Hierarchy hierarchy_from_layer(const AreaLayer&) { throw std::logic_error("not implemented: hierarchy"); }
std::vector<RollupRow> roll_up(const Hierarchy&, std::span<const double>, std::span<const std::optional<double>>, double) {
    throw std::logic_error("not implemented: hierarchy");
}

}  // namespace hotspot
