#pragma once
// What each column of an area layer counts, in words and with its period: the GeoPackage
// field aliases and the CSV headers say the same thing, so a pasted table and a map agree.
#include "hotspot/measure/measures.hpp"

#include <string>

namespace hotspot::detail {

// "Count, 2024/25 (Apr 2024-Mar 2025, 12 months)": `what` over the headline period.
std::string headline_title(const std::string& what, const AreaMeasures& m);
// The title of an area layer's column in words, with its unit and period: the GeoPackage
// column description, the CSV header and the legend title of a choropleth on it.
// "rate_per_1000" -> "Rate per 1,000 residents per year, 2024/25 (Apr 2024-Mar 2025, 12 months)";
// "" for a column that is not a measure (area_id, lq_basis, ...).
std::string area_column_title(const AreaMeasures& m, const std::string& field);
// "Count, all months 2022-10..2025-09 (36 months)".
std::string all_months_title(const AreaMeasures& m);
// "Base count, 2023/24 (Apr 2023-Mar 2024, 12 months)" and the change between the two.
std::string base_title(const std::string& what, const AreaMeasures& m);
std::string current_title(const std::string& what, const AreaMeasures& m);
std::string change_title(const std::string& what, const AreaMeasures& m);
// The area layer's description: what the headline measures count, over which period, the
// unit of the rate, and the whole-span columns.
std::string area_layer_description(const std::string& layer, const AreaMeasures& m);

}  // namespace hotspot::detail
