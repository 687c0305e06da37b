#pragma once
// The one period the headline measures of an area layer (count, rate, share, lq, rank and
// the per-category columns) cover, so a rate never mixes 28 months with a change over two
// financial years. Rates over it are annualised: per 1,000 residents per year.
#include "hotspot/base/periods.hpp"

#include <optional>
#include <string>

namespace hotspot {

// measures.headline_period: automatic (the default), a stated period, or every month.
struct HeadlineChoice {
    std::optional<Period> period;  // a stated period (must lie inside the data)
    bool all_months = false;       // "all": the whole span of the data, stated as such
};

// The value of measures.headline_period (`key` names it in errors): empty for automatic,
// "all", or a period as parse_period reads it; and back (to_ini).
HeadlineChoice parse_headline_choice(const std::string& key, const std::string& text);
std::string headline_setting(const HeadlineChoice& choice);

struct HeadlinePeriod {
    Period period;
    std::string basis;  // why this period: "current period of the comparison", ...
};

// Stated period, else "all", else the comparison's current period, else the latest 12
// months of the data, else (under 12 months of data) every month, labelled "all months".
HeadlinePeriod choose_headline_period(const HeadlineChoice& choice, const std::optional<Period>& comparison_current,
                                      MonthIndex first_month, MonthIndex last_month);

// "2024/25 (Apr 2024-Mar 2025, 12 months)": the label, the months spelt out and their number.
std::string headline_label(const Period& p);

// Events per 1,000 residents per year over `months` months; nullopt without a population.
std::optional<double> rate_per_1000_per_year(double count, std::optional<double> population, int months);

}  // namespace hotspot
