#include "decide/composite_warnings.hpp"

#include "hotspot/base/text.hpp"
#include "hotspot/stats/rank_correlation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <optional>

namespace hotspot::composite {

namespace {
std::string quoted(const std::string& s) { return "'" + s + "'"; }
}  // namespace

std::vector<std::string> degenerate_flag_warnings(const std::vector<std::vector<double>>& x,
                                                  const std::vector<std::vector<double>>& scaled,
                                                  const std::vector<IndicatorScaling>& inds) {
    std::vector<std::string> out;
    for (std::size_t j = 0; j < inds.size(); ++j) {
        const IndicatorScaling& ind = inds[j];
        if (ind.scaling != Scaling::flag || x[j].empty()) continue;
        const std::size_t n = x[j].size();
        const auto [mn, mx] = std::minmax_element(x[j].begin(), x[j].end());
        const double best = ind.reverse == ind.flag_above ? *mx : *mn;  // the end the flag should never reach
        std::size_t flagged = 0, flagged_best = 0;
        // The flagged value closest to the unflagged ones, and the areas sharing it (ties).
        std::optional<double> edge;
        for (std::size_t p = 0; p < n; ++p) {
            if (scaled[j][p] != 1.0) continue;
            ++flagged, flagged_best += x[j][p] == best;
            const double v = x[j][p];
            if (!edge || (ind.reverse == ind.flag_above ? v > *edge : v < *edge)) edge = v;
        }
        const std::string head = "indicator " + quoted(ind.name) + ": its flag (" + to_string(ind.threshold_scale) + " " +
                                 (ind.flag_above ? "above " : "below ") + format_exact(ind.threshold) + ") marks " +
                                 std::to_string(flagged) + " of " + std::to_string(n) + " areas";
        if (flagged_best) {
            out.push_back(head + ", " + std::to_string(flagged_best) + " of them with the indicator's " +
                          (ind.reverse == ind.flag_above ? "highest" : "lowest") + " value " + format_exact(best) +
                          ": the threshold does not separate a worst tail (too many equal values)");
            continue;
        }
        if (ind.threshold_scale != Scaling::percentile || !edge) continue;
        std::size_t ties = 0;
        for (double v : x[j]) ties += v == *edge;
        const double tail = ind.flag_above ? 1 - ind.threshold : ind.threshold;
        if (static_cast<double>(flagged) > tail * static_cast<double>(n) + static_cast<double>(ties))
            out.push_back(head + ", more than the " + format_exact(100 * tail) + " % tail (" + format_significant(tail * static_cast<double>(n), 4) +
                          ") plus " + std::to_string(ties) + " tied areas");
    }
    return out;
}

std::vector<std::string> near_duplicate_warnings(const std::vector<std::vector<double>>& x,
                                                 const std::vector<IndicatorScaling>& inds, double min_abs_rho) {
    std::vector<std::string> out;
    const auto constant = [](const std::vector<double>& v) { return std::adjacent_find(v.begin(), v.end(), std::not_equal_to<>()) == v.end(); };
    // Each indicator ranked once (50 indicators make 1,225 pairs over every area).
    std::vector<std::vector<double>> ranks(inds.size());
    for (std::size_t i = 0; i < inds.size(); ++i)
        if (x[i].size() >= 3 && !constant(x[i])) ranks[i] = average_ranks(x[i]);
    for (std::size_t i = 0; i < inds.size(); ++i)
        for (std::size_t j = i + 1; j < inds.size(); ++j) {
            if (ranks[i].empty() || ranks[j].empty()) continue;
            const double rho = rho_of_ranks(ranks[i], ranks[j]);
            if (std::abs(rho) >= min_abs_rho)
                out.push_back("indicators " + quoted(inds[i].name) + " and " + quoted(inds[j].name) + " have Spearman rho " +
                              format_significant_below_one(rho, 4) + " over the " + std::to_string(x[i].size()) +
                              " indexed areas (|rho| >= " + format_exact(min_abs_rho) + "): near duplicates, counted twice in the index");
        }
    return out;
}

}  // namespace hotspot::composite
