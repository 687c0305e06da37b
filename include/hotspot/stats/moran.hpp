#pragma once
// Moran's I: global (Cliff & Ord moments, as spdep moran.test) and local (Anselin's LISA with
// spdep localmoran's conditional analytic moments, and conditional permutation inference).
// METHODS.md, "Local Moran's I and permutation inference".
#include "hotspot/geo/neighbours.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct GlobalMoran {
    double i = 0, expected = 0, variance = 0, z = 0, p_two_sided = 0;
    bool randomisation = true;     // variance under randomisation (else normality)
    std::size_t features = 0;      // n used: features with at least one neighbour (spdep adjust.n)
    std::size_t without_neighbours = 0;
};

// Equal to spdep moran.test(x, nb2listw(nb, style), randomisation) in I, expectation, variance
// and z; p here is two-sided (moran.test's default is one-sided "greater").
GlobalMoran global_moran(std::span<const double> x, const Neighbours& nb, WeightStyle style, bool randomisation = true);
// The same from the lag of the deviations, sum_j w_ij (x_j - mean), and the weight constants:
// for neighbourhoods the grid computes without listing them.
GlobalMoran global_moran(std::span<const double> x, std::span<const double> lag_of_deviations, const WeightConstants& w,
                         bool randomisation = true);

// spdep: I_i = z_i / m2 * lag_i, m2 = sum z^2 / n. PySAL: I_i = (n - 1) z_i lag_i / sum z^2,
// which is spdep's times (n - 1) / n; expectation and variance are scaled with it, z unchanged.
enum class MoranScaling { spdep, pysal };
const char* to_string(MoranScaling s);
MoranScaling parse_moran_scaling(const std::string& s);

enum class Quadrant : std::uint8_t { HH, LH, LL, HL };
const char* to_string(Quadrant q);

struct LocalMoranOptions {
    WeightStyle style = WeightStyle::row_standardised;
    MoranScaling scaling = MoranScaling::spdep;
    std::size_t permutations = 999;  // 0: analytic inference only
    std::uint64_t seed = 20260401;
    double alpha = 0.05;             // for the cluster labels
    unsigned threads = 0;
};

struct LocalMoranResult {
    // Missing where a feature has no neighbours, and z, p and p_sim where its value equals the
    // mean (its I is 0 whatever its neighbours do; expectation and variance are then 0).
    std::vector<std::optional<double>> i, expected, variance, z, p, p_sim;
    std::vector<double> lag;            // sum_j w_ij (x_j - mean)
    std::vector<Quadrant> quadrant;     // sign of x_i - mean (High if > 0) and of the lag
    std::vector<std::string> cluster;   // quadrant if significant at alpha, else "not significant"
    std::vector<std::string> cluster_fdr;  // the same with Benjamini-Hochberg over the p used
    std::string p_used;                 // "p_sim (999 permutations)" or "analytic p"
    std::size_t without_neighbours = 0, at_mean = 0;
};

// Refuses (InputError) fewer than 3 features, non-finite values and zero variance.
LocalMoranResult local_moran(std::span<const double> x, const Neighbours& nb, const LocalMoranOptions& o);

}  // namespace hotspot
