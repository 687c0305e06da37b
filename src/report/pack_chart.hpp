#pragma once
// The time profile's SVG bar chart: one bar per month, the pack period's months highlighted.
#include "hotspot/base/periods.hpp"

#include <string>
#include <vector>

namespace hotspot::report {

// counts[k] is month first + k; y_title names what is counted (unit and place). A month with
// withheld[k] set (a public pack's suppressed count) gets no bar, only a "c" on the baseline.
std::string monthly_chart(const std::string& id, const std::string& title, const std::string& y_title, MonthIndex first,
                          const std::vector<long long>& counts, MonthIndex highlight_from, const std::vector<char>& withheld = {});

}  // namespace hotspot::report
