#pragma once
// The placement workflow shared by `hotspot place` and the tests: counted incidents (categories,
// period) -> demand points (distinct locations, weight = the sum of their rows' weights, which is
// the incident count unless inputs carry weights, e.g. harm) inside the chosen areas ->
// candidate sites (workflow/place_candidates) -> coverage within the radius -> MCLP
// (decide/placement) -> patrol minutes shared by the harm each site covers (decide/patrol_minutes).
#include "hotspot/decide/placement.hpp"
#include "hotspot/workflow/pipeline.hpp"
#include "hotspot/workflow/place_candidates.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct PlaceConfig {
    std::vector<std::string> categories;  // empty: all
    std::optional<Period> period;
    CandidateSpec candidates;
    std::string within_layer;             // area layer; empty: the study area's (else the first)
    std::vector<std::string> within;      // area names or ids; empty: every area of the layer
    std::vector<ExclusionSpec> exclusions;
    std::string crs;                      // the analysis CRS, for candidate and exclusion layers
    double radius_m = 150.0;
    PlacementOptions placement;  // count, solver, time limit, gap, existing mode (its `existing` is filled by run_place)
    std::vector<double> existing_x, existing_y;  // sites in place (analysis CRS): added as candidates and kept
    std::size_t redeploy = 0;                    // > 0: also the best moves of up to this many existing sites
    double separation_m = 0.0;                   // > 0: chosen sites at least this far apart (patrol points)
    std::uint64_t patrol_minutes = 0;            // > 0: these minutes shared among the sites (decide/patrol_minutes)
};

struct PlaceResult {
    std::vector<double> demand_x, demand_y;        // distinct locations of the counted incidents
    std::vector<std::uint64_t> demand_incidents;   // rows at each location
    std::vector<double> candidate_x, candidate_y;  // the candidate set, then the existing sites
    CandidateSet candidate_set;                    // how the candidates were made and what was left out (no coordinates)
    std::string within_description;                // "wards: Ladywood, Aston" or "wards (all 69 areas)"
    std::uint64_t incidents_outside_areas = 0;     // counted rows outside the chosen areas: not demand
    std::size_t first_existing = 0;                // index of the first existing site among the candidates
    CoverageModel model;
    PlacementResult placement;
    std::vector<RedeployStep> redeploy;            // k = 0..config.redeploy
    std::uint64_t incidents_counted = 0;           // rows of the chosen categories and period inside the chosen areas
    std::uint64_t incidents_covered = 0;           // of those, at a covered location
    double incidents_covered_pct = 0.0;            // 100 * covered / counted
    std::string demand_description;                // what a demand weight is, in words
    std::string incidents_label;                   // "incidents (all categories, 2022-10..2025-09)"
    // Per chosen site, in explanation order: the area holding it (empty: none), the demand weight
    // it serves (covered points given to their nearest chosen site) and its patrol minutes.
    std::vector<std::string> site_area;
    std::vector<double> served_weight;
    std::vector<std::int32_t> served_by;       // per demand point: the explanation index of its nearest chosen site, -1: not covered
    std::vector<std::uint64_t> patrol_minutes;
};

PlaceResult run_place(const AnalysisResult& analysis, const PlaceConfig& config);

}  // namespace hotspot
