#include "publish/priority_words.hpp"

#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>

namespace hotspot::detail {

// Own words rather than the parsers' tokens: these are read by people, in legends and reports.
std::string interval_words(IntervalMethod m) {
    switch (m) {
        case IntervalMethod::phe: return "PHE rule (exact below 10 events, Byar from 10)";
        case IntervalMethod::exact: return "exact (chi-squared)";
        case IntervalMethod::byar: return "Byar";
        case IntervalMethod::epitools_byar: return "epitools pois.byar (Byar on O + 0.5)";
    }
    return "?";
}

std::string scaling_words(Scaling s) {
    switch (s) {
        case Scaling::minmax: return "min-max (0-1)";
        case Scaling::zscore: return "z-score";
        case Scaling::percentile: return "percentile (0-1)";
        case Scaling::rank: return "rank";
        case Scaling::flag: return "flag (0/1)";
        case Scaling::raw: return "raw values";
    }
    return "?";
}

std::string combine_words(Combine c) {
    switch (c) {
        case Combine::sum: return "sum";
        case Combine::mean: return "weighted mean";
        case Combine::geomean: return "weighted geometric mean";
    }
    return "?";
}

std::string missing_words(MissingPolicy m) {
    switch (m) {
        case MissingPolicy::drop: return "drop (an area missing any indicator gets no index)";
        case MissingPolicy::mean: return "mean (a missing value takes the indicator's mean)";
        case MissingPolicy::zero: return "zero (a missing value counts as 0)";
    }
    return "?";
}

std::string outlier_words(OutlierMode m) {
    switch (m) {
        case OutlierMode::none: return "none";
        case OutlierMode::winsorise: return "winsorise (COINr: |skew| >= 2 and kurtosis >= 3.5)";
        case OutlierMode::winsorise_log: return "winsorise, then log where still skewed (COINr)";
    }
    return "?";
}

std::string period_of(const IndicatorValues& v) { return v.period.empty() ? "as published" : v.period; }

std::string indicator_what(const IndicatorValues& v) {
    const std::string title = v.spec.title.empty() ? v.spec.name : v.spec.title;
    return title + ": " + (v.unit.empty() ? "value" : v.unit) + ", " + period_of(v);
}

std::string index_what(const CompositeSpec& spec) {
    std::string scales;
    for (const auto& i : spec.indicators) {
        const std::string s = scaling_words(i.scaling);
        if (scales.find(s) == std::string::npos) scales += (scales.empty() ? "" : ", ") + s;
    }
    return (spec.preset.empty() ? std::string("custom") : spec.preset) + ": " + combine_words(spec.combine) + " of " +
           (scales.empty() ? std::string("scaled") : scales) + " scaled indicators" + (spec.reverse_index ? ", reversed" : "");
}

namespace {
std::string ordinal(double pct) {
    const std::string n = format_plain(pct);
    const long whole = std::lround(pct);
    if (static_cast<double>(whole) != pct) return n + "th";
    const long tens = whole % 100, last = whole % 10;
    return n + (tens >= 11 && tens <= 13 ? "th" : last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th");
}

std::string short_scaling(Scaling s) {
    switch (s) {
        case Scaling::minmax: return "min-max scaled, 0-1";
        case Scaling::zscore: return "z-scores";
        case Scaling::percentile: return "percentiles, 0-1";
        case Scaling::rank: return "ranks";
        case Scaling::flag: return "0/1 flags";
        case Scaling::raw: return "raw values";
    }
    return "scaled";
}
}  // namespace

std::string index_short_title(const CompositeSpec& spec) {
    const auto& is = spec.indicators;
    const std::string reversed = spec.reverse_index ? ", reversed" : "";
    const bool all_flags = !is.empty() && std::all_of(is.begin(), is.end(), [](const IndicatorScaling& i) { return i.scaling == Scaling::flag; });
    if (all_flags && spec.combine == Combine::sum) {
        const IndicatorScaling& f = is.front();
        const bool same = std::all_of(is.begin(), is.end(), [&f](const IndicatorScaling& i) {
            return i.threshold == f.threshold && i.flag_above == f.flag_above && i.threshold_scale == f.threshold_scale;
        });
        const std::string of = " (of " + std::to_string(is.size()) + ")" + reversed;
        if (same && f.threshold_scale == Scaling::percentile)
            return "Priority index: indicators " + std::string(f.flag_above ? "above" : "below") + " their " + ordinal(f.threshold * 100) + " percentile" + of;
        return "Priority index: indicators flagged" + of;
    }
    const bool one_scale = !is.empty() && std::all_of(is.begin(), is.end(), [&is](const IndicatorScaling& i) { return i.scaling == is.front().scaling; });
    const std::string combine = spec.combine == Combine::sum ? "sum" : spec.combine == Combine::mean ? "mean" : "geometric mean";
    return "Priority index (" + combine + " of " + (one_scale ? short_scaling(is.front().scaling) : std::string("scaled indicators")) + reversed + ")";
}

std::string level_pct(double level) { return format_plain(level * 100); }

std::optional<double> per_1000_per_year(std::optional<double> per_resident, double months) {
    if (!per_resident || months <= 0) return std::nullopt;
    return *per_resident * 1000.0 * 12.0 / months;
}

}  // namespace hotspot::detail
