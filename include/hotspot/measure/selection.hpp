#pragma once
// Which incidents a count or a surface uses: chosen categories and, optionally, a period.
// One place for the rule and its error, shared by measures, density and sites.
#include "hotspot/base/incidents.hpp"
#include "hotspot/base/periods.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

// mask[category index] = 1 for the named categories (all when none are named). Throws
// ConfigError naming a category that does not occur in the table.
std::vector<std::uint8_t> category_mask(const IncidentTable& t, const std::vector<std::string>& names);

// The selected incidents: a per-row flag, and their coordinates and weights in row order.
struct SelectedPoints {
    std::vector<std::uint8_t> include;
    std::vector<double> x, y, w;
};
SelectedPoints select_points(const IncidentTable& t, const std::vector<std::string>& categories, const std::optional<Period>& period);

}  // namespace hotspot
