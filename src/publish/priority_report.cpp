// The run report's rows of a priority analysis: every choice and every figure a reader needs
// to trust or repeat it.
#include "hotspot/base/text.hpp"
#include "hotspot/publish/classify.hpp"
#include "hotspot/publish/priority_output.hpp"
#include "publish/priority_tables.hpp"
#include "publish/priority_words.hpp"

namespace hotspot {

namespace {

std::string joined(const std::vector<std::string>& items, std::size_t most = 20) {
    std::string out;
    for (std::size_t k = 0; k < items.size() && k < most; ++k) out += (k ? ", " : "") + items[k];
    if (items.size() > most) out += " and " + std::to_string(items.size() - most) + " more (listed in missing_values)";
    return out;
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

void report_index(const PriorityResult& r, RunReport& report) {
    const CompositeResult& c = r.composite;
    const CompositeSpec& s = c.spec;
    report.add("parameter", "priority.layer", r.indicators.layer + " (" + std::to_string(r.indicators.area_ids.size()) + " areas)");
    report.add("parameter", "priority.preset", detail::index_what(s));
    report.add("parameter", "priority.combine", detail::combine_words(s.combine) + (s.reverse_index ? ", index reversed" : ""));
    for (std::size_t i = 0; i < r.indicators.indicators.size(); ++i) {
        const IndicatorValues& v = r.indicators.indicators[i];
        std::string how = detail::indicator_what(v);
        if (i < s.indicators.size())
            how += "; scaled " + detail::scaling_words(s.indicators[i].scaling) + ", weight " + format_plain(s.indicators[i].weight) +
                   ", reversed " + yes_no(s.indicators[i].reverse);
        how += "; " + std::to_string(v.missing_areas.size()) + " areas without a value";
        report.add("parameter", "priority.indicator." + v.spec.name, how);
    }
    report.add("parameter", "priority.missing_policy", detail::missing_words(s.missing) + ": " + std::to_string(c.dropped.size()) + " areas left out" +
                                                           (c.dropped.empty() ? "" : " (" + joined(c.dropped) + ")"));
    for (std::size_t i = 0; i < c.imputed.size() && i < r.indicators.indicators.size(); ++i)
        if (!c.imputed[i].empty())
            report.add("parameter", "priority.imputed." + r.indicators.indicators[i].spec.name,
                       std::to_string(c.imputed[i].size()) + " areas imputed (" + joined(c.imputed[i]) + ")");
    report.add("parameter", "priority.outliers", detail::outlier_words(s.outliers));
    for (const OutlierTreatment& o : c.outliers)
        report.add("parameter", "priority.outliers." + o.indicator,
                   "skew " + legend_number(o.skew_before, 3) + " -> " + legend_number(o.skew_after, 3) + ", kurtosis " +
                       legend_number(o.kurtosis_before, 3) + " -> " + legend_number(o.kurtosis_after, 3) + "; " +
                       std::to_string(o.winsorised) + " points winsorised" + (o.log_transformed ? ", log-transformed" : ""));
    report.add("parameter", "priority.top_n", std::to_string(s.top_n) + (s.tie_break_mean_minmax ? " (equal index: the higher mean min-max scaled value first)" : ""));
    for (std::size_t k = 0; k < c.notes.size(); ++k) report.add("parameter", "priority.note." + std::to_string(k + 1), c.notes[k]);
    std::size_t indexed = 0;
    for (auto k : c.kept) indexed += k ? 1 : 0;
    report.count("priority_areas", r.indicators.area_ids.size());
    report.count("priority_areas_indexed", indexed);
    report.count("priority_areas_left_out", c.dropped.size());
    report.count("priority_top", c.top.size());
}

void report_risks(const PriorityResult& r, RunReport& report) {
    for (const IndicatorRisk& risk : r.risks) {
        const OverRepresentation& o = risk.over;
        const IndicatorValues* v = r.indicators.find(risk.indicator);
        const double months = v ? v->months : 0;
        const std::string key = "priority.over." + risk.indicator;
        report.add("parameter", key + ".interval", detail::level_pct(o.level) + " % confidence interval of O/E, " + detail::interval_words(o.method));
        const auto city = detail::per_1000_per_year(o.city_rate, months);
        report.add("parameter", key + ".city_rate",
                   format_plain(o.city_events) + " events / " + format_plain(o.city_population) + " residents" +
                       (city ? " = " + legend_number(*city, 4) + " per 1,000 residents per year" : "") + (v ? " (" + detail::period_of(*v) + ")" : ""));
        report.add("parameter", key + ".flagged", std::to_string(o.above) + " areas above the city-wide rate, " + std::to_string(o.below) + " below");
        if (risk.eb_global)
            report.add("parameter", key + ".eb_global",
                       "a = " + legend_number(risk.eb_global->a, 4) + " (before the clamp at 0: " + legend_number(risk.eb_global->a_unclamped, 4) +
                           "), b = " + legend_number(risk.eb_global->b, 4) + " events per resident over the window");
        if (risk.eb_local)
            report.add("parameter", key + ".eb_local", "neighbours " + r.config.neighbours + " and the area itself; " +
                                                           std::to_string(risk.eb_local->a_clamped) + " areas with a negative variance set to 0");
        if (!risk.skipped_areas.empty())
            report.add("warning", key, std::to_string(risk.skipped_areas.size()) + " areas without residents not smoothed (" + joined(risk.skipped_areas) + ")");
    }
}

void report_context(const PriorityResult& r, RunReport& report) {
    if (r.deprivation) {
        const DeprivationProfile& p = r.deprivation->profile;
        report.add("parameter", "priority.deprivation.profile",
                   "top " + std::to_string(r.composite.spec.top_n) + ": " + std::to_string(p.chosen_decile1) + " of " + std::to_string(p.chosen) +
                       " in IMD decile 1 (" + format_fixed(p.chosen_decile1_pct, 1) + " %), " + std::to_string(p.chosen_decile1_2) + " in deciles 1-2 (" +
                       format_fixed(p.chosen_decile1_2_pct, 1) + " %); all areas: " + format_fixed(p.areas_decile1_pct, 1) + " % and " +
                       format_fixed(p.areas_decile1_2_pct, 1) + " % of " + std::to_string(p.areas) + "; " + std::to_string(p.without_decile) + " without a decile");
        if (p.index_vs_score)
            report.add("parameter", "priority.deprivation.spearman",
                       "rho " + legend_number(p.index_vs_score->rho, 3) + ", p " + legend_number(p.index_vs_score->p_two_sided, 3) + ", n " +
                           std::to_string(p.index_vs_score->n) + " (" + p.index_vs_score->p_method + ")");
    }
    if (r.hierarchy) {
        for (const HierarchyLevel& level : r.hierarchy->levels)
            report.add("parameter", "priority.hierarchy." + level.name, std::to_string(level.ids.size()) + " areas" + (level.link.empty() ? "" : ", " + level.link));
        for (const auto& w : r.hierarchy->warnings) report.add("warning", "priority.hierarchy", w);
        if (const IndicatorValues* v = detail::rollup_indicator(r))
            report.add("parameter", "priority.rollup", "counts of " + detail::indicator_what(*v) + ", rates as sum of events / sum of residents per level");
    }
    if (r.grid) {
        const PriorityGrid& g = *r.grid;
        report.add("parameter", "priority.grid", format_plain(g.grid.cell_m) + " m cells, " + std::to_string(g.grid.size()) + " cells; Gi* within " +
                                                     format_plain(g.zones.band_m) + " m, FDR, hot at bin >= " + std::to_string(g.zones.min_bin) + "; " +
                                                     std::to_string(g.zones.zone_wkb.size()) + " zones");
    }
}

}  // namespace

void report_priority(const PriorityResult& r, RunReport& report) {
    report_index(r, report);
    report_risks(r, report);
    report_context(r, report);
}

}  // namespace hotspot
