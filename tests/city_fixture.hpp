#pragma once
// The embedded city (geodata/hotspot.ini) read, projected and assigned once per test binary.
#include "hotspot/workflow/pipeline.hpp"

#include <string>

inline const hotspot::AnalysisResult& city() {
    static const hotspot::AnalysisResult r = [] {
        hotspot::AnalysisConfig c = hotspot::load_config_file(std::string(HOTSPOT_GEODATA) + "/hotspot.ini");
        c.output = hotspot::OutputOptions{};
        return hotspot::run_analysis(c, hotspot::AnalysisScope::join, [](const std::string&, double) {});
    }();
    return r;
}
