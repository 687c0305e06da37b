#pragma once
// The workflow of `hotspot emerging`: counted incidents -> square cells whose centre is inside
// the study area -> a space-time cube of counts (cells x months or quarters; harm-weighted when
// [harm] is set) -> Emerging Hot Spot Analysis (time/emerging).
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
    double band_m = 0;                         // the spatial neighbourhood (distance between cell centres <= band)
    std::size_t step_months = 1;               // 1: months; 3: quarters from the first month
    std::optional<MonthIndex> first, last;     // the months analysed; default: every month of input
    EmergingOptions options;
    bool harm = false;
};

struct EmergingRun {
    StudyCells cells;
    std::vector<MonthIndex> steps;  // the first month of each step
    std::size_t step_months = 1;
    EmergingOptions options;
    std::vector<double> counts;     // the cube, step-major: counts[step * cells + cell]
    Neighbours spatial;
    EmergingResult result;
    std::string study_area, incidents_label;
    std::uint64_t rows_total = 0, rows_in_cells = 0, rows_outside_cells = 0, rows_outside_months = 0;
    double weight_in_cells = 0;
    bool weighted = false, harm = false;
};

// Refuses (ConfigError, exit 2): no study area or no band; a span that is not whole steps; fewer
// than ten steps; a month without input inside the span (each police.uk input on its own).
EmergingRun run_emerging(const AnalysisResult& analysis, const EmergingConfig& config);

// "2024-03" for a month, "2024-01..2024-03" for a quarter.
std::string step_label(MonthIndex first, std::size_t months);

}  // namespace hotspot
