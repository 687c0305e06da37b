// Fictional place and street names.
#pragma once

#include "rng.hpp"

#include <string>
#include <vector>

namespace gencity {

// The four pilot wards of the ASB pilot, and how many planted hotspots each receives.
struct PilotWard {
    const char* name;
    int hotspots;
};
inline constexpr PilotWard kPilotWards[] = {
    {"Ashcombe", 8}, {"Wexley Green", 7}, {"Billingford", 6}, {"Ladymead", 5}};
inline constexpr const char* kCentralWard = "Brindleford Central";

// `n` distinct English-sounding street names ("Mill Lane", "Cavendish Road", ...).
std::vector<std::string> street_names(Rng& rng, std::size_t n);

}  // namespace gencity
