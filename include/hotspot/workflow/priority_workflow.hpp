#pragma once
// The priority-neighbourhood analysis, from configuration to result: indicators on the chosen
// layer, over-representation and Empirical Bayes for the count indicators, the composite index
// with its explanation and robustness, deprivation, the hierarchy roll-up and dashboard, and
// the grid zones. publish/priority_output writes it.
#include "hotspot/decide/composite_index.hpp"
#include "hotspot/decide/dashboard.hpp"
#include "hotspot/decide/deprivation.hpp"
#include "hotspot/decide/empirical_bayes.hpp"
#include "hotspot/decide/hierarchy.hpp"
#include "hotspot/decide/indicator.hpp"
#include "hotspot/decide/over_representation.hpp"
#include "hotspot/decide/priority_grid.hpp"
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/pipeline.hpp"
#include "hotspot/workflow/priority_config.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

// One count indicator's over-representation and smoothed rates (rates per 1,000 residents per year).
struct IndicatorRisk {
    std::string indicator;
    OverRepresentation over;
    std::optional<EbGlobal> eb_global;
    std::optional<EbLocal> eb_local;
    std::vector<std::string> skipped_areas;   // without a positive population: not smoothed
    // eb_global/eb_local vectors are per area of the layer (NaN where skipped), rates as events per unit of
    // denominator over the window (unscaled, as spdep): x rate_scale gives rate_unit (the writers scale them).
    std::string rate_unit;                    // "per 1,000 residents per year" (residents), else "per DENOMINATOR over the window"
    double rate_scale = 1;
    // Incident counts only (empty otherwise): (c_ik / c_i) / (C_k / C), c_i every category of the
    // indicator's sources in the area over the same window.
    std::vector<std::optional<double>> location_quotient;
    std::string location_quotient_of;         // what c_i counts, for the description
};

struct PriorityDeprivation {
    std::vector<std::optional<double>> score;            // per area of the layer
    std::vector<std::optional<int>> decile;
    std::vector<std::string> domain_names;
    std::vector<std::vector<std::optional<double>>> domain;  // [domain][area]
    DeprivationProfile profile;
    std::vector<RollupRow> parent_scores;                // population-weighted score per parent level area (in `count`)
};

struct PriorityGrid {
    Fishnet grid;
    std::vector<std::vector<std::optional<double>>> values;  // [indicator][cell]
    std::vector<std::optional<double>> index;
    PriorityZones zones;
};

struct PriorityResult {
    AnalysisResult analysis;       // incidents (may be none), layers, report
    std::size_t layer = 0;         // index into analysis.layers
    PriorityConfig config;
    IndicatorTable indicators;
    std::vector<IndicatorRisk> risks;
    CompositeResult composite;
    std::optional<PriorityDeprivation> deprivation;
    std::optional<Hierarchy> hierarchy;
    std::vector<RollupRow> rollup;
    std::vector<std::string> rollup_indicator;   // per rollup row: the count indicator it rolls up
    std::vector<DashboardRow> dashboard;
    std::string dashboard_indicator;             // what the dashboard counts: "NAME: UNIT, PERIOD of the data"
    std::optional<PriorityGrid> grid;
};

// The analysis's steps after the indicators (workflow/priority_steps.cpp), exposed for tests.
IndicatorRisk indicator_risk(const IndicatorValues& v, const AreaLayer& layer, const PriorityConfig& p, const Neighbours* queen);
// The analysis configuration the priority step needs (its indicators' attribute columns joined to
// the layers), after checking the priority configuration: call it before any data is read.
AnalysisConfig priority_analysis_config(const AnalysisConfig& config, const PriorityConfig& priority);
// Reads and assigns the inputs (or loads the layers only, without inputs), then the analysis.
PriorityResult run_priority(const AnalysisConfig& config, const PriorityConfig& priority, const ProgressFn& progress);
// On an analysis already made (by `hotspot run`) from priority_analysis_config's configuration,
// so that every input is read once and its rows accounted for in one report.
PriorityResult run_priority(const AnalysisConfig& config, const PriorityConfig& priority, AnalysisResult analysis, const ProgressFn& progress);

}  // namespace hotspot
