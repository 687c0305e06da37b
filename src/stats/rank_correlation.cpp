#include "hotspot/stats/rank_correlation.hpp"

#include "hotspot/base/errors.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>

namespace hotspot {

std::vector<double> average_ranks(std::span<const double> x) {
    // Sorting (value, position) pairs keeps the comparisons in cache: 35,000 areas x 50
    // indicators are ranked for every percentile index.
    std::vector<std::pair<double, std::size_t>> sorted(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) sorted[i] = {x[i], i};
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> rank(x.size());
    for (std::size_t i = 0; i < sorted.size();) {
        std::size_t j = i;
        while (j + 1 < sorted.size() && sorted[j + 1].first == sorted[i].first) ++j;
        const double mean_rank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;  // ranks i+1 .. j+1 share their mean
        for (std::size_t k = i; k <= j; ++k) rank[sorted[k].second] = mean_rank;
        i = j + 1;
    }
    return rank;
}

// Pearson's r of the ranks; 0 variance is refused earlier.
double rho_of_ranks(std::span<const double> a, std::span<const double> b) {
    const double n = static_cast<double>(a.size());
    const double mean_a = std::accumulate(a.begin(), a.end(), 0.0) / n;
    const double mean_b = std::accumulate(b.begin(), b.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double da = a[i] - mean_a, db = b[i] - mean_b;
        sab += da * db;
        saa += da * da;
        sbb += db * db;
    }
    return std::clamp(sab / std::sqrt(saa * sbb), -1.0, 1.0);
}

namespace {

void check_sample(std::span<const double> v, const char* side) {
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i])) throw InputError(std::string("Spearman: ") + side + " value " + std::to_string(i + 1) + " is not a finite number");
    if (std::all_of(v.begin(), v.end(), [&](double x) { return x == v[0]; }))
        throw InputError(std::string("Spearman: every ") + side + " value is the same (" + std::to_string(v[0]) + "): no ranking to correlate");
}

}  // namespace

Spearman spearman(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size())
        throw InputError("Spearman: " + std::to_string(x.size()) + " x values but " + std::to_string(y.size()) + " y values");
    if (x.size() < 3) throw InputError("Spearman: needs at least 3 pairs, got " + std::to_string(x.size()));
    check_sample(x, "x");
    check_sample(y, "y");
    Spearman s;
    s.n = x.size();
    s.rho = rho_of_ranks(average_ranks(x), average_ranks(y));
    const double df = static_cast<double>(s.n - 2);
    if (std::abs(s.rho) >= 1.0) {  // perfect (anti-)monotone: t is infinite and p is 0, as in scipy
        s.t = std::copysign(INFINITY, s.rho);
        s.p_two_sided = 0;
        return s;
    }
    s.t = s.rho * std::sqrt(df / ((1.0 - s.rho) * (1.0 + s.rho)));
    const boost::math::students_t dist(df);
    s.p_two_sided = 2.0 * boost::math::cdf(boost::math::complement(dist, std::abs(s.t)));
    return s;
}

}  // namespace hotspot
