#include "hotspot/decide/coverage_model.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/point_index.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace hotspot {

namespace {

void check_radius(double radius) {
    if (!std::isfinite(radius) || radius <= 0.0)
        throw ConfigError("placement: the coverage radius must be a finite number > 0, got " + std::to_string(radius));
}

void check_weights(const std::vector<double>& weight) {
    for (std::size_t i = 0; i < weight.size(); ++i)
        if (!std::isfinite(weight[i]) || weight[i] < 0.0)
            throw ConfigError("placement: demand point " + std::to_string(i) + " has weight " + std::to_string(weight[i]) +
                              "; weights must be finite and >= 0");
}

void check_coordinates(const std::vector<double>& x, const std::vector<double>& y, const char* what) {
    if (x.size() != y.size()) throw ConfigError(std::string("placement: ") + what + " x and y differ in length");
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            throw ConfigError(std::string("placement: ") + what + " " + std::to_string(i) + " has a coordinate that is not finite");
}

}  // namespace

double CoverageModel::total_weight() const {
    double total = 0.0;
    for (double w : demand_weight) total += w;
    return total;
}

CoverageModel coverage_from_points(const std::vector<double>& demand_x, const std::vector<double>& demand_y,
                                   const std::vector<double>& demand_weight, const std::vector<double>& candidate_x,
                                   const std::vector<double>& candidate_y, double radius_m) {
    check_radius(radius_m);
    check_coordinates(demand_x, demand_y, "demand point");
    check_coordinates(candidate_x, candidate_y, "candidate");
    if (demand_weight.size() != demand_x.size()) throw ConfigError("placement: one weight per demand point is needed");
    check_weights(demand_weight);
    CoverageModel model;
    model.demand_weight = demand_weight;
    model.covers.resize(candidate_x.size());
    const PointIndex index(demand_x.data(), demand_y.data(), demand_x.size());  // within() keeps d^2 <= r^2
    for (std::size_t j = 0; j < candidate_x.size(); ++j) {
        auto& list = model.covers[j];
        for (const Neighbour& nb : index.within(candidate_x[j], candidate_y[j], radius_m)) list.push_back(nb.index);
        std::sort(list.begin(), list.end());
    }
    return model;
}

CoverageModel coverage_from_distances(const std::vector<double>& demand_weight, std::size_t candidates,
                                      const std::vector<double>& distance, double radius) {
    check_radius(radius);
    check_weights(demand_weight);
    if (distance.size() != demand_weight.size() * candidates)
        throw ConfigError("placement: the distance matrix must have demand points x candidates entries");
    CoverageModel model;
    model.demand_weight = demand_weight;
    model.covers.resize(candidates);
    for (std::size_t i = 0; i < demand_weight.size(); ++i)
        for (std::size_t j = 0; j < candidates; ++j) {
            const double d = distance[i * candidates + j];
            if (std::isnan(d) || d < 0.0)
                throw ConfigError("placement: distance from demand point " + std::to_string(i) + " to candidate " +
                                  std::to_string(j) + " is " + std::to_string(d));
            if (d <= radius) model.covers[j].push_back(static_cast<std::uint32_t>(i));
        }
    return model;
}

void add_separation(CoverageModel& model, const std::vector<double>& candidate_x, const std::vector<double>& candidate_y,
                    double separation_m) {
    check_radius(separation_m);
    check_coordinates(candidate_x, candidate_y, "candidate");
    if (candidate_x.size() != model.candidate_count()) throw ConfigError("placement: one position per candidate is needed");
    model.too_close.assign(model.candidate_count(), {});
    const PointIndex index(candidate_x.data(), candidate_y.data(), candidate_x.size());
    const double s2 = separation_m * separation_m;
    std::size_t pairs = 0;
    for (std::size_t j = 0; j < candidate_x.size(); ++j) {
        auto& list = model.too_close[j];
        for (const Neighbour& nb : index.within(candidate_x[j], candidate_y[j], separation_m)) {
            const double ddx = candidate_x[nb.index] - candidate_x[j], ddy = candidate_y[nb.index] - candidate_y[j];
            if (nb.index != j && ddx * ddx + ddy * ddy < s2) list.push_back(nb.index);  // exactly s apart is allowed
        }
        std::sort(list.begin(), list.end());
        pairs += list.size();
        // Each pair is a row of the exact model (Y_a + Y_b <= 1); beyond this CBC cannot cope.
        if (pairs / 2 > max_separation_pairs)
            throw ConfigError("placement: a separation of " + format_fixed(separation_m, 1) + " m puts more than " +
                              std::to_string(max_separation_pairs) + " pairs of the " + std::to_string(candidate_x.size()) +
                              " candidates too close together; use a smaller separation or fewer candidates");
    }
}

CoverageTotals covered_by(const CoverageModel& model, const std::vector<std::uint32_t>& sites) {
    std::vector<char> covered(model.demand_count(), 0);
    for (std::uint32_t j : sites)
        for (std::uint32_t i : model.covers.at(j)) covered[i] = 1;
    CoverageTotals totals;
    for (std::size_t i = 0; i < covered.size(); ++i)
        if (covered[i]) {
            totals.weight += model.demand_weight[i];
            ++totals.points;
        }
    return totals;
}

}  // namespace hotspot
