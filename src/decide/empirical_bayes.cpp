#include "hotspot/decide/empirical_bayes.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <cfloat>
#include <cmath>

namespace hotspot {

namespace {

std::string area_name(std::span<const std::string> ids, std::size_t i) {
    return ids.empty() ? "area " + std::to_string(i + 1) : "area " + ids[i];
}

// The checks spdep makes (EBest: population >= DBL_EPSILON; EBlocal: population != 0 and >= 0;
// both: counts >= 0), with the area named. Our rule is the stricter EBest one for both.
void check_inputs(const char* what, std::span<const double> events, std::span<const double> population,
                  std::span<const std::string> ids) {
    if (events.size() != population.size() || (!ids.empty() && ids.size() != events.size()))
        throw InputError(std::string(what) + ": " + std::to_string(events.size()) + " counts, " + std::to_string(population.size()) +
                         " populations and " + std::to_string(ids.size()) + " area ids (they must match)");
    if (events.empty()) throw InputError(std::string(what) + ": no areas");
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (!std::isfinite(events[i]) || events[i] < 0)
            throw InputError(std::string(what) + ": " + area_name(ids, i) + " has count " + format_exact(events[i]) + " (must be a finite number >= 0)");
        if (!std::isfinite(population[i]) || population[i] < DBL_EPSILON)
            throw InputError(std::string(what) + ": " + area_name(ids, i) + " has population " + format_exact(population[i]) +
                             " (must be positive: leave areas without residents out before smoothing)");
    }
}

// m + (raw - m) a / (a + m / n): the shrinkage of Marshall (1991). With a = 0 it is m exactly
// (spdep's formula gives 0/0 there when m is 0 too).
double shrink(double raw, double m, double a, double population) {
    return a == 0 ? m : m + (raw - m) * (a / (a + m / population));
}

}  // namespace

EbGlobal eb_global(std::span<const double> events, std::span<const double> population, std::span<const std::string> ids) {
    check_inputs("Empirical Bayes (global)", events, population, ids);
    const std::size_t n = events.size();
    EbGlobal r;
    r.raw.resize(n);
    double events_sum = 0, population_sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        r.raw[i] = events[i] / population[i];
        events_sum += events[i];
        population_sum += population[i];
    }
    r.b = events_sum / population_sum;
    double s2 = 0;  // population-weighted variance of the raw rates about b
    for (std::size_t i = 0; i < n; ++i) s2 += population[i] * ((r.raw[i] - r.b) * (r.raw[i] - r.b) / population_sum);
    r.a_unclamped = s2 - r.b / (population_sum / static_cast<double>(n));
    r.a = r.a_unclamped < 0 ? 0.0 : r.a_unclamped;  // spdep's clamp: never a negative rate
    r.estimate.resize(n);
    for (std::size_t i = 0; i < n; ++i) r.estimate[i] = shrink(r.raw[i], r.b, r.a, population[i]);
    return r;
}

EbLocal eb_local(std::span<const double> events, std::span<const double> population, const Neighbours& nb,
                 std::span<const std::string> ids) {
    check_inputs("Empirical Bayes (local)", events, population, ids);
    const std::size_t n = events.size();
    if (nb.size() != n)
        throw InputError("Empirical Bayes (local): " + std::to_string(nb.size()) + " neighbour lists for " + std::to_string(n) + " areas");
    EbLocal r;
    r.raw.resize(n);
    for (std::size_t i = 0; i < n; ++i) r.raw[i] = events[i] / population[i];

    // Each area's window is itself and its neighbours (spdep: include.self). m_i is the window's
    // rate, nbar_i its mean population.
    std::vector<double> m(n), window_population(n), mean_population(n);
    for (std::size_t i = 0; i < n; ++i) {
        double e = events[i], p = population[i];
        for (std::uint32_t j : nb.of(i)) {
            e += events[j];
            p += population[j];
        }
        m[i] = e / p;
        window_population[i] = p;
        mean_population[i] = p / static_cast<double>(nb.count(i) + 1);
    }
    // C_i sums n_j (x_j - m_j)^2 over the window, each term about ITS OWN area's window rate m_j:
    // spdep's EBlocal (geoda = FALSE) lags that vector. GeoDa / geoda = TRUE use m_i instead.
    std::vector<double> spread(n);
    for (std::size_t j = 0; j < n; ++j) spread[j] = population[j] * (r.raw[j] - m[j]) * (r.raw[j] - m[j]);
    r.a.resize(n);
    r.estimate.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        double c = spread[i];
        for (std::uint32_t j : nb.of(i)) c += spread[j];
        const double a = c / window_population[i] - m[i] / mean_population[i];
        if (a < 0) ++r.a_clamped;
        r.a[i] = a < 0 ? 0.0 : a;
        r.estimate[i] = shrink(r.raw[i], m[i], r.a[i], population[i]);
    }
    return r;
}

}  // namespace hotspot
