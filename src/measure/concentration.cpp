#include "hotspot/measure/concentration.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace hotspot {

namespace {

std::vector<double> checked_descending(std::span<const double> counts) {
    if (counts.empty()) throw InputError("concentration: there are no places to compare");
    std::vector<double> v(counts.begin(), counts.end());
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i]) || v[i] < 0)
            throw InputError("concentration: place " + std::to_string(i + 1) + " has count " + format_exact(v[i]) +
                             "; counts must be finite and not negative");
    std::sort(v.begin(), v.end(), std::greater<>());
    return v;
}

}  // namespace

Concentration concentration(std::span<const double> counts) {
    const std::vector<double> v = checked_descending(counts);
    Concentration c;
    c.places = v.size();
    double total = 0;
    for (double x : v) total += x;
    if (total <= 0) throw InputError("concentration: all " + std::to_string(v.size()) + " places have no incidents");
    c.incidents = total;
    const double n = static_cast<double>(v.size());

    // Ascending rank i = n - k for the k-th busiest (0-based k).
    double ranked = 0;
    for (std::size_t k = 0; k < v.size(); ++k) ranked += static_cast<double>(v.size() - k) * v[k];
    c.gini = 2.0 * ranked / (n * total) - (n + 1.0) / n;
    c.generalized_gini = std::max(1.0, n / total) * (c.gini - 1.0) + 1.0;

    c.lorenz.reserve(v.size() + 1);
    c.lorenz.push_back({});
    double cumulative = 0;
    for (std::size_t k = 0; k < v.size(); ++k) {
        cumulative += v[k];
        if (v[k] == 0) ++c.places_with_none;
        const std::size_t places = k + 1;
        const double pct = 100.0 * cumulative / total;
        c.lorenz.push_back({places, 100.0 * static_cast<double>(places) / n, cumulative, pct});
        if (!c.places_for_25pct && cumulative >= 0.25 * total) c.places_for_25pct = places;
        if (!c.places_for_50pct && cumulative >= 0.50 * total) c.places_for_50pct = places;
    }
    c.place_pct_for_25pct = 100.0 * static_cast<double>(c.places_for_25pct) / n;
    c.place_pct_for_50pct = 100.0 * static_cast<double>(c.places_for_50pct) / n;
    return c;
}

std::vector<DecileRow> ntile_table(std::span<const double> counts, int groups) {
    if (groups < 1) throw ConfigError("ntile_table: groups must be at least 1");
    const std::vector<double> v = checked_descending(counts);
    double total = 0;
    for (double x : v) total += x;
    const std::size_t g = static_cast<std::size_t>(groups);
    const std::size_t base = v.size() / g, larger = v.size() % g;
    std::vector<DecileRow> rows;
    std::size_t next = 0;
    for (std::size_t k = 0; k < g; ++k) {
        DecileRow r;
        r.group = static_cast<int>(k + 1);
        r.places = base + (k < larger ? 1 : 0);
        for (std::size_t i = 0; i < r.places; ++i) r.incidents += v[next++];
        r.pct_of_incidents = total > 0 ? 100.0 * r.incidents / total : 0.0;
        rows.push_back(r);
    }
    return rows;
}

}  // namespace hotspot
