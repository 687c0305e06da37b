#pragma once
#include "hotspot/workflow/config.hpp"

#include <string>

inline std::string shared_data_dir() { return HOTSPOT_SHARED_DATA; }

// A configuration reading one police.uk folder under crime/.
inline hotspot::AnalysisConfig police_config(const std::string& crime_folder) {
    hotspot::AnalysisConfig c;
    hotspot::apply_setting(c, "input.police.format", "police.uk", "");
    hotspot::apply_setting(c, "input.police.path", shared_data_dir() + "/crime/" + crime_folder, "");
    return c;
}

// Adds an area layer from boundaries/FILE keyed by ID.
inline void add_area(hotspot::AnalysisConfig& c, const std::string& name, const std::string& file, const std::string& id) {
    hotspot::apply_setting(c, "area." + name + ".path", shared_data_dir() + "/boundaries/" + file, "");
    hotspot::apply_setting(c, "area." + name + ".id", id, "");
}
