#pragma once
// The residents of each intervention zone, for rates per 1,000 residents per year: the summed
// populations of the whole areas whose incidents the zone counts, or a figure given on the command
// line (--treatment-population ...); otherwise none, with the reason. Never apportioned by area:
// a zone that cuts areas (a ring, a file, a part taken by an earlier zone of another source, a part
// outside the study area) has no known population unless it is given (docs/decisions.md,
// "Intervention rates per 1,000 residents").
#include "hotspot/geo/areas.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

// What a zone is made of.
struct ZoneMakeup {
    std::string name;                  // "treatment", "buffer", "control"
    std::string option;                // "--treatment-population": how to give its residents
    bool present = true;               // false: no buffer
    const AreaLayer* layer = nullptr;  // whole areas of this layer (null: a polygon file, a ring, a box)
    std::vector<std::uint8_t> areas;   // per area of layer: chosen for the zone (earlier zones not yet taken out)
    std::string what;                  // without a layer: what it is ("a polygon file", "a 400 m ring")
    double counted_m2 = 0;             // area of the part where its incidents are counted (the drawn zone)
    std::optional<double> given;       // residents given on the command line
};

struct ZonePopulation {
    std::optional<double> residents;
    std::string source;  // where residents comes from, or why there is none
};

// zones: treatment, buffer, control, in the order incidents are given to them (an incident of an
// earlier zone is not a later one's, so a later zone of the same layer loses the earlier's areas).
std::vector<ZonePopulation> zone_populations(const std::vector<ZoneMakeup>& zones);

// The counted part may differ from the areas' summed area by slivers between neighbouring polygons.
inline constexpr double zone_area_tolerance = 1e-4;

}  // namespace hotspot
