#pragma once
// A composite index of many indicators per area, as ArcGIS Pro's "Calculate Composite Index"
// (scale -> weight and reverse -> combine, METHODS.md) plus what it lacks: a stated missing-value
// policy, optional outlier treatment, the indicators that put each area high, and how stable
// each rank is when any one indicator is left out.
#include "hotspot/decide/outlier_treatment.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hotspot {

enum class Scaling { minmax, zscore, percentile, rank, flag, raw };
enum class Combine { sum, mean, geomean };
enum class MissingPolicy { drop, mean, zero };  // drop: ArcGIS (a record with any missing input is left out)
const char* to_string(Scaling s);
const char* to_string(Combine c);
const char* to_string(MissingPolicy m);
Scaling parse_scaling(const std::string& text);
Combine parse_combine(const std::string& text);
MissingPolicy parse_missing_policy(const std::string& text);

struct IndicatorScaling {
    std::string name;
    Scaling scaling = Scaling::minmax;
    double weight = 1;
    bool reverse = false;  // applied after scaling (ArcGIS): high raw values score low
    std::optional<std::pair<double, double>> range;  // minmax over a fixed [lo, hi] so years compare
    std::optional<double> z_mean, z_sd;              // zscore with given mean and sd (ArcGIS "custom")
    // flag: 1 where the value, scaled by threshold_scale, is above (or below) threshold, else 0.
    double threshold = 0.9;
    bool flag_above = true;
    Scaling threshold_scale = Scaling::percentile;
};

struct CompositeSpec {
    std::string preset;  // the ArcGIS preset name, or "custom"
    std::vector<IndicatorScaling> indicators;
    Combine combine = Combine::mean;
    MissingPolicy missing = MissingPolicy::drop;
    OutlierMode outliers = OutlierMode::none;
    bool reverse_index = false;          // the output's reverse, after combining
    bool tie_break_mean_minmax = false;  // equal index: the higher mean min-max scaled value ranks first
    std::size_t top_n = 42;
    std::size_t explain = 3;             // top contributing indicators listed per area
};

// The ArcGIS presets: meanScaled, meanPercentile, meanRaw, geomeanScaled, geomeanPercentile,
// geomeanRaw, sumFlagsPercentile (flag above the 90th percentile, summed; ties broken by the
// mean min-max scaled value). ConfigError naming the presets for another name.
CompositeSpec composite_preset(const std::string& preset, const std::vector<std::string>& indicator_names);

struct CompositeInput {
    std::vector<std::string> area_ids;
    std::vector<std::string> indicator_names;
    std::vector<std::vector<std::optional<double>>> values;  // [indicator][area]; nullopt = missing
};

struct Contribution {
    std::size_t indicator = 0;
    double scaled = 0;    // after reverse
    double weighted = 0;  // weight x scaled: what it adds to the sum
    double raw = 0;
};

struct CompositeResult {
    CompositeSpec spec;
    std::vector<std::uint8_t> kept;                      // per area: 1 when it has an index
    std::vector<std::string> dropped;                    // ids left out (missing policy drop)
    std::vector<std::vector<std::string>> imputed;       // [indicator]: ids given the mean or zero
    std::vector<std::vector<std::optional<double>>> scaled;  // [indicator][area], after reverse
    std::vector<std::optional<double>> index;            // per area
    std::vector<std::optional<double>> tie_break;        // the weighted mean min-max scaled value, when used
    std::vector<std::optional<std::uint32_t>> rank;      // 1 = highest index; ties share (1224)
    std::vector<std::optional<std::uint32_t>> decile;    // 1 = the top 10 %: ceil(10 rank / n)
    std::vector<std::vector<Contribution>> top_contributors;  // per area, largest weighted first; none adding 0
    // Robustness: the area's rank when each indicator in turn is left out.
    std::vector<std::optional<std::uint32_t>> loo_rank_min, loo_rank_max;
    std::vector<std::optional<std::size_t>> loo_min_without, loo_max_without;  // the indicator left out (first on ties)
    std::vector<std::size_t> top;                        // area indices of the top N, rank order
    std::vector<OutlierTreatment> outliers;              // one per indicator when outliers != none
    std::vector<std::string> notes;                      // every choice, for the run report
    std::vector<std::string> warnings;                   // degenerate flag thresholds, near-duplicate indicators
};

// Refuses (ConfigError) geomean with z-scores, a weight <= 0, an empty input, fewer than 2
// kept areas, and (InputError) a non-finite value naming the indicator and area. A constant
// indicator under minmax/zscore is refused naming it.
CompositeResult composite_index(const CompositeInput& input, const CompositeSpec& spec);

}  // namespace hotspot
