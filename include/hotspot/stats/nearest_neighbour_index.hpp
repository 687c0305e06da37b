#pragma once
// Clark & Evans's nearest neighbour index (METHODS.md): R = d_obs / (0.5 sqrt(A / n)),
// SE = 0.26136 / sqrt(n^2 / A), z = (d_obs - d_exp) / SE. No edge correction (as spatstat's
// clarkevans(correction = "none")). The study area A drives the answer and is stated with it.
#include <cstddef>
#include <string>

namespace hotspot {

struct NearestNeighbourIndex {
    std::size_t points = 0;
    std::size_t coincident = 0;  // points whose nearest neighbour is at distance 0 (snapped data)
    double area_m2 = 0;
    std::string area_source;     // what A is, e.g. "union of wards (52 polygons)"
    double observed_mean_m = 0, expected_mean_m = 0, ratio = 0, standard_error = 0, z = 0, p_two_sided = 0;
};

// Refuses fewer than 2 points or a non-positive area.
NearestNeighbourIndex clark_evans(const double* x, const double* y, std::size_t n, double area_m2, std::string area_source,
                                  unsigned threads);

}  // namespace hotspot
