#pragma once
// RunReport: what a run read, did and produced (inputs with checksums, the parameters
// actually used, named counters, timings, version), written into every output.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace hotspot {

struct ReportEntry {
    std::string section;  // "input", "parameter", "counter", "timing", "crs", "output", "config"
    std::string key;
    std::string value;
};

class RunReport {
public:
    void add(std::string section, std::string key, std::string value);
    void count(std::string key, std::uint64_t value) { add("counter", std::move(key), std::to_string(value)); }
    const std::vector<ReportEntry>& entries() const { return entries_; }
    // The value of the last entry with this section and key, or "" when absent.
    std::string get(const std::string& section, const std::string& key) const;

private:
    std::vector<ReportEntry> entries_;
};

// Times a step and records it as "timing" on destruction.
class StepTimer {
public:
    StepTimer(RunReport& report, std::string step);
    ~StepTimer();
    StepTimer(const StepTimer&) = delete;
    StepTimer& operator=(const StepTimer&) = delete;

private:
    RunReport& report_;
    std::string step_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace hotspot
