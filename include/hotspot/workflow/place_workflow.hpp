#pragma once
// The placement workflow shared by `hotspot place` and the tests: counted incidents (categories,
// period) -> demand points (distinct locations, weight = the sum of their rows' weights, which is
// the incident count unless inputs carry weights) -> candidate sites -> coverage within the
// radius -> MCLP (decide/placement).
#include "hotspot/decide/placement.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

enum class CandidateSource {
    incidents,  // every distinct incident location (police.uk snap point) is a candidate
};

struct PlaceConfig {
    std::vector<std::string> categories;  // empty: all
    std::optional<Period> period;
    CandidateSource candidates = CandidateSource::incidents;
    double radius_m = 150.0;
    PlacementOptions placement;  // count, solver, time limit, gap, existing mode (its `existing` is filled by run_place)
    std::vector<double> existing_x, existing_y;  // sites in place (analysis CRS): added as candidates and kept
    std::size_t redeploy = 0;                    // > 0: also the best moves of up to this many existing sites
    double separation_m = 0.0;                   // > 0: chosen sites at least this far apart (patrol points)
};

struct PlaceResult {
    std::vector<double> demand_x, demand_y;        // distinct locations of the counted incidents
    std::vector<std::uint64_t> demand_incidents;   // rows at each location
    std::vector<double> candidate_x, candidate_y;  // incident locations, then the existing sites
    std::size_t first_existing = 0;                // index of the first existing site among the candidates
    CoverageModel model;
    PlacementResult placement;
    std::vector<RedeployStep> redeploy;            // k = 0..config.redeploy
    std::uint64_t incidents_counted = 0;           // rows of the chosen categories and period
    std::uint64_t incidents_covered = 0;           // of those, at a covered location
    double incidents_covered_pct = 0.0;            // 100 * covered / counted
    std::string demand_description;                // what a demand weight is, in words
    std::string incidents_label;                   // "incidents (all categories, 2022-10..2025-09)"
};

PlaceResult run_place(const AnalysisResult& analysis, const PlaceConfig& config);

// "incidents" -> CandidateSource::incidents; anything else is refused naming the value.
CandidateSource parse_candidates(const std::string& text);

}  // namespace hotspot
