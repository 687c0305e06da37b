#pragma once
// The monthly dashboard of each top-level area of a hierarchy (e.g. each local partnership):
// for the chosen month, its count and rate, the change against the previous month and the same
// month a year earlier, and each of its child areas with the same figures and its rank within
// the parent.
#include "hotspot/base/periods.hpp"
#include "hotspot/decide/hierarchy.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct DashboardRow {
    std::string top_id, top_name;        // the top-level area the dashboard belongs to
    std::size_t level = 0;               // of this row's area
    std::string level_name, area_id, area_name;
    MonthIndex month = 0;
    std::optional<double> count, previous_month, same_month_last_year;  // nullopt: no data that month
    std::optional<double> change_previous_pct, change_last_year_pct;    // nullopt where the base is 0 or missing
    std::optional<double> rate_per_1000_per_year;                       // the month's count x 12
    std::optional<std::uint32_t> rank_in_parent;                        // by rate where populations exist, else count
    std::string rank_by;                                                // "rate" or "count"; "" when not ranked
};

// The monthly counts a dashboard takes, from each incident's area (-1: in none) and month.
// Every month from first to last has data (0 where an area had no incident) except those in
// months_without_data (e.g. a month whose file is missing), which are nullopt for every area.
// Every row is accounted for: counted, in no area, or outside first..last.
struct MonthlyCounts {
    MonthIndex first_month = 0;
    std::vector<std::vector<std::optional<double>>> counts;  // [month - first_month][area]
    std::uint64_t counted = 0, without_area = 0, outside_months = 0, in_months_without_data = 0;
};
MonthlyCounts monthly_area_counts(std::span<const std::int32_t> area_of_row, std::span<const MonthIndex> month_of_row, std::size_t areas,
                                  MonthIndex first_month, MonthIndex last_month, std::span<const MonthIndex> months_without_data = {});

// monthly[m][i]: the count of finest area i in month first_month + m (nullopt: no data that
// month, as distinct from 0). One dashboard per top-level area for `month`, rows for the top
// area and each level below it down to `detail_level`, depth first (an area, then its children).
// A sum is nullopt when any finest area under it has no data that month; a change is nullopt
// when either month is. Ranks are competition ranks ("1224") among the siblings under the same
// parent (top areas among each other), by rate when every sibling has a population above 0,
// else by count; the "(no parent)" area and the areas under it are not ranked.
std::vector<DashboardRow> monthly_dashboard(const Hierarchy& h,
                                            const std::vector<std::vector<std::optional<double>>>& monthly,
                                            MonthIndex first_month, MonthIndex month,
                                            std::span<const std::optional<double>> finest_population,
                                            std::size_t detail_level);

}  // namespace hotspot
