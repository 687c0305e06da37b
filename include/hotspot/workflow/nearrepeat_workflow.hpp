#pragma once
// The near-repeat workflow shared by `hotspot nearrepeat` and the tests: the inputs' events
// (projected, inside the study area) -> the Knox test (time/knox). Only day-resolution dates
// can be used: police.uk inputs and month-only dates are refused with the reason.
#include "hotspot/time/knox.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <string>

namespace hotspot {

// Why police.uk and month-resolution inputs are refused (exit 2).
inline constexpr const char* day_resolution_needed =
    "near-repeat analysis needs day-resolution dates; police.uk publishes the month only and snaps locations to "
    "~750,000 points, which inflates same-place pairs";

struct NearRepeatResult {
    KnoxOptions options;
    KnoxTable table;
    DayIndex first_day = unknown_day, last_day = unknown_day;
    std::string events_label;  // "970 incidents dated 2015-12-31..2016-01-31"
};

// Before reading: refuses (ConfigError) police.uk inputs and a date_format without a day.
void refuse_month_resolution_inputs(const AnalysisConfig& config);

// After reading: refuses rows whose date has no day (naming the first: file, line, count); warns
// in the report when every row is on the 1st of a month (month dates written as days).
NearRepeatResult run_nearrepeat(AnalysisResult& analysis, const KnoxOptions& options);

}  // namespace hotspot
