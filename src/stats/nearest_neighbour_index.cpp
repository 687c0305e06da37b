#include "hotspot/stats/nearest_neighbour_index.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/point_index.hpp"
#include "hotspot/stats/significance.hpp"

#include <cmath>

namespace hotspot {

NearestNeighbourIndex clark_evans(const double* x, const double* y, std::size_t n, double area_m2, std::string area_source,
                                  unsigned threads) {
    if (n < 2) throw InputError("nearest neighbour index: at least 2 points are needed, there are " + std::to_string(n));
    if (!(area_m2 > 0) || !std::isfinite(area_m2))
        throw ConfigError("nearest neighbour index: the study area must be positive, not " + format_exact(area_m2) + " m2");
    const std::vector<double> nearest = kth_neighbour_distances(x, y, n, 1, threads);
    NearestNeighbourIndex r;
    r.points = n;
    r.area_m2 = area_m2;
    r.area_source = std::move(area_source);
    double sum = 0;
    for (double d : nearest) {
        sum += d;
        r.coincident += d == 0;
    }
    const double nd = static_cast<double>(n);
    r.observed_mean_m = sum / nd;
    r.expected_mean_m = 0.5 * std::sqrt(area_m2 / nd);
    r.ratio = r.observed_mean_m / r.expected_mean_m;
    r.standard_error = 0.26136 / std::sqrt(nd * nd / area_m2);
    r.z = (r.observed_mean_m - r.expected_mean_m) / r.standard_error;
    r.p_two_sided = two_sided_p(r.z);
    return r;
}

}  // namespace hotspot
