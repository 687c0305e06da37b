#include "hotspot/decide/dashboard.hpp"

#include "decide/hierarchy_tree.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/measure/measures.hpp"

#include <algorithm>

namespace hotspot {

namespace {

using Values = std::vector<std::optional<double>>;
using LevelValues = std::vector<Values>;

// The finest counts of one month summed up the tree; a month outside the data is "no data".
LevelValues month_counts(const HierarchyTree& t, const std::vector<Values>& monthly, MonthIndex first_month, MonthIndex m) {
    const Values none(t.levels[0].ids.size());
    const bool inside = m >= first_month && m - first_month < static_cast<MonthIndex>(monthly.size());
    return sum_up(t, inside ? std::span<const std::optional<double>>(monthly[static_cast<std::size_t>(m - first_month)]) : std::span(none));
}

std::optional<double> change_pct(const std::optional<double>& now, const std::optional<double>& base) {
    if (!now || !base || *base == 0) return std::nullopt;
    return 100.0 * (*now - *base) / *base;
}

struct Ranking {
    std::vector<std::optional<std::uint32_t>> rank;
    std::vector<std::string> by;
};

// Ranks real areas among their real siblings (the top level: among each other): by rate when
// every sibling has a population above 0, else by count; an area without a value that month is
// not ranked. A "(no parent)" area and the areas under one are not ranked: they are no group.
Ranking rank_siblings(const HierarchyTree& t, std::size_t l, const Values& count, const Values& rate, const Values& population) {
    const TreeLevel& level = t.levels[l];
    Ranking r{std::vector<std::optional<std::uint32_t>>(level.ids.size()), std::vector<std::string>(level.ids.size())};
    std::vector<std::vector<std::size_t>> groups;
    if (l + 1 == t.levels.size()) {
        groups.emplace_back();
        for (std::size_t i = 0; i < level.ids.size(); ++i) groups.back().push_back(i);
    } else {
        const TreeLevel& up = t.levels[l + 1];
        for (std::size_t p = 0; p < up.ids.size(); ++p)
            if (!up.no_parent_bucket[p]) groups.push_back(up.children[p]);
    }
    for (auto& group : groups) {
        std::erase_if(group, [&](std::size_t i) { return level.no_parent_bucket[i]; });
        bool by_rate = !group.empty();
        for (std::size_t i : group) by_rate = by_rate && population[i] && *population[i] > 0;
        const Values& value = by_rate ? rate : count;
        std::vector<std::size_t> ranked;
        std::vector<double> v;
        for (std::size_t i : group) {
            r.by[i] = by_rate ? "rate" : "count";
            if (value[i]) {
                ranked.push_back(i);
                v.push_back(*value[i]);
            }
        }
        const auto rank = competition_rank(v);
        for (std::size_t k = 0; k < ranked.size(); ++k) r.rank[ranked[k]] = rank[k];
    }
    return r;
}

}  // namespace

MonthlyCounts monthly_area_counts(std::span<const std::int32_t> area_of_row, std::span<const MonthIndex> month_of_row, std::size_t areas,
                                  MonthIndex first_month, MonthIndex last_month, std::span<const MonthIndex> months_without_data) {
    if (area_of_row.size() != month_of_row.size())
        throw Error("monthly counts: " + std::to_string(area_of_row.size()) + " areas for " + std::to_string(month_of_row.size()) + " months");
    if (last_month < first_month) throw Error("monthly counts: " + month_label(last_month) + " is before " + month_label(first_month));
    MonthlyCounts out;
    out.first_month = first_month;
    out.counts.assign(static_cast<std::size_t>(last_month - first_month + 1), std::vector<std::optional<double>>(areas, 0.0));
    for (MonthIndex m : months_without_data)
        if (m >= first_month && m <= last_month) std::ranges::fill(out.counts[static_cast<std::size_t>(m - first_month)], std::nullopt);
    for (std::size_t r = 0; r < area_of_row.size(); ++r) {
        const MonthIndex m = month_of_row[r];
        if (area_of_row[r] < 0) {
            ++out.without_area;
        } else if (m < first_month || m > last_month) {
            ++out.outside_months;
        } else {
            const auto area = static_cast<std::size_t>(area_of_row[r]);
            if (area >= areas) throw Error("monthly counts: area index " + std::to_string(area) + " of " + std::to_string(areas));
            std::optional<double>& cell = out.counts[static_cast<std::size_t>(m - first_month)][area];
            if (cell) {
                *cell += 1;
                ++out.counted;
            } else {
                ++out.in_months_without_data;  // a row in a month declared without data: a contradiction the caller reports
            }
        }
    }
    return out;
}

std::vector<DashboardRow> monthly_dashboard(const Hierarchy& h, const std::vector<std::vector<std::optional<double>>>& monthly,
                                            MonthIndex first_month, MonthIndex month, std::span<const std::optional<double>> finest_population,
                                            std::size_t detail_level) {
    const HierarchyTree t = resolve_tree(h);
    const std::size_t top = t.levels.size() - 1;
    if (detail_level > top)
        throw Error("monthly dashboard: detail level " + std::to_string(detail_level) + " is above the top level " + std::to_string(top));
    for (std::size_t m = 0; m < monthly.size(); ++m)
        if (monthly[m].size() != t.levels[0].ids.size())
            throw Error("monthly dashboard: month " + month_label(first_month + static_cast<MonthIndex>(m)) + " has " +
                        std::to_string(monthly[m].size()) + " counts for " + std::to_string(t.levels[0].ids.size()) + " areas");
    const LevelValues now = month_counts(t, monthly, first_month, month);
    const LevelValues previous = month_counts(t, monthly, first_month, month - 1);
    const LevelValues last_year = month_counts(t, monthly, first_month, month - 12);
    const Values no_population(t.levels[0].ids.size());
    const LevelValues population = sum_up(t, finest_population.empty() ? std::span<const std::optional<double>>(no_population) : finest_population);
    LevelValues rate(t.levels.size());
    std::vector<Ranking> ranking;
    for (std::size_t l = 0; l <= top; ++l) {
        rate[l].resize(t.levels[l].ids.size());
        for (std::size_t i = 0; i < rate[l].size(); ++i)
            if (now[l][i] && population[l][i] && *population[l][i] > 0) rate[l][i] = 1000.0 * *now[l][i] * 12.0 / *population[l][i];
        ranking.push_back(rank_siblings(t, l, now[l], rate[l], population[l]));
    }
    std::vector<DashboardRow> rows;
    for (std::size_t top_area = 0; top_area < t.levels[top].ids.size(); ++top_area) {
        // Depth first: the top area, then each child followed by its own children.
        auto visit = [&](auto&& self, std::size_t l, std::size_t i) -> void {
            DashboardRow r;
            r.top_id = t.levels[top].ids[top_area];
            r.top_name = t.levels[top].names[top_area];
            r.level = l;
            r.level_name = t.levels[l].name;
            r.area_id = t.levels[l].ids[i];
            r.area_name = t.levels[l].names[i];
            r.month = month;
            r.count = now[l][i];
            r.previous_month = previous[l][i];
            r.same_month_last_year = last_year[l][i];
            r.change_previous_pct = change_pct(r.count, r.previous_month);
            r.change_last_year_pct = change_pct(r.count, r.same_month_last_year);
            r.rate_per_1000_per_year = rate[l][i];
            r.rank_in_parent = ranking[l].rank[i];
            r.rank_by = ranking[l].by[i];
            rows.push_back(std::move(r));
            if (l > detail_level)
                for (std::size_t c : t.levels[l].children[i]) self(self, l - 1, c);
        };
        visit(visit, top, top_area);
    }
    return rows;
}

}  // namespace hotspot
