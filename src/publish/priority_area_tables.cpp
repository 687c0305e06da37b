// The per-area tables of a priority analysis: the index, the top N, over-representation.
#include "hotspot/base/text.hpp"
#include "hotspot/publish/classify.hpp"
#include "hotspot/publish/priority_output.hpp"
#include "publish/priority_tables.hpp"
#include "publish/priority_words.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

namespace hotspot::detail {

namespace {

std::size_t area_count(const PriorityResult& r) { return r.indicators.area_ids.size(); }

// Polygons of the indexed layer, when it is the one the indicators were measured on.
std::function<std::string(std::size_t)> layer_geometry(const PriorityResult& r) {
    if (r.layer >= r.analysis.layers.size() || r.analysis.layers[r.layer].size() != area_count(r)) return {};
    const AreaLayer& layer = r.analysis.layers[r.layer];
    return [&layer](std::size_t a) { return layer.wkb(a); };
}

std::string indicator_name(const PriorityResult& r, std::optional<std::size_t> i) {
    return i && *i < r.indicators.indicators.size() ? r.indicators.indicators[*i].spec.name : "";
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// "wm_crimes 242 per 1,000 residents per year (city 129)": the raw value in its unit, and for a
// count indicator the city-wide value in the same unit (a scaled 0/1 or 0-1 says nothing on paper).
std::string contribution_words(const PriorityResult& r, const Contribution& c) {
    if (c.indicator >= r.indicators.indicators.size()) return "";
    const IndicatorValues& v = r.indicators.indicators[c.indicator];
    // The workflow's own title (name, unit, period) repeats the unit: the name says enough then.
    const bool own_title = v.spec.title.empty() || v.spec.title == v.spec.name + " (" + v.unit + ", " + v.period + ")";
    std::string unit = ends_with(v.unit, " as published") ? "" : v.unit;  // an attribute's unit names its field
    std::string city;
    for (const IndicatorRisk& risk : r.risks)
        if (risk.indicator == v.spec.name && !risk.rate_unit.empty() && ends_with(v.unit, risk.rate_unit)) {
            unit = risk.rate_unit;  // "counted (wm.crimes) per 1,000 ..." -> "per 1,000 ...": what is counted is the name
            city = " (city " + legend_number(risk.over.city_rate * risk.rate_scale, 3) + ")";
        }
    return (own_title ? v.spec.name : v.spec.title) + " " + legend_number(c.raw, 3) + (unit.empty() ? "" : " " + unit) + city;
}

std::string contributors_text(const PriorityResult& r, std::size_t a) {
    if (a >= r.composite.top_contributors.size()) return "";
    std::string out;
    for (const Contribution& c : r.composite.top_contributors[a]) out += (out.empty() ? "" : "; ") + contribution_words(r, c);
    return out;
}

template <class T>
std::optional<T> at(const std::vector<std::optional<T>>& v, std::size_t i) {
    return i < v.size() ? v[i] : std::nullopt;
}

std::string flag_words(const OverRepresentation& o, std::size_t a) {
    if (!at(o.ratio, a)) return "no data";
    const int f = a < o.flag.size() ? o.flag[a] : 0;
    return f > 0 ? "above" : f < 0 ? "below" : "not significant";
}

// "crimes (SIR 1.82, 95% CI 1.51-2.19)" for each count indicator flagged above the city rate.
std::string flagged_text(const PriorityResult& r, std::size_t a) {
    std::string out;
    for (const auto& risk : r.risks) {
        const OverRepresentation& o = risk.over;
        if (a >= o.flag.size() || o.flag[a] <= 0 || !at(o.ratio, a)) continue;
        out += (out.empty() ? "" : "; ") + risk.indicator + " (SIR " + legend_number(*o.ratio[a], 3) + ", " +
               level_pct(o.level) + "% CI " + legend_number(o.lower[a].value_or(0), 3) + "-" +
               legend_number(o.upper[a].value_or(0), 3) + ")";
    }
    return out;
}

std::string index_description(const PriorityResult& r) {
    const auto& is = r.composite.spec.indicators;
    const bool flags = !is.empty() && r.composite.spec.combine == Combine::sum &&
                       std::all_of(is.begin(), is.end(), [](const IndicatorScaling& i) { return i.scaling == Scaling::flag; });
    return "Priority index, " + index_what(r.composite.spec) + (flags ? ": the count of flagged indicators, of " + std::to_string(is.size()) + " indicators" : "") +
           "; higher = higher priority";
}

// One column per IMD domain (priority.imd_domains "TABLE.FIELD", e.g. the IoD2019 income rank),
// named TABLE_FIELD, as the table gives it (moved from another LSOA vintage where it says so).
template <class Area>
void add_domains(PriorityTable& t, const PriorityDeprivation& d, Area area) {
    for (std::size_t k = 0; k < d.domain_names.size(); ++k) {
        std::string name = d.domain_names[k];
        for (char& ch : name)
            if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
        t.real(name, "IMD domain " + d.domain_names[k] + " as published (see the run report for a move between LSOA vintages)",
               [&d, k, area](std::size_t row) { return cell(at(d.domain[k], area(row))); });
    }
}

void add_deprivation(PriorityTable& t, const PriorityResult& r) {
    if (!r.deprivation) return;
    const PriorityDeprivation& d = *r.deprivation;
    t.real("imd_score", "IMD score (higher = more deprived), population-weighted where joined from smaller areas",
           [&d](std::size_t a) { return cell(at(d.score, a)); });
    t.integer("imd_decile", "IMD decile nationally, 1 = the most deprived 10 % of areas in England",
              [&d](std::size_t a) { return at(d.decile, a) ? Cell(std::int64_t{*d.decile[a]}) : Cell(); });
    add_domains(t, d, [](std::size_t a) { return a; });
}

}  // namespace

std::vector<std::optional<std::size_t>> eb_positions(const PriorityResult& r, const IndicatorRisk& risk, std::size_t eb_size) {
    const std::size_t n = area_count(r);
    std::vector<std::optional<std::size_t>> pos(n);
    if (eb_size == n) {
        for (std::size_t a = 0; a < n; ++a) pos[a] = a;
        return pos;
    }
    const std::set<std::string> skipped(risk.skipped_areas.begin(), risk.skipped_areas.end());
    if (n - std::min(n, skipped.size()) != eb_size)
        throw std::logic_error("Empirical Bayes of " + risk.indicator + ": " + std::to_string(eb_size) + " rates for " + std::to_string(n) +
                               " areas less " + std::to_string(skipped.size()) + " skipped");
    std::size_t k = 0;
    for (std::size_t a = 0; a < n; ++a)
        if (!skipped.count(r.indicators.area_ids[a])) pos[a] = k++;
    return pos;
}

PriorityTable priority_areas_table(const PriorityResult& r) {
    const CompositeResult& c = r.composite;
    PriorityTable t;
    t.name = "priority_index";
    t.description = "Priority index of every area of " + r.indicators.layer + " (" + index_what(c.spec) + "), rank, decile, the top " +
                    std::to_string(c.spec.top_n) + ", the indicators that put each area high and how its rank moves when one indicator is left out";
    t.rows = area_count(r);
    t.wkb = layer_geometry(r);
    t.text("area_id", "Area code", [&r](std::size_t a) { return cell_text(r.indicators.area_ids[a]); });
    t.text("area_name", "Area name", [&r](std::size_t a) { return cell_text(a < r.indicators.area_names.size() ? r.indicators.area_names[a] : ""); });
    t.real("index", index_description(r), [&c](std::size_t a) { return cell(at(c.index, a)); });
    t.columns.back().gpkg_name = "composite_index";
    t.integer("rank", "Rank by the index, 1 = highest priority; equal indices share a rank", [&c](std::size_t a) { return cell(at(c.rank, a)); });
    t.integer("decile", "Decile of the rank among the indexed areas, 1 = the top 10 %", [&c](std::size_t a) { return cell(at(c.decile, a)); });
    const std::set<std::size_t> top(c.top.begin(), c.top.end());
    t.integer("top", "1 = among the top " + std::to_string(c.spec.top_n) + " priority areas, else 0",
              [top](std::size_t a) { return Cell(std::int64_t{top.count(a) ? 1 : 0}); });
    t.integer("loo_rank_min", "Best (smallest) rank when any one indicator is left out", [&c](std::size_t a) { return cell(at(c.loo_rank_min, a)); });
    t.integer("loo_rank_max", "Worst (largest) rank when any one indicator is left out", [&c](std::size_t a) { return cell(at(c.loo_rank_max, a)); });
    t.text("loo_min_without", "The indicator left out for loo_rank_min",
           [&r, &c](std::size_t a) { return at(c.loo_min_without, a) ? cell_text(indicator_name(r, at(c.loo_min_without, a))) : Cell(); });
    t.text("loo_max_without", "The indicator left out for loo_rank_max",
           [&r, &c](std::size_t a) { return at(c.loo_max_without, a) ? cell_text(indicator_name(r, at(c.loo_max_without, a))) : Cell(); });
    t.text("top_contributors", "The indicators adding most to the index, largest weighted first, each with its raw value and unit (count indicators: and the city-wide value)",
           [&r](std::size_t a) { return cell_text(contributors_text(r, a)); });
    for (std::size_t i = 0; i < r.indicators.indicators.size(); ++i) {
        const IndicatorValues& v = r.indicators.indicators[i];
        t.real(v.spec.name, indicator_what(v), [&v](std::size_t a) { return cell(at(v.value, a)); });
        const Scaling s = i < c.spec.indicators.size() ? c.spec.indicators[i].scaling : Scaling::minmax;
        const bool reversed = i < c.spec.indicators.size() && c.spec.indicators[i].reverse;
        t.real(v.spec.name + "_scaled", v.spec.name + " scaled: " + scaling_words(s) + (reversed ? ", reversed (high raw values score low)" : "") +
                                            ", as it enters the index",
               [&c, i](std::size_t a) { return i < c.scaled.size() ? cell(at(c.scaled[i], a)) : Cell(); });
    }
    // Columns beyond the contract of priority_areas.csv come last.
    t.integer("indexed", "1 = the area has an index; 0 = left out by the missing-value policy (" + missing_words(c.spec.missing) + ")",
              [&c](std::size_t a) { return Cell(std::int64_t{a < c.kept.size() && c.kept[a] ? 1 : 0}); });
    for (std::size_t k = 0; k < c.spec.explain; ++k) {
        const std::string n = "contributor_" + std::to_string(k + 1);
        const auto contribution = [&c, k](std::size_t a) -> const Contribution* {
            return a < c.top_contributors.size() && k < c.top_contributors[a].size() ? &c.top_contributors[a][k] : nullptr;
        };
        t.text(n, "Indicator adding the " + std::to_string(k + 1) + (k == 0 ? "st" : k == 1 ? "nd" : k == 2 ? "rd" : "th") + " most to the index",
               [&r, contribution](std::size_t a) { const auto* x = contribution(a); return x ? cell_text(indicator_name(r, x->indicator)) : Cell(); });
        t.real(n + "_weighted", "What " + n + " adds to the combined sum: weight x scaled value",
               [contribution](std::size_t a) { const auto* x = contribution(a); return x ? Cell(x->weighted) : Cell(); });
    }
    add_deprivation(t, r);
    return t;
}

PriorityTable priority_top_table(const PriorityResult& r) {
    const CompositeResult& c = r.composite;
    PriorityTable t;
    t.name = "priority_top";
    t.description = "The top " + std::to_string(c.spec.top_n) + " priority areas of " + r.indicators.layer + " in rank order (" +
                    index_what(c.spec) + "), with why";
    t.rows = c.top.size();
    const auto area = [&c](std::size_t k) { return c.top[k]; };
    if (auto geometry = layer_geometry(r)) t.wkb = [geometry, area](std::size_t k) { return geometry(area(k)); };
    t.integer("rank", "Rank by the index, 1 = highest priority", [&c, area](std::size_t k) { return cell(at(c.rank, area(k))); });
    t.text("area_id", "Area code", [&r, area](std::size_t k) { return cell_text(r.indicators.area_ids[area(k)]); });
    t.text("area_name", "Area name", [&r, area](std::size_t k) {
        return cell_text(area(k) < r.indicators.area_names.size() ? r.indicators.area_names[area(k)] : "");
    });
    t.real("index", index_description(r), [&c, area](std::size_t k) { return cell(at(c.index, area(k))); });
    t.columns.back().gpkg_name = "composite_index";
    const auto tie = top_cut_tie(c);
    t.integer("tied_at_cut", "1 = its rank ties with an area outside the top " + std::to_string(c.spec.top_n) +
                                 " (equal index and tie-break): the order among the tied areas is by area code, so which of them are in the top is arbitrary; else 0",
              [&c, area, tie](std::size_t k) { return Cell(std::int64_t{tie && at(c.rank, area(k)) == tie->rank ? 1 : 0}); });
    t.text("top_contributors", "The indicators adding most to the index, largest weighted first, each with its raw value and unit (count indicators: and the city-wide value)",
           [&r, area](std::size_t k) { return cell_text(contributors_text(r, area(k))); });
    t.text("over_represented", "Count indicators whose rate is above the city-wide rate (confidence interval of the ratio wholly above 1)",
           [&r, area](std::size_t k) { return cell_text(flagged_text(r, area(k))); });
    t.integer("loo_rank_min", "Best rank when any one indicator is left out", [&c, area](std::size_t k) { return cell(at(c.loo_rank_min, area(k))); });
    t.integer("loo_rank_max", "Worst rank when any one indicator is left out", [&c, area](std::size_t k) { return cell(at(c.loo_rank_max, area(k))); });
    t.text("loo_min_without", "The indicator left out for loo_rank_min",
           [&r, &c, area](std::size_t k) { const auto i = at(c.loo_min_without, area(k)); return i ? cell_text(indicator_name(r, i)) : Cell(); });
    t.text("loo_max_without", "The indicator left out for loo_rank_max",
           [&r, &c, area](std::size_t k) { const auto i = at(c.loo_max_without, area(k)); return i ? cell_text(indicator_name(r, i)) : Cell(); });
    if (r.hierarchy)
        for (std::size_t l = 1; l < r.hierarchy->levels.size(); ++l) {
            const HierarchyLevel& level = r.hierarchy->levels[l];
            const auto parent = [&r, area, l](std::size_t k) { return ancestor(*r.hierarchy, area(k), l); };
            t.text(level.name + "_id", "Code of the " + level.name + " area it lies in (" + level.link + ")",
                   [&level, parent](std::size_t k) { const auto p = parent(k); return p ? cell_text(level.ids[*p]) : Cell(); });
            t.text(level.name + "_name", "Name of the " + level.name + " area it lies in",
                   [&level, parent](std::size_t k) { const auto p = parent(k); return p && *p < level.names.size() ? cell_text(level.names[*p]) : Cell(); });
        }
    if (r.deprivation) {
        t.integer("imd_decile", "IMD decile nationally, 1 = the most deprived 10 %", [&r, area](std::size_t k) {
            const auto d = at(r.deprivation->decile, area(k));
            return d ? Cell(std::int64_t{*d}) : Cell();
        });
        add_domains(t, *r.deprivation, area);
    }
    return t;
}

std::optional<std::size_t> ancestor(const Hierarchy& h, std::size_t area, std::size_t level) {
    std::optional<std::size_t> at_level = area;
    for (std::size_t l = 0; l < level && at_level; ++l)
        at_level = *at_level < h.levels[l].parent.size() ? h.levels[l].parent[*at_level] : std::nullopt;
    return at_level;
}

PriorityTable over_representation_table(const PriorityResult& r) {
    PriorityTable t;
    t.name = "over_representation";
    t.description = "Over-representation of each count indicator against the city-wide rate of " + r.indicators.layer +
                    ": observed, expected, their ratio (SIR) with its confidence interval, the upper-tail Poisson p, the flag, and rates per 1,000 residents per year (crude and Empirical Bayes)";
    t.rows = area_count(r);
    t.wkb = layer_geometry(r);
    t.text("area_id", "Area code", [&r](std::size_t a) { return cell_text(r.indicators.area_ids[a]); });
    t.text("area_name", "Area name", [&r](std::size_t a) { return cell_text(a < r.indicators.area_names.size() ? r.indicators.area_names[a] : ""); });
    for (const IndicatorRisk& risk : r.risks) {
        const OverRepresentation& o = risk.over;
        const IndicatorValues* v = r.indicators.find(risk.indicator);
        const std::string what = risk.indicator + " (" + (v ? period_of(*v) : std::string("period not known")) + ")";
        const double months = v ? v->months : 0;
        const std::string p = risk.indicator + "_", lv = level_pct(o.level);
        t.real(p + "observed", "Observed count O: " + what, [&o](std::size_t a) { return cell(at(o.observed, a)); });
        t.real(p + "expected", "Expected count E at the city-wide rate (" + legend_number(o.city_rate * 1000, 4) +
                                   " per 1,000 residents over the window) x residents: " + what,
               [&o](std::size_t a) { return cell(at(o.expected, a)); });
        t.real(p + "sir", "Ratio O/E (standardised ratio; 1 = the city-wide rate): " + what, [&o](std::size_t a) { return cell(at(o.ratio, a)); });
        t.real(p + "sir_lower" + lv, "Lower " + lv + " % confidence bound of O/E (" + interval_words(o.method) + ")",
               [&o](std::size_t a) { return cell(at(o.lower, a)); });
        t.real(p + "sir_upper" + lv, "Upper " + lv + " % confidence bound of O/E (" + interval_words(o.method) + ")",
               [&o](std::size_t a) { return cell(at(o.upper, a)); });
        t.text(p + "ci_rule", "The interval rule used for this area (under the PHE rule: exact below 10 events, Byar from 10)",
               [&o](std::size_t a) { const auto m = at(o.rule, a); return m ? cell_text(interval_words(*m)) : Cell(); });
        t.real(p + "p_upper", "P(X >= O) for X ~ Poisson(E): one-sided p of so many events at the city-wide rate",
               [&o](std::size_t a) { return cell(at(o.p_upper, a)); });
        t.text(p + "flag", "above / below: the " + lv + " % interval of O/E lies wholly above / below 1; not significant; no data (no count or no residents)",
               [&o](std::size_t a) { return cell_text(flag_words(o, a)); });
        if (!risk.location_quotient.empty())
            t.real(p + "lq", "Location quotient: the indicator's share of the area's incidents (" + risk.location_quotient_of +
                                 ") over that share city-wide; 1 = as city-wide, 2 = twice",
                   [&risk](std::size_t a) { return cell(risk.location_quotient[a]); });
        // O / residents, as O/E x the city rate (E = residents x city rate): the residents the interval used.
        t.real(p + "rate_per_1000_per_year", "Crude rate per 1,000 residents per year: " + what, [&o, months](std::size_t a) {
            const auto ratio = at(o.ratio, a);
            return ratio ? cell(per_1000_per_year(*ratio * o.city_rate, months)) : Cell();
        });
        if (risk.eb_global) {
            const auto pos = eb_positions(r, risk, risk.eb_global->estimate.size());
            t.real(p + "eb_global_per_1000_per_year", "Empirical Bayes rate (global, towards the city-wide rate) per 1,000 residents per year: " + what,
                   [&risk, pos, months](std::size_t a) {
                       return pos[a] ? cell(per_1000_per_year(risk.eb_global->estimate[*pos[a]], months)) : Cell();
                   });
        }
        if (risk.eb_local) {
            const auto pos = eb_positions(r, risk, risk.eb_local->estimate.size());
            t.real(p + "eb_local_per_1000_per_year", "Empirical Bayes rate (local, towards the neighbours' rate) per 1,000 residents per year: " + what,
                   [&risk, pos, months](std::size_t a) {
                       return pos[a] ? cell(per_1000_per_year(risk.eb_local->estimate[*pos[a]], months)) : Cell();
                   });
        }
    }
    return t;
}

}  // namespace hotspot::detail
