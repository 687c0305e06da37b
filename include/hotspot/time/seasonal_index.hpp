#pragma once
// Seasonal indices of a monthly series by the ratio-to-moving-average method, as R's
// decompose(ts(x, frequency = 12), type = "multiplicative")$figure:
//   1. trend = the centred 12-month moving average (2x12: the 13 months around each month,
//      the two ends weighted 1/2, divided by 12); undefined for the first and last 6 months and
//      wherever one of the 13 months has no value;
//   2. ratio = value / trend for each month with both;
//   3. per calendar month, the mean of its ratios over the years;
//   4. normalised so the 12 indices average 1 (sum to 12).
// A month is named "significantly above average" when its index is above 1 and a one-sided
// one-sample t-test of its ratios (after step 4's normalisation factor) against 1 gives p < 0.05;
// that needs at least 2 ratios (3 years of data give 2 ratios per calendar month, so only a very
// consistent month passes).
#include "hotspot/base/incidents.hpp"

#include <array>
#include <optional>
#include <span>
#include <string>

namespace hotspot {

inline constexpr std::size_t seasonal_minimum_months = 24;

struct SeasonalIndex {
    std::array<double, 12> index{};           // by calendar month, January first; sum 12
    std::array<std::size_t, 12> ratios{};     // ratios averaged into each
    std::array<double, 12> t_p{};             // one-sided p of "ratio > 1"; NaN with < 2 ratios
    std::array<bool, 12> above{};             // index > 1 and t_p < 0.05
    double normaliser = 1;                    // the mean of the raw monthly means (step 4)
};

// `values` are the months first_month, first_month + 1, ...; NaN marks a month without data.
// Refuses (nullopt with the reason in `why`) fewer than 24 months, or a calendar month with no
// ratio (too many missing months).
std::optional<SeasonalIndex> seasonal_index(std::span<const double> values, MonthIndex first_month, std::string* why);

}  // namespace hotspot
