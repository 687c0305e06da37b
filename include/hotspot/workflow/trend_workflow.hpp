#pragma once
// The trend workflow of `hotspot trend`: counted incidents -> one count series per category
// and/or area (the pipeline's area assignment) by month, quarter or financial year -> the
// Mann-Kendall test and Sen's slope per series (time/mann_kendall) and the seasonal index of
// its monthly counts (time/seasonal_index).
//
// A month without input (no police.uk file and no row for it) has no data: its count is NA,
// not 0, and a quarter or financial year with any such month is NA too (a partial step would
// look like a fall). NA steps are left out of the test and counted in `missing_steps`.
#include "hotspot/measure/performance_table.hpp"
#include "hotspot/time/mann_kendall.hpp"
#include "hotspot/time/seasonal_index.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

enum class TrendStep { month, quarter, financial_year };
// What splits the selection into series (besides areas): nothing, its categories, its inputs, or
// the [measure.NAME] definitions (categories, sources and where filters; a row may count in several).
enum class TrendGroup { total, category, source, measure };
const char* to_string(TrendGroup g);

struct TrendConfig {
    std::vector<std::string> categories;  // selection; empty: all (not with group = measure: each measure selects)
    std::string areas_layer;              // an --area layer's name; empty: the whole input
    TrendGroup group = TrendGroup::total;
    bool by_area = false;
    std::vector<MeasureDefinition> measures;  // group = measure: the series, in order
    TrendStep step = TrendStep::month;
    std::optional<MonthIndex> first_month, last_month;  // --months; none: every month of input
    double confidence = 0.95;             // of Sen's slope interval
    double alpha = 0.05;                  // two-sided level of "rising" / "falling"
};

struct TrendSeries {
    std::string category;                 // the group: a category, an input, a measure, or the whole selection
    std::string area_code, area_name;     // empty: every selected incident (not split by area)
    std::size_t group = 0;                // index into TrendResult::group_month_why
    std::vector<double> counts;           // per step; NaN: no data
    std::vector<double> month_counts;     // per month of the span; NaN: no data (for the seasonal index)
    std::uint64_t incidents = 0;          // sum of the counts
    std::size_t missing_steps = 0;
    MannKendall mk;
    std::string direction;                // "rising", "falling", "no significant trend", or why not tested
    std::string direction_fdr;            // the same after Benjamini-Hochberg over every tested series
    std::optional<SeasonalIndex> seasonal;
    std::string seasonal_note;            // why there is none
};

struct TrendResult {
    TrendConfig config;
    MonthIndex first_month = 0, last_month = 0;  // of the monthly span (whole steps)
    std::vector<MonthIndex> step_starts;         // first month of each step
    std::size_t step_months = 1;                 // 1, 3 or 12
    std::vector<MonthIndex> missing_months;      // inside the span and --months, without any input: NA in every series
    std::vector<MonthIndex> months_outside;      // of the span's whole steps, outside --months: NA in every series
    // [group][month of the span]: why the month has no data in that group's series ("no input",
    // "outside --months", "no police.uk file of input 'btp'"), empty when counted.
    std::vector<std::vector<std::string>> group_month_why;
    std::string source_gaps;                     // "btp 2025-02, btp 2025-03": the police.uk inputs' missing files (NA only in series counting that input), or empty
    std::vector<TrendSeries> series;
    std::uint64_t rows_total = 0, rows_selected = 0, rows_outside_areas = 0;
    std::uint64_t rows_outside_months = 0;       // selected rows dated outside --months (in no series)
    std::string selection_label;                 // "all categories" or "Burglary; Robbery"
    std::vector<std::string> where_accounts;     // group = measure: each where filter's rows selected and left unknown
    std::vector<std::string> warnings;           // for the console and the run report: rows left out as unknown
    std::size_t series_tested = 0;               // with >= 3 periods of data (the FDR's m)
    double fdr_cutoff = -1;                      // largest p still significant after BH at alpha; -1: none
};

// Refuses (ConfigError) an unknown layer, --by area without a layer, no input months.
TrendResult run_trend(const AnalysisResult& analysis, const TrendConfig& config);

// "month", "quarter", "financial year"; the label of one step ("2024-03", "2024-Q1", "2023/24").
std::string trend_step_name(TrendStep step);
std::string trend_step_label(TrendStep step, MonthIndex first);

// The direction words of a test at level alpha.
std::string trend_direction(const MannKendall& mk, double alpha);

}  // namespace hotspot
