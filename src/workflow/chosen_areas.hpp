#pragma once
// Which areas `sites` and `place` work in: the --within list, a whole layer, or by default the whole
// first area layer (the study area of issue 10); and why a chosen area got no site.
#include "hotspot/workflow/sites_workflow.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct ChosenAreaSet {
    std::optional<std::size_t> layer;  // index into AnalysisResult::layers; none: the whole surface
    std::vector<std::uint8_t> chosen;  // per area of that layer
    std::string description;           // "wards: Ladywood, Aston" or "wards (all 69 areas)"
};

// within_layer empty: the study area's layer (else the first); within empty: all its areas.
// option: the flag named in errors.
ChosenAreaSet resolve_chosen_areas(const AnalysisResult& a, const std::string& within_layer, const std::vector<std::string>& within,
                                   const std::string& option = "--within");
inline ChosenAreaSet resolve_chosen_areas(const AnalysisResult& a, const SitesConfig& c) {
    return resolve_chosen_areas(a, c.within_layer, c.within);
}

// The chosen areas no site's centre lies in. cell_area: per surface cell, the area holding its
// centre (-1: none or not looked up); include: the counted incidents.
std::vector<AreaWithoutSite> areas_without_site(const AnalysisResult& a, const ChosenAreaSet& set, const SitesResult& r,
                                                const std::vector<std::int32_t>& cell_area, const std::vector<std::uint8_t>& include,
                                                const SiteOptions& o);

}  // namespace hotspot
