#include "hotspot/decide/dashboard.hpp"

#include <stdexcept>

namespace hotspot {  // stub

std::vector<DashboardRow> monthly_dashboard(const Hierarchy&, const std::vector<std::vector<std::optional<double>>>&, MonthIndex,
                                            MonthIndex, std::span<const std::optional<double>>, std::size_t) {
    throw std::logic_error("not implemented: dashboard");
}

}  // namespace hotspot
