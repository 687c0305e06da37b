#pragma once
// The partnership performance table, as a community safety partnership's annual report shows
// it: per measure, the latest quarter, the same quarter last year, the previous quarter, year
// to date and last year to date, their difference and % difference, a direction, the rate per
// 1,000 residents and a rank among the areas of the same layer; for the whole study area and
// for every area of every layer. A period with no month of data is "no data" (nullopt), not 0.
#include "hotspot/base/incidents.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/row_filter.hpp"
#include "hotspot/geo/areas.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

// A named selection of incidents: [measure.NAME] categories, exclude_categories, sources, where.
struct MeasureDefinition {
    std::string name;
    std::vector<std::string> categories;          // empty: every category of the sources
    std::vector<std::string> exclude_categories;  // taken out of `categories` (or of all)
    std::vector<std::string> sources;             // input names; empty: every input
    RowFilter where;                              // on any column the sources carry; empty: every row
};

// "Burglary;Robbery except X from police where age < 26", for reports.
std::string describe_measure(const MeasureDefinition& m);
// Per file of the table: 1 when its input is one of the measure's sources.
std::vector<std::uint8_t> measure_files(const MeasureDefinition& m, const IncidentTable& t);
// The rows a measure counts: its sources and categories, then its where filter, with the
// filter's account (ConfigError naming the measure for a column its sources lack).
FilteredRows measure_rows(const MeasureDefinition& m, const IncidentTable& t);

// The 14 categories police.uk street files use.
const std::vector<std::string>& police_uk_categories();
// The built-in measures for police.uk data (police.uk has no "Violence against the person":
// its nearest category is "Violence and sexual offences").
std::vector<MeasureDefinition> default_police_measures();

struct TableOptions {
    std::vector<MeasureDefinition> measures;  // empty: the built-in police.uk set
    std::string quarter;                      // "2025/26 Q2" or "2025 Q3"; empty: latest complete quarter
    bool calendar_quarters = false;           // quarters Jan-Mar = Q1 and a calendar year to date
    double level_band_pct = 5.0;              // |% difference| below this is "level" (measures.level_band_pct)
    std::vector<std::string> sources;         // every input name (for checking measures)
    std::vector<std::string> police_sources;  // the police.uk inputs (the built-in measures' sources)
};

// The first month of a quarter given as "2025/26 Q2" (financial: Q1 = April-June) or
// "2025 Q3" (calendar: Q1 = January-March). Throws ConfigError.
MonthIndex parse_quarter_start(std::string_view text);

// The table's periods, in the report's column order.
namespace table_period {
enum : std::size_t { quarter_last_year = 0, latest_quarter, previous_quarter, year_to_date, last_year_to_date };
}
inline constexpr std::size_t table_periods = 5;

struct TableRow {
    std::string layer;  // empty for the whole study area
    std::string area_id, area_name;
    std::size_t measure = 0;  // index into PerformanceTable::measures
    std::array<std::optional<std::uint64_t>, table_periods> count;  // nullopt: no data in the period
    std::optional<std::int64_t> difference;                         // year to date - last year to date
    std::optional<double> difference_pct;                           // of last year to date
    std::string direction;                                          // "up", "down", "level" or "" (no data)
    std::optional<double> rate_per_1000;                            // year to date, per 1,000 residents
    std::optional<std::uint32_t> rank;                              // 1 = highest in its layer
};

struct LayerRanking {
    std::string layer;
    bool by_rate = false;  // by year-to-date rate per 1,000 residents, else by year-to-date count
};

struct PerformanceTable {
    std::array<Period, table_periods> periods;  // labels: "2025/26 Q2", "YTD 2025/26 (Apr-Sep)", ...
    std::array<std::string, table_periods> headings;  // labels with their months: "2025/26 Q2 (Jul-Sep 2025)"
    std::string comparison;  // "YTD 2025/26 v 2024/25"
    std::string quarter_rule;  // how the latest quarter was chosen
    std::vector<MeasureDefinition> measures;
    // [measure][period]: months of the period in which the measure's sources have any incident.
    std::vector<std::array<std::uint32_t, table_periods>> months_with_data;
    std::vector<TableRow> rows;  // study area first, then each layer's areas; measures in order
    std::vector<LayerRanking> rankings;
    double level_band_pct = 5.0;
    std::optional<double> study_population;  // for the study-area rate, when it is known
    std::vector<std::string> notes;          // left-out built-in measures, rates not given, ...
    std::vector<std::string> where_accounts; // per measure with a where filter, in measure order: its rows selected and left unknown

    // "" when every period is complete, else e.g. "2022/23 Q3: 2 of 3 months with data; ...".
    std::string coverage_note(std::size_t measure) const;
};

// Builds the table. layers and assignments are row-aligned with t (as run_analysis leaves
// them). Unknown categories or sources are refused with the closest names (ConfigError).
PerformanceTable build_performance_table(const IncidentTable& t, const std::vector<AreaLayer>& layers,
                                         const std::vector<Assignment>& assignments, const TableOptions& options);

}  // namespace hotspot
