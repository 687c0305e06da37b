#pragma once
// The site-selection workflow shared by `hotspot sites` and the tests: counted incidents
// (categories, period) -> weighted density surface -> cells inside the chosen areas ->
// ranked sites and hotspots, both clipped to the chosen areas (issue 10).
#include "hotspot/density/density.hpp"
#include "hotspot/density/hotspots.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct SitesConfig {
    std::vector<std::string> categories;  // empty: all
    std::optional<Period> period;
    std::string within_layer;             // area layer name; empty: the whole first layer (none: the whole surface)
    std::vector<std::string> within;      // area names or ids in that layer; empty: every area of it
    DensityOptions density;               // per_km2 by default
    SiteOptions sites;
    ThresholdOptions threshold;
};

// A chosen area no site's centre lies in, and why.
struct AreaWithoutSite {
    std::string layer, id, name;
    std::uint64_t incidents = 0;  // counted incidents inside it
    double peak = 0;              // highest surface cell whose centre is inside it
    std::string reason;
};

struct SitesResult {
    DensityResult surface;
    std::vector<std::uint8_t> allowed;  // per cell: centre inside the chosen areas
    std::vector<Site> sites;
    HotspotResult hotspots;
    std::uint64_t incidents_counted = 0;  // categories and period, anywhere
    std::uint64_t incidents_inside = 0;   // of those, inside the chosen areas: the surface's points, the denominator of share_pct
    std::string share_denominator;        // that denominator in words, with its number
    double chosen_area_m2 = 0;            // 0: the whole surface
    std::string within_description;
    std::vector<AreaWithoutSite> areas_without_site;
};

SitesResult run_sites(const AnalysisResult& analysis, const SitesConfig& config);

// "wards=Ashcombe;Wexley Green" -> layer and names; "wards" -> every area of the layer.
void parse_within(const std::string& text, SitesConfig& config, const std::string& option = "--within");

}  // namespace hotspot
