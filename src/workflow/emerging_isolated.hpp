#pragma once
// Locations of an emerging hot spot analysis without any spatial neighbour (a --band shorter than
// the spacing of cell centres or area centroids, or an island under --contiguity): their Gi* sees
// only their own counts over the time window, so for them the analysis is purely temporal. Said
// in a warning with their count and what band would reach a neighbour.
#include "hotspot/workflow/emerging_workflow.hpp"

#include <string>
#include <vector>

namespace hotspot {

// cx, cy: the area centroids the band is measured between (empty for cells and contiguity).
std::string no_neighbour_warning(const EmergingRun& r, const EmergingConfig& c, const std::vector<double>& cx, const std::vector<double>& cy);

}  // namespace hotspot
