#pragma once
// Getis-Ord Gi* on a space-time cube, as ArcGIS's Emerging Hot Spot Analysis computes it
// (METHODS.md): a bin's neighbourhood is every location within the distance band (itself
// included) at its own step and at the `window` steps before it, never later ones; the cube's
// bins are one population (mean and standard deviation over all locations x steps), binary
// weights. Bins of the first steps have fewer steps behind them and so smaller neighbourhoods.
#include "hotspot/geo/neighbours.hpp"
#include "hotspot/stats/gistar.hpp"

#include <cstddef>
#include <span>

namespace hotspot {

// `counts` holds steps x locations values, step-major: bin (location i, step t) is
// counts[t * locations + i]; the result is indexed the same way. `spatial` lists each
// location's neighbours within the band (self excluded). Refused (InputError) as gi_star
// refuses: fewer than 3 bins, non-finite values, a cube whose bins are all equal.
GiStarResult space_time_gi_star(std::span<const double> counts, std::size_t locations, const Neighbours& spatial, std::size_t window,
                                GiStarFdr fdr = GiStarFdr::compute, unsigned threads = 1);

}  // namespace hotspot
