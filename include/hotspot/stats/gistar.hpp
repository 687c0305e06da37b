#pragma once
// Getis-Ord Gi* with binary weights and the feature itself included (METHODS.md): equal to
// spdep localG(x, nb2listw(include.self(nb), style = "B")) and ArcGIS Hot Spot Analysis
// with a fixed distance band.
#include "hotspot/geo/neighbours.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace hotspot {

struct GiStarResult {
    // Missing for a feature with no neighbour but itself (its "hot spot" would be itself
    // alone) and where every feature is a neighbour (the variance is 0): see `reason`.
    std::vector<std::optional<double>> z, p;
    std::vector<std::int8_t> bin;                   // +-3/+-2/+-1 for 99/95/90 %, 0 when missing
    std::vector<std::optional<std::int8_t>> bin_fdr;  // the same after Benjamini-Hochberg FDR
    std::vector<std::uint32_t> neighbours;          // other features in the neighbourhood (self not counted)
    std::size_t without_neighbours = 0;             // features whose z is missing for that reason
    std::size_t everyone_neighbours = 0;            // features neighbouring all others (z undefined)
    double mean = 0, sd = 0;                        // X bar and S (population standard deviation)
};

// From the sum over each feature's neighbours (self excluded) and their number; the grid
// path computes these without listing neighbours. Refuses (InputError) fewer than 3 features,
// a non-finite value (naming the feature) or values that are all equal. Without `fdr`, bin_fdr
// is left empty (a back-test needs z only, and the FDR cut-offs sort every p three times).
enum class GiStarFdr { compute, skip };
GiStarResult gi_star(std::span<const double> x, std::span<const double> neighbour_sum,
                     std::span<const std::uint32_t> neighbour_count, GiStarFdr fdr = GiStarFdr::compute);
GiStarResult gi_star(std::span<const double> x, const Neighbours& nb, GiStarFdr fdr = GiStarFdr::compute);

// The whole study's count, sum and sum of squared deviations, which every z uses. A tiled job
// computes them per tile and combines them (Chan, Golub & LeVeque's pairwise update for m2), so
// no task needs the whole grid. The sum, not the mean, is carried: for counts it is exact, so
// the tiled mean is the one-shot mean to the bit and only the standard deviation can differ.
struct GiStarMoments {
    double n = 0, sum = 0, m2 = 0;
    double mean() const { return sum / n; }
    double sd() const;  // population standard deviation, sqrt(m2 / n), as spdep
};
GiStarMoments moments_of(std::span<const double> x);  // the sum first, then centred squares, as gi_star
GiStarMoments combine(const GiStarMoments& a, const GiStarMoments& b);

// Gi* of some features of a larger study (a tile's cells) with the study's moments: the same z
// as gi_star over the whole study where neighbour sums and counts are the whole study's.
// Refuses moments of fewer than 3 features or zero variance; no FDR (that ranks every p).
GiStarResult gi_star_with_moments(std::span<const double> x, std::span<const double> neighbour_sum,
                                  std::span<const std::uint32_t> neighbour_count, const GiStarMoments& whole);

// Refuses fewer than 3 values, non-finite values and zero variance; `what` names the statistic.
void require_analysable(std::span<const double> x, const char* what);

}  // namespace hotspot
