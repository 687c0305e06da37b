#include "hotspot/base/run_report.hpp"

#include "hotspot/base/text.hpp"

namespace hotspot {

void RunReport::add(std::string section, std::string key, std::string value) {
    entries_.push_back({std::move(section), std::move(key), std::move(value)});
}

std::string RunReport::get(const std::string& section, const std::string& key) const {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
        if (it->section == section && it->key == key) return it->value;
    return "";
}

StepTimer::StepTimer(RunReport& report, std::string step)
    : report_(report), step_(std::move(step)), start_(std::chrono::steady_clock::now()) {}

StepTimer::~StepTimer() {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start_;
    report_.add("timing", step_ + "_s", format_fixed(took.count(), 3));
}

}  // namespace hotspot
