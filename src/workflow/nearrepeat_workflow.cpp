#include "hotspot/workflow/nearrepeat_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <chrono>

namespace hotspot {

void refuse_month_resolution_inputs(const AnalysisConfig& config) {
    for (const InputSpec& in : config.inputs) {
        if (in.format == InputFormat::police_uk)
            throw ConfigError("input " + quote_value(in.name) + " is police.uk: " + day_resolution_needed);
        const std::string& f = in.columns.date_format;
        if (f != "auto" && !f.empty() && f.find("DD") == std::string::npos)
            throw ConfigError("input " + quote_value(in.name) + " has date_format " + quote_value(f) + " (month only): " +
                              day_resolution_needed);
    }
}

NearRepeatResult run_nearrepeat(AnalysisResult& a, const KnoxOptions& options) {
    const IncidentTable& t = a.incidents;
    if (t.size() < 2) throw ConfigError("nearrepeat: " + std::to_string(t.size()) + " incidents accepted; the Knox test needs at least 2");
    // Every reader fills days; a table without them was built from month-only data.
    const auto no_day = [&](std::size_t i) { return t.day.size() != t.size() || t.day[i] == unknown_day; };
    std::size_t month_only = 0, first_month_only = t.size();
    for (std::size_t i = 0; i < t.size(); ++i)
        if (no_day(i)) month_only += 1, first_month_only = std::min(first_month_only, i);
    if (month_only > 0) {
        const SourceFile& f = t.files.at(t.file[first_month_only]);
        throw ConfigError(std::to_string(month_only) + " of " + std::to_string(t.size()) + " incidents have a date without a day (first: " +
                          f.path + " line " + std::to_string(t.line[first_month_only]) + ", month " +
                          month_label(t.month[first_month_only]) + "): " + day_resolution_needed);
    }
    NearRepeatResult r;
    r.options = options;
    const auto [lo, hi] = std::minmax_element(t.day.begin(), t.day.end());
    r.first_day = *lo;
    r.last_day = *hi;
    r.events_label = std::to_string(t.size()) + " incidents dated " + day_label(r.first_day) + ".." + day_label(r.last_day);
    const bool all_on_the_first = std::all_of(t.day.begin(), t.day.end(), [](DayIndex d) {
        return static_cast<unsigned>(std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{d}}}.day()) == 1;
    });
    if (all_on_the_first)
        a.report.add("warning", "nearrepeat",
                     "every date is the 1st of its month: probably months written as dates, which makes time distances "
                     "multiples of a month; " + std::string(day_resolution_needed));
    {
        StepTimer timer(a.report, "knox");
        r.table = knox_test(t.x, t.y, t.day, options);
        a.report.add("parameter", "knox_threads", std::to_string(options.threads) + " (the table does not depend on it)");
    }
    return r;
}

}  // namespace hotspot
