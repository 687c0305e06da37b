#include "hotspot/publish/run_report_csv.hpp"

#include "publish/csv_text.hpp"

namespace hotspot {

std::string run_report_csv(const RunReport& report) {
    std::string out = std::string(run_report_csv_header_start) + "\n";
    for (const auto& e : report.entries())
        out += detail::csv_field(e.section) + "," + detail::csv_field(e.key) + "," + detail::csv_field(e.value) + "\n";
    return out;
}

}  // namespace hotspot
