#include "hotspot/decide/priority_grid.hpp"

#include <stdexcept>

namespace hotspot {  // stub

Fishnet study_grid(const AreaLayer&, double, std::size_t) { throw std::logic_error("not implemented: priority_grid"); }
CellOverlaps cell_overlaps(const Fishnet&, const AreaLayer&, unsigned) { throw std::logic_error("not implemented: priority_grid"); }
std::vector<std::optional<double>> apportion_counts(const CellOverlaps&, const AreaLayer&, std::span<const std::optional<double>>) {
    throw std::logic_error("not implemented: priority_grid");
}
std::vector<std::optional<double>> apportion_scores(const CellOverlaps&, std::span<const std::optional<double>>) {
    throw std::logic_error("not implemented: priority_grid");
}
PriorityZones priority_zones(const Fishnet&, std::span<const double>, double, int, const std::vector<const AreaLayer*>&, unsigned) {
    throw std::logic_error("not implemented: priority_grid");
}

}  // namespace hotspot
