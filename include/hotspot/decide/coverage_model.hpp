#pragma once
// The coverage model of the maximal covering location problem (Church & ReVelle 1974): demand
// points with weights, candidate sites, and for each candidate the demand points it covers.
// A candidate covers a demand point when their distance is at most the radius, inclusive
// (d <= r; spopt's code does the same, though its docstring says d < r). Distances are metres
// on projected coordinates, tested as dx^2 + dy^2 <= r^2 (no square root).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hotspot {

struct CoverageModel {
    std::vector<double> demand_weight;                 // a_i >= 0 (harm or count), one per demand point
    std::vector<std::vector<std::uint32_t>> covers;    // per candidate j: the demand points i it covers, ascending
    // Patrol points kept apart: per candidate, the candidates closer than the minimum separation
    // (d < s), ascending; empty when no separation is asked for (set by add_separation).
    std::vector<std::vector<std::uint32_t>> too_close;

    std::size_t demand_count() const { return demand_weight.size(); }
    std::size_t candidate_count() const { return covers.size(); }
    double total_weight() const;
};

// Coverage by Euclidean distance through a k-d tree over the demand points. Refuses (ConfigError)
// a radius that is not finite and > 0, a weight that is negative or not finite, and a
// coordinate that is not finite, naming which point.
CoverageModel coverage_from_points(const std::vector<double>& demand_x, const std::vector<double>& demand_y,
                                   const std::vector<double>& demand_weight, const std::vector<double>& candidate_x,
                                   const std::vector<double>& candidate_y, double radius_m);

// Coverage from a given distance matrix (e.g. network distances), row-major demand x candidate:
// distance[i * candidates + j]. Same checks; a NaN distance is refused, +inf means unreachable.
CoverageModel coverage_from_distances(const std::vector<double>& demand_weight, std::size_t candidates,
                                      const std::vector<double>& distance, double radius);

// Fills model.too_close: candidates closer than separation_m (d^2 < s^2) may not both be chosen.
// Refuses (ConfigError) more than max_separation_pairs such pairs (one model row each).
inline constexpr std::size_t max_separation_pairs = 2'000'000;
void add_separation(CoverageModel& model, const std::vector<double>& candidate_x, const std::vector<double>& candidate_y,
                    double separation_m);

// What a set of sites covers: the weight and the number of demand points.
struct CoverageTotals {
    double weight = 0.0;
    std::size_t points = 0;
};
CoverageTotals covered_by(const CoverageModel& model, const std::vector<std::uint32_t>& sites);

}  // namespace hotspot
