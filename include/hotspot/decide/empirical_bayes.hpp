#pragma once
// Empirical Bayes smoothing of rates (Marshall 1991), equal to R spdep's EBest (global, the
// between-area variance clamped at 0 as spdep does: esda's Empirical_Bayes does not clamp and
// can give negative rates) and EBlocal (each area with its neighbours and itself).
#include "hotspot/geo/neighbours.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct EbGlobal {
    std::vector<double> raw;       // events / population
    std::vector<double> estimate;  // smoothed rate, same unit as raw
    double a = 0;                  // between-area variance after the clamp
    double a_unclamped = 0;        // before it (negative: spdep sets 0, esda keeps it)
    double b = 0;                  // the overall rate sum events / sum population
};

// Refuses (InputError naming the area id) a population <= DBL_EPSILON, a negative or
// non-finite count, or arrays of different lengths. ids name the areas in messages.
EbGlobal eb_global(std::span<const double> events, std::span<const double> population,
                   std::span<const std::string> ids);

struct EbLocal {
    std::vector<double> raw;
    std::vector<double> estimate;
    std::vector<double> a;         // per area, after the clamp
    std::size_t a_clamped = 0;     // areas whose a was negative and set to 0
};

// Neighbour lists exclude self (geo/neighbours); the area itself is added here, as spdep's
// EBlocal does. Refuses a zero population as spdep does (InputError naming the area).
// As spdep's default (geoda = FALSE), C_i sums n_j (x_j - m_j)^2 with each neighbour's own
// window rate m_j; the mean population nbar_i is over N(i) and i. a_i < 0 is set to 0.
EbLocal eb_local(std::span<const double> events, std::span<const double> population, const Neighbours& nb,
                 std::span<const std::string> ids);

}  // namespace hotspot
