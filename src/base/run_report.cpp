#include "hotspot/base/run_report.hpp"

#include "hotspot/base/peak_memory.hpp"
#include "hotspot/base/text.hpp"

#include <sys/resource.h>

namespace hotspot {

void RunReport::add(std::string section, std::string key, std::string value) {
    entries_.push_back({std::move(section), std::move(key), std::move(value)});
}

std::string RunReport::get(const std::string& section, const std::string& key) const {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
        if (it->section == section && it->key == key) return it->value;
    return "";
}

std::uint64_t peak_rss_mib() {
    rusage u{};
    if (getrusage(RUSAGE_SELF, &u) != 0) return 0;
    return static_cast<std::uint64_t>(u.ru_maxrss) / 1024;  // ru_maxrss is in KiB on Linux
}

StepTimer::StepTimer(RunReport& report, std::string step)
    : report_(report), step_(std::move(step)), start_(std::chrono::steady_clock::now()) {}

// Recorded beside the wall time: the peak so far, so the step that raised it stands out.
StepTimer::~StepTimer() {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start_;
    report_.add("timing", step_ + "_s", format_fixed(took.count(), 3));
    report_.add("timing", step_ + "_peak_rss_mib", std::to_string(peak_rss_mib()));
}

}  // namespace hotspot
