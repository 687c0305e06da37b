#include "hotspot/base/errors.hpp"
#include "hotspot/stats/gistar.hpp"
#include "hotspot/stats/moran.hpp"
#include "hotspot/stats/significance.hpp"

#include <cmath>

namespace hotspot {

GlobalMoran global_moran(std::span<const double> x, std::span<const double> lag, const WeightConstants& w, bool randomisation) {
    require_analysable(x, "global Moran's I");
    if (w.with_neighbours < 4) throw InputError("global Moran's I: fewer than 4 features have neighbours");
    double mean = 0;
    for (double v : x) mean += v;
    mean /= static_cast<double>(x.size());
    // long double sums, as R's sum(): on a million cells the cross product loses digits otherwise.
    long double zz_sum = 0, z4_sum = 0, cross_sum = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const long double z = x[i] - mean;
        zz_sum += z * z;
        z4_sum += z * z * z * z;
        cross_sum += z * lag[i];
    }
    const auto zz = static_cast<double>(zz_sum), z4 = static_cast<double>(z4_sum), cross = static_cast<double>(cross_sum);
    GlobalMoran g;
    g.randomisation = randomisation;
    g.features = w.with_neighbours;
    g.without_neighbours = x.size() - w.with_neighbours;
    const double n = static_cast<double>(w.with_neighbours);
    const double s02 = w.s0 * w.s0;
    const double k = static_cast<double>(x.size()) * z4 / (zz * zz);  // kurtosis over all x, as spdep
    g.i = n / w.s0 * cross / zz;
    g.expected = -1.0 / (n - 1.0);
    if (randomisation) {
        const double a = n * (w.s1 * (n * n - 3.0 * n + 3.0) - n * w.s2 + 3.0 * s02);
        const double b = k * (w.s1 * (n * n - n) - 2.0 * n * w.s2 + 6.0 * s02);
        g.variance = (a - b) / ((n - 1.0) * (n - 2.0) * (n - 3.0) * s02) - g.expected * g.expected;
    } else {
        g.variance = (n * n * w.s1 - n * w.s2 + 3.0 * s02) / (s02 * (n * n - 1.0)) - g.expected * g.expected;
    }
    if (!(g.variance > 0)) throw InputError("global Moran's I: the variance of I is not positive; the values do not meet the test's assumptions");
    g.z = (g.i - g.expected) / std::sqrt(g.variance);
    g.p_two_sided = two_sided_p(g.z);
    return g;
}

GlobalMoran global_moran(std::span<const double> x, const Neighbours& nb, WeightStyle style, bool randomisation) {
    if (nb.size() != x.size()) throw Error("global Moran's I: values and neighbour lists differ in length");
    double mean = 0;
    for (double v : x) mean += v;
    mean /= static_cast<double>(x.size());
    std::vector<double> z(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) z[i] = x[i] - mean;
    return global_moran(x, spatial_lag(nb, style, z), weight_constants(nb, style), randomisation);
}

}  // namespace hotspot
