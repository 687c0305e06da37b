#include "hotspot/decide/over_representation.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <cmath>

namespace hotspot {

namespace {

void check_same_length(std::size_t a, std::size_t b, const char* what) {
    if (a != b) throw InputError(std::string(what) + ": " + std::to_string(a) + " counts but " + std::to_string(b) + " areas to compare them with");
}

// A present value must be finite and >= 0; areas are named by their 1-based position.
void check_value(const std::optional<double>& v, std::size_t i, const char* what, const char* value_name) {
    if (v && (!std::isfinite(*v) || *v < 0))
        throw InputError(std::string(what) + ": area " + std::to_string(i + 1) + " has " + value_name + " " + format_exact(*v) +
                         " (must be a finite number >= 0)");
}

}  // namespace

OverRepresentation over_representation(std::span<const std::optional<double>> observed,
                                       std::span<const std::optional<double>> population,
                                       double level, IntervalMethod method) {
    check_same_length(observed.size(), population.size(), "over-representation");
    if (!(level > 0 && level < 1))
        throw InputError("over-representation: the confidence level must lie strictly between 0 and 1, not " + format_exact(level));
    const std::size_t n = observed.size();
    OverRepresentation r;
    r.level = level;
    r.method = method;
    r.observed.assign(n, std::nullopt);
    r.expected = r.ratio = r.lower = r.upper = r.p_upper = r.observed;
    r.rule.assign(n, std::nullopt);
    r.flag.assign(n, 0);

    // The city rate counts only areas with both a count and a positive population, so that
    // events are never set against residents whose events are unknown (or the reverse).
    std::vector<bool> counted(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        check_value(observed[i], i, "over-representation", "count");
        check_value(population[i], i, "over-representation", "population");
        if (!observed[i] || !population[i] || *population[i] <= 0) continue;
        counted[i] = true;
        r.city_events += *observed[i];
        r.city_population += *population[i];
    }
    if (r.city_population > 0) r.city_rate = r.city_events / r.city_population;

    for (std::size_t i = 0; i < n; ++i) {
        if (!counted[i]) continue;
        const double o = *observed[i];
        const double e = *population[i] * r.city_rate;
        r.observed[i] = o;
        r.expected[i] = e;
        r.p_upper[i] = poisson_upper_tail_p(o, e);
        if (e <= 0) continue;  // no events anywhere: no ratio to speak of
        const CountInterval ci = count_interval(o, level, method);
        r.ratio[i] = o / e;
        r.lower[i] = ci.lower / e;
        r.upper[i] = ci.upper / e;
        r.rule[i] = ci.method;
        if (*r.lower[i] > 1) {
            r.flag[i] = 1;
            ++r.above;
        } else if (*r.upper[i] < 1) {
            r.flag[i] = -1;
            ++r.below;
        }
    }
    return r;
}

std::vector<std::optional<double>> location_quotient(std::span<const std::optional<double>> count_k,
                                                     std::span<const std::optional<double>> count_all) {
    check_same_length(count_k.size(), count_all.size(), "location quotient");
    const std::size_t n = count_k.size();
    // Totals over the areas where both counts are known, so both shares use the same areas.
    double total_k = 0, total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        check_value(count_k[i], i, "location quotient", "category count");
        check_value(count_all[i], i, "location quotient", "all-category count");
        if (count_k[i] && count_all[i] && *count_k[i] > *count_all[i])
            throw InputError("location quotient: area " + std::to_string(i + 1) + " has " + format_exact(*count_k[i]) +
                             " in the category but only " + format_exact(*count_all[i]) + " in all categories");
        if (!count_k[i] || !count_all[i]) continue;
        total_k += *count_k[i];
        total += *count_all[i];
    }
    std::vector<std::optional<double>> lq(n);
    if (total_k <= 0) return lq;  // the category never occurs: no share to compare with
    const double overall_share = total_k / total;
    for (std::size_t i = 0; i < n; ++i)
        if (count_k[i] && count_all[i] && *count_all[i] > 0) lq[i] = (*count_k[i] / *count_all[i]) / overall_share;
    return lq;
}

}  // namespace hotspot
