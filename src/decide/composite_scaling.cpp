#include "decide/composite_scaling.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/stats/rank_correlation.hpp"

#include <algorithm>
#include <cmath>

namespace hotspot::composite {

namespace {

ScaledColumn min_max(std::span<const double> x, const IndicatorScaling& ind) {
    ScaledColumn c;
    const auto [mn, mx] = std::minmax_element(x.begin(), x.end());
    const double lo = ind.range ? ind.range->first : *mn, hi = ind.range ? ind.range->second : *mx;
    if (!(hi > lo))
        throw ConfigError(ind.range ? "indicator '" + ind.name + "': the min-max range needs lo < hi"
                                    : "indicator '" + ind.name + "' is constant (every value " + format_exact(lo) +
                                          "): min-max scaling divides by max - min = 0; leave it out or give a range");
    for (double v : x) {
        if (v < lo || v > hi) ++c.outside_range;
        c.values.push_back((v - lo) / (hi - lo));
    }
    return c;
}

ScaledColumn z_score(std::span<const double> x, const IndicatorScaling& ind) {
    const double n = static_cast<double>(x.size());
    double mean = 0;
    for (double v : x) mean += v;
    mean /= n;
    double ss = 0;
    for (double v : x) ss += (v - mean) * (v - mean);
    const double m = ind.z_mean.value_or(mean), sd = ind.z_sd.value_or(std::sqrt(ss / (n - 1)));  // sd with n - 1 (R scale)
    if (!(sd > 0))
        throw ConfigError("indicator '" + ind.name + "': z-score needs a standard deviation > 0 (" +
                          (ind.z_sd ? "the custom sd" : "the indicator is constant") + ")");
    ScaledColumn c;
    for (double v : x) c.values.push_back((v - m) / sd);
    return c;
}

}  // namespace

ScaledColumn scale_column(std::span<const double> x, const IndicatorScaling& ind, Scaling scaling) {
    const double n = static_cast<double>(x.size());
    switch (scaling) {
        case Scaling::minmax: return min_max(x, ind);
        case Scaling::zscore: return z_score(x, ind);
        case Scaling::percentile: {
            ScaledColumn c{average_ranks(x), 0};
            for (double& r : c.values) r = (r - 1) / (n - 1);
            return c;
        }
        case Scaling::rank: return {average_ranks(x), 0};
        case Scaling::raw: return {std::vector<double>(x.begin(), x.end()), 0};
        case Scaling::flag: {
            if (ind.threshold_scale == Scaling::flag)
                throw ConfigError("indicator '" + ind.name + "': a flag's threshold scale cannot itself be flag");
            ScaledColumn c = scale_column(x, ind, ind.threshold_scale);
            // A reversed indicator flags its worst end: reverse the threshold scale's values, not the 0/1
            // result (1 - flag would mark the other ~90 % of areas). Percentile: flags p < 1 - threshold.
            if (ind.reverse) reverse_scaled(c.values, ind.threshold_scale);
            for (double& v : c.values) v = (ind.flag_above ? v > ind.threshold : v < ind.threshold) ? 1.0 : 0.0;
            return c;
        }
    }
    return {};
}

void reverse_scaled(std::vector<double>& s, Scaling scaling) {
    if (s.empty()) return;
    const double n = static_cast<double>(s.size());
    const auto [mn, mx] = std::minmax_element(s.begin(), s.end());
    const double sum_extremes = *mn + *mx;
    for (double& v : s) {
        switch (scaling) {
            case Scaling::minmax:
            case Scaling::percentile:
            case Scaling::flag: v = 1 - v; break;
            case Scaling::zscore: v = -v; break;
            case Scaling::rank: v = n + 1 - v; break;
            case Scaling::raw: v = sum_extremes - v; break;
        }
    }
}

ScaledColumn scale_and_reverse(std::span<const double> x, const IndicatorScaling& ind) {
    ScaledColumn c = scale_column(x, ind, ind.scaling);
    if (ind.reverse && ind.scaling != Scaling::flag) reverse_scaled(c.values, ind.scaling);  // flag: reversed inside
    return c;
}

}  // namespace hotspot::composite
