#include "hotspot/measure/measures.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/measure/selection.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace hotspot {

std::vector<std::uint32_t> competition_rank(const std::vector<double>& values) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });
    std::vector<std::uint32_t> rank(values.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        const bool tie = k > 0 && values[order[k]] == values[order[k - 1]];
        rank[order[k]] = tie ? rank[order[k - 1]] : static_cast<std::uint32_t>(k + 1);
    }
    return rank;
}

std::optional<std::pair<Period, Period>> default_change_periods(MonthIndex first_month, MonthIndex last_month) {
    // Latest financial year that ends on or before the last month of data.
    MonthIndex fy_start = financial_year_start(last_month);
    if (fy_start + 11 > last_month) fy_start -= 12;
    if (fy_start - 12 >= first_month) {
        const Period base{fy_start - 12, fy_start - 1, financial_year_label(fy_start - 12)};
        const Period current{fy_start, fy_start + 11, financial_year_label(fy_start)};
        return std::make_pair(base, current);
    }
    if (last_month - first_month + 1 >= 24) {
        const Period current{last_month - 11, last_month, month_label(last_month - 11) + ".." + month_label(last_month)};
        const Period base{last_month - 23, last_month - 12, month_label(last_month - 23) + ".." + month_label(last_month - 12)};
        return std::make_pair(base, current);
    }
    return std::nullopt;
}

namespace {

std::optional<double> per_1000(std::uint64_t count, std::optional<double> population) {
    if (!population || *population <= 0) return std::nullopt;
    return 1000.0 * static_cast<double>(count) / *population;
}

// Month, quarter and financial-year counts per area, "All" and per category.
void add_period_table(AreaMeasures& m, const AreaLayer& layer, const std::vector<std::int32_t>& area_of_row,
                      const IncidentTable& t, MonthIndex first, MonthIndex last, const std::vector<std::uint32_t>& cat_slot) {
    struct Kind {
        const char* name;
        MonthIndex (*start)(MonthIndex);
        std::string (*label)(MonthIndex);
        int length;
    };
    static const Kind kinds[] = {
        {"month", [](MonthIndex v) { return v; }, month_label, 1},
        {"quarter", quarter_start, quarter_label, 3},
        {"financial_year", financial_year_start, financial_year_label, 12},
    };
    const std::size_t n_areas = layer.size();
    const std::size_t n_cats = m.categories.size() + 1;  // slot 0 = "All"
    for (const Kind& kind : kinds) {
        std::vector<MonthIndex> starts;
        for (MonthIndex s = kind.start(first); s <= last; s += kind.length) starts.push_back(s);
        // counts[(period * n_cats + cat) * n_areas + area]
        std::vector<std::uint64_t> counts(starts.size() * n_cats * n_areas, 0);
        for (std::size_t i = 0; i < t.size(); ++i) {
            const std::int32_t a = area_of_row[i];
            if (a < 0) continue;
            const auto p = static_cast<std::size_t>((kind.start(t.month[i]) - starts.front()) / kind.length);
            counts[(p * n_cats + 0) * n_areas + a] += 1;
            counts[(p * n_cats + cat_slot[t.category[i]] + 1) * n_areas + a] += 1;
        }
        for (std::size_t p = 0; p < starts.size(); ++p) {
            const MonthIndex s = starts[p];
            const auto covered = static_cast<std::uint32_t>(std::min(last, s + kind.length - 1) - std::max(first, s) + 1);
            for (std::size_t c = 0; c < n_cats; ++c)
                for (std::size_t a = 0; a < n_areas; ++a) {
                    const std::uint64_t n = counts[(p * n_cats + c) * n_areas + a];
                    m.periods.push_back(PeriodCount{static_cast<std::uint32_t>(a), kind.name, kind.label(s), covered,
                                                    c == 0 ? "All" : m.categories[c - 1], n,
                                                    per_1000(n, layer.population(a))});
                }
        }
    }
}

}  // namespace

AreaMeasures measure_areas(const AreaLayer& layer, const std::vector<std::int32_t>& area_of_row, const IncidentTable& t,
                           const MeasureOptions& options) {
    AreaMeasures m;
    m.layer = layer.name();
    const std::size_t n_areas = layer.size();

    // Categories ordered by total count, so tables read from the biggest down.
    std::vector<std::uint64_t> cat_total(t.categories.size(), 0);
    for (auto c : t.category) ++cat_total[c];
    std::vector<std::uint32_t> order(t.categories.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
        return cat_total[a] != cat_total[b] ? cat_total[a] > cat_total[b] : t.categories.at(a) < t.categories.at(b);
    });
    std::vector<std::uint32_t> cat_slot(t.categories.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) {
        cat_slot[order[k]] = k;
        m.categories.push_back(t.categories.at(order[k]));
    }

    const std::vector<std::uint8_t> focus = category_mask(t, options.categories);
    m.headline = options.categories.empty() ? "all incidents" : "";
    for (const auto& name : options.categories) m.headline += (m.headline.empty() ? "" : ", ") + name;

    MonthIndex first = 0, last = 0;
    if (t.size() > 0) {
        const auto [lo, hi] = std::minmax_element(t.month.begin(), t.month.end());
        first = *lo;
        last = *hi;
    }
    if (options.base && options.current) {
        m.base = options.base;
        m.current = options.current;
    } else if (t.size() > 0) {
        if (auto d = default_change_periods(first, last)) {
            m.base = d->first;
            m.current = d->second;
        }
    }
    for (const auto* p : {&m.base, &m.current})
        if (*p && t.size() > 0 && ((*p)->first < first || (*p)->last > last))
            throw ConfigError("measures: period " + quote_value((*p)->label) + " (" + month_label((*p)->first) + ".." +
                              month_label((*p)->last) + ") is not fully covered by the data (" + month_label(first) + ".." +
                              month_label(last) + "): a partial period would understate its count");

    int headline_months = 0;
    if (t.size() > 0) {
        const HeadlinePeriod h = choose_headline_period(options.headline, m.current, first, last);
        m.headline_period = h.period;
        m.headline_basis = h.basis;
        m.all_months = Period{first, last, month_label(first) + ".." + month_label(last)};
        headline_months = h.period.months();
    }
    m.by_category.assign(m.categories.size(), std::vector<std::uint64_t>(n_areas, 0));
    m.count.assign(n_areas, 0);
    m.count_all_months.assign(n_areas, 0);
    m.weighted.assign(n_areas, 0.0);
    m.base_count.assign(n_areas, 0);
    m.current_count.assign(n_areas, 0);
    for (std::size_t i = 0; i < t.size(); ++i) {
        const std::int32_t a = area_of_row[i];
        const bool in_focus = focus[t.category[i]] != 0;
        const bool in_headline = m.headline_period->contains(t.month[i]);
        if (a < 0) {
            m.outside += in_focus && in_headline ? 1 : 0;
            continue;
        }
        if (in_headline) ++m.by_category[cat_slot[t.category[i]]][a];
        if (!in_focus) continue;
        ++m.count_all_months[a];
        if (in_headline) {
            ++m.count[a];
            m.weighted[a] += t.weight[i];
        }
        if (m.base && m.base->contains(t.month[i])) ++m.base_count[a];
        if (m.current && m.current->contains(t.month[i])) ++m.current_count[a];
    }
    m.city_count = std::accumulate(m.count.begin(), m.count.end(), std::uint64_t{0});

    // City average: over areas with a population when the layer has one, else by land area.
    double city_pop = 0.0, pop_count = 0.0, city_area = 0.0;
    bool any_population = false;
    for (std::size_t a = 0; a < n_areas; ++a) {
        city_area += layer.area_m2(a);
        if (const auto p = layer.population(a)) {
            city_pop += *p;
            pop_count += static_cast<double>(m.count[a]);
            any_population = true;
        }
    }
    if (any_population && city_pop > 0) {
        m.city_population = city_pop;
        m.city_rate_per_1000 = rate_per_1000_per_year(pop_count, city_pop, headline_months);
        m.lq_basis = "residents";
    } else {
        m.lq_basis = "area";
    }
    std::vector<double> counts_d(n_areas), rates_d(n_areas, -1.0);
    for (std::size_t a = 0; a < n_areas; ++a) {
        counts_d[a] = static_cast<double>(m.count[a]);
        m.rate_per_1000.push_back(rate_per_1000_per_year(counts_d[a], layer.population(a), headline_months));
        m.share_pct.push_back(m.city_count ? 100.0 * counts_d[a] / static_cast<double>(m.city_count) : 0.0);
        if (m.lq_basis == "residents") {
            const bool usable = m.rate_per_1000.back() && m.city_rate_per_1000 && *m.city_rate_per_1000 > 0;
            m.lq.push_back(usable ? std::optional(*m.rate_per_1000.back() / *m.city_rate_per_1000) : std::nullopt);
            if (m.rate_per_1000.back()) rates_d[a] = *m.rate_per_1000.back();
        } else {
            const double city_density = static_cast<double>(m.city_count) / city_area;
            const bool usable = layer.area_m2(a) > 0 && city_density > 0;
            m.lq.push_back(usable ? std::optional(counts_d[a] / layer.area_m2(a) / city_density) : std::nullopt);
        }
    }
    m.rank = competition_rank(counts_d);
    const auto rate_rank = competition_rank(rates_d);
    for (std::size_t a = 0; a < n_areas; ++a)
        m.rank_rate.push_back(m.rate_per_1000[a] ? std::optional(rate_rank[a]) : std::nullopt);

    for (std::size_t a = 0; a < n_areas; ++a) {
        if (!m.base) {
            m.change_abs.push_back(std::nullopt);
            m.change_pct.push_back(std::nullopt);
            m.direction.emplace_back();
            continue;
        }
        const double b = static_cast<double>(m.base_count[a]), c = static_cast<double>(m.current_count[a]);
        m.change_abs.push_back(c - b);
        m.change_pct.push_back(b > 0 ? std::optional(100.0 * (c - b) / b) : std::nullopt);
        std::string dir = "level";
        if (b == 0) dir = c > 0 ? "up" : "level";
        else if (*m.change_pct.back() >= options.level_band_pct) dir = "up";
        else if (*m.change_pct.back() <= -options.level_band_pct) dir = "down";
        m.direction.push_back(dir);
    }
    if (t.size() > 0 && options.period_tables) {
        // Months with data and the gaps between; a century bounds the table (months outside
        // analysis.min_month..max_month are rejected when read, so only a widened range gets here).
        constexpr MonthIndex max_period_months = 1200;
        if (last - first + 1 > max_period_months)
            throw ConfigError("the data runs from " + month_label(first) + " to " + month_label(last) + " (" +
                              std::to_string(last - first + 1) + " months): period tables cover at most " +
                              std::to_string(max_period_months) + " months; narrow analysis.min_month / analysis.max_month");
        add_period_table(m, layer, area_of_row, t, first, last, cat_slot);
    }
    return m;
}

}  // namespace hotspot
