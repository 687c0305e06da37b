#pragma once
// The site-selection workflow shared by `hotspot sites` and the tests: counted incidents
// (categories, period) -> weighted density surface -> cells inside the chosen areas ->
// ranked sites and hotspots.
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
    std::string within_layer;             // area layer name; empty: anywhere on the surface
    std::vector<std::string> within;      // area names or ids in that layer
    DensityOptions density;               // per_km2 by default
    SiteOptions sites;
    ThresholdOptions threshold;
};

struct SitesResult {
    DensityResult surface;
    std::vector<std::uint8_t> allowed;  // per cell
    std::vector<Site> sites;
    HotspotResult hotspots;
    std::uint64_t incidents_counted = 0;
    std::string within_description;
};

SitesResult run_sites(const AnalysisResult& analysis, const SitesConfig& config);

// "wards=Ashcombe;Wexley Green" -> layer and names.
void parse_within(const std::string& text, SitesConfig& config);

}  // namespace hotspot
