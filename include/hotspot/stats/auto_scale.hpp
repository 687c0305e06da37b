#pragma once
// Choosing the scale of a hot spot analysis from the data, in the manner of ArcGIS's
// Optimized Hot Spot Analysis (METHODS.md): a fishnet cell size from nearest-neighbour
// distances, then a distance band from the first peak of the incremental spatial
// autocorrelation curve (global Moran's I z over increasing distances).
#include "hotspot/geo/fishnet.hpp"
#include "hotspot/stats/moran.hpp"

#include <span>
#include <string>
#include <vector>

namespace hotspot {

inline constexpr std::size_t optimized_min_incidents = 30;

// max(mean, median nearest-neighbour distance) x max(2, larger / smaller of the two), over
// the distinct incident locations (snapped police.uk points repeat; a zero distance between
// a location and itself says nothing about spacing). `detail` records the numbers.
double optimized_cell_size(std::span<const double> x, std::span<const double> y, unsigned threads, std::string& detail);

struct IsaStep {
    double distance_m = 0;
    double mean_neighbours = 0;
    GlobalMoran moran;  // binary weights, variance under randomisation
    bool peak = false;
};

struct ChosenBand {
    double band_m = 0;
    std::string detail;
    std::vector<IsaStep> curve;
};

// Incremental spatial autocorrelation over `steps` distances: from the smallest band giving
// every cell a neighbour, in steps of the mean distance between neighbouring cells. The band
// is the first peak of z; without one, the mean distance to the k-th nearest cell, k = 5 % of
// the cells clamped to [3, 30].
ChosenBand choose_band(const Fishnet& f, std::span<const double> values, unsigned threads, std::size_t steps = 10);

}  // namespace hotspot
