#include "hotspot/decide/hotspot_accuracy.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace hotspot {

namespace {

void check_cells(const AccuracyCells& c) {
    const std::size_t n = c.score.size();
    if (n == 0) throw InputError("hotspot accuracy: there are no cells");
    if (c.observed.size() != n || c.area.size() != n || (!c.fitted.empty() && c.fitted.size() != n))
        throw InputError("hotspot accuracy: " + std::to_string(n) + " scores but " + std::to_string(c.observed.size()) +
                         " observed counts, " + std::to_string(c.fitted.size()) + " fit-period counts and " +
                         std::to_string(c.area.size()) + " areas");
    auto bad = [](std::size_t i, const char* what, double v, const char* why) {
        return InputError("hotspot accuracy: cell " + std::to_string(i) + " has " + what + " " + format_exact(v) + " (" + why + ")");
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(c.score[i])) throw bad(i, "score", c.score[i], "not a finite number");
        if (!std::isfinite(c.observed[i]) || c.observed[i] < 0) throw bad(i, "observed count", c.observed[i], "must be >= 0");
        if (!c.fitted.empty() && (!std::isfinite(c.fitted[i]) || c.fitted[i] < 0))
            throw bad(i, "fit-period count", c.fitted[i], "must be >= 0");
        if (!std::isfinite(c.area[i]) || c.area[i] <= 0) throw bad(i, "area", c.area[i], "must be > 0");
    }
}

// Every cell, best ranked first: score per area descending, equal ones by the tie order.
std::vector<std::uint32_t> rank_cells(const AccuracyCells& c, TieOrder ties) {
    std::vector<std::uint32_t> order(c.score.size());
    std::iota(order.begin(), order.end(), 0u);
    auto density = [&](std::uint32_t i) { return c.score[i] / c.area[i]; };
    std::sort(order.begin(), order.end(), [&](std::uint32_t i, std::uint32_t j) {
        const double di = density(i), dj = density(j);
        if (di != dj) return di > dj;
        if (ties == TieOrder::pessimistic && c.observed[i] != c.observed[j]) return c.observed[i] < c.observed[j];
        if (ties == TieOrder::optimistic && c.observed[i] != c.observed[j]) return c.observed[i] > c.observed[j];
        return i < j;
    });
    return order;
}

// The cells tied with the last flagged one, and n when they are taken fewest / most first.
void describe_tie_at_cut(const AccuracyCells& c, const std::vector<std::uint32_t>& ranked, HotspotAccuracy& r) {
    r.hits_pessimistic = r.hits_optimistic = r.hits;
    if (r.k == 0 || r.k == r.positive_scores) return;
    const std::uint32_t last = ranked[r.k - 1];
    const double cut = c.score[last] / c.area[last];
    double above = 0;
    std::vector<double> tied;
    for (std::size_t pos = 0; pos < r.positive_scores; ++pos) {
        const std::uint32_t i = ranked[pos];
        const double d = c.score[i] / c.area[i];
        if (d == cut) tied.push_back(c.observed[i]);
        else if (pos < r.k) above += c.observed[i];
    }
    const std::size_t slots = r.k - static_cast<std::size_t>(std::count_if(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(r.k),
                                                                            [&](std::uint32_t i) { return c.score[i] / c.area[i] != cut; }));
    if (tied.size() == slots) return;  // the whole group is flagged: no choice was made
    r.tied_at_cut = tied.size();
    r.tied_flagged = slots;
    std::sort(tied.begin(), tied.end());
    r.hits_pessimistic = above + std::accumulate(tied.begin(), tied.begin() + static_cast<std::ptrdiff_t>(slots), 0.0);
    r.hits_optimistic = above + std::accumulate(tied.end() - static_cast<std::ptrdiff_t>(slots), tied.end(), 0.0);
}

// ptools' PEI: this PAI over the PAI of the k cells densest in observed incidents, equal
// densities in the order of the ranking (R's order() is stable).
std::optional<double> pei_like_ptools(const AccuracyCells& c, const std::vector<std::uint32_t>& ranked, const HotspotAccuracy& r) {
    if (!r.pai) return std::nullopt;
    std::vector<std::uint32_t> perfect = ranked;
    std::stable_sort(perfect.begin(), perfect.end(),
                     [&](std::uint32_t i, std::uint32_t j) { return c.observed[i] / c.area[i] > c.observed[j] / c.area[j]; });
    double n = 0, a = 0;
    for (std::size_t pos = 0; pos < r.k; ++pos) {
        n += c.observed[perfect[pos]];
        a += c.area[perfect[pos]];
    }
    if (n <= 0) return std::nullopt;
    return *r.pai / ((n / r.incidents) / (a / r.total_area));
}

}  // namespace

const char* to_string(TieOrder t) {
    switch (t) {
    case TieOrder::cell_order: return "cell_order";
    case TieOrder::pessimistic: return "pessimistic";
    case TieOrder::optimistic: return "optimistic";
    }
    return "?";
}

double best_possible_hits(std::span<const double> observed, std::span<const double> cell_area, double area) {
    std::vector<std::uint32_t> order(observed.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t i, std::uint32_t j) { return observed[i] / cell_area[i] > observed[j] / cell_area[j]; });
    // Whole cells while their summed area stays within `area` (a relative 1e-12 absorbs the
    // rounding of the same sum taken in another order), then the next cell in part.
    double n = 0, used = 0;
    for (std::uint32_t i : order) {
        if (used + cell_area[i] <= area * (1 + 1e-12)) {
            n += observed[i];
            used += cell_area[i];
            continue;
        }
        if (area > used) n += observed[i] * (area - used) / cell_area[i];
        break;
    }
    return n;
}

HotspotAccuracy hotspot_accuracy(const AccuracyCells& cells, double share, TieOrder ties) {
    if (!std::isfinite(share) || share <= 0 || share > 1)
        throw ConfigError("hotspot accuracy: the share of cells to flag must be in (0, 1], got " + format_exact(share));
    // floor, with shares such as 0.29 x 100 = 28.999999999999996 taken as meant
    const auto k = static_cast<std::size_t>(std::floor(static_cast<double>(cells.score.size()) * share * (1 + 1e-12)));
    return hotspot_accuracy_at(cells, k, ties);
}

HotspotAccuracy hotspot_accuracy_at(const AccuracyCells& c, std::size_t k, TieOrder ties) {
    check_cells(c);
    HotspotAccuracy r;
    r.cells = c.score.size();
    if (k > r.cells)
        throw ConfigError("hotspot accuracy: cannot flag " + std::to_string(k) + " of " + std::to_string(r.cells) + " cells");
    r.k_requested = k;
    r.positive_scores = static_cast<std::size_t>(std::count_if(c.score.begin(), c.score.end(), [](double s) { return s > 0; }));
    r.k = std::min(k, r.positive_scores);
    const std::vector<std::uint32_t> ranked = rank_cells(c, ties);
    r.flagged.assign(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(r.k));

    double score_sum = 0;
    for (std::uint32_t i : r.flagged) {
        r.flagged_area += c.area[i];
        r.hits += c.observed[i];
        if (!c.fitted.empty()) r.fit_hits += c.fitted[i];
        score_sum += c.score[i];
    }
    for (std::size_t i = 0; i < r.cells; ++i) {
        r.total_area += c.area[i];
        r.incidents += c.observed[i];
        if (!c.fitted.empty()) r.fit_incidents += c.fitted[i];
    }
    r.best_possible_hits = r.k == 0 ? 0 : best_possible_hits(c.observed, c.area, r.flagged_area);

    if (r.incidents > 0) r.hit_rate = r.hits / r.incidents;
    if (r.hit_rate && r.k > 0) r.pai = *r.hit_rate / (r.flagged_area / r.total_area);
    if (r.best_possible_hits > 0) r.pei = r.hits / r.best_possible_hits;
    r.pei_ptools = pei_like_ptools(c, ranked, r);
    if (r.hit_rate && r.fit_incidents > 0 && r.fit_hits > 0) r.rri = *r.hit_rate / (r.fit_hits / r.fit_incidents);
    if (r.hits > 0) r.rri_ptools = score_sum / r.hits;
    describe_tie_at_cut(c, ranked, r);
    return r;
}

}  // namespace hotspot
