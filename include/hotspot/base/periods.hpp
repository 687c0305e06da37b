#pragma once
// Months, quarters and financial years (April-March, as partnerships report them).
// A period is an inclusive range of months.
#include "hotspot/base/incidents.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace hotspot {

constexpr MonthIndex month_index(int year, int month) { return year * 12 + (month - 1); }
constexpr int year_of(MonthIndex m) { return m / 12; }
constexpr int month_of(MonthIndex m) { return m % 12 + 1; }

std::string month_label(MonthIndex m);          // "2024-03"
std::string month_short_name(MonthIndex m);     // "Mar"
// "2024-03" for one month, "2024-03..2025-01" for more (an inclusive range).
std::string month_range_label(MonthIndex first, MonthIndex last);
std::string quarter_label(MonthIndex m);        // "2024-Q1" (calendar quarter)
std::string financial_year_label(MonthIndex m); // "2023/24" for 2023-04 .. 2024-03
MonthIndex quarter_start(MonthIndex m);
MonthIndex financial_year_start(MonthIndex m);

// "YYYY-MM" exactly, as police.uk writes it; nullopt when not a valid month.
std::optional<MonthIndex> parse_year_month(std::string_view text);

// A calendar date in a stated format ("YYYY-MM-DD", "DD/MM/YYYY", "YYYY-MM", "YYYY/MM/DD",
// "MM/YYYY"), or "auto" to try those in that order (British day-first, never US
// month-first). A time after the date ("T12:00" or " 12:00") is allowed and ignored.
// Returns the month, or nullopt with the reason in `why`.
std::optional<MonthIndex> parse_date_month(std::string_view text, std::string_view format, std::string* why);
// The same, with the day too: unknown_day when the format has none ("YYYY-MM", "MM/YYYY").
struct DatedMonth {
    MonthIndex month;
    DayIndex day;
};
std::optional<DatedMonth> parse_date_day(std::string_view text, std::string_view format, std::string* why);
// Days since 1970-01-01 of a valid calendar date, and back to "2016-01-05".
DayIndex day_index(int year, int month, int day);
std::string day_label(DayIndex d);

// The months a run accepts (analysis.min_month, analysis.max_month): a row dated outside
// them is a typing or export error, and would stretch every period table to its year.
struct MonthRange {
    MonthIndex first = 0;
    MonthIndex last = 0;  // inclusive
    bool contains(MonthIndex m) const { return m >= first && m <= last; }
    std::string label() const;  // "2000-01..2026-12"
};
// 2000-01 to December of next year (by the system clock).
MonthRange default_month_range();

struct Period {
    MonthIndex first = 0;
    MonthIndex last = 0;  // inclusive
    std::string label;
    bool contains(MonthIndex m) const { return m >= first && m <= last; }
    int months() const { return last - first + 1; }
};

// "2024-03", "2024-Q1", "2023/24" (financial year), "FY2023/24", "2024" (calendar year),
// or "2023-04..2024-03" (an inclusive range). Throws ConfigError for anything else.
Period parse_period(std::string_view text);

}  // namespace hotspot
