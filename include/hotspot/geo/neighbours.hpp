#pragma once
// Who neighbours whom, for Gi*, Local Moran's I and global Moran's I: neighbour lists in
// compressed rows (self never listed), built by distance band or k nearest neighbours through
// the k-d tree, or by shared boundary (queen contiguity) through GEOS.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct Neighbours {
    std::vector<std::uint64_t> offsets{0};  // size() + 1 entries
    std::vector<std::uint32_t> index;       // neighbours of i: index[offsets[i] .. offsets[i + 1])
    std::string rule;                       // e.g. "distance band 300 m (inclusive)"

    std::size_t size() const { return offsets.size() - 1; }
    std::size_t count(std::size_t i) const { return static_cast<std::size_t>(offsets[i + 1] - offsets[i]); }
    std::span<const std::uint32_t> of(std::size_t i) const {
        return {index.data() + offsets[i], index.data() + offsets[i + 1]};
    }
    std::size_t without_neighbours() const;
    // Neighbour lists from per-feature vectors (each without self).
    static Neighbours from_lists(const std::vector<std::vector<std::uint32_t>>& lists, std::string rule);
};

// Features whose points lie within band_m of each other (distance <= band_m, as spdep's
// dnearneigh(0, band_m)); coincident points are neighbours.
Neighbours distance_band(const double* x, const double* y, std::size_t n, double band_m, unsigned threads);

// The k nearest other features of each feature (not symmetric, as spdep's knearneigh).
// Equidistant candidates for the last place are taken in the k-d tree's order.
Neighbours k_nearest(const double* x, const double* y, std::size_t n, std::size_t k, unsigned threads);

// Polygons (ISO WKB) that share at least one boundary point, or come within snap_m of each
// other (queen contiguity). Overlapping polygons are neighbours too. Each pair is tested once,
// on `threads` threads (0: all cores); the result does not depend on the count.
Neighbours queen_contiguity(const std::vector<std::string>& wkb, double snap_m, unsigned threads = 1);

// How each neighbour is weighted: binary (1) or row-standardised (1 / neighbours of i).
enum class WeightStyle { binary, row_standardised };
const char* to_string(WeightStyle s);
WeightStyle parse_weight_style(const std::string& s);  // "B"/"binary", "W"/"row"

inline double weight(WeightStyle s, std::size_t neighbours_of_i) {
    return s == WeightStyle::binary ? 1.0 : 1.0 / static_cast<double>(neighbours_of_i);
}

// The spatial lag sum_j w_ij v_j (0 for a feature without neighbours).
std::vector<double> spatial_lag(const Neighbours& nb, WeightStyle style, std::span<const double> v);

// The weight constants of global Moran's I (Cliff & Ord): S0 = sum w, S1 = 1/2 sum (w_ij + w_ji)^2,
// S2 = sum_i (w_i. + w_.i)^2, and how many features have at least one neighbour.
struct WeightConstants {
    double s0 = 0, s1 = 0, s2 = 0;
    std::size_t with_neighbours = 0;
};
WeightConstants weight_constants(const Neighbours& nb, WeightStyle style);

}  // namespace hotspot
