// Where `hotspot join` spends its time and memory, step by step.
//
// Runs the join pipeline's steps one by one through the library's public step functions,
// in the order run_analysis (src/workflow/pipeline.cpp) chains them for `hotspot join`, and prints
// for each step its wall time, the resident memory after it, and the peak resident memory
// during it (the kernel's peak counter is reset before each step via /proc/self/clear_refs).
// run_analysis times only load/read/project/assign; this also shows the steps in between
// (study extent, duplicate Crime IDs). Used by tools/bench-join; its times are not the
// benchmark's figures (those are the CLI's wall times).
//
// With --counts FILE it also writes "area_id,rows" lines (sorted by id, areas with rows
// only) for the first area layer, for tools/bench-join's per-area agreement check.
//
// Usage: join_steps --area NAME=PATH,id=F[,name=F] [--threads N] [--counts FILE] POLICE_FILE_OR_FOLDER...
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <string>

namespace {

long status_mb(const char* key) {  // VmRSS / VmHWM from /proc/self/status
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(key) + ":";
    while (std::getline(in, line))
        if (line.rfind(prefix, 0) == 0) return std::atol(line.c_str() + prefix.size()) / 1024;
    return -1;
}

void reset_peak() {  // "5" resets VmHWM to the current RSS (Linux >= 4.0)
    std::ofstream("/proc/self/clear_refs") << "5";
}

double total_s = 0;

void step(const char* name, const std::function<void()>& run) {
    reset_peak();
    const auto t0 = std::chrono::steady_clock::now();
    run();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;
    total_s += took.count();
    std::printf("  %-22s %7.3f s   RSS after %6ld MB   peak during %6ld MB\n", name, took.count(), status_mb("VmRSS"),
                status_mb("VmHWM"));
}

}  // namespace

int main(int argc, char** argv) {
    hotspot::AnalysisConfig config;
    std::string counts_path;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--counts" && i + 1 < argc) {
            counts_path = argv[++i];
        } else if (a == "--area" && i + 1 < argc) {
            config.areas.push_back(hotspot::parse_area_argument(argv[++i]));
        } else if (a == "--threads" && i + 1 < argc) {
            hotspot::apply_setting(config, "analysis.threads", argv[++i], "");
        } else {
            hotspot::apply_setting(config, "input.police.format", "police.uk", "");
            hotspot::apply_setting(config, "input.police.path", a, "");
        }
    }
    hotspot::validate(config);
    if (config.areas.empty()) {
        std::fprintf(stderr, "join_steps: give --area\n");
        return 2;
    }
    const unsigned threads = hotspot::effective_threads(config.threads);
    hotspot::AnalysisResult r;
    step("load areas", [&] {
        for (const auto& spec : config.areas) r.layers.push_back(hotspot::AreaLayer::load(spec, config.t_srs));
    });
    step("read", [&] {
        hotspot::ReadResult read = hotspot::read_inputs(config.inputs, threads);
        r.incidents = std::move(read.incidents);
        r.rejects = std::move(read.rejects);
    });
    step("project", [&] { hotspot::project_incidents(r, config.t_srs, threads); });
    step("study area", [&] { hotspot::apply_study_area(r, config, threads); });
    step("duplicate Crime IDs", [&] { hotspot::find_duplicate_ids(r, config.drop_duplicate_ids); });
    step("assign", [&] { hotspot::assign_to_layers(r, threads); });
    std::printf("  %-22s %7.3f s\n", "sum of steps", total_s);
    for (const auto& e : r.report.entries())
        if (e.section == "counter" && (e.key.rfind("inside ", 0) == 0 || e.key.rfind("distinct_locations", 0) == 0))
            std::printf("  %s: %s\n", e.key.c_str(), e.value.c_str());
    std::printf("  accepted: %zu, rejected: %zu\n", r.incidents.size(), static_cast<std::size_t>(hotspot::rejected_rows(r)));
    if (!counts_path.empty()) {
        std::map<std::string, std::size_t> rows;  // sorted by id, like the GeoPandas side
        for (const auto a : r.assignments.front().area)
            if (a >= 0) ++rows[r.layers.front().id(static_cast<std::size_t>(a))];
        std::ofstream out(counts_path);
        for (const auto& [id, n] : rows) out << id << ',' << n << '\n';
        if (!out) {
            std::fprintf(stderr, "join_steps: cannot write %s\n", counts_path.c_str());
            return 1;
        }
    }
    return 0;
}
