#pragma once
// Per-area measures as a partnership performance table shows them: counts by category
// and period, rate per 1,000 residents, change between two periods, share of the city
// total, location quotient against the city average, and rank.
#include "hotspot/base/incidents.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/geo/areas.hpp"
#include "hotspot/measure/headline_period.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct MeasureOptions {
    std::vector<std::string> categories;  // the headline measures count these; empty: all
    std::optional<Period> base;           // change is current - base
    std::optional<Period> current;
    double level_band_pct = 5.0;          // |change %| below this is "level"
    HeadlineChoice headline;              // the period of the headline measures (default: `current`)
    // The long table of counts per area, period (month, quarter, financial year) and category
    // (<layer>_periods). Dense: at 35,000 LSOAs x 10 years x 15 categories it is 90M rows
    // (~15 GB as built), so a national run can leave it out (measures.period_tables = false).
    bool period_tables = true;
};

// One row of the long table: an area's count in one period for one category ("All" too).
struct PeriodCount {
    std::uint32_t area = 0;
    std::string period_type;  // "month", "quarter", "financial_year"
    std::string period;       // "2024-03", "2024-Q1", "2023/24"
    std::uint32_t months_with_data = 0;  // < months in the period when the data starts or ends inside it
    std::string category;
    std::uint64_t count = 0;
    std::optional<double> rate_per_1000;
};

struct AreaMeasures {
    std::string layer;
    std::vector<std::string> categories;  // every category seen, by total count descending
    // Headline measures: all of them cover `headline_period` only.
    std::vector<std::vector<std::uint64_t>> by_category;  // [category][area]
    std::vector<std::uint64_t> count;     // headline (focus categories) count per area
    std::vector<double> weighted;         // the same, summed weights
    std::vector<std::optional<double>> rate_per_1000;  // per 1,000 residents per year
    std::vector<double> share_pct;
    std::vector<std::optional<double>> lq;
    std::string lq_basis;                 // "residents" or "area"
    std::vector<std::uint32_t> rank;      // by count, 1 = most; ties share a rank
    std::vector<std::optional<std::uint32_t>> rank_rate;
    std::optional<Period> headline_period;  // none only when there is no data
    std::string headline_basis;           // why that period was chosen
    // "2024/25 (Apr 2024-Mar 2025, 12 months)", for legend titles, CSV headers and reports.
    std::string headline_label() const { return headline_period ? hotspot::headline_label(*headline_period) : "no data"; }

    // Whole-span totals (every month of every input), headline categories.
    std::vector<std::uint64_t> count_all_months;
    std::optional<Period> all_months;     // first..last month of the data
    int months_all() const { return all_months ? all_months->months() : 0; }

    std::optional<Period> base, current;
    std::vector<std::uint64_t> base_count, current_count;
    std::vector<std::optional<double>> change_abs, change_pct;
    std::vector<std::string> direction;   // "up", "down", "level"
    std::vector<PeriodCount> periods;

    std::uint64_t city_count = 0;
    std::uint64_t outside = 0;            // headline incidents (headline period) in no area of the layer
    std::optional<double> city_population;
    std::optional<double> city_rate_per_1000;  // headline period, per year
    std::string headline;                 // what the headline count counts
};

// Ranks 1..n by value descending; equal values share the lowest rank ("1224").
std::vector<std::uint32_t> competition_rank(const std::vector<double>& values);

// The default comparison when none is given: the two latest complete financial years in
// the data; else the latest 12 months against the 12 before; else none.
std::optional<std::pair<Period, Period>> default_change_periods(MonthIndex first_month, MonthIndex last_month);

AreaMeasures measure_areas(const AreaLayer& layer, const std::vector<std::int32_t>& area_of_row, const IncidentTable& t,
                           const MeasureOptions& options);

}  // namespace hotspot
