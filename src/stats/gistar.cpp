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

double GiStarMoments::sd() const { return std::sqrt(m2 / n); }

namespace {

// Neumaier's compensated sum: the rounding of each addition carried along, so a sum of 44,280
// squared deviations (Merseyside at 200 m) is right to the last bit or two instead of drifting
// by 2e-12 relative, which would set a one-shot grid apart from its tiles (each summed alone).
class CompensatedSum {
public:
    void add(double v) {
        const double t = sum_ + v;
        carry_ += std::abs(sum_) >= std::abs(v) ? (sum_ - t) + v : (v - t) + sum_;
        sum_ = t;
    }
    double value() const { return sum_ + carry_; }

private:
    double sum_ = 0, carry_ = 0;
};

}  // namespace

GiStarMoments moments_of(std::span<const double> x) {
    GiStarMoments m;
    m.n = static_cast<double>(x.size());
    if (x.empty()) return m;
    CompensatedSum sum, squares;
    for (double v : x) sum.add(v);
    m.sum = sum.value();
    const double mean = m.mean();
    for (double v : x) squares.add((v - mean) * (v - mean));  // centred first, as spdep does
    m.m2 = squares.value();
    return m;
}

GiStarMoments combine(const GiStarMoments& a, const GiStarMoments& b) {
    if (a.n == 0) return b;
    if (b.n == 0) return a;
    GiStarMoments m;
    m.n = a.n + b.n;
    m.sum = a.sum + b.sum;
    const double delta = b.mean() - a.mean();
    m.m2 = a.m2 + b.m2 + delta * delta * (a.n * b.n / m.n);
    return m;
}

namespace {

// z, p and bins from the study's moments (nd features, mean, sd).
GiStarResult gi_star_z(std::span<const double> x, std::span<const double> neighbour_sum, std::span<const std::uint32_t> neighbour_count,
                       double nd, double mean, double sd) {
    const std::size_t n = x.size();
    GiStarResult r;
    r.mean = mean;
    r.sd = sd;
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
        const double z = (x[i] + neighbour_sum[i] - mean * w) / (sd * std::sqrt(variance_factor));
        r.z[i] = z;
        r.p[i] = two_sided_p(z);
        r.bin[i] = confidence_bin(z, *r.p[i]);
    }
    return r;
}

}  // namespace

GiStarResult gi_star(std::span<const double> x, std::span<const double> neighbour_sum, std::span<const std::uint32_t> neighbour_count,
                     GiStarFdr fdr) {
    require_analysable(x, "Gi*");
    const GiStarMoments m = moments_of(x);
    GiStarResult r = gi_star_z(x, neighbour_sum, neighbour_count, m.n, m.mean(), m.sd());
    if (fdr == GiStarFdr::compute) r.bin_fdr = fdr_bins(r.z, r.p);
    return r;
}

GiStarResult gi_star_with_moments(std::span<const double> x, std::span<const double> neighbour_sum,
                                  std::span<const std::uint32_t> neighbour_count, const GiStarMoments& whole) {
    if (whole.n < 3) throw InputError("Gi*: at least 3 features are needed, there are " + format_plain(whole.n));
    if (!(whole.m2 > 0) || !std::isfinite(whole.m2) || !std::isfinite(whole.sum))
        throw InputError("Gi*: all " + format_plain(whole.n) + " features have the same value (" + format_exact(whole.mean()) +
                         "), so nothing stands out and the statistic is undefined");
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isfinite(x[i]))
            throw InputError("Gi*: feature " + std::to_string(i + 1) + " has value " + format_exact(x[i]) + "; values must be finite numbers");
    return gi_star_z(x, neighbour_sum, neighbour_count, whole.n, whole.mean(), whole.sd());
}

GiStarResult gi_star(std::span<const double> x, const Neighbours& nb, GiStarFdr fdr) {
    if (nb.size() != x.size()) throw Error("Gi*: values and neighbour lists differ in length");
    const std::vector<double> sums = spatial_lag(nb, WeightStyle::binary, x);
    std::vector<std::uint32_t> counts(nb.size());
    for (std::size_t i = 0; i < nb.size(); ++i) counts[i] = static_cast<std::uint32_t>(nb.count(i));
    return gi_star(x, sums, counts, fdr);
}

}  // namespace hotspot
