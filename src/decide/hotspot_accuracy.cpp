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

// The ranking: score per area descending, equal ones by the tie order; a total order.
struct RankBefore {
    const AccuracyCells& c;
    TieOrder ties;
    bool operator()(std::uint32_t i, std::uint32_t j) const {
        const double di = c.score[i] / c.area[i], dj = c.score[j] / c.area[j];
        if (di != dj) return di > dj;
        if (ties == TieOrder::pessimistic && c.observed[i] != c.observed[j]) return c.observed[i] < c.observed[j];
        if (ties == TieOrder::optimistic && c.observed[i] != c.observed[j]) return c.observed[i] > c.observed[j];
        return i < j;
    }
};

// The first `k` of `cells` in `before`'s order: a selection, then (ordered) a sort of k only
// (a back-test calls this for every test month, method and share on up to millions of cells).
template <class Before>
std::vector<std::uint32_t> first_k(std::vector<std::uint32_t> cells, std::size_t k, Before before, bool ordered = true) {
    if (k < cells.size()) {
        std::nth_element(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(k), cells.end(), before);
        cells.resize(k);
    }
    if (ordered) std::sort(cells.begin(), cells.end(), before);
    return cells;
}

// The sum of the `count` smallest values (or largest), by selection rather than a sort.
double sum_of_extreme(std::vector<double>& v, std::size_t count, bool largest) {
    if (count == 0) return 0.0;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(count);
    if (count < v.size()) std::nth_element(v.begin(), mid - 1, v.end(), [&](double a, double b) { return largest ? a > b : a < b; });
    return std::accumulate(v.begin(), mid, 0.0);
}

// The cells tied with the last flagged one, and n when they are taken fewest / most first.
// Only cells with a score > 0 can be flagged, and every one ranked above the cut is flagged.
void describe_tie_at_cut(const AccuracyCells& c, const std::vector<std::uint32_t>& positive, HotspotAccuracy& r) {
    r.hits_pessimistic = r.hits_optimistic = r.hits;
    if (r.k == 0 || r.k == r.positive_scores) return;
    const std::uint32_t last = r.flagged[r.k - 1];
    const double cut = c.score[last] / c.area[last];
    double above = 0;
    std::vector<double> tied;
    for (std::uint32_t i : positive) {
        const double d = c.score[i] / c.area[i];
        if (d == cut) tied.push_back(c.observed[i]);
        else if (d > cut) above += c.observed[i];
    }
    const std::size_t slots = static_cast<std::size_t>(
        std::count_if(r.flagged.begin(), r.flagged.end(), [&](std::uint32_t i) { return c.score[i] / c.area[i] == cut; }));
    if (tied.size() == slots) return;  // the whole group is flagged: no choice was made
    r.tied_at_cut = tied.size();
    r.tied_flagged = slots;
    r.hits_pessimistic = above + sum_of_extreme(tied, slots, false);
    r.hits_optimistic = above + sum_of_extreme(tied, slots, true);
}

// ptools' PEI: this PAI over the PAI of the k cells densest in observed incidents, equal
// densities in the order of the ranking (R's order() is stable). Cells with incidents come
// first; when k reaches past them, the rest are the best-ranked cells without incidents, which
// add area only (and with equal areas need not be picked at all).
std::optional<double> pei_like_ptools(const AccuracyCells& c, const HotspotAccuracy& r, TieOrder ties) {
    if (!r.pai) return std::nullopt;
    const RankBefore rank{c, ties};
    std::vector<std::uint32_t> with, without;
    for (std::uint32_t i = 0; i < c.score.size(); ++i) (c.observed[i] > 0 ? with : without).push_back(i);
    double n = 0, a = 0;
    const auto denser = [&](std::uint32_t i, std::uint32_t j) {
        const double di = c.observed[i] / c.area[i], dj = c.observed[j] / c.area[j];
        return di != dj ? di > dj : rank(i, j);
    };
    for (std::uint32_t i : first_k(std::move(with), r.k, denser, false)) {
        n += c.observed[i];
        a += c.area[i];
    }
    if (n <= 0) return std::nullopt;
    const std::size_t more = r.k > c.score.size() - without.size() ? r.k - (c.score.size() - without.size()) : 0;
    if (more > 0) {
        const auto [lo, hi] = std::minmax_element(c.area.begin(), c.area.end());
        if (*lo == *hi) a += static_cast<double>(more) * *lo;
        else
            for (std::uint32_t i : first_k(std::move(without), more, rank, false)) a += c.area[i];
    }
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
    std::vector<std::uint32_t> order;  // cells without incidents add nothing: left out of the sort
    for (std::uint32_t i = 0; i < observed.size(); ++i)
        if (observed[i] > 0) order.push_back(i);
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
    std::vector<std::uint32_t> positive;
    for (std::uint32_t i = 0; i < r.cells; ++i)
        if (c.score[i] > 0) positive.push_back(i);
    r.positive_scores = positive.size();
    r.k = std::min(k, r.positive_scores);
    r.flagged = first_k(positive, r.k, RankBefore{c, ties});  // a score > 0 ranks above every other

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
    r.pei_ptools = pei_like_ptools(c, r, ties);
    if (r.hit_rate && r.fit_incidents > 0 && r.fit_hits > 0) r.rri = *r.hit_rate / (r.fit_hits / r.fit_incidents);
    if (r.hits > 0) r.rri_ptools = score_sum / r.hits;
    describe_tie_at_cut(c, positive, r);
    return r;
}

}  // namespace hotspot
