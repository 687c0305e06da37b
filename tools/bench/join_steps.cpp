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
// The read step is broken down by the reader's own counters (hotspot/read/read_profile.hpp): CPU
// seconds per stage summed over the reader threads, with the bytes each stage handled, so
// inflate, checksums, parse and merge show apart even though files are read two at a time.
// With --write FILE.gpkg the join's GeoPackage (incidents with area ids, rejects, report) is
// written too, through the CLI's own output path, as the "write" step.
//
// With --counts FILE it also writes "area_id,rows" lines (sorted by id, areas with rows
// only) for the first area layer, for tools/bench-join's per-area agreement check.
//
// Usage: join_steps --area NAME=PATH,id=F[,name=F] [--threads N] [--counts FILE] [--write FILE.gpkg] POLICE_FILE_OR_FOLDER...
#include "hotspot/workflow/config.hpp"
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/read/read_profile.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
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

// "12.3 MB/s" of bytes over seconds, or "-" when nothing was timed.
std::string rate(std::uint64_t bytes, double seconds) {
    if (seconds <= 0) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f MB/s", static_cast<double>(bytes) / 1e6 / seconds);
    return buf;
}

void read_breakdown(double read_wall_s) {
    const hotspot::ReadProfile p = hotspot::read_profile();
    const double mb = 1e6;
    std::printf("    %-20s %7.3f s CPU  %8.1f MB gzip -> %8.1f MB text  %s of text a core (%llu files whole with libdeflate, %llu streamed with zlib)\n",
                "inflate", p.inflate_cpu_s, static_cast<double>(p.compressed_bytes) / mb, static_cast<double>(p.inflated_bytes) / mb,
                rate(p.inflated_bytes, p.inflate_cpu_s).c_str(), static_cast<unsigned long long>(p.whole_file_inflates),
                static_cast<unsigned long long>(p.streamed_inflates));
    std::printf("    %-20s %7.3f s CPU  %s a core\n", "content CRC-32", p.content_checksum_cpu_s,
                rate(p.inflated_bytes, p.content_checksum_cpu_s).c_str());
    std::printf("    %-20s %7.3f s CPU  %8.1f MB text  %s a core\n", "parse + build", p.parse_cpu_s(), static_cast<double>(p.text_bytes) / mb,
                rate(p.text_bytes, p.parse_cpu_s()).c_str());
    std::printf("    %-20s %7.3f s CPU  (each file's bytes, on a thread beside its reader)\n", "file SHA-256", p.file_checksum_cpu_s);
    std::printf("    %-20s %7.3f s CPU  (appending each file's table, calling thread)\n", "merge", p.merge_cpu_s);
    const double cpu = p.file_cpu_s + p.file_checksum_cpu_s + p.merge_cpu_s;
    std::printf("    %-20s %7.3f s CPU over %.3f s wall = %.2f cores busy\n", "read total", cpu, read_wall_s,
                read_wall_s > 0 ? cpu / read_wall_s : 0.0);
}

double last_step_s = 0;

void step(const char* name, const std::function<void()>& run) {
    reset_peak();
    const auto t0 = std::chrono::steady_clock::now();
    run();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;
    total_s += took.count();
    last_step_s = took.count();
    std::printf("  %-22s %7.3f s   RSS after %6ld MB   peak during %6ld MB\n", name, took.count(), status_mb("VmRSS"),
                status_mb("VmHWM"));
}

}  // namespace

int main(int argc, char** argv) {
    hotspot::AnalysisConfig config;
    std::string counts_path, write_path;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--counts" && i + 1 < argc) {
            counts_path = argv[++i];
        } else if (a == "--write" && i + 1 < argc) {
            write_path = argv[++i];
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
    hotspot::reset_read_profile();
    step("read", [&] {
        hotspot::ReadResult read = hotspot::read_inputs(config.inputs, threads);
        r.incidents = std::move(read.incidents);
        r.rejects = std::move(read.rejects);
    });
    read_breakdown(last_step_s);
    const auto per_row = [&](const char* what) {
        std::printf("    %-20s %.1f M rows/s (%zu rows)\n", what, last_step_s > 0 ? static_cast<double>(r.incidents.size()) / 1e6 / last_step_s : 0.0,
                    r.incidents.size());
    };
    step("project", [&] { hotspot::project_incidents(r, config.t_srs, threads); });
    per_row("");
    step("study area", [&] { hotspot::apply_study_area(r, config, threads); });
    step("duplicate Crime IDs", [&] { hotspot::find_duplicate_ids(r, config.drop_duplicate_ids); });
    step("assign", [&] { hotspot::assign_to_layers(r, threads); });
    per_row("");
    std::printf("  %-22s %7.3f s\n", "sum of steps", total_s);
    if (!write_path.empty()) {
        config.output.gpkg = write_path;
        config.output.overwrite = true;  // a scratch file of the benchmark's own
        config.output.qgis_project = false;
        step("write", [&] {
            hotspot::OutputSet outputs(true, hotspot::input_files(config));
            hotspot::claim_analysis_outputs(outputs, config);
            hotspot::write_outputs(r, config, outputs, [](const std::string&, double) {});
            outputs.publish();
        });
        std::printf("    %-20s %s of GeoPackage (%.1f MB)\n", "", rate(std::filesystem::file_size(write_path), last_step_s).c_str(),
                    static_cast<double>(std::filesystem::file_size(write_path)) / 1e6);
    }
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
