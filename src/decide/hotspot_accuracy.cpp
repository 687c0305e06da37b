#include "hotspot/decide/hotspot_accuracy.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace hotspot {

namespace {

InputError bad_cell(std::size_t i, const char* what, double v, const char* why) {
    return InputError("hotspot accuracy: cell " + std::to_string(i) + " has " + what + " " + format_exact(v) + " (" + why + ")");
}

void check_outcome(std::span<const double> observed, std::span<const double> fitted, std::span<const double> area) {
    const std::size_t n = observed.size();
    if (n == 0) throw InputError("hotspot accuracy: there are no cells");
    if (area.size() != n || (!fitted.empty() && fitted.size() != n))
        throw InputError("hotspot accuracy: " + std::to_string(n) + " observed counts but " + std::to_string(fitted.size()) +
                         " fit-period counts and " + std::to_string(area.size()) + " areas");
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(observed[i]) || observed[i] < 0) throw bad_cell(i, "observed count", observed[i], "must be >= 0");
        if (!fitted.empty() && (!std::isfinite(fitted[i]) || fitted[i] < 0)) throw bad_cell(i, "fit-period count", fitted[i], "must be >= 0");
        if (!std::isfinite(area[i]) || area[i] <= 0) throw bad_cell(i, "area", area[i], "must be > 0");
    }
}

void check_scores(std::span<const double> score, const AccuracyOutcome& o) {
    if (score.size() != o.observed.size())
        throw InputError("hotspot accuracy: " + std::to_string(score.size()) + " scores but " + std::to_string(o.observed.size()) +
                         " observed counts, " + std::to_string(o.fitted.size()) + " fit-period counts and " +
                         std::to_string(o.area.size()) + " areas");
    for (std::size_t i = 0; i < score.size(); ++i)
        if (!std::isfinite(score[i])) throw bad_cell(i, "score", score[i], "not a finite number");
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

// The first `k` of `cells` in `before`'s order, in no particular order: a selection, not a sort
// (a back-test calls this for every test month, method and share on up to millions of cells).
template <class Before>
std::vector<std::uint32_t> first_k(std::vector<std::uint32_t> cells, std::size_t k, Before before) {
    if (k < cells.size()) {
        std::nth_element(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(k), cells.end(), before);
        cells.resize(k);
    }
    return cells;
}

// The sum of the `count` smallest values (or largest), by selection rather than a sort.
double sum_of_extreme(std::vector<double>& v, std::size_t count, bool largest) {
    if (count == 0) return 0.0;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(count);
    if (count < v.size()) std::nth_element(v.begin(), mid - 1, v.end(), [&](double a, double b) { return largest ? a > b : a < b; });
    return std::accumulate(v.begin(), mid, 0.0);
}

// A cell with a score > 0 and its ranking key, computed once: sorting keys, not cells, keeps the
// divisions out of the comparisons. Same order as RankBefore.
struct RankKey {
    double density, tie;  // tie: observed (pessimistic), -observed (optimistic), 0 (cell order)
    std::uint32_t cell;
    bool operator<(const RankKey& o) const {
        if (density != o.density) return density > o.density;
        if (tie != o.tie) return tie < o.tie;
        return cell < o.cell;
    }
};

std::vector<RankKey> positive_keys(const AccuracyCells& c, TieOrder ties) {
    std::vector<RankKey> keys;
    for (std::uint32_t i = 0; i < c.score.size(); ++i)
        if (c.score[i] > 0)
            keys.push_back({c.score[i] / c.area[i],
                            ties == TieOrder::pessimistic ? c.observed[i] : ties == TieOrder::optimistic ? -c.observed[i] : 0.0, i});
    return keys;
}

// The cells tied with the last flagged one, and n when they are taken fewest / most first.
// Only cells with a score > 0 can be flagged, and every one ranked above the cut is flagged.
void describe_tie_at_cut(const AccuracyCells& c, const std::vector<RankKey>& positive, HotspotAccuracy& r) {
    r.hits_pessimistic = r.hits_optimistic = r.hits;
    if (r.k == 0 || r.k == r.positive_scores) return;
    const std::uint32_t last = r.flagged[r.k - 1];
    const double cut = c.score[last] / c.area[last];
    double above = 0;
    std::vector<double> tied;
    for (const RankKey& key : positive) {
        if (key.density == cut) tied.push_back(c.observed[key.cell]);
        else if (key.density > cut) above += c.observed[key.cell];
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
// first (already ordered by density); only the group sharing the k-th density is ranked. When k
// reaches past them, the rest are the best-ranked cells without incidents, which add area only
// (and with equal areas need not be picked at all).
std::optional<double> pei_like_ptools(const AccuracyCells& c, const AccuracyOutcome& o, const HotspotAccuracy& r, TieOrder ties) {
    if (!r.pai) return std::nullopt;
    const RankBefore rank{c, ties};
    const auto& with = o.with_incidents;
    const auto density = [&](std::uint32_t i) { return c.observed[i] / c.area[i]; };
    double n = 0, a = 0;
    if (r.k < with.size()) {
        const double cut = density(with[r.k - 1]);
        std::size_t g0 = r.k - 1, g1 = r.k;  // the group of equal density around position k - 1
        while (g0 > 0 && density(with[g0 - 1]) == cut) --g0;
        while (g1 < with.size() && density(with[g1]) == cut) ++g1;
        for (std::size_t p = 0; p < g0; ++p) n += c.observed[with[p]], a += c.area[with[p]];
        std::vector<std::uint32_t> group(with.begin() + static_cast<std::ptrdiff_t>(g0), with.begin() + static_cast<std::ptrdiff_t>(g1));
        for (std::uint32_t i : first_k(std::move(group), r.k - g0, rank)) n += c.observed[i], a += c.area[i];
    } else {
        for (std::uint32_t i : with) n += c.observed[i], a += c.area[i];
    }
    if (n <= 0) return std::nullopt;
    const std::size_t more = r.k > with.size() ? r.k - with.size() : 0;
    if (more > 0) {
        if (o.equal_areas) {
            a += static_cast<double>(more) * c.area[0];
        } else {
            std::vector<std::uint32_t> without;
            for (std::uint32_t i = 0; i < c.observed.size(); ++i)
                if (!(c.observed[i] > 0)) without.push_back(i);
            for (std::uint32_t i : first_k(std::move(without), more, rank)) a += c.area[i];
        }
    }
    return *r.pai / ((n / r.incidents) / (a / r.total_area));
}

// n*(a) over the cells with incidents, already ordered by density: the fractional knapsack.
double knapsack_hits(const std::vector<std::uint32_t>& by_density, std::span<const double> observed, std::span<const double> cell_area,
                     double area) {
    // Whole cells while their summed area stays within `area` (a relative 1e-12 absorbs the
    // rounding of the same sum taken in another order), then the next cell in part.
    double n = 0, used = 0;
    for (std::uint32_t i : by_density) {
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

std::vector<std::uint32_t> by_observed_density(std::span<const double> observed, std::span<const double> cell_area) {
    std::vector<std::uint32_t> order;  // cells without incidents add nothing: left out
    for (std::uint32_t i = 0; i < observed.size(); ++i)
        if (observed[i] > 0) order.push_back(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t i, std::uint32_t j) { return observed[i] / cell_area[i] > observed[j] / cell_area[j]; });
    return order;
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
    return knapsack_hits(by_observed_density(observed, cell_area), observed, cell_area, area);
}

AccuracyOutcome::AccuracyOutcome(std::span<const double> observed_, std::span<const double> fitted_, std::span<const double> area_)
    : observed(observed_), fitted(fitted_), area(area_) {
    check_outcome(observed, fitted, area);
    for (std::size_t i = 0; i < observed.size(); ++i) {
        total_area += area[i];
        incidents += observed[i];
        if (!fitted.empty()) fit_incidents += fitted[i];
        equal_areas = equal_areas && area[i] == area[0];
    }
    with_incidents = by_observed_density(observed, area);
}

namespace {

std::size_t k_of_share(std::size_t cells, double share) {
    if (!std::isfinite(share) || share <= 0 || share > 1)
        throw ConfigError("hotspot accuracy: the share of cells to flag must be in (0, 1], got " + format_exact(share));
    // floor, with shares such as 0.29 x 100 = 28.999999999999996 taken as meant
    return static_cast<std::size_t>(std::floor(static_cast<double>(cells) * share * (1 + 1e-12)));
}

}  // namespace

HotspotAccuracy hotspot_accuracy(const AccuracyCells& cells, double share, TieOrder ties) {
    const std::size_t k = k_of_share(cells.score.size(), share);
    return hotspot_accuracy_at(cells, k, ties);
}

HotspotAccuracy hotspot_accuracy_at(const AccuracyCells& c, std::size_t k, TieOrder ties) {
    if (c.score.empty()) throw InputError("hotspot accuracy: there are no cells");
    if (c.observed.size() != c.score.size() || c.area.size() != c.score.size() || (!c.fitted.empty() && c.fitted.size() != c.score.size()))
        throw InputError("hotspot accuracy: " + std::to_string(c.score.size()) + " scores but " + std::to_string(c.observed.size()) +
                         " observed counts, " + std::to_string(c.fitted.size()) + " fit-period counts and " +
                         std::to_string(c.area.size()) + " areas");
    return hotspot_accuracy_at(c.score, AccuracyOutcome(c.observed, c.fitted, c.area), k, ties);
}

HotspotAccuracy hotspot_accuracy(std::span<const double> score, const AccuracyOutcome& outcome, double share, TieOrder ties) {
    return hotspot_accuracy_at(score, outcome, k_of_share(score.size(), share), ties);
}

HotspotAccuracy hotspot_accuracy_at(std::span<const double> score, const AccuracyOutcome& o, std::size_t k, TieOrder ties) {
    check_scores(score, o);
    const AccuracyCells c{score, o.observed, o.fitted, o.area};
    HotspotAccuracy r;
    r.cells = score.size();
    if (k > r.cells)
        throw ConfigError("hotspot accuracy: cannot flag " + std::to_string(k) + " of " + std::to_string(r.cells) + " cells");
    r.k_requested = k;
    std::vector<RankKey> positive = positive_keys(c, ties);  // a score > 0 ranks above every other
    r.positive_scores = positive.size();
    r.k = std::min(k, r.positive_scores);
    const auto cut = positive.begin() + static_cast<std::ptrdiff_t>(r.k);
    if (r.k < positive.size()) std::nth_element(positive.begin(), cut, positive.end());
    std::sort(positive.begin(), cut);
    for (auto it = positive.begin(); it != cut; ++it) r.flagged.push_back(it->cell);

    double score_sum = 0;
    for (std::uint32_t i : r.flagged) {
        r.flagged_area += c.area[i];
        r.hits += c.observed[i];
        if (!c.fitted.empty()) r.fit_hits += c.fitted[i];
        score_sum += c.score[i];
    }
    r.total_area = o.total_area;
    r.incidents = o.incidents;
    r.fit_incidents = o.fit_incidents;
    r.best_possible_hits = r.k == 0 ? 0 : knapsack_hits(o.with_incidents, o.observed, o.area, r.flagged_area);

    if (r.incidents > 0) r.hit_rate = r.hits / r.incidents;
    if (r.hit_rate && r.k > 0) r.pai = *r.hit_rate / (r.flagged_area / r.total_area);
    if (r.best_possible_hits > 0) r.pei = r.hits / r.best_possible_hits;
    r.pei_ptools = pei_like_ptools(c, o, r, ties);
    if (r.hit_rate && r.fit_incidents > 0 && r.fit_hits > 0) r.rri = *r.hit_rate / (r.fit_hits / r.fit_incidents);
    if (r.hits > 0) r.rri_ptools = score_sum / r.hits;
    describe_tie_at_cut(c, positive, r);
    return r;
}

}  // namespace hotspot
