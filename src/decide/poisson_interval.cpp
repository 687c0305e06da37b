#include "hotspot/decide/poisson_interval.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>

namespace hotspot {

namespace {

constexpr double phe_switch = 10;  // PHE: exact below 10 events, Byar from 10

struct MethodName {
    IntervalMethod method;
    const char* name;
};
constexpr MethodName method_names[] = {
    {IntervalMethod::phe, "phe"},
    {IntervalMethod::exact, "exact"},
    {IntervalMethod::byar, "byar"},
    {IntervalMethod::epitools_byar, "epitools_byar"},
};

// Exact (Garwood) limits: chi-squared quantiles with 2O and 2O + 2 degrees of freedom, halved.
// The same formula for a non-integer O (a harm-weighted count): the gamma-Poisson duality.
CountInterval exact_interval(double o, double alpha) {
    CountInterval ci;
    ci.method = IntervalMethod::exact;
    ci.lower = o == 0 ? 0.0 : boost::math::quantile(boost::math::chi_squared(2 * o), alpha / 2) / 2;
    ci.upper = boost::math::quantile(boost::math::chi_squared(2 * o + 2), 1 - alpha / 2) / 2;
    return ci;
}

// Byar's approximation (PHE technical guide): lower from O, upper from O + 1. The lower limit's
// cube goes negative for O below about 0.7 (only reachable with weighted counts): a count's
// limit cannot be below 0, so it is 0 there.
CountInterval byar_interval(double o, double z) {
    CountInterval ci;
    ci.method = IntervalMethod::byar;
    const double base_l = 1 - 1 / (9 * o) - z / (3 * std::sqrt(o));
    ci.lower = std::max(0.0, o * base_l * base_l * base_l);
    const double o1 = o + 1;
    const double base_u = 1 - 1 / (9 * o1) + z / (3 * std::sqrt(o1));
    ci.upper = o1 * base_u * base_u * base_u;
    return ci;
}

// R epitools::pois.byar: both limits from a' = O + 0.5.
CountInterval epitools_byar_interval(double o, double z) {
    CountInterval ci;
    ci.method = IntervalMethod::epitools_byar;
    const double a = o + 0.5;
    const double base_l = 1 - 1 / (9 * a) - z / (3 * std::sqrt(a));
    const double base_u = 1 - 1 / (9 * a) + z / (3 * std::sqrt(a));
    ci.lower = std::max(0.0, a * base_l * base_l * base_l);
    ci.upper = a * base_u * base_u * base_u;
    return ci;
}

void check_count(double observed, const char* what) {
    if (!std::isfinite(observed) || observed < 0)
        throw InputError(std::string(what) + ": the observed count must be a finite number >= 0, not " + format_exact(observed));
}

}  // namespace

const char* to_string(IntervalMethod m) {
    for (const auto& [method, name] : method_names)
        if (method == m) return name;
    return "unknown";
}

IntervalMethod parse_interval_method(const std::string& text) {
    const std::string v = lowercase(trim(text));
    for (const auto& [method, name] : method_names)
        if (v == name) return method;
    throw ConfigError("interval method '" + text + "' is not one of: phe (exact below 10 events, Byar from 10), exact, byar, epitools_byar");
}

CountInterval count_interval(double observed, double level, IntervalMethod method) {
    check_count(observed, "confidence interval");
    if (!(level > 0 && level < 1))
        throw InputError("confidence interval: the level must lie strictly between 0 and 1, not " + format_exact(level));
    const double alpha = 1 - level;
    const double z = boost::math::quantile(boost::math::normal(), 1 - alpha / 2);
    switch (method) {
        case IntervalMethod::exact: return exact_interval(observed, alpha);
        case IntervalMethod::epitools_byar: return epitools_byar_interval(observed, z);
        case IntervalMethod::byar:
            // Byar's lower limit has no value at O = 0 (1 / (9O)): the exact limits are the only ones there.
            return observed == 0 ? exact_interval(observed, alpha) : byar_interval(observed, z);
        case IntervalMethod::phe: break;
    }
    return observed < phe_switch ? exact_interval(observed, alpha) : byar_interval(observed, z);
}

double poisson_upper_tail_p(double observed, double expected) {
    check_count(observed, "Poisson upper-tail p");
    if (!std::isfinite(expected) || expected < 0)
        throw InputError("Poisson upper-tail p: the expected count must be a finite number >= 0, not " + format_exact(expected));
    if (observed <= 0) return 1.0;
    // P(X >= O) = 1 - ppois(O - 1, E) = P(O, E), the regularised lower incomplete gamma; for a
    // non-integer O the same function is the continuous extension (the gamma-Poisson duality).
    return boost::math::gamma_p(observed, expected);
}

}  // namespace hotspot
