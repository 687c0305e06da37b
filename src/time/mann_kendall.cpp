#include "hotspot/time/mann_kendall.hpp"

#include "hotspot/stats/significance.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cfenv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace hotspot {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The median of v (reordered in place).
double median_of(std::vector<double>::iterator first, std::vector<double>::iterator last) {
    const auto n = last - first;
    auto mid = first + n / 2;
    std::nth_element(first, mid, last);
    if (n % 2 == 1) return *mid;
    const double upper = *mid;
    return (*std::max_element(first, mid) + upper) / 2;
}

// R's round(): to the nearest integer, halves to even.
double round_half_even(double v) {
    const int mode = std::fegetround();
    std::fesetround(FE_TONEAREST);
    const double r = std::nearbyint(v);
    std::fesetround(mode);
    return r;
}

}  // namespace

MannKendall mann_kendall_test(std::span<const double> x, std::vector<double>& scratch) {
    MannKendall r;
    const std::size_t n = x.size();
    r.n = n;
    r.sen_slope = r.sen_lower = r.sen_upper = r.sen_intercept = 0;
    if (n < 2) {
        r.tau_b = nan;
        return r;
    }
    // Tie groups: sort a copy of the values.
    scratch.resize(std::max(scratch.size(), n));
    std::copy(x.begin(), x.end(), scratch.begin());
    std::sort(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(n));
    double tie_var = 0, tied_pairs = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && scratch[j] == scratch[i]) ++j;
        const double g = static_cast<double>(j - i);
        tie_var += g * (g - 1) * (2 * g + 5);
        tied_pairs += g * (g - 1) / 2;
        i = j;
    }
    const double nd = static_cast<double>(n);
    r.var_s = (nd * (nd - 1) * (2 * nd + 5) - tie_var) / 18;
    long long s = 0;
    for (std::size_t i = 0; i + 1 < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) s += (x[j] > x[i]) - (x[j] < x[i]);
    r.s = static_cast<double>(s);
    const double np = nd * (nd - 1) / 2;
    r.tau_b = tied_pairs < np ? r.s / std::sqrt(np * (np - tied_pairs)) : nan;
    r.z = s == 0 || r.var_s <= 0 ? 0.0 : (r.s - (s > 0 ? 1.0 : -1.0)) / std::sqrt(r.var_s);
    r.p = two_sided_p(r.z);
    return r;
}

MannKendall mann_kendall(std::span<const double> x, std::span<const double> t, double confidence, std::vector<double>& scratch) {
    if (x.size() != t.size()) throw std::invalid_argument("mann_kendall: values and times differ in length");
    MannKendall r = mann_kendall_test(x, scratch);
    const std::size_t n = x.size();
    if (n < 2) {
        r.sen_slope = r.sen_lower = r.sen_upper = r.sen_intercept = nan;
        return r;
    }
    const std::size_t pairs = n * (n - 1) / 2;
    scratch.resize(std::max(scratch.size(), pairs));
    std::size_t k = 0;
    for (std::size_t i = 0; i + 1 < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) scratch[k++] = (x[j] - x[i]) / (t[j] - t[i]);
    const double np = static_cast<double>(pairs);
    const auto first = scratch.begin(), last = scratch.begin() + static_cast<std::ptrdiff_t>(pairs);
    std::sort(first, last);
    r.sen_slope = pairs % 2 == 1 ? scratch[pairs / 2] : (scratch[pairs / 2 - 1] + scratch[pairs / 2]) / 2;
    const double c = boost::math::quantile(boost::math::normal(), 1 - (1 - confidence) / 2) * std::sqrt(r.var_s);
    const double lo = round_half_even((np - c) / 2), up = round_half_even((np + c) / 2 + 1);
    r.sen_lower = lo >= 1 && lo <= np ? scratch[static_cast<std::size_t>(lo) - 1] : nan;
    r.sen_upper = up >= 1 && up <= np ? scratch[static_cast<std::size_t>(up) - 1] : nan;
    // Intercept: median(x) - slope * median(t); the slopes are no longer needed.
    std::copy(x.begin(), x.end(), scratch.begin());
    const double mx = median_of(first, first + static_cast<std::ptrdiff_t>(n));
    std::copy(t.begin(), t.end(), scratch.begin());
    const double mt = median_of(first, first + static_cast<std::ptrdiff_t>(n));
    r.sen_intercept = mx - r.sen_slope * mt;
    return r;
}

}  // namespace hotspot
