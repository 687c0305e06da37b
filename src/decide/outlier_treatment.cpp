#include "hotspot/decide/outlier_treatment.hpp"

#include "hotspot/base/errors.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hotspot {

const char* to_string(OutlierMode m) {
    switch (m) {
        case OutlierMode::none: return "none";
        case OutlierMode::winsorise: return "winsorise";
        case OutlierMode::winsorise_log: return "winsorise_log";
    }
    return "none";
}

OutlierMode parse_outlier_mode(const std::string& text) {
    if (text == "none") return OutlierMode::none;
    if (text == "winsorise") return OutlierMode::winsorise;
    if (text == "winsorise_log") return OutlierMode::winsorise_log;
    throw ConfigError("unknown outlier treatment '" + text + "' (none, winsorise, winsorise_log)");
}

namespace {

struct CentralSums {
    double n = 0, s2 = 0, s3 = 0, s4 = 0;  // sums of the 2nd..4th powers of deviations from the mean
};

CentralSums central_sums(std::span<const double> x) {
    CentralSums c;
    c.n = static_cast<double>(x.size());
    if (x.empty()) return c;
    double mean = 0;
    for (double v : x) mean += v;
    mean /= c.n;
    for (double v : x) {
        const double d = v - mean, d2 = d * d;
        c.s2 += d2, c.s3 += d2 * d, c.s4 += d2 * d2;
    }
    return c;
}

// COINr's check: an indicator passes when |skew| < 2 or kurtosis < 3.5. A constant or too
// short indicator (NaN statistics) passes: there is nothing to treat.
bool passes(double skew, double kurt) { return !(std::abs(skew) >= 2 && kurt >= 3.5); }

}  // namespace

// e1071 type 2: G1 = g1 sqrt(n (n - 1)) / (n - 2), g1 = sqrt(n) S3 / S2^1.5. NaN when n < 3 or constant.
double skewness_type2(std::span<const double> x) {
    const auto c = central_sums(x);
    if (x.size() < 3 || c.s2 == 0) return std::numeric_limits<double>::quiet_NaN();
    const double g1 = std::sqrt(c.n) * c.s3 / std::pow(c.s2, 1.5);
    return g1 * std::sqrt(c.n * (c.n - 1)) / (c.n - 2);
}

// e1071 type 2 (excess): ((n + 1) g2 + 6) (n - 1) / ((n - 2)(n - 3)), g2 = n S4 / S2^2 - 3. NaN when n < 4 or constant.
double kurtosis_type2(std::span<const double> x) {
    const auto c = central_sums(x);
    if (x.size() < 4 || c.s2 == 0) return std::numeric_limits<double>::quiet_NaN();
    const double g2 = c.n * c.s4 / (c.s2 * c.s2) - 3;
    return ((c.n + 1) * g2 + 6) * (c.n - 1) / ((c.n - 2) * (c.n - 3));
}

OutlierTreatment treat_outliers(std::vector<double>& x, OutlierMode mode, const std::string& indicator, std::size_t winmax) {
    OutlierTreatment t;
    t.indicator = indicator;
    t.skew_before = t.skew_after = skewness_type2(x);
    t.kurtosis_before = t.kurtosis_after = kurtosis_type2(x);
    if (mode == OutlierMode::none || passes(t.skew_before, t.kurtosis_before)) return t;

    const std::vector<double> original = x;
    // Winsorise one extreme at a time, on the side the skew points to: every copy of the
    // maximum (minimum) becomes the next value inside it. Unlike COINr, winmax bounds the
    // points replaced in all, not the last step's count.
    while (!passes(t.skew_after, t.kurtosis_after)) {
        const bool high = t.skew_after >= 0;
        const double extreme = high ? *std::max_element(x.begin(), x.end()) : *std::min_element(x.begin(), x.end());
        double next = high ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        std::size_t copies = 0;
        for (double v : x) {
            if (v == extreme) ++copies;
            else next = high ? std::max(next, v) : std::min(next, v);
        }
        if (t.winsorised + copies > winmax) break;
        for (double& v : x)
            if (v == extreme) v = next;
        t.winsorised += copies;
        t.skew_after = skewness_type2(x);
        t.kurtosis_after = kurtosis_type2(x);
    }
    if (passes(t.skew_after, t.kurtosis_after) || mode != OutlierMode::winsorise_log) return t;

    // Still failing: COINr's log_CT of the original values, ln(x - min + 0.01 (max - min)),
    // instead of the winsorised ones (so no point counts as winsorised).
    const auto [lo, hi] = std::minmax_element(original.begin(), original.end());
    const double shift = *lo - 0.01 * (*hi - *lo);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::log(original[i] - shift);
    t.winsorised = 0;
    t.log_transformed = true;
    t.skew_after = skewness_type2(x);
    t.kurtosis_after = kurtosis_type2(x);
    return t;
}

}  // namespace hotspot
