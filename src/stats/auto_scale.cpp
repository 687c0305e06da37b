#include "hotspot/stats/auto_scale.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/point_index.hpp"
#include "hotspot/geo/unique_points.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hotspot {

namespace {

double mean_of(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); }

double median_of(std::vector<double> v) {
    const std::size_t m = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m), v.end());
    if (v.size() % 2) return v[m];
    const double upper = v[m];
    return (*std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m)) + upper) / 2.0;
}

}  // namespace

double optimized_cell_size(std::span<const double> x, std::span<const double> y, unsigned threads, std::string& detail) {
    if (x.size() < optimized_min_incidents)
        throw InputError("automatic scale needs at least " + std::to_string(optimized_min_incidents) + " incidents, there are " + std::to_string(x.size()));
    const UniquePoints places = unique_points(x, y);
    if (places.x.size() < 3) throw InputError("automatic scale: the incidents sit on only " + std::to_string(places.x.size()) + " distinct locations");
    const std::vector<double> d = kth_neighbour_distances(places.x.data(), places.y.data(), places.x.size(), 1, threads);
    const double mean = mean_of(d), median = median_of(d);
    const double larger = std::max(mean, median), smaller = std::min(mean, median);
    const double ratio = smaller > 0 ? larger / smaller : 2.0;
    const double cell = larger * std::max(2.0, ratio);
    detail = "max(mean " + format_fixed(mean, 2) + " m, median " + format_fixed(median, 2) + " m nearest-neighbour distance over " +
             std::to_string(places.x.size()) + " distinct locations) x max(2, ratio " + format_fixed(ratio, 3) + ") = " + format_fixed(cell, 2) + " m";
    return cell;
}

ChosenBand choose_band(const Fishnet& f, std::span<const double> values, unsigned threads, std::size_t steps) {
    if (f.size() < optimized_min_incidents)
        throw InputError("automatic scale: the fishnet has " + std::to_string(f.size()) + " cells, at least " +
                         std::to_string(optimized_min_incidents) + " are needed");
    const std::vector<double> cx = f.centres_x(), cy = f.centres_y();
    const std::vector<double> nearest = kth_neighbour_distances(cx.data(), cy.data(), cx.size(), 1, threads);
    const double start = *std::max_element(nearest.begin(), nearest.end());
    const double step = mean_of(nearest);
    const double mean = mean_of(std::vector<double>(values.begin(), values.end()));
    std::vector<double> deviations(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) deviations[i] = values[i] - mean;

    ChosenBand out;
    for (std::size_t k = 0; k < steps; ++k) {
        IsaStep s;
        s.distance_m = start + static_cast<double>(k) * step;
        const BandSums b = band_sums(f, deviations, s.distance_m, threads);
        // Binary, symmetric weights: S0 = sum k_i, S1 = 2 S0, S2 = 4 sum k_i^2.
        WeightConstants w;
        double total = 0;
        for (std::uint32_t c : b.count) {
            w.s0 += c;
            w.s2 += 4.0 * static_cast<double>(c) * static_cast<double>(c);
            w.with_neighbours += c > 0;
            total += c;
        }
        w.s1 = 2.0 * w.s0;
        s.mean_neighbours = total / static_cast<double>(b.count.size());
        s.moran = global_moran(values, b.sum, w, true);
        out.curve.push_back(s);
    }
    for (std::size_t k = 1; k + 1 < out.curve.size(); ++k)
        if (out.curve[k].moran.z > out.curve[k - 1].moran.z && out.curve[k].moran.z > out.curve[k + 1].moran.z) {
            out.curve[k].peak = true;
            out.band_m = out.curve[k].distance_m;
            out.detail = "first peak of the incremental spatial autocorrelation z (" + format_fixed(out.curve[k].moran.z, 3) + ") at " +
                         format_fixed(out.band_m, 2) + " m, over " + std::to_string(steps) + " distances from " + format_fixed(start, 2) +
                         " m in steps of " + format_fixed(step, 2) + " m";
            return out;
        }
    const std::size_t kth = std::clamp<std::size_t>(static_cast<std::size_t>(std::llround(0.05 * static_cast<double>(f.size()))), 3, 30);
    out.band_m = mean_of(kth_neighbour_distances(cx.data(), cy.data(), cx.size(), kth, threads));
    out.detail = "no peak in the incremental spatial autocorrelation z over " + std::to_string(steps) + " distances from " + format_fixed(start, 2) +
                 " m in steps of " + format_fixed(step, 2) + " m; mean distance to the " + std::to_string(kth) + "th nearest cell (5 % of " +
                 std::to_string(f.size()) + " cells, clamped to 3..30) = " + format_fixed(out.band_m, 2) + " m";
    return out;
}

}  // namespace hotspot
