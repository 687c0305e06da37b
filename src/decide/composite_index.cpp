// The composite index: missing values -> outliers -> scale and reverse -> combine -> output
// reverse -> rank, decile, top N, top contributors and leave-one-out ranks.
#include "hotspot/decide/composite_index.hpp"

#include "decide/composite_combine.hpp"
#include "decide/composite_robustness.hpp"
#include "decide/composite_scaling.hpp"
#include "decide/composite_warnings.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace hotspot {

namespace {

using composite::no_skip;

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string first_ids(const std::vector<std::string>& ids, std::size_t most = 10) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < most; ++i) out += (i ? ", " : "") + ids[i];
    if (ids.size() > most) out += ", ... (" + std::to_string(ids.size()) + " in all)";
    return out;
}

void check_input(const CompositeInput& input, const CompositeSpec& spec) {
    const std::size_t n = input.area_ids.size(), k = input.indicator_names.size();
    if (n == 0 || k == 0) throw ConfigError("composite index: no areas or no indicators to combine");
    if (input.values.size() != k) throw InputError("composite index: values given for " + std::to_string(input.values.size()) +
                                                   " indicators, named " + std::to_string(k));
    if (spec.indicators.size() != k)
        throw ConfigError("composite index: " + std::to_string(spec.indicators.size()) + " indicator scalings for " +
                          std::to_string(k) + " indicators");
    std::set<std::string> seen;
    for (const auto& id : input.area_ids)
        if (!seen.insert(id).second) throw InputError("composite index: area id " + quoted(id) + " appears twice");
    for (std::size_t j = 0; j < k; ++j) {
        const auto& name = input.indicator_names[j];
        const auto& ind = spec.indicators[j];
        if (!ind.name.empty() && ind.name != name)
            throw ConfigError("composite index: scaling " + std::to_string(j + 1) + " is for " + quoted(ind.name) +
                              ", the indicator is " + quoted(name));
        if (!(ind.weight > 0) || !std::isfinite(ind.weight))
            throw ConfigError("indicator " + quoted(name) + ": weight " + format_exact(ind.weight) + " must be > 0");
        if (spec.combine == Combine::geomean && ind.scaling == Scaling::zscore)
            throw ConfigError("indicator " + quoted(name) +
                              ": the geometric mean cannot combine z-scores (they are negative below the mean); use "
                              "minmax, percentile or rank, or combine by mean or sum");
        if (input.values[j].size() != n)
            throw InputError("indicator " + quoted(name) + ": " + std::to_string(input.values[j].size()) + " values for " +
                             std::to_string(n) + " areas");
        for (std::size_t a = 0; a < n; ++a)
            if (input.values[j][a] && !std::isfinite(*input.values[j][a]))
                throw InputError("indicator " + quoted(name) + ", area " + quoted(input.area_ids[a]) + ": value " +
                                 format_exact(*input.values[j][a]) + " is not a finite number");
    }
}

// The missing-value policy: which areas are kept (r.kept), and per indicator the value a missing
// one is given (mean or zero; unused under drop).
std::vector<double> apply_missing_policy(const CompositeInput& input, const CompositeSpec& spec,
                                                      CompositeResult& r) {
    const std::size_t n = input.area_ids.size(), k = input.indicator_names.size();
    r.kept.assign(n, 1);
    r.imputed.assign(k, {});
    std::vector<double> fills(k, 0.0);
    std::size_t missing_cells = 0;
    for (std::size_t j = 0; j < k; ++j) {
        const auto& v = input.values[j];
        double sum = 0;
        std::size_t present = 0;
        for (const auto& x : v)
            if (x) sum += *x, ++present;
        if (present == 0) throw InputError("indicator " + quoted(input.indicator_names[j]) + " has no value in any area");
        const double fill = fills[j] = spec.missing == MissingPolicy::mean ? sum / static_cast<double>(present) : 0.0;
        for (std::size_t a = 0; a < n; ++a) {
            if (v[a]) continue;
            ++missing_cells;
            if (spec.missing == MissingPolicy::drop) r.kept[a] = 0;
            else r.imputed[j].push_back(input.area_ids[a]);
        }
        if (spec.missing == MissingPolicy::mean && !r.imputed[j].empty())
            r.notes.push_back("indicator " + quoted(input.indicator_names[j]) + ": " + std::to_string(r.imputed[j].size()) +
                              " missing values given the mean of its " + std::to_string(present) +
                              " present values, " + format_exact(fill) + ": " + first_ids(r.imputed[j]));
        if (spec.missing == MissingPolicy::zero && !r.imputed[j].empty())
            r.notes.push_back("indicator " + quoted(input.indicator_names[j]) + ": " + std::to_string(r.imputed[j].size()) +
                              " missing values given 0: " + first_ids(r.imputed[j]));
    }
    for (std::size_t a = 0; a < n; ++a)
        if (!r.kept[a]) r.dropped.push_back(input.area_ids[a]);
    if (spec.missing == MissingPolicy::drop)
        r.notes.push_back("missing values: " + std::to_string(missing_cells) + " in all; " + std::to_string(r.dropped.size()) +
                          " areas with a value missing in any indicator are left out (policy drop, as ArcGIS)" +
                          (r.dropped.empty() ? std::string() : ": " + first_ids(r.dropped)));
    return fills;
}

std::string scaling_note(const IndicatorScaling& ind) {
    std::string s = "indicator " + quoted(ind.name) + ": " + to_string(ind.scaling);
    switch (ind.scaling) {
        case Scaling::minmax:
            s += ind.range ? " over the fixed range [" + format_exact(ind.range->first) + ", " +
                                 format_exact(ind.range->second) + "]: (x - lo)/(hi - lo)"
                           : ": (x - min)/(max - min) over the kept areas";
            break;
        case Scaling::zscore:
            s += std::string(": (x - mean)/sd, ") + (ind.z_mean ? "custom mean" : "mean of the kept areas") + ", " +
                 (ind.z_sd ? "custom sd" : "sd with n - 1");
            break;
        case Scaling::percentile: s += ": (average rank - 1)/(n - 1), ties share their mean rank"; break;
        case Scaling::rank: s += ": average rank 1..n ascending, ties share their mean rank"; break;
        case Scaling::raw: s += ": the value as given"; break;
        case Scaling::flag:
            s += std::string(": 1 where the ") + to_string(ind.threshold_scale) + " value is " +
                 (ind.flag_above ? "above " : "below ") + format_exact(ind.threshold) + " (strictly), else 0";
            break;
    }
    s += "; weight " + format_exact(ind.weight);
    if (ind.reverse && ind.scaling == Scaling::flag)
        s += std::string("; reversed (lower is worse): the ") + to_string(ind.threshold_scale) + " value is reversed before the threshold test, so the flag marks the lowest values, "
             "e.g. percentile below " + format_exact(1 - ind.threshold);
    else if (ind.reverse) {
        const char* rule = ind.scaling == Scaling::zscore ? "-s"
                           : ind.scaling == Scaling::rank ? "n + 1 - s"
                           : ind.scaling == Scaling::raw  ? "max + min - s"
                                                          : "1 - s";
        s += std::string("; reversed after scaling: ") + rule;
    }
    return s;
}

// The tie-break's min-max columns (after each indicator's reverse); a constant indicator adds
// the same 0 to every area, so it changes no order.
std::vector<std::vector<double>> tie_break_columns(const std::vector<std::vector<double>>& x, const CompositeSpec& spec,
                                                   CompositeResult& r) {
    std::vector<std::vector<double>> cols;
    for (std::size_t j = 0; j < x.size(); ++j) {
        IndicatorScaling ind = spec.indicators[j];
        const auto [mn, mx] = std::minmax_element(x[j].begin(), x[j].end());
        if (!ind.range && *mx == *mn) {
            cols.emplace_back(x[j].size(), 0.0);
            r.notes.push_back("indicator " + quoted(ind.name) + " is constant: it adds 0 to every area's tie-break value");
            continue;
        }
        auto c = composite::scale_column(x[j], ind, Scaling::minmax).values;
        if (ind.reverse) composite::reverse_scaled(c, Scaling::minmax);
        cols.push_back(std::move(c));
    }
    return cols;
}

}  // namespace

CompositeResult composite_index(const CompositeInput& input, const CompositeSpec& spec) {
    check_input(input, spec);
    CompositeResult r;
    r.spec = spec;
    const std::size_t n_all = input.area_ids.size(), k = input.indicator_names.size();
    for (std::size_t j = 0; j < k; ++j)
        if (r.spec.indicators[j].name.empty()) r.spec.indicators[j].name = input.indicator_names[j];
    const auto& inds = r.spec.indicators;
    r.notes.push_back("composite index: preset " + (spec.preset.empty() ? std::string("custom") : spec.preset) + ", " +
                      std::to_string(k) + " indicators; each scaled, reversed where asked, weighted, then combined");

    const auto fills = apply_missing_policy(input, spec, r);
    std::vector<std::size_t> kept_areas;  // kept position -> area index
    for (std::size_t a = 0; a < n_all; ++a)
        if (r.kept[a]) kept_areas.push_back(a);
    const std::size_t n = kept_areas.size();
    if (n < 2)
        throw ConfigError("composite index: " + std::to_string(n) + " area(s) left after the missing-value policy " +
                          to_string(spec.missing) + "; at least 2 are needed to scale");
    std::vector<std::string> ids;
    for (auto a : kept_areas) ids.push_back(input.area_ids[a]);

    // Raw values of the kept areas, then outlier treatment per indicator before scaling.
    std::vector<std::vector<double>> raw(k), treated;
    for (std::size_t j = 0; j < k; ++j) {
        raw[j].reserve(n);
        for (auto a : kept_areas) raw[j].push_back(input.values[j][a].value_or(fills[j]));
    }
    if (spec.outliers != OutlierMode::none) treated = raw;
    const auto& x = spec.outliers != OutlierMode::none ? treated : raw;
    for (std::size_t j = 0; j < k && spec.outliers != OutlierMode::none; ++j) {
        r.outliers.push_back(treat_outliers(treated[j], spec.outliers, inds[j].name));
        const auto& t = r.outliers.back();
        if (t.treated())
            r.notes.push_back("indicator " + quoted(t.indicator) + ": skew " + format_significant(t.skew_before, 4) + ", kurtosis " +
                              format_significant(t.kurtosis_before, 4) + " -> " +
                              (t.log_transformed ? std::string("log(x - min + 0.01 (max - min))")
                                                 : std::to_string(t.winsorised) + " points winsorised") +
                              ", skew " + format_significant(t.skew_after, 4) + ", kurtosis " + format_significant(t.kurtosis_after, 4));
    }
    if (spec.outliers != OutlierMode::none)
        r.notes.push_back(std::string("outliers (") + to_string(spec.outliers) +
                          "): treated where |skew| >= 2 and kurtosis >= 3.5 (e1071 type 2), winsorising at most 5 points "
                          "in all per indicator" +
                          (spec.outliers == OutlierMode::winsorise_log ? ", then the log transform if still failing" : ""));

    // Scale and reverse.
    std::vector<std::vector<double>> scaled(k);
    std::vector<double> weights(k);
    for (std::size_t j = 0; j < k; ++j) {
        auto c = composite::scale_and_reverse(x[j], inds[j]);
        scaled[j] = std::move(c.values);
        weights[j] = inds[j].weight;
        r.notes.push_back(scaling_note(inds[j]));
        if (c.outside_range)
            r.notes.push_back("indicator " + quoted(inds[j].name) + ": " + std::to_string(c.outside_range) +
                              " values outside the fixed min-max range are kept (scaled below 0 or above 1)");
        if (spec.combine == Combine::geomean)
            for (std::size_t p = 0; p < n; ++p)
                if (scaled[j][p] < 0)  // ArcGIS error 110501
                    throw InputError("indicator " + quoted(inds[j].name) + ", area " + quoted(ids[p]) + ": scaled value " +
                                     format_exact(scaled[j][p]) +
                                     " is negative; the geometric mean needs values >= 0 (use mean or sum)");
    }

    for (auto& w : composite::degenerate_flag_warnings(x, scaled, inds)) r.warnings.push_back(std::move(w));
    for (auto& w : composite::near_duplicate_warnings(x, inds)) r.warnings.push_back(std::move(w));

    // Combine, reverse the output, rank.
    std::vector<std::vector<double>> logs;
    if (spec.combine == Combine::geomean) logs = composite::log_terms(scaled);
    const auto& terms = spec.combine == Combine::geomean ? logs : scaled;
    auto index = composite::combine_terms_into_index(terms, weights, spec.combine, no_skip);
    r.notes.push_back(std::string("combined by ") + to_string(spec.combine) +
                      (spec.combine == Combine::sum        ? ": sum of weight x scaled"
                       : spec.combine == Combine::mean     ? ": sum of weight x scaled / sum of weights"
                                                           : ": exp(sum of weight x ln scaled / sum of weights)"));
    if (spec.combine == Combine::geomean) {
        std::size_t zeros = 0;
        for (double v : index) zeros += v == 0;
        if (zeros)
            r.notes.push_back(std::to_string(zeros) +
                              " areas have a scaled value of 0 in some indicator (the minimum under minmax, the lowest "
                              "under percentile), so their geometric mean is 0 and they tie at the bottom");
    }
    if (spec.reverse_index) {
        composite::reverse_index(index);
        r.notes.push_back("the index is reversed after combining: max + min - index (the highest becomes the lowest)");
    }
    std::vector<std::vector<double>> tb_cols;
    std::vector<double> tie_break;
    if (spec.tie_break_mean_minmax) {
        tb_cols = tie_break_columns(x, r.spec, r);
        tie_break = composite::combine_terms_into_index(tb_cols, weights, Combine::mean, no_skip);
        r.notes.push_back("equal indexes are ordered by the weighted mean min-max scaled value (after reverse), then by "
                          "area id, so every rank is distinct");
    }
    composite::Ranker ranker(ids);
    const auto rank = ranker.rank(index, spec.tie_break_mean_minmax ? &tie_break : nullptr);
    r.notes.push_back("rank 1 = the highest index" +
                      std::string(spec.tie_break_mean_minmax ? "" : "; equal indexes share the best rank (1224)") +
                      "; decile = ceil(10 rank / " + std::to_string(n) + "), 1 = the top 10 %");

    // Per-area results over all areas.
    r.scaled.assign(k, std::vector<std::optional<double>>(n_all));
    r.index.assign(n_all, std::nullopt);
    r.tie_break.assign(n_all, std::nullopt);
    r.rank.assign(n_all, std::nullopt);
    r.decile.assign(n_all, std::nullopt);
    r.top_contributors.assign(n_all, {});
    r.loo_rank_min.assign(n_all, std::nullopt);
    r.loo_rank_max.assign(n_all, std::nullopt);
    r.loo_min_without.assign(n_all, std::nullopt);
    r.loo_max_without.assign(n_all, std::nullopt);
    const std::size_t explain = std::min(spec.explain, k);
    std::vector<Contribution> c;
    for (std::size_t p = 0; p < n; ++p) {
        const std::size_t a = kept_areas[p];
        for (std::size_t j = 0; j < k; ++j) r.scaled[j][a] = scaled[j][p];
        r.index[a] = index[p];
        if (spec.tie_break_mean_minmax) r.tie_break[a] = tie_break[p];
        r.rank[a] = rank[p];
        r.decile[a] = static_cast<std::uint32_t>((10 * std::uint64_t{rank[p]} + n - 1) / n);  // ceil(10 rank / n)
        c.clear();
        for (std::size_t j = 0; j < k; ++j)  // an indicator adding 0 (no flag, the minimum) explains nothing
            if (scaled[j][p] != 0) c.push_back({j, scaled[j][p], weights[j] * scaled[j][p], raw[j][p]});
        const auto listed = static_cast<std::ptrdiff_t>(std::min(explain, c.size()));
        std::partial_sort(c.begin(), c.begin() + listed, c.end(),
                          [](const Contribution& u, const Contribution& v) {
                              return u.weighted != v.weighted ? u.weighted > v.weighted : u.indicator < v.indicator;
                          });
        r.top_contributors[a].assign(c.begin(), c.begin() + listed);
    }
    r.notes.push_back("top contributors: the " + std::to_string(explain) +
                      " indicators with the largest weight x scaled value (after reverse; those adding 0 are not listed), "
                      "with the raw value" +
                      (spec.outliers != OutlierMode::none ? " (before outlier treatment)" : "") +
                      (spec.missing != MissingPolicy::drop ? " (the imputed value where one was missing)" : ""));

    // Top N: rank order, equal ranks by area id.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t u, std::size_t v) {
        return rank[u] != rank[v] ? rank[u] < rank[v] : ids[u] < ids[v];
    });
    const std::size_t top_n = std::min(spec.top_n, n);
    for (std::size_t i = 0; i < top_n; ++i) r.top.push_back(kept_areas[order[i]]);
    if (top_n > 0 && top_n < n && rank[order[top_n]] == rank[order[top_n - 1]])
        r.notes.push_back("top " + std::to_string(top_n) + ": areas tied at rank " + std::to_string(rank[order[top_n]]) +
                          " cross the boundary; those inside are the first by area id");

    // Leave-one-out robustness.
    if (k < 2) {
        r.notes.push_back("leave-one-out ranks: not computed (one indicator)");
        return r;
    }
    const auto loo = composite::leave_one_out(terms, weights, spec, tb_cols, ids);
    for (std::size_t p = 0; p < n; ++p) {
        const std::size_t a = kept_areas[p];
        r.loo_rank_min[a] = loo.rank_min[p];
        r.loo_rank_max[a] = loo.rank_max[p];
        r.loo_min_without[a] = loo.min_without[p];
        r.loo_max_without[a] = loo.max_without[p];
    }
    r.notes.push_back("leave-one-out: each of the " + std::to_string(k) +
                      " indicators left out in turn, the others' scaled values unchanged, recombined and ranked as above; "
                      "the best and worst rank and the indicator whose removal gives each (the first, on ties)");
    return r;
}

}  // namespace hotspot
