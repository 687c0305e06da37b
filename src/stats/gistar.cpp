#include "hotspot/stats/gistar.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/stats/significance.hpp"

#include <cmath>

namespace hotspot {

void require_analysable(std::span<const double> x, const char* what) {
    if (x.size() < 3)
        throw InputError(std::string(what) + ": at least 3 features are needed, there are " + std::to_string(x.size()));
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isfinite(x[i]))
            throw InputError(std::string(what) + ": feature " + std::to_string(i + 1) + " has value " + format_exact(x[i]) +
                             "; values must be finite numbers");
    for (double v : x)
        if (v != x[0]) return;
    throw InputError(std::string(what) + ": all " + std::to_string(x.size()) + " features have the same value (" + format_exact(x[0]) +
                     "), so nothing stands out and the statistic is undefined");
}

GiStarResult gi_star(std::span<const double> x, std::span<const double> neighbour_sum, std::span<const std::uint32_t> neighbour_count,
                     GiStarFdr fdr) {
    require_analysable(x, "Gi*");
    const std::size_t n = x.size();
    const double nd = static_cast<double>(n);
    GiStarResult r;
    double sum = 0;
    for (double v : x) sum += v;
    r.mean = sum / nd;
    double ss = 0;
    for (double v : x) ss += (v - r.mean) * (v - r.mean);  // centred first, as spdep does
    r.sd = std::sqrt(ss / nd);

    r.z.resize(n);
    r.p.resize(n);
    r.bin.assign(n, 0);
    r.neighbours.assign(neighbour_count.begin(), neighbour_count.end());
    for (std::size_t i = 0; i < n; ++i) {
        if (neighbour_count[i] == 0) {
            ++r.without_neighbours;
            continue;
        }
        // Binary weights with self: W_i = S1_i = neighbours + 1.
        const double w = static_cast<double>(neighbour_count[i]) + 1.0;
        const double variance_factor = (nd * w - w * w) / (nd - 1.0);
        if (variance_factor <= 0) {
            ++r.everyone_neighbours;
            continue;
        }
        const double z = (x[i] + neighbour_sum[i] - r.mean * w) / (r.sd * std::sqrt(variance_factor));
        r.z[i] = z;
        r.p[i] = two_sided_p(z);
        r.bin[i] = confidence_bin(z, *r.p[i]);
    }
    if (fdr == GiStarFdr::compute) r.bin_fdr = fdr_bins(r.z, r.p);
    return r;
}

GiStarResult gi_star(std::span<const double> x, const Neighbours& nb, GiStarFdr fdr) {
    if (nb.size() != x.size()) throw Error("Gi*: values and neighbour lists differ in length");
    const std::vector<double> sums = spatial_lag(nb, WeightStyle::binary, x);
    std::vector<std::uint32_t> counts(nb.size());
    for (std::size_t i = 0; i < nb.size(); ++i) counts[i] = static_cast<std::uint32_t>(nb.count(i));
    return gi_star(x, sums, counts, fdr);
}

}  // namespace hotspot
