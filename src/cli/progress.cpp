#include "cli/progress.hpp"

#include <cpl_progress.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>

namespace hotspot::cli {

namespace {

// True between the first mark of a bar and its " - done." newline.
std::atomic<bool> line_open{false};

}  // namespace

ProgressFn terminal_progress(bool quiet) {
    if (quiet) return [](const std::string&, double) {};
    static const std::map<std::string, std::pair<double, double>> slices = {
        {"load areas", {0.00, 0.05}}, {"read", {0.05, 0.45}},        {"project", {0.45, 0.55}},
        {"assign", {0.55, 0.70}},     {"write incidents", {0.70, 0.85}}, {"write areas", {0.85, 0.90}},
        {"write tables", {0.90, 0.92}}, {"write tiles", {0.92, 0.99}}, {"done", {1.0, 1.0}}};
    auto shown = std::make_shared<double>(0.0);
    return [shown](const std::string& step, double fraction) {
        const auto it = slices.find(step);
        if (it == slices.end()) return;
        const auto [lo, hi] = it->second;
        // Monotonic: GDALTermProgress restarts its bar if the value goes down.
        *shown = std::max(*shown, lo + std::clamp(fraction, 0.0, 1.0) * (hi - lo));
        GDALTermProgress(*shown, nullptr, nullptr);
        std::fflush(stdout);  // in a pipe too, so the marks come before a later message
        line_open = *shown < 1.0;  // at 1.0 GDALTermProgress ended the line itself
    };
}

std::ostream& message_stream() {
    if (line_open.exchange(false)) {
        std::cout.flush();
        std::fputs("\n", stdout);
        std::fflush(stdout);
    }
    return std::cerr;
}

}  // namespace hotspot::cli
