#include "hotspot/workflow/input_months.hpp"

#include "hotspot/base/periods.hpp"

#include <filesystem>

namespace hotspot {

std::set<MonthIndex> months_with_input(const IncidentTable& t) {
    std::set<MonthIndex> months(t.month.begin(), t.month.end());
    for (const SourceFile& f : t.files) {
        const std::string name = std::filesystem::path(f.path).filename().string();
        if (f.format == "police.uk" && name.size() >= 7)
            if (const auto m = parse_year_month(name.substr(0, 7))) months.insert(*m);
    }
    return months;
}

}  // namespace hotspot
