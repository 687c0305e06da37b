#pragma once
// The workflow of `hotspot emerging`: counted incidents -> locations (square cells whose centre
// is inside the study area, or the polygons of an area layer) -> a space-time cube of counts
// (locations x months or quarters; harm-weighted when [harm] is set) -> Emerging Hot Spot
// Analysis (time/emerging).
#include "hotspot/time/emerging.hpp"
#include "hotspot/workflow/pipeline.hpp"
#include "hotspot/workflow/study_cells.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct EmergingConfig {
    std::vector<std::string> categories;  // empty: all
    double cell_m = 250;
    std::optional<double> origin_x, origin_y;  // default: the study area's corner, snapped out to the cell
    double band_m = 0;                         // the spatial neighbourhood (distance between centres or centroids <= band)
    std::string areas_layer;                   // locations: this --area layer's polygons; empty: cells
    bool contiguity = false;                   // areas: neighbours share a boundary point (queen), not a band
    std::size_t step_months = 1;               // 1: months; 3: quarters from the first month
    std::optional<MonthIndex> first, last;     // the months analysed; default: every month of input
    EmergingOptions options;
    bool harm = false;
};

struct EmergingRun {
    StudyCells cells;                       // the locations when they are cells (else empty)
    std::string areas_layer;                // the locations' layer when they are areas (else empty)
    std::vector<std::string> area_id, area_name, area_wkb;  // per location, areas only
    std::size_t locations() const { return areas_layer.empty() ? cells.x.size() : area_id.size(); }
    std::vector<MonthIndex> steps;  // the first month of each step
    std::size_t step_months = 1;
    EmergingOptions options;
    std::vector<double> counts;     // the cube, step-major: counts[step * cells + cell]
    Neighbours spatial;
    EmergingResult result;
    std::string study_area, incidents_label;
    std::uint64_t rows_total = 0, rows_in_locations = 0, rows_outside_locations = 0, rows_outside_months = 0;
    double weight_in_locations = 0;
    bool weighted = false, harm = false;
    std::size_t without_neighbour = 0;  // locations with no spatial neighbour: purely temporal Gi* there
    std::vector<std::string> warnings;  // for the console and the run report
};

// Refuses (ConfigError, exit 2): cells without a study area; no band (and no contiguity for
// areas); an unknown areas layer; a span that is not whole steps; fewer
// than ten steps; a month without input inside the span (each police.uk input on its own).
EmergingRun run_emerging(const AnalysisResult& analysis, const EmergingConfig& config);

// "2024-03" for a month, "2024-01..2024-03" for a quarter.
std::string step_label(MonthIndex first, std::size_t months);

}  // namespace hotspot
