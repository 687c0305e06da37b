#include "hotspot/stats/significance.hpp"

#include <algorithm>
#include <cmath>

namespace hotspot {

double two_sided_p(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

std::int8_t confidence_bin(double z, double p) {
    const std::int8_t level = p < 0.01 ? 3 : p < 0.05 ? 2 : p < 0.10 ? 1 : 0;
    return static_cast<std::int8_t>(z < 0 ? -level : level);
}

namespace {

// The Benjamini-Hochberg cut-off on p-values already sorted ascending.
double sorted_fdr_cutoff(const std::vector<double>& p, double alpha) {
    const double m = static_cast<double>(p.size());
    double cutoff = -1;
    for (std::size_t k = 0; k < p.size(); ++k)
        if (p[k] <= static_cast<double>(k + 1) * alpha / m) cutoff = p[k];
    return cutoff;
}

}  // namespace

double fdr_cutoff(std::vector<double> p, double alpha) {
    std::sort(p.begin(), p.end());
    return sorted_fdr_cutoff(p, alpha);
}

std::vector<std::optional<std::int8_t>> fdr_bins(std::span<const std::optional<double>> z,
                                                 std::span<const std::optional<double>> p) {
    std::vector<double> tested;
    for (const auto& v : p)
        if (v) tested.push_back(*v);
    const double alphas[3] = {0.10, 0.05, 0.01};
    double cutoff[3];
    std::sort(tested.begin(), tested.end());  // once for the three levels (a space-time cube has millions)
    for (int k = 0; k < 3; ++k) cutoff[k] = sorted_fdr_cutoff(tested, alphas[k]);
    std::vector<std::optional<std::int8_t>> bins(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!p[i] || !z[i]) continue;
        std::int8_t level = 0;
        for (int k = 0; k < 3; ++k)
            if (*p[i] <= cutoff[k]) level = static_cast<std::int8_t>(k + 1);
        bins[i] = static_cast<std::int8_t>(*z[i] < 0 ? -level : level);
    }
    return bins;
}

}  // namespace hotspot
