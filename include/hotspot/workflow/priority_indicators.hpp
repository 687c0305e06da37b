#pragma once
// The indicator values of a priority analysis on one area layer: incident counts from the
// pipeline's assignments, attribute columns read by area code, and ratios. Every area without
// a value is listed with why.
#include "hotspot/decide/dashboard.hpp"
#include "hotspot/decide/indicator.hpp"
#include "hotspot/decide/priority_grid.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace hotspot {

// specs in output order; tables: every [attributes.NAME] (those named are read here by code).
IndicatorTable build_indicators(const AnalysisResult& r, std::size_t layer, const std::vector<IndicatorSpec>& specs,
                                const std::vector<AttributeTableSpec>& tables);

// Per month of the data and area of the layer (decide/dashboard's monthly_area_counts): the
// incidents a count indicator selects (its sources and categories, every month of its sources,
// not only its window; rows, not weights).
MonthlyCounts monthly_counts(const AnalysisResult& r, std::size_t layer, const IndicatorSpec& spec);

// A count indicator on the cells of a grid: its selected incidents in its window counted per
// cell from their points (not apportioned from areas, so a cell shows where in its area they
// are), over the residents (or the per column) apportioned from the areas by overlap, or over
// the cell's area inside the layer. Incidents in no cell of the grid are counted in `outside`.
struct CellIndicator {
    std::vector<std::optional<double>> value, observed;
    std::uint64_t outside = 0;
};
CellIndicator cell_count_indicator(const AnalysisResult& r, std::size_t layer, const IndicatorValues& v, const Fishnet& grid,
                                   const CellOverlaps& overlaps);

// National deciles of a score ("TABLE.FIELD") over every row of its table, for the areas of the
// layer: decile 1 = the 10 % highest scores (the most deprived), ceil(10 rank / n), tied scores
// sharing the lower rank. nullopt for areas without a row or a score.
std::vector<std::optional<int>> national_score_deciles(const std::string& table_field, const std::vector<AttributeTableSpec>& tables,
                                                       const AreaLayer& layer);

}  // namespace hotspot
