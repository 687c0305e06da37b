#pragma once
// Indicators: a named value per area of one layer. (a) a count of selected incidents (sources,
// categories, window, harm weights) as a count, a rate per 1,000 residents per year, per km2 or
// per another denominator column; (b) a column of an attribute table joined by area code;
// (c) a count column of an attribute table (e.g. published LSOA crime counts over stated months),
// which keeps its observed count so over-representation and smoothing apply; (d) the ratio of
// two indicators. Areas without a value are listed, never dropped silently.
#include "hotspot/base/periods.hpp"
#include "hotspot/base/row_filter.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

enum class IndicatorKind { count, attribute, count_column, ratio };
enum class IndicatorPer { none, residents_1000_per_year, km2, column };
const char* to_string(IndicatorKind k);
const char* to_string(IndicatorPer p);
IndicatorKind parse_indicator_kind(const std::string& text);  // ConfigError naming the kinds
// "count", "1000 residents" (per 1,000 residents per year), "km2", "column:TABLE.FIELD".
IndicatorPer parse_indicator_per(const std::string& text, std::string& per_column);

struct IndicatorSpec {
    std::string name;                       // [indicator.NAME]; also the field prefix in outputs
    std::string title;                      // for legends and tables; default from the definition
    IndicatorKind kind = IndicatorKind::count;
    // count
    std::vector<std::string> sources, categories;
    RowFilter where;                        // on any column the sources carry (base/row_filter)
    std::string window;                     // "last 3 financial years", "2022/23..2024/25", "2024-04..2026-04"; empty: every month
    bool per_year = false;                  // also one value per financial year of the window
    bool harm_weighted = false;             // sum the incidents' weights (issue 12's harm table) instead of counting
    // attribute, count_column
    std::string attributes;                 // an [attributes.NAME] table
    std::string field;
    double months = 0;                      // count_column: the months its counts cover (for rates)
    // count, count_column
    IndicatorPer per = IndicatorPer::none;
    std::string per_column;                 // per = column: "TABLE.FIELD" of an attribute table
    // ratio
    std::string numerator, denominator;     // indicator names
    bool higher_is_worse = true;            // false: reverse in the composite index (e.g. a satisfaction score)
};

struct IndicatorValues {
    IndicatorSpec spec;
    std::string unit;                       // "incidents", "per 1,000 residents per year", "per km2", the field's own
    std::string period;                     // "2022/23 to 2024/25 (36 months)", or "as published" for attributes
    double months = 0;                      // the window's length; 0 for attributes
    MonthIndex first_month = 0, last_month = 0;  // the window's months; 0 when not known (attributes, count_column by months alone)
    std::vector<std::optional<double>> value;        // per area: the indicator
    std::vector<std::optional<double>> observed;     // count kinds: events per area (empty otherwise)
    std::vector<std::optional<double>> denominator;  // count kinds: residents (or the per column) per area
    std::vector<std::string> missing_areas;          // area ids without a value, with why in missing_why
    std::vector<std::string> missing_why;
    std::vector<std::string> year_labels;            // per_year: "2022/23", or "2022/23 (2022-10..2023-03, 6 months)" for a part year
    std::vector<std::vector<std::optional<double>>> per_year_value;  // [year][area]
    std::string denominator_what;                    // "residents (Census ...)", "km2", "TABLE.FIELD"
    std::vector<std::string> notes;                  // the selection and what was left out, for the run report
    std::vector<std::string> warnings;               // for the console and the run report (a ratio over two windows)
};

struct IndicatorTable {
    std::string layer;                      // the area layer the indicators are measured on
    std::vector<std::string> area_ids, area_names;
    std::vector<IndicatorValues> indicators;
    const IndicatorValues* find(const std::string& name) const;
};

// The months of a window given the months the data covers (inclusive): "" (every month of the
// data), "last financial year", "last 3 financial years" (the latest complete April-March
// years inside the data), "2022/23..2024/25", "2024-04..2026-04" or any base/periods period.
// Refuses (ConfigError) a window the data does not cover, naming both.
Period indicator_window(const std::string& window, MonthIndex data_first, MonthIndex data_last);

// The window of a published count (count_column): fixed months ("2024-04..2026-04", "2022/23..2024/25"),
// no data to anchor "last N years" to. Checked against `months` when both are given (0: not given).
// ConfigError naming the indicator otherwise.
Period published_count_window(const std::string& indicator, const std::string& window, double months);

// The financial years a window touches: for per-year values. A year only partly inside the
// window is labelled with its months: "2022/23 (2022-10..2023-03, 6 months)".
std::vector<Period> financial_years_of(const Period& window);

}  // namespace hotspot
