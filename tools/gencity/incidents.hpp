// Incident generation (before any police.uk formatting).
#pragma once

#include "city.hpp"

#include <vector>

namespace gencity {

inline constexpr int kBackground = -1;
inline constexpr int kConcentrationBase = 1000;  // source = 1000 + concentration index

struct Incident {
    int month = 0;
    int type = 0;
    int snap = -1;       // index into City::snaps
    int source = kBackground;  // hotspot index, kConcentrationBase + k, or kBackground
};

// Targets the generator aims at (expected values; the files hold Poisson draws around them).
inline constexpr double kMonthlyTotal = 2000.0;
inline constexpr double kAsbShare = 0.20;
inline constexpr double kHotspotAsbShare = 0.40;  // of all ASB
inline constexpr double kHotspotAsbMix = 0.70;    // of a hotspot's incidents

// Scales hotspot rates, then draws every incident of the 36 months, snapped.
std::vector<Incident> generate_incidents(City& city, Rng& rng);

}  // namespace gencity
