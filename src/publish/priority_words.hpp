#pragma once
// Words for the priority outputs: each choice named as a person reads it in a legend, a column
// description or the run report, and what an indicator's numbers are (unit, period).
#include "hotspot/workflow/priority_workflow.hpp"

#include <string>

namespace hotspot::detail {

std::string interval_words(IntervalMethod m);   // "exact (chi-squared)", "Byar", ...
std::string scaling_words(Scaling s);
std::string combine_words(Combine c);
std::string missing_words(MissingPolicy m);
std::string outlier_words(OutlierMode m);

// "crimes: incidents, 2024-04 to 2026-04 (25 months)": the indicator's title (or name), unit and period.
std::string indicator_what(const IndicatorValues& v);
// "as published" for an attribute without a period.
std::string period_of(const IndicatorValues& v);
// "meanScaled: mean of min-max scaled indicators (0-1)": the index and its scale.
std::string index_what(const CompositeSpec& spec);
// The index's legend title, short enough for paper: "Priority index: indicators above their 90th
// percentile (of 4)", "Priority index (mean of min-max scaled, 0-1)". The long form is index_what.
std::string index_short_title(const CompositeSpec& spec);
// "95" for 0.95: the confidence level in per cent.
std::string level_pct(double level);

// Events per resident over `months` -> per 1,000 residents per year; nullopt when months <= 0.
std::optional<double> per_1000_per_year(std::optional<double> per_resident, double months);

}  // namespace hotspot::detail
