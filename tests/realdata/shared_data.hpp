#pragma once
#include <string>

inline std::string shared_data_dir() { return HOTSPOT_SHARED_DATA; }
