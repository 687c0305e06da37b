#include "hotspot/workflow/trend_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/measure/selection.hpp"
#include "hotspot/stats/significance.hpp"
#include "hotspot/workflow/input_months.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace hotspot {

namespace {

constexpr double no_data = std::numeric_limits<double>::quiet_NaN();

MonthIndex step_start(TrendStep step, MonthIndex m) {
    return step == TrendStep::month ? m : step == TrendStep::quarter ? quarter_start(m) : financial_year_start(m);
}

std::size_t months_per_step(TrendStep step) { return step == TrendStep::month ? 1 : step == TrendStep::quarter ? 3 : 12; }

// The series' area index, or npos: not split by area.
constexpr std::size_t all = static_cast<std::size_t>(-1);

// One group of rows (a category, an input, a measure, or the whole selection) that gets a series
// per area.
struct SeriesGroup {
    std::string label;
    std::vector<std::uint8_t> keep;
};

std::vector<SeriesGroup> series_groups(const IncidentTable& t, const TrendConfig& c, const std::vector<std::uint8_t>& selected,
                                       TrendResult& r) {
    std::vector<SeriesGroup> groups;
    const auto masked = [&](const auto& in_group) {
        std::vector<std::uint8_t> keep(t.size());
        for (std::size_t i = 0; i < t.size(); ++i) keep[i] = selected[i] && in_group(i);
        return keep;
    };
    switch (c.group) {
    case TrendGroup::total: groups.push_back({r.selection_label, selected}); break;
    case TrendGroup::category:
        for (std::uint32_t k = 0; k < t.categories.size(); ++k) {
            const std::string& name = t.categories.at(k);
            if (c.categories.empty() || std::find(c.categories.begin(), c.categories.end(), name) != c.categories.end())
                groups.push_back({name, masked([&](std::size_t i) { return t.category[i] == k; })});
        }
        break;
    case TrendGroup::source: {
        // Inputs in reading order; one without a selected row (BTP has no ASB) gets no series.
        std::vector<std::string> names;
        for (const auto& f : t.files)
            if (std::find(names.begin(), names.end(), f.source) == names.end()) names.push_back(f.source);
        for (const auto& name : names) {
            SeriesGroup g{name, masked([&](std::size_t i) { return t.files[t.file[i]].source == name; })};
            if (std::find(g.keep.begin(), g.keep.end(), 1) != g.keep.end()) groups.push_back(std::move(g));
            else r.where_accounts.push_back("input " + quote_value(name) + " has no row of the selection: no series");
        }
        break;
    }
    case TrendGroup::measure:
        for (const auto& m : c.measures) {
            FilteredRows rows = measure_rows(m, t);
            if (!m.where.empty()) r.where_accounts.push_back("measure " + quote_value(m.name) + " where " + m.where.text() + ": " + rows.summary());
            if (rows.unknown > 0 || !rows.warnings.empty()) r.warnings.push_back(r.where_accounts.back());
            groups.push_back({m.name, std::move(rows.keep)});
        }
        break;
    }
    return groups;
}

}  // namespace

const char* to_string(TrendGroup g) {
    switch (g) {
    case TrendGroup::total: return "total";
    case TrendGroup::category: return "category";
    case TrendGroup::source: return "source";
    case TrendGroup::measure: return "measure";
    }
    return "";
}

std::string trend_step_name(TrendStep step) {
    return step == TrendStep::month ? "month" : step == TrendStep::quarter ? "quarter" : "financial year";
}

std::string trend_step_label(TrendStep step, MonthIndex first) {
    return step == TrendStep::month ? month_label(first) : step == TrendStep::quarter ? quarter_label(first) : financial_year_label(first);
}

std::string trend_direction(const MannKendall& mk, double alpha) {
    if (mk.n < 3) return "not tested (" + std::to_string(mk.n) + " steps with data; needs 3)";
    if (mk.p < alpha) return mk.s > 0 ? "rising" : "falling";
    return "no significant trend";
}

TrendResult run_trend(const AnalysisResult& a, const TrendConfig& c) {
    TrendResult r;
    r.config = c;
    const IncidentTable& t = a.incidents;
    std::optional<std::size_t> layer;
    if (!c.areas_layer.empty()) {
        for (std::size_t i = 0; i < a.layers.size(); ++i)
            if (a.layers[i].name() == c.areas_layer) layer = i;
        if (!layer) throw ConfigError("--areas " + quote_value(c.areas_layer) + ": no --area layer has that name");
        if (!c.by_area) throw ConfigError("--areas " + quote_value(c.areas_layer) + " needs area in --by (e.g. --by area or --by category,area)");
    }
    if (c.by_area && !layer) throw ConfigError("--by area needs --areas LAYER (one of the --area layers)");
    const std::set<MonthIndex> have = months_with_input(t);
    if (have.empty()) throw ConfigError("trend: no input months (no police.uk file and no accepted row)");
    r.step_months = months_per_step(c.step);
    // The chosen months (--months), else every month of input; a step partly outside them is NA.
    MonthIndex lo = *have.begin(), hi = *have.rbegin();
    if (c.first_month) {
        if (*c.last_month < lo || *c.first_month > hi)
            throw ConfigError("--months " + month_label(*c.first_month) + ".." + month_label(*c.last_month) + ": no month of input inside (the input covers " +
                              month_label(lo) + ".." + month_label(hi) + ")");
        lo = *c.first_month, hi = *c.last_month;
    }
    r.first_month = step_start(c.step, lo);
    r.last_month = step_start(c.step, hi) + static_cast<MonthIndex>(r.step_months) - 1;
    const std::size_t months = static_cast<std::size_t>(r.last_month - r.first_month + 1);
    for (MonthIndex m = r.first_month; m <= r.last_month; m += static_cast<MonthIndex>(r.step_months)) r.step_starts.push_back(m);
    // A month is without data when no input covers it, and also when one police.uk input lacks
    // its file while another has one: the total would silently miss that input's incidents.
    // Only inputs with a selected row count (an input with no row of the categories is not missing).
    // With measures, the selection is every row some measure counts.
    for (const std::string& name : c.categories) r.selection_label += (r.selection_label.empty() ? "" : "; ") + name;
    if (r.selection_label.empty()) r.selection_label = c.group == TrendGroup::measure ? "each measure's own selection" : "all categories";
    std::vector<std::uint8_t> selected;
    std::vector<SeriesGroup> groups;
    if (c.group == TrendGroup::measure) {
        if (c.measures.empty()) throw ConfigError("--by measure needs [measure.NAME] sections in the config file (-c)");
        if (!c.categories.empty()) throw ConfigError("--by measure takes each measure's own categories: leave out --category");
        groups = series_groups(t, c, {}, r);
        selected.assign(t.size(), 0);
        for (const auto& g : groups)
            for (std::size_t i = 0; i < t.size(); ++i) selected[i] |= g.keep[i];
    } else {
        selected = select_points(t, c.categories, std::nullopt).include;
        groups = series_groups(t, c, selected, r);
    }
    // Months without data, and why: no input at all and months outside --months are so for every
    // series; a month one police.uk input lacks only for the groups that count that input's rows
    // (BTP's last file does not blank a Merseyside-only series).
    for (MonthIndex m = r.first_month; m <= r.last_month; ++m) {
        if (m < lo || m > hi) r.months_outside.push_back(m);
        else if (!have.count(m)) r.missing_months.push_back(m);
    }
    // The inputs' missing files in months some input covers (a month without any input is said so).
    for (const auto& [source, m] : police_source_gap_months(t, lo, hi, &selected))
        if (have.count(m)) r.source_gaps += (r.source_gaps.empty() ? "" : ", ") + source + " " + month_label(m);
    r.group_month_why.assign(groups.size(), std::vector<std::string>(months));
    for (std::size_t g = 0; g < groups.size(); ++g) {
        auto& why = r.group_month_why[g];
        for (const auto& [source, m] : police_source_gap_months(t, r.first_month, r.last_month, &groups[g].keep)) {
            std::string& w = why[static_cast<std::size_t>(m - r.first_month)];
            w += (w.empty() ? "no police.uk file of input " : ", ") + quote_value(source);
        }
        for (MonthIndex m : r.missing_months) why[static_cast<std::size_t>(m - r.first_month)] = "no input";
        for (MonthIndex m : r.months_outside) why[static_cast<std::size_t>(m - r.first_month)] = "outside --months";
    }

    // Per row its area (or all), once; then each group's counts per area and month.
    std::vector<std::size_t> area_of(t.size(), all);
    for (std::size_t i = 0; i < t.size(); ++i) {
        ++r.rows_total;
        if (!selected[i]) continue;
        if (t.month[i] < lo || t.month[i] > hi) {
            ++r.rows_outside_months;
            selected[i] = 0;  // in no series
            continue;
        }
        ++r.rows_selected;
        if (!layer) continue;
        const std::int32_t ai = a.assignments[*layer].area[i];
        if (ai < 0) ++r.rows_outside_areas;
        area_of[i] = ai < 0 ? all - 1 : static_cast<std::size_t>(ai);  // all - 1: outside every area
    }
    std::map<std::pair<std::size_t, std::size_t>, std::vector<double>> monthly;  // (group, area) -> counts per month
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (!groups[g].keep[i] || !selected[i] || area_of[i] == all - 1) continue;
            auto& v = monthly[{g, area_of[i]}];
            if (v.empty()) v.assign(months, 0.0);
            v[static_cast<std::size_t>(t.month[i] - r.first_month)] += 1;
        }
    // Every area of the layer gets a series (an area with no incident is a series of zeros), and
    // every group; the total series always exists.
    std::vector<std::size_t> areas{all};
    if (layer) {
        areas.clear();
        for (std::size_t k = 0; k < a.layers[*layer].size(); ++k) areas.push_back(k);
    }

    std::vector<double> scratch, values, times;
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (std::size_t area : areas) {
            TrendSeries s;
            s.category = groups[g].label;
            s.group = g;
            if (area != all) s.area_code = a.layers[*layer].id(area), s.area_name = a.layers[*layer].label(area);
            const auto it = monthly.find({g, area});
            s.month_counts = it == monthly.end() ? std::vector<double>(months, 0.0) : it->second;
            for (std::size_t k = 0; k < months; ++k)
                if (!r.group_month_why[g][k].empty()) s.month_counts[k] = no_data;
            values.clear(), times.clear();
            for (std::size_t k = 0; k < r.step_starts.size(); ++k) {
                double sum = 0;
                for (std::size_t j = 0; j < r.step_months; ++j) sum += s.month_counts[k * r.step_months + j];  // NaN if any month lacks data
                s.counts.push_back(sum);
                if (std::isnan(sum)) {
                    ++s.missing_steps;
                    continue;
                }
                s.incidents += static_cast<std::uint64_t>(sum);
                values.push_back(sum), times.push_back(static_cast<double>(k));
            }
            s.mk = mann_kendall(values, times, c.confidence, scratch);
            s.direction = trend_direction(s.mk, c.alpha);
            std::string why;
            s.seasonal = seasonal_index(s.month_counts, r.first_month, &why);
            if (!s.seasonal) s.seasonal_note = why;
            r.series.push_back(std::move(s));
        }
    // Many series (one per LSOA) make some p < 0.05 by chance: the FDR reading beside the plain one.
    std::vector<double> p;
    for (const TrendSeries& s : r.series)
        if (s.mk.n >= 3) p.push_back(s.mk.p);
    r.series_tested = p.size();
    r.fdr_cutoff = fdr_cutoff(p, c.alpha);
    for (TrendSeries& s : r.series)
        s.direction_fdr = s.mk.n < 3 ? s.direction : s.mk.p <= r.fdr_cutoff ? (s.mk.s > 0 ? "rising" : "falling") : "no significant trend";
    return r;
}

}  // namespace hotspot
