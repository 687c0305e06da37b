#pragma once
// How concentrated incidents are across places (cells or areas): the Lorenz curve, the Gini
// coefficient, Bernasco & Steenbeek's generalized Gini for sparse counts, the share of places
// holding 25 % and 50 % of incidents, and a decile table (METHODS.md, "Concentration").
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

// One point of the Lorenz curve, places taken from the busiest down.
struct LorenzPoint {
    std::size_t places = 0;      // the busiest `places` places ...
    double place_pct = 0;        // ... as a percentage of all places
    double incidents = 0;        // ... hold this many incidents
    double incident_pct = 0;     // ... this percentage of all incidents
};

struct Concentration {
    std::size_t places = 0;
    double incidents = 0;
    std::size_t places_with_none = 0;
    // Gini over the places: G = 2 sum(i x_(i)) / (n sum x) - (n + 1) / n, x ascending.
    double gini = 0;
    // Bernasco & Steenbeek (2017): G' = max(1, places / incidents) (G - 1) + 1.
    double generalized_gini = 0;
    // The fewest places (busiest first) whose incidents reach at least 25 % / 50 % of all.
    std::size_t places_for_25pct = 0, places_for_50pct = 0;
    double place_pct_for_25pct = 0, place_pct_for_50pct = 0;
    std::vector<LorenzPoint> lorenz;  // one point per place, busiest first, plus the origin
};

// Counts (or weighted counts) per place. Refuses (InputError) negative or non-finite values,
// an empty list, or a total of zero, naming the place.
Concentration concentration(std::span<const double> counts);

// Places split into `groups` groups by count, busiest first, sizes as SQL NTILE gives them
// (the first n % groups groups hold one place more); per group the places and incidents.
struct DecileRow {
    int group = 0;  // 1 = busiest
    std::size_t places = 0;
    double incidents = 0;
    double pct_of_incidents = 0;
};
std::vector<DecileRow> ntile_table(std::span<const double> counts, int groups = 10);

}  // namespace hotspot
