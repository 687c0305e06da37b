#include "workflow/priority_steps.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/workflow/priority_indicators.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hotspot {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Neighbours among the kept areas only (indices remapped), self never listed.
Neighbours restrict(const Neighbours& nb, const std::vector<std::size_t>& kept, std::size_t n) {
    std::vector<std::int64_t> at(n, -1);
    for (std::size_t k = 0; k < kept.size(); ++k) at[kept[k]] = static_cast<std::int64_t>(k);
    std::vector<std::vector<std::uint32_t>> lists(kept.size());
    for (std::size_t k = 0; k < kept.size(); ++k)
        for (std::uint32_t j : nb.of(kept[k]))
            if (at[j] >= 0) lists[k].push_back(static_cast<std::uint32_t>(at[j]));
    return Neighbours::from_lists(lists, nb.rule + ", among areas with a population");
}

void spread(std::vector<double>& v, const std::vector<std::size_t>& kept, std::size_t n, double scale) {
    std::vector<double> full(n, nan);
    for (std::size_t k = 0; k < kept.size(); ++k) full[kept[k]] = v[k] * scale;
    v = std::move(full);
}

AreaLayer const* find_layer(const AnalysisResult& r, const std::string& name) {
    for (const auto& l : r.layers)
        if (l.name() == name) return &l;
    return nullptr;
}

}  // namespace

IndicatorRisk indicator_risk(const IndicatorValues& v, const AreaLayer& layer, const PriorityConfig& c, const Neighbours* queen) {
    IndicatorRisk risk;
    risk.indicator = v.spec.name;
    risk.over = over_representation(v.observed, v.denominator, c.level, c.interval);
    // Residents (a rate per 1,000 per year, or a plain count's expected share); km2 and a column stay over the window.
    const bool residents = v.spec.per == IndicatorPer::residents_1000_per_year || v.spec.per == IndicatorPer::none;
    risk.rate_scale = residents && v.months > 0 ? 1000.0 * 12.0 / v.months : 1.0;
    risk.rate_unit = residents                            ? "per 1,000 residents per year"
                     : v.spec.per == IndicatorPer::km2 ? "per km2 over " + v.period
                                                        : "per " + v.spec.per_column + " over " + v.period;
    std::vector<std::size_t> kept;
    std::vector<double> events, population;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < layer.size(); ++i) {
        if (v.observed[i] && v.denominator[i] && *v.denominator[i] > 0) {
            kept.push_back(i);
            events.push_back(*v.observed[i]);
            population.push_back(*v.denominator[i]);
            ids.push_back(layer.id(i));
        } else risk.skipped_areas.push_back(layer.id(i));
    }
    if (kept.size() < 2) return risk;  // nothing to smooth; the skipped areas say why
    // The rates stay per unit of denominator over the window (what spdep returns): the writers scale them
    // to per 1,000 per year themselves, so scaling here too made them rate_scale times too big.
    if (c.eb_global) {
        EbGlobal g = eb_global(events, population, ids);
        spread(g.raw, kept, layer.size(), 1.0);
        spread(g.estimate, kept, layer.size(), 1.0);
        risk.eb_global = std::move(g);
    }
    if (c.eb_local && queen) {
        EbLocal e = eb_local(events, population, restrict(*queen, kept, layer.size()), ids);
        spread(e.raw, kept, layer.size(), 1.0);
        spread(e.estimate, kept, layer.size(), 1.0);
        spread(e.a, kept, layer.size(), 1.0);
        risk.eb_local = std::move(e);
    }
    return risk;
}

void priority_risks(PriorityResult& p, unsigned threads) {
    const AreaLayer& layer = p.analysis.layers[p.layer];
    std::optional<Neighbours> queen;
    for (const IndicatorValues& v : p.indicators.indicators) {
        if (v.observed.empty()) continue;
        if (p.config.eb_local && !queen) {
            std::vector<std::string> wkb;
            for (std::size_t i = 0; i < layer.size(); ++i) wkb.push_back(layer.wkb(i));
            queen = queen_contiguity(wkb, 0.0, threads);
            p.analysis.report.add("parameter", "priority eb_local neighbours", queen->rule + "; " + std::to_string(queen->without_neighbours()) +
                                                                                  " areas without a neighbour");
        }
        p.risks.push_back(indicator_risk(v, layer, p.config, queen ? &*queen : nullptr));
        if (v.spec.kind == IndicatorKind::count) {
            // The location quotient's base: every category of the same sources in the same window.
            IndicatorSpec all = v.spec;
            all.name = v.spec.name + "__all_categories";
            all.categories.clear();
            all.per = IndicatorPer::none;
            all.per_year = false;
            const IndicatorTable base = build_indicators(p.analysis, p.layer, {all}, {});
            p.risks.back().location_quotient = location_quotient(v.observed, base.indicators.front().observed);
            std::string sources;
            for (const auto& src : v.spec.sources) sources += (sources.empty() ? "" : ", ") + src;
            p.risks.back().location_quotient_of = "every category of " + (sources.empty() ? std::string("every source") : sources) + ", " + v.period;
        }
        const IndicatorRisk& r = p.risks.back();
        const std::string k = "priority over_representation " + v.spec.name;
        p.analysis.report.add("parameter", k + " city_rate",
                              format_exact(r.over.city_rate * r.rate_scale) + " " + r.rate_unit + " (" + format_exact(r.over.city_events) +
                                  " / " + format_exact(r.over.city_population) + ", " + v.period + ")");
        p.analysis.report.count(k + " above", r.over.above);
        p.analysis.report.count(k + " below", r.over.below);
        p.analysis.report.count(k + " areas_not_smoothed", r.skipped_areas.size());
        if (r.eb_global) p.analysis.report.add("parameter", "priority eb_global " + v.spec.name, "a = " + format_exact(r.eb_global->a) +
                                                   " (unclamped " + format_exact(r.eb_global->a_unclamped) + "), b = " + format_exact(r.eb_global->b) + " per unit of denominator over " + v.period +
                                                   " = " + format_exact(r.eb_global->b * r.rate_scale) + " " + r.rate_unit);
    }
}

void priority_hierarchy(PriorityResult& p, const AnalysisConfig& config) {
    const PriorityConfig& c = p.config;
    if (c.hierarchy_order.empty()) return;
    const AreaLayer& layer = p.analysis.layers[p.layer];
    Hierarchy h = hierarchy_from_layer(layer);
    h.levels.front().name = layer.name();
    const AreaLayer* top_layer = &layer;  // best fit needs the current top level's polygons
    for (const std::string& name : c.hierarchy_order) {
        const HierarchyStep& step = *std::find_if(c.hierarchy.begin(), c.hierarchy.end(), [&](const HierarchyStep& s) { return s.name == name; });
        if (!step.lookup.empty()) {
            const auto links = read_lookup_links(step.lookup, step.child_column, step.parent_column, step.parent_name_column);
            add_level_from_lookup(h, name, links, "lookup " + step.lookup + " (" + step.child_column + " -> " + step.parent_column + ")");
            top_layer = nullptr;
        } else {
            const AreaLayer* parent = find_layer(p.analysis, step.parent_layer);
            if (!top_layer)
                throw ConfigError("[hierarchy." + name + "] best fit needs the polygons of the level below; it comes from a lookup: give a lookup");
            add_level_by_best_fit(h, *top_layer, *parent);
            h.levels.back().name = name;
            top_layer = parent;
        }
        p.analysis.report.add("parameter", "priority hierarchy " + name, h.levels.back().link);
    }
    for (const auto& w : h.warnings) p.analysis.report.add("warning", "priority hierarchy", w);
    std::vector<std::optional<double>> population(layer.size());
    for (std::size_t i = 0; i < layer.size(); ++i) population[i] = layer.population(i);
    for (const IndicatorValues& v : p.indicators.indicators) {
        if (v.observed.empty()) continue;
        std::vector<double> count(layer.size(), 0.0);
        std::size_t without = 0;
        for (std::size_t i = 0; i < layer.size(); ++i) v.observed[i] ? void(count[i] = *v.observed[i]) : void(++without);
        if (without)
            p.analysis.report.add("warning", "priority rollup " + v.spec.name, std::to_string(without) +
                                                                                 " areas have no count and add 0 to their parents (listed in missing_values.csv)");
        for (RollupRow& row : roll_up(h, count, population, v.months)) {
            p.rollup.push_back(std::move(row));
            p.rollup_indicator.push_back(v.spec.name);
        }
    }
    // The dashboard of the first indicator counting incidents with months.
    for (const IndicatorValues& v : p.indicators.indicators) {
        if (v.spec.kind != IndicatorKind::count) continue;
        const MonthlyCounts m = monthly_counts(p.analysis, p.layer, v.spec);
        const MonthIndex last = m.first_month + static_cast<MonthIndex>(m.counts.size()) - 1;
        MonthIndex month = last;
        if (!c.dashboard_month.empty()) {
            month = *parse_year_month(c.dashboard_month);
            if (month < m.first_month || month > last)
                throw ConfigError("priority.dashboard_month " + c.dashboard_month + " is outside the data of indicator " + v.spec.name + " (" +
                                  month_range_label(m.first_month, last) + ")");
        }
        const std::size_t detail = h.levels.size() > 2 ? 1 : 0;
        p.dashboard = monthly_dashboard(h, m.counts, m.first_month, month, population, detail);
        p.dashboard_indicator = v.spec.name + ": " + (v.spec.harm_weighted ? "harm-weighted incidents" : "incidents") + " per month, " +
                                month_range_label(m.first_month, last) + " of its data";
        p.analysis.report.add("parameter", "priority dashboard", v.spec.name + ", " + month_label(month) + ", per " + h.levels.back().name +
                                                                     " down to " + h.levels[detail].name);
        break;
    }
    (void)config;
    p.hierarchy = std::move(h);
}

void priority_deprivation(PriorityResult& p, const AnalysisConfig& config) {
    const PriorityConfig& c = p.config;
    if (c.imd_score.empty() && c.imd_decile.empty() && c.imd_domains.empty()) return;
    const AreaLayer& layer = p.analysis.layers[p.layer];
    const auto as_indicator = [](const std::string& table_field) {
        IndicatorSpec s;
        s.kind = IndicatorKind::attribute;
        s.name = table_field;
        s.attributes = table_field.substr(0, table_field.find('.'));
        s.field = table_field.substr(table_field.find('.') + 1);
        return s;
    };
    std::vector<IndicatorSpec> specs;
    if (!c.imd_score.empty()) specs.push_back(as_indicator(c.imd_score));
    if (!c.imd_decile.empty()) specs.push_back(as_indicator(c.imd_decile));
    for (const auto& d : c.imd_domains) specs.push_back(as_indicator(d));
    const IndicatorTable t = build_indicators(p.analysis, p.layer, specs, config.attributes);
    PriorityDeprivation d;
    std::size_t k = 0;
    if (!c.imd_score.empty()) d.score = t.indicators[k++].value;
    d.decile.assign(layer.size(), std::nullopt);
    if (!c.imd_decile.empty()) {
        const auto& v = t.indicators[k++].value;
        for (std::size_t i = 0; i < layer.size(); ++i)
            if (v[i]) {
                if (*v[i] < 1 || *v[i] > 10 || *v[i] != std::floor(*v[i]))
                    throw InputError("priority.imd_decile " + c.imd_decile + " is " + format_exact(*v[i]) + " for area " + layer.id(i) + ": not a decile 1-10");
                d.decile[i] = static_cast<int>(*v[i]);
            }
    } else if (c.imd_deciles_from == "score") {
        d.decile = national_score_deciles(c.imd_score, config.attributes, layer);
        p.analysis.report.add("parameter", "priority imd_decile",
                              "national deciles of " + c.imd_score + " over every row of its table (decile 1 = the 10 % highest scores, rank ties share the lower rank)");
    }
    for (; k < t.indicators.size(); ++k) d.domain_names.push_back(t.indicators[k].spec.name), d.domain.push_back(t.indicators[k].value);
    std::vector<std::uint8_t> chosen(layer.size(), 0);
    for (std::size_t i : p.composite.top) chosen[i] = 1;
    std::vector<std::optional<double>> score = d.score.empty() ? std::vector<std::optional<double>>(layer.size()) : d.score;
    d.profile = deprivation_profile(chosen, d.decile, p.composite.index, score);
    if (p.hierarchy && p.hierarchy->levels.size() > 1 && !d.score.empty()) {
        const HierarchyLevel& up = p.hierarchy->levels[1];
        std::vector<std::optional<double>> population(layer.size());
        for (std::size_t i = 0; i < layer.size(); ++i) population[i] = layer.population(i);
        const WeightedMean w = population_weighted_mean(d.score, population, p.hierarchy->levels[0].parent, up.ids.size());
        for (std::size_t j = 0; j < up.ids.size(); ++j) {
            RollupRow row;
            row.level = 1;
            row.level_name = up.name;
            row.area_id = up.ids[j];
            row.area_name = up.names[j];
            if (up.parent[j] && p.hierarchy->levels.size() > 2) row.parent_id = p.hierarchy->levels[2].ids[*up.parent[j]];
            row.count = w.value[j] ? *w.value[j] : nan;
            row.children = w.children_used[j];
            d.parent_scores.push_back(std::move(row));
        }
        p.analysis.report.add("parameter", "priority imd " + up.name, "population-weighted mean of " + c.imd_score + " over its " + layer.name() +
                                                                          " areas (population " + layer.population_source() + ")");
    }
    p.deprivation = std::move(d);
}

void priority_grid(PriorityResult& p, const CompositeSpec& spec, unsigned threads) {
    const AreaLayer& layer = p.analysis.layers[p.layer];
    const PriorityConfig& c = p.config;
    PriorityGrid g;
    g.grid = study_grid(layer, c.grid_cell_m);
    const CellOverlaps o = cell_overlaps(g.grid, layer, threads);
    CompositeInput in;
    for (std::size_t i = 0; i < g.grid.size(); ++i) in.area_ids.push_back("cell " + std::to_string(i));
    std::uint64_t off_grid = 0;
    for (const IndicatorValues& v : p.indicators.indicators) {
        if (v.spec.kind == IndicatorKind::count) {  // incidents: counted per cell from their points
            CellIndicator cell = cell_count_indicator(p.analysis, p.layer, v, g.grid, o);
            off_grid = std::max(off_grid, cell.outside);
            g.values.push_back(std::move(cell.value));
        } else {
            // Published counts split by area share, scores and rates averaged by overlap.
            const bool extensive = !v.observed.empty() && v.spec.per == IndicatorPer::none;
            g.values.push_back(extensive ? apportion_counts(o, layer, v.value) : apportion_scores(o, v.value));
        }
        in.indicator_names.push_back(v.spec.name);
        in.values.push_back(g.values.back());
    }
    CompositeSpec cells = spec;
    cells.top_n = std::min<std::size_t>(spec.top_n, g.grid.size());
    const CompositeResult r = composite_index(in, cells);
    g.index = r.index;
    double sum = 0;
    std::size_t n = 0;
    for (const auto& x : r.index)
        if (x) sum += *x, ++n;
    std::vector<double> index(g.grid.size(), n ? sum / static_cast<double>(n) : 0.0);
    for (std::size_t i = 0; i < index.size(); ++i)
        if (r.index[i]) index[i] = *r.index[i];
    if (off_grid)
        p.analysis.report.add("warning", "priority grid", std::to_string(off_grid) +
                                                              " selected incidents lie in no cell of the grid (outside the layer's cells): not counted on the grid");
    if (n < index.size())
        p.analysis.report.add("warning", "priority grid", std::to_string(index.size() - n) + " of " + std::to_string(index.size()) +
                                                              " cells have no index (an overlapping area lacks a value): Gi* takes the mean index there");
    std::vector<const AreaLayer*> overlay;
    for (const auto& name : c.zone_overlay)
        if (const AreaLayer* l = find_layer(p.analysis, name)) overlay.push_back(l);
    if (overlay.empty()) overlay.push_back(&layer);
    g.zones = priority_zones(g.grid, index, c.grid_band_m, c.grid_min_bin, overlay, threads);
    p.analysis.report.add("parameter", "priority grid", format_exact(c.grid_cell_m) + " m cells (" + std::to_string(g.grid.size()) +
                                                            "), Gi* band " + format_exact(c.grid_band_m) + " m, zones of cells in FDR bin >= " +
                                                            std::to_string(c.grid_min_bin) + ": " + std::to_string(g.zones.zone_cells.size()) + " zones");
    p.grid = std::move(g);
}

}  // namespace hotspot
