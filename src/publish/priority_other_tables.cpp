// The long and side tables of a priority analysis: indicator values, missing values, the grid
// variant, the hierarchy roll-up, the dashboard and the deprivation profile.
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "publish/priority_tables.hpp"
#include "publish/priority_words.hpp"

#include <algorithm>
#include <cstring>
#include <map>

namespace hotspot::detail {

namespace {

// One row of a long table, kept as text and numbers (built first, then served by index).
struct LongRow {
    std::vector<Cell> cells;
};

PriorityTable long_table(std::string name, std::string description, std::vector<std::pair<std::string, std::pair<ColumnType, std::string>>> columns,
                         std::shared_ptr<std::vector<LongRow>> rows) {
    PriorityTable t;
    t.name = std::move(name);
    t.description = std::move(description);
    t.rows = rows->size();
    for (std::size_t k = 0; k < columns.size(); ++k)
        t.columns.push_back({columns[k].first, columns[k].second.first, columns[k].second.second,
                             [rows, k](std::size_t row) { return (*rows)[row].cells[k]; }, ""});
    return t;
}

Cell opt(const std::optional<double>& v) { return cell(v); }
Cell whole(std::size_t v) { return Cell(static_cast<std::int64_t>(v)); }

// ISO WKB of a MultiPolygon holding one square (little-endian).
std::string square_wkb(double x0, double y0, double size) {
    std::string out;
    const auto u8 = [&](std::uint8_t v) { out.push_back(static_cast<char>(v)); };
    const auto u32 = [&](std::uint32_t v) { char b[4]; std::memcpy(b, &v, 4); out.append(b, 4); };
    const auto f64 = [&](double v) { char b[8]; std::memcpy(b, &v, 8); out.append(b, 8); };
    u8(1), u32(6), u32(1), u8(1), u32(3), u32(1), u32(5);
    const double xs[] = {x0, x0 + size, x0 + size, x0, x0}, ys[] = {y0, y0, y0 + size, y0 + size, y0};
    for (int k = 0; k < 5; ++k) f64(xs[k]), f64(ys[k]);
    return out;
}

}  // namespace

PriorityTable indicators_long_table(const PriorityResult& r) {
    auto rows = std::make_shared<std::vector<LongRow>>();
    for (const IndicatorValues& v : r.indicators.indicators) {
        std::map<std::string, std::string> why;
        for (std::size_t k = 0; k < v.missing_areas.size(); ++k) why[v.missing_areas[k]] = k < v.missing_why.size() ? v.missing_why[k] : "";
        for (std::size_t a = 0; a < r.indicators.area_ids.size(); ++a) {
            const std::string& id = r.indicators.area_ids[a];
            const auto value = a < v.value.size() ? v.value[a] : std::nullopt;
            const auto denominator = a < v.denominator.size() ? v.denominator[a] : std::nullopt;
            const auto w = why.find(id);
            const Cell missing = whole(value ? 0 : 1);
            const Cell missing_why = value ? Cell(std::string()) : Cell(w == why.end() ? std::string("no value") : w->second);
            rows->push_back({{id, v.spec.name, period_of(v), opt(value), v.unit, opt(denominator), missing, missing_why}});
            for (std::size_t y = 0; y < v.per_year_value.size() && y < v.year_labels.size(); ++y) {
                const auto yv = a < v.per_year_value[y].size() ? v.per_year_value[y][a] : std::nullopt;
                rows->push_back({{id, v.spec.name, v.year_labels[y], opt(yv), v.unit, Cell(), whole(yv ? 0 : 1), Cell(std::string())}});
            }
        }
    }
    return long_table("indicators_long", "Every indicator's value per area of " + r.indicators.layer + " and period (the window, then each financial year where asked)",
                      {{"area_id", {ColumnType::text, "Area code"}},
                       {"indicator", {ColumnType::text, "Indicator name"}},
                       {"period", {ColumnType::text, "The months the value covers"}},
                       {"value", {ColumnType::real, "The indicator's value in `unit`"}},
                       {"unit", {ColumnType::text, "Unit of value (its denominator and period where a rate)"}},
                       {"denominator", {ColumnType::real, "The rate's denominator for the area (residents, or the per column); empty for counts of attributes"}},
                       {"missing", {ColumnType::integer, "1 = the area has no value (see missing_why), else 0"}},
                       {"missing_why", {ColumnType::text, "Why the value is missing"}}},
                      rows);
}

namespace {
std::vector<LongRow> missing_rows(const PriorityResult& r) {
    std::vector<LongRow> rows;
    for (const IndicatorValues& v : r.indicators.indicators)
        for (std::size_t k = 0; k < v.missing_areas.size(); ++k)
            rows.push_back({{v.spec.name, v.missing_areas[k], k < v.missing_why.size() ? v.missing_why[k] : std::string("no value")}});
    for (const auto& id : r.composite.dropped)
        rows.push_back({{std::string("index"), id, "left out of the index: " + missing_words(r.composite.spec.missing)}});
    for (std::size_t i = 0; i < r.composite.imputed.size(); ++i)
        for (const auto& id : r.composite.imputed[i])
            rows.push_back({{i < r.indicators.indicators.size() ? r.indicators.indicators[i].spec.name : std::string("?"), id,
                             "imputed in the index: " + missing_words(r.composite.spec.missing)}});
    for (const auto& risk : r.risks)
        for (const auto& id : risk.skipped_areas)
            rows.push_back({{risk.indicator, id, std::string("no positive population: no Empirical Bayes rate")}});
    if (r.deprivation)
        for (std::size_t a = 0; a < r.indicators.area_ids.size(); ++a)
            if (a >= r.deprivation->decile.size() || !r.deprivation->decile[a])
                rows.push_back({{std::string("imd_decile"), r.indicators.area_ids[a], std::string("no IMD decile joined")}});
    return rows;
}
}  // namespace

std::size_t missing_value_rows(const PriorityResult& r) { return missing_rows(r).size(); }

PriorityTable missing_values_table(const PriorityResult& r) {
    return long_table("missing_values", "Areas without a value, left out of the index, imputed or not smoothed, and why",
                      {{"indicator", {ColumnType::text, "Indicator name (index: the composite index itself)"}},
                       {"area_id", {ColumnType::text, "Area code"}},
                       {"why", {ColumnType::text, "What is missing and what was done"}}},
                      std::make_shared<std::vector<LongRow>>(missing_rows(r)));
}

PriorityTable priority_grid_table(const PriorityResult& r) {
    const PriorityGrid& g = *r.grid;
    const Fishnet& f = g.grid;
    PriorityTable t;
    t.name = "priority_grid";
    t.description = "The priority index on " + format_plain(f.cell_m) + " m cells (area attributes apportioned by area share), Gi* within " +
                    format_plain(g.zones.band_m) + " m on the index and the zone each hot cell belongs to";
    t.rows = f.size();
    t.wkb = [&f](std::size_t c) { return square_wkb(f.min_x + f.col[c] * f.cell_m, f.min_y + f.row[c] * f.cell_m, f.cell_m); };
    t.integer("cell", "Cell number", [](std::size_t c) { return whole(c + 1); });
    t.real("index", "Priority index of the cell, " + index_what(r.composite.spec), [&g](std::size_t c) { return c < g.index.size() ? cell(g.index[c]) : Cell(); });
    t.columns.back().gpkg_name = "composite_index";
    const GiStarResult& gi = g.zones.gi;
    t.real("gi_z", "Gi* z-score of the index within " + format_plain(g.zones.band_m) + " m", [&gi](std::size_t c) { return c < gi.z.size() ? cell(gi.z[c]) : Cell(); });
    t.integer("gi_bin_fdr", "Gi* confidence bin after FDR: 3/2/1 hot at 99/95/90 %, negative cold, 0 not significant", [&gi](std::size_t c) {
        return c < gi.bin_fdr.size() && gi.bin_fdr[c] ? Cell(std::int64_t{*gi.bin_fdr[c]}) : Cell();
    });
    t.integer("zone", "Priority zone number (1 = largest); empty when not in a zone", [&g](std::size_t c) {
        return c < g.zones.zone_of_cell.size() && g.zones.zone_of_cell[c] >= 0 ? Cell(std::int64_t{g.zones.zone_of_cell[c] + 1}) : Cell();
    });
    for (std::size_t i = 0; i < g.values.size() && i < r.indicators.indicators.size(); ++i) {
        const IndicatorValues& v = r.indicators.indicators[i];
        t.real(v.spec.name, indicator_what(v) + ", apportioned to the cell", [&g, i](std::size_t c) { return c < g.values[i].size() ? cell(g.values[i][c]) : Cell(); });
    }
    return t;
}

PriorityTable priority_zones_table(const PriorityResult& r) {
    const PriorityZones& z = r.grid->zones;
    PriorityTable t;
    t.name = "priority_zones";
    t.description = "Priority zones: cells whose Gi* (within " + format_plain(z.band_m) + " m, FDR) is hot at bin " + std::to_string(z.min_bin) +
                    " or more, dissolved by shared edges, largest first";
    t.rows = z.zone_wkb.size();
    t.wkb = [&z](std::size_t k) { return z.zone_wkb[k]; };
    t.integer("zone", "Zone number, 1 = largest", [](std::size_t k) { return whole(k + 1); });
    t.text("what", "What the zone is (the map's legend)", [&z](std::size_t) {
        return cell_text("Priority zone: Gi* hot cells (FDR bin >= " + std::to_string(z.min_bin) + ") within " + format_plain(z.band_m) + " m");
    });
    t.integer("cells", "Cells in the zone", [&z](std::size_t k) { return k < z.zone_cells.size() ? whole(z.zone_cells[k]) : Cell(); });
    t.real("area_km2", "Zone area in km2", [&z](std::size_t k) { return k < z.zone_area_m2.size() ? Cell(z.zone_area_m2[k] / 1e6) : Cell(); });
    return t;
}

PriorityTable zone_area_shares_table(const PriorityResult& r) {
    const auto& s = r.grid->zones.shares;
    PriorityTable t;
    t.name = "zone_area_shares";
    t.description = "How much of each priority zone lies in each area of the overlay layers, and how much of each area is zone";
    t.rows = s.size();
    t.integer("zone", "Zone number, 1 = largest", [&s](std::size_t k) { return whole(s[k].zone + 1); });
    t.text("layer", "Overlay area layer", [&s](std::size_t k) { return cell_text(s[k].layer); });
    t.text("area_id", "Area code", [&s](std::size_t k) { return cell_text(s[k].area_id); });
    t.text("area_name", "Area name", [&s](std::size_t k) { return cell_text(s[k].area_name); });
    t.real("overlap_m2", "Area of the zone inside the area, m2", [&s](std::size_t k) { return Cell(s[k].overlap_m2); });
    t.real("share_of_zone_pct", "Per cent of the zone's area inside this area", [&s](std::size_t k) { return Cell(s[k].share_of_zone_pct); });
    t.real("share_of_area_pct", "Per cent of this area inside the zone", [&s](std::size_t k) { return Cell(s[k].share_of_area_pct); });
    return t;
}

const IndicatorValues* rollup_indicator(const PriorityResult& r) {
    for (const auto& v : r.indicators.indicators)
        if (v.spec.kind == IndicatorKind::count || v.spec.kind == IndicatorKind::count_column) return &v;
    return nullptr;
}

namespace {
// The indicator and period of roll-up row k of r.rollup (one set of rows per count indicator).
const IndicatorValues* indicator_of_row(const PriorityResult& r, std::size_t k) {
    if (k < r.rollup_indicator.size())
        if (const IndicatorValues* v = r.indicators.find(r.rollup_indicator[k])) return v;
    return rollup_indicator(r);
}

void rollup_columns(PriorityTable& t, const PriorityResult& r, const std::vector<std::size_t>& rows, bool with_level) {
    const RollupRow* all = r.rollup.data();
    auto row = [all, rows](std::size_t k) -> const RollupRow& { return all[rows[k]]; };
    std::vector<const IndicatorValues*> indicator(rows.size());
    for (std::size_t k = 0; k < rows.size(); ++k) indicator[k] = indicator_of_row(r, rows[k]);
    if (with_level) t.text("level", "Hierarchy level", [row](std::size_t k) { return cell_text(row(k).level_name); });
    t.text("area_id", "Area code", [row](std::size_t k) { return cell_text(row(k).area_id); });
    t.text("area_name", "Area name", [row](std::size_t k) { return cell_text(row(k).area_name); });
    t.text("parent_id", "Code of the area one level up (empty at the top or without a parent)", [row](std::size_t k) { return cell_text(row(k).parent_id); });
    t.text("indicator", "The count indicator rolled up (one set of rows per count indicator)",
           [indicator](std::size_t k) { return cell_text(indicator[k] ? indicator[k]->spec.name : std::string()); });
    t.text("period", "The indicator's window", [indicator](std::size_t k) { return cell_text(indicator[k] ? period_of(*indicator[k]) : std::string()); });
    // One indicator in the table: its name and period go into the titles; several: see the columns.
    const bool one = !indicator.empty() && indicator.front() &&
                     std::all_of(indicator.begin(), indicator.end(), [&](const IndicatorValues* v) { return v == indicator.front(); });
    const std::string what = one ? indicator.front()->spec.name + " (" + period_of(*indicator.front()) + ")" : "the row's indicator in its period";
    t.real("count", "Events: " + what + ", the sum over the finest areas within", [row](std::size_t k) { return Cell(row(k).count); });
    t.real("population", "Residents, the sum over the finest areas within (empty when any lacks one)", [row](std::size_t k) { return cell(row(k).population); });
    t.real("rate_per_1000_per_year", "Rate per 1,000 residents per year: sum of events / sum of residents (" + what + ")",
           [row](std::size_t k) { return cell(row(k).rate_per_1000_per_year); });
    t.integer("children", "Areas one level down within it", [row](std::size_t k) { return whole(row(k).children); });
    if (!r.deprivation || r.deprivation->parent_scores.empty()) return;
    std::map<std::pair<std::size_t, std::string>, double> score;
    for (const RollupRow& s : r.deprivation->parent_scores) score[{s.level, s.area_id}] = s.count;
    t.real("imd_score_pop_weighted", "IMD score, the population-weighted mean of the scores of the finest areas within (never a mean of ranks)",
           [row, score](std::size_t k) {
               const auto it = score.find({row(k).level, row(k).area_id});
               return it == score.end() ? Cell() : Cell(it->second);
           });
}
}  // namespace

PriorityTable hierarchy_rollup_table(const PriorityResult& r) {
    std::vector<std::size_t> rows(r.rollup.size());
    for (std::size_t k = 0; k < rows.size(); ++k) rows[k] = k;
    PriorityTable t;
    t.name = "hierarchy_rollup";
    t.description = "Counts, residents and rates rolled up through every level of the hierarchy";
    t.rows = rows.size();
    rollup_columns(t, r, rows, true);
    return t;
}

std::vector<std::string> rollup_indicators(const PriorityResult& r) {
    std::vector<std::string> names;
    for (std::size_t k = 0; k < r.rollup.size(); ++k) {
        const IndicatorValues* v = indicator_of_row(r, k);
        const std::string n = v ? v->spec.name : std::string();
        if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    return names;
}

PriorityTable rollup_level_table(const PriorityResult& r, std::size_t level, const std::string& indicator) {
    std::vector<std::size_t> rows;
    for (std::size_t k = 0; k < r.rollup.size(); ++k) {
        const IndicatorValues* v = indicator_of_row(r, k);
        if (r.rollup[k].level == level && (v ? v->spec.name : std::string()) == indicator) rows.push_back(k);
    }
    const std::string name = level < r.hierarchy->levels.size() ? r.hierarchy->levels[level].name : std::to_string(level);
    PriorityTable t;
    t.name = "rollup_" + slug(name) + (indicator.empty() ? "" : "_" + slug(indicator));
    t.description = "Roll-up of " + (indicator.empty() ? std::string("events") : indicator) + " to the " + name + " level (" +
                    (level < r.hierarchy->levels.size() ? r.hierarchy->levels[level].link : "") + "): counts and residents summed, rates as sum / sum";
    t.rows = rows.size();
    // Polygons when an area layer of the run has this level's name and every id.
    for (const AreaLayer& layer : r.analysis.layers) {
        if (layer.name() != name) continue;
        std::map<std::string, std::size_t> index;
        for (std::size_t a = 0; a < layer.size(); ++a) index[layer.id(a)] = a;
        bool all = true;
        for (std::size_t k : rows) all = all && index.count(r.rollup[k].area_id);
        const RollupRow* row = r.rollup.data();
        if (all && !rows.empty()) t.wkb = [&layer, index, rows, row](std::size_t k) { return layer.wkb(index.at(row[rows[k]].area_id)); };
    }
    rollup_columns(t, r, rows, false);
    return t;
}

PriorityTable dashboard_table(const PriorityResult& r) {
    const auto& d = r.dashboard;
    PriorityTable t;
    t.name = "dashboard";
    t.description = "Monthly dashboard of each top-level area: the month's count and rate, change against the previous month and the same month a year earlier, ranks within the parent";
    t.rows = d.size();
    t.text("top_id", "The top-level area the dashboard belongs to", [&d](std::size_t k) { return cell_text(d[k].top_id); });
    t.text("top_name", "Its name", [&d](std::size_t k) { return cell_text(d[k].top_name); });
    t.text("level", "Hierarchy level of this row's area", [&d](std::size_t k) { return cell_text(d[k].level_name); });
    t.text("area_id", "Area code", [&d](std::size_t k) { return cell_text(d[k].area_id); });
    t.text("area_name", "Area name", [&d](std::size_t k) { return cell_text(d[k].area_name); });
    t.text("month", "The month (YYYY-MM)", [&d](std::size_t k) { return cell_text(month_label(d[k].month)); });
    t.real("count", "Events in the month (empty: no data that month, not zero)", [&d](std::size_t k) { return cell(d[k].count); });
    t.real("previous_month", "Events in the month before", [&d](std::size_t k) { return cell(d[k].previous_month); });
    t.real("same_month_last_year", "Events in the same month a year earlier", [&d](std::size_t k) { return cell(d[k].same_month_last_year); });
    t.real("change_previous_pct", "Change against the month before, % (empty where it had 0 or no data)", [&d](std::size_t k) { return cell(d[k].change_previous_pct); });
    t.real("change_last_year_pct", "Change against the same month a year earlier, %", [&d](std::size_t k) { return cell(d[k].change_last_year_pct); });
    t.real("rate_per_1000_per_year", "The month's rate per 1,000 residents, annualised (x 12)", [&d](std::size_t k) { return cell(d[k].rate_per_1000_per_year); });
    t.integer("rank_in_parent", "Rank within the parent area, 1 = highest", [&d](std::size_t k) { return cell(d[k].rank_in_parent); });
    t.text("rank_by", "rate (per 1,000 residents) or count where populations are missing", [&d](std::size_t k) { return cell_text(d[k].rank_by); });
    // Last, so the header still starts as output_set recognises a dashboard table for --overwrite.
    t.text("indicator", "The indicator the dashboard counts, what and over which months", [&r](std::size_t) { return cell_text(r.dashboard_indicator); });
    return t;
}

PriorityTable deprivation_profile_table(const PriorityResult& r) {
    const DeprivationProfile& p = r.deprivation->profile;
    const std::string top = "the top " + std::to_string(r.composite.spec.top_n) + " priority areas";
    auto rows = std::make_shared<std::vector<LongRow>>();
    const auto add = [&](const std::string& measure, const std::string& group, Cell value, const std::string& unit) {
        rows->push_back({{measure, group, std::move(value), unit}});
    };
    add("areas_with_decile", "all areas", whole(p.areas), "areas");
    add("areas_with_decile", top, whole(p.chosen), "areas");
    add("in_decile_1", "all areas", whole(p.areas_decile1), "areas");
    add("in_decile_1", top, whole(p.chosen_decile1), "areas");
    add("in_decile_1_pct", "all areas", p.areas_decile1_pct, "% of areas with a decile");
    add("in_decile_1_pct", top, p.chosen_decile1_pct, "% of areas with a decile");
    add("in_deciles_1_2", "all areas", whole(p.areas_decile1_2), "areas");
    add("in_deciles_1_2", top, whole(p.chosen_decile1_2), "areas");
    add("in_deciles_1_2_pct", "all areas", p.areas_decile1_2_pct, "% of areas with a decile");
    add("in_deciles_1_2_pct", top, p.chosen_decile1_2_pct, "% of areas with a decile");
    add("without_decile", "all areas", whole(p.without_decile), "areas (listed in missing_values)");
    if (p.index_vs_score) {
        const Spearman& s = *p.index_vs_score;
        add("spearman_rho_index_vs_imd_score", "all areas with both", s.rho, "rank correlation, -1..1");
        add("spearman_p_two_sided", "all areas with both", s.p_two_sided, std::string("p (") + s.p_method + ")");
        add("spearman_n", "all areas with both", whole(s.n), "areas");
    }
    return long_table("deprivation_profile", "Deprivation of the priority areas against all areas (IMD deciles, 1 = most deprived 10 % nationally) and the rank correlation of the index with the IMD score",
                      {{"measure", {ColumnType::text, "What is measured"}},
                       {"group", {ColumnType::text, "Which areas"}},
                       {"value", {ColumnType::real, "The figure, in `unit`"}},
                       {"unit", {ColumnType::text, "Unit and denominator of value"}}},
                      rows);
}

}  // namespace hotspot::detail
