#include "hotspot/workflow/priority_indicators.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/workflow/attribute_vintage.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/measure/selection.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace hotspot {

namespace {

// The rows a count indicator selects (sources, categories and where; every month).
FilteredRows selected_rows(const IncidentTable& t, const IndicatorSpec& s) {
    std::vector<std::uint8_t> file_ok(t.files.size(), 1);
    if (!s.sources.empty()) {
        std::vector<std::string> known;
        for (const auto& f : t.files) known.push_back(f.source);
        for (const auto& name : s.sources)
            if (std::find(known.begin(), known.end(), name) == known.end())
                throw ConfigError("indicator " + quote_value(s.name) + ": source " + quote_value(name) + " has no incidents (sources read: " +
                                  [&] { std::sort(known.begin(), known.end()); known.erase(std::unique(known.begin(), known.end()), known.end());
                                        std::string a; for (const auto& k : known) a += (a.empty() ? "" : ", ") + k; return a; }() + ")" +
                                  closest_suffix(closest_names(name, known)));
        for (std::size_t f = 0; f < t.files.size(); ++f)
            file_ok[f] = std::find(s.sources.begin(), s.sources.end(), t.files[f].source) != s.sources.end();
    }
    const std::vector<std::uint8_t> cat = category_mask(t, s.categories);
    std::vector<std::uint8_t> scope(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) scope[i] = file_ok[t.file[i]] && cat[t.category[i]];
    return apply_row_filter(s.where, t, scope, "indicator " + quote_value(s.name));
}

// The months the selected sources cover (every category: a month with no selected incident is 0, not missing).
std::pair<MonthIndex, MonthIndex> source_months(const IncidentTable& t, const IndicatorSpec& s) {
    MonthIndex lo = 0, hi = -1;
    bool any = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!s.sources.empty() && std::find(s.sources.begin(), s.sources.end(), t.files[t.file[i]].source) == s.sources.end()) continue;
        if (!any || t.month[i] < lo) lo = t.month[i];
        if (!any || t.month[i] > hi) hi = t.month[i];
        any = true;
    }
    if (!any) throw ConfigError("indicator " + quote_value(s.name) + ": its sources have no accepted incidents");
    return {lo, hi};
}

struct Denominator {
    std::vector<std::optional<double>> value;
    std::vector<std::string> why;  // per area without one
    std::string what;
};

// Attribute tables read once each, with the fields the indicators name.
class Tables {
public:
    explicit Tables(const std::vector<AttributeTableSpec>& specs) : specs_(specs) {}
    void want(const std::string& table, const std::string& field) {
        for (auto& s : specs_)
            if (s.name == table && std::none_of(s.fields.begin(), s.fields.end(), [&](const AttributeField& f) { return f.column == field; }))
                s.fields.push_back({field, AttributeType::real});
    }
    // Per area of the layer: the number, or nullopt with why.
    void column(const AreaLayer& layer, const std::string& table, const std::string& field, std::vector<std::optional<double>>& value,
                std::vector<std::string>& why) {
        const AttributeTable& t = read_on(table, layer).table;
        std::size_t c = 0;
        while (t.columns[c].name != field) ++c;
        if (t.columns[c].type == AttributeType::text)
            throw InputError("indicator field " + table + "." + field + " in " + quote_value(t.spec.path) + " holds text, not numbers");
        value.assign(layer.size(), std::nullopt);
        why.assign(layer.size(), "");
        for (std::size_t i = 0; i < layer.size(); ++i) {
            const auto row = t.row_of.find(layer.id(i));
            if (row == t.row_of.end()) why[i] = "no row in " + table + " (" + t.spec.path + ")";
            else if (!t.columns[c].number[row->second])
                why[i] = t.lines[row->second] == 0 ? "no value of " + table + "." + field + " moved from the old vintage (an old area of it has none)"
                                                   : "empty cell " + table + "." + field + " (line " + std::to_string(t.lines[row->second]) + ")";
            else value[i] = t.columns[c].number[row->second];
        }
    }
    // The table as keyed by the layer's areas: moved from another vintage, absent areas given 0.
    const AttributeTableOnLayer& read_on(const std::string& table, const AreaLayer& layer) {
        if (auto it = read_.find(table); it != read_.end()) return it->second;
        return read_.emplace(table, read_attribute_table_on(spec(table), layer)).first->second;
    }
    // The report's notes on how a table reached the layer (a vintage move, zeros for absent areas).
    std::vector<std::string> notes(const std::string& table, const AreaLayer& layer) {
        const AttributeTableOnLayer& t = read_on(table, layer);
        std::vector<std::string> out;
        if (!t.absent_given_zero.empty())
            out.push_back(table + ": " + std::to_string(t.absent_given_zero.size()) + (t.moved ? " areas of the old vintage" : " areas") +
                          " without a row given 0 (absent = zero)");
        if (t.moved) {
            const VintageMoveSummary& m = *t.moved;
            out.push_back(table + " moved between vintages by " + m.method + " (" + std::to_string(m.links) + " links); " + m.rule);
            for (const auto& c : m.totals)
                out.push_back(table + "." + c.column + ": " + format_exact(c.total_in) + " in, " + format_exact(c.total_moved) + " moved, " +
                              format_exact(c.total_not_moved) + " not moved");
            if (!m.keys_without_link.empty())
                out.push_back(table + ": " + std::to_string(m.keys_without_link.size()) + " codes without an area in the lookup (not moved)");
        }
        return out;
    }
    const AttributeTableSpec& spec(const std::string& table) const {
        for (const auto& s : specs_)
            if (s.name == table) return s;
        throw ConfigError("there is no [attributes." + table + "] table");
    }

private:
    std::vector<AttributeTableSpec> specs_;
    std::map<std::string, AttributeTableOnLayer> read_;
};

Denominator denominator_of(const IndicatorSpec& s, const AreaLayer& layer, Tables& tables) {
    Denominator d;
    if (s.per == IndicatorPer::column) {
        const auto dot = s.per_column.find('.');
        tables.column(layer, s.per_column.substr(0, dot), s.per_column.substr(dot + 1), d.value, d.why);
        d.what = s.per_column;
        for (std::size_t i = 0; i < layer.size(); ++i)
            if (d.value[i] && !(*d.value[i] > 0)) d.why[i] = "denominator " + s.per_column + " is " + format_exact(*d.value[i]), d.value[i].reset();
        return d;
    }
    d.value.resize(layer.size());
    d.why.assign(layer.size(), "");
    if (s.per == IndicatorPer::km2) {  // a density's denominator is the polygon's area, never its residents
        d.what = "km2 (area of the polygon)";
        for (std::size_t i = 0; i < layer.size(); ++i) {
            d.value[i] = layer.area_m2(i) / 1e6;
            if (!(*d.value[i] > 0)) d.why[i] = "area 0 km2", d.value[i].reset();
        }
        return d;
    }
    d.what = layer.has_population() ? "residents (" + layer.population_source() + ")" : "no population";
    for (std::size_t i = 0; i < layer.size(); ++i) {
        d.value[i] = layer.population(i);
        if (!d.value[i]) d.why[i] = layer.has_population() ? "no population" : "the layer has no population";
        else if (!(*d.value[i] > 0)) d.why[i] = "population 0", d.value[i].reset();
    }
    return d;
}

// The value from an observed count and its denominator over `months`.
std::optional<double> rate(const IndicatorSpec& s, double observed, const std::optional<double>& denominator, double area_km2,
                           double months) {
    switch (s.per) {
    case IndicatorPer::none: return observed;
    case IndicatorPer::km2: return observed / area_km2;
    case IndicatorPer::residents_1000_per_year:
        if (!denominator) return std::nullopt;
        return observed / *denominator * 1000.0 * 12.0 / months;
    case IndicatorPer::column:
        if (!denominator) return std::nullopt;
        return observed / *denominator;
    }
    return std::nullopt;
}

std::string unit_of(const IndicatorSpec& s, const std::string& counted) {
    switch (s.per) {
    case IndicatorPer::none: return counted;
    case IndicatorPer::km2: return counted + " per km2 over the window";
    case IndicatorPer::residents_1000_per_year: return counted + " per 1,000 residents per year";
    case IndicatorPer::column: return counted + " per " + s.per_column;
    }
    return counted;
}

void list_missing(IndicatorValues& v, const AreaLayer& layer, const std::vector<std::string>& why) {
    for (std::size_t i = 0; i < layer.size(); ++i)
        if (!v.value[i]) {
            v.missing_areas.push_back(layer.id(i));
            v.missing_why.push_back(why[i].empty() ? "no value" : why[i]);
        }
}

// The rows a count indicator takes and its window, chosen one way for its areas and its grid cells.
struct CountSelection {
    std::vector<std::uint8_t> keep;
    Period window;
    std::string where_summary;  // the where filter's account (every month), empty without one
    bool where_warns = false;   // rows left out as unknown, or an in (...) value no row holds
};
CountSelection count_selection(const IncidentTable& t, const IndicatorSpec& s) {
    FilteredRows rows = selected_rows(t, s);  // refuses an unknown source or category first
    CountSelection c{std::move(rows.keep), {}, s.where.empty() ? std::string() : "where " + s.where.text() + ": " + rows.summary() + " (every month)",
                     rows.unknown > 0 || !rows.warnings.empty()};
    const auto [lo, hi] = source_months(t, s);
    try {
        c.window = indicator_window(s.window, lo, hi);
    } catch (const ConfigError& e) {
        throw ConfigError("indicator " + quote_value(s.name) + ": " + e.what());
    }
    return c;
}

IndicatorValues count_indicator(const AnalysisResult& r, std::size_t l, const IndicatorSpec& s, Tables& tables) {
    const AreaLayer& layer = r.layers[l];
    const IncidentTable& t = r.incidents;
    IndicatorValues v;
    v.spec = s;
    const auto [keep, window, where_summary, where_warns] = count_selection(t, s);
    if (!where_summary.empty()) v.notes.push_back(where_summary);
    if (where_warns) v.warnings.push_back("indicator " + quote_value(s.name) + " " + where_summary);
    v.months = window.months();
    v.first_month = window.first;
    v.last_month = window.last;
    v.period = window.label + " (" + std::to_string(window.months()) + " months)";
    const auto& area = r.assignments[l].area;
    const auto years = s.per_year ? financial_years_of(window) : std::vector<Period>{};
    std::vector<double> observed(layer.size(), 0.0);
    std::vector<std::vector<double>> per_year(years.size(), std::vector<double>(layer.size(), 0.0));
    std::uint64_t selected = 0, outside = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!keep[i] || !window.contains(t.month[i])) continue;
        ++selected;
        if (area[i] < 0) {
            ++outside;
            continue;
        }
        const double w = s.harm_weighted ? t.weight[i] : 1.0;
        observed[static_cast<std::size_t>(area[i])] += w;
        for (std::size_t y = 0; y < years.size(); ++y)
            if (years[y].contains(t.month[i])) per_year[y][static_cast<std::size_t>(area[i])] += w;
    }
    const Denominator d = denominator_of(s, layer, tables);
    v.denominator = d.value;
    v.denominator_what = d.what;
    const std::string counted = s.harm_weighted ? "harm-weighted incidents" : "incidents";
    v.unit = unit_of(s, counted);
    v.value.resize(layer.size());
    v.observed.resize(layer.size());
    for (std::size_t i = 0; i < layer.size(); ++i) {
        v.observed[i] = observed[i];
        v.value[i] = rate(s, observed[i], d.value[i], layer.area_m2(i) / 1e6, v.months);
    }
    for (std::size_t y = 0; y < years.size(); ++y) {
        v.year_labels.push_back(years[y].label);
        v.per_year_value.emplace_back(layer.size());
        for (std::size_t i = 0; i < layer.size(); ++i)
            v.per_year_value[y][i] = rate(s, per_year[y][i], d.value[i], layer.area_m2(i) / 1e6, years[y].months());
    }
    list_missing(v, layer, d.why);
    std::string cats;
    for (const auto& c : s.categories) cats += (cats.empty() ? "" : "; ") + c;
    std::string srcs;
    for (const auto& c : s.sources) srcs += (srcs.empty() ? "" : "; ") + c;
    v.notes.push_back("selects " + (cats.empty() ? std::string("every category") : cats) + " from " +
                      (srcs.empty() ? std::string("every source") : srcs) + ", " + v.period + ": " + std::to_string(selected) +
                      " incidents, " + std::to_string(outside) + " of them outside layer " + layer.name() + " (not counted)");
    return v;
}

IndicatorValues column_indicator(const AreaLayer& layer, const IndicatorSpec& s, Tables& tables) {
    IndicatorValues v;
    v.spec = s;
    std::vector<std::optional<double>> col;
    std::vector<std::string> why;
    tables.column(layer, s.attributes, s.field, col, why);
    v.notes = tables.notes(s.attributes, layer);
    if (s.kind == IndicatorKind::attribute) {
        v.value = col;
        v.unit = s.attributes + "." + s.field + " as published";
        v.period = "as published";
        list_missing(v, layer, why);
        return v;
    }
    // count_column: a published count over s.months, kept as observed so O/E and smoothing apply.
    for (std::size_t i = 0; i < layer.size(); ++i)
        if (col[i] && !(*col[i] >= 0)) throw InputError("indicator " + quote_value(s.name) + ": " + s.attributes + "." + s.field +
                                                        " is negative for area " + layer.id(i) + " (" + format_exact(*col[i]) + "): not a count");
    const Denominator d = denominator_of(s, layer, tables);
    if (!s.window.empty()) {  // the months it covers, named
        const Period w = published_count_window(s.name, s.window, s.months);
        v.months = w.months();
        v.first_month = w.first;
        v.last_month = w.last;
        v.period = month_label(w.first) + " to " + month_label(w.last) + " (" + std::to_string(w.months()) + " months, as published)";
    } else {
        v.months = s.months;
        v.period = format_exact(s.months) + " months as published";
    }
    v.unit = unit_of(s, "counted (" + s.attributes + "." + s.field + ")");
    v.observed = col;
    v.denominator = d.value;
    v.denominator_what = d.what;
    v.value.resize(layer.size());
    for (std::size_t i = 0; i < layer.size(); ++i) {
        if (!col[i]) continue;
        v.value[i] = rate(s, *col[i], d.value[i], layer.area_m2(i) / 1e6, v.months);
        if (!v.value[i]) why[i] = d.why[i];
    }
    list_missing(v, layer, why);
    return v;
}

IndicatorValues ratio_indicator(const AreaLayer& layer, const IndicatorSpec& s, const IndicatorValues& num, const IndicatorValues& den) {
    IndicatorValues v;
    v.spec = s;
    v.unit = num.spec.name + " / " + den.spec.name;
    // Parts over one known window keep it; otherwise the ratio mixes periods, and says so.
    const bool same_window = num.first_month != 0 && num.first_month == den.first_month && num.last_month == den.last_month;
    if (same_window) {
        v.period = num.period;
        v.first_month = num.first_month;
        v.last_month = num.last_month;
    } else {
        v.period = num.period == den.period ? num.period : num.spec.name + " " + num.period + " / " + den.spec.name + " " + den.period;
    }
    const auto dated = [](const IndicatorValues& x) { return x.months > 0 || x.first_month != 0; };
    if (!same_window && dated(num) && dated(den))
        v.warnings.push_back("ratio " + quote_value(s.name) + " divides " + num.spec.name + " over " + num.period + " by " + den.spec.name + " over " +
                             den.period + ": " + (num.first_month && den.first_month ? "different windows" : "windows that cannot be shown to be the same") +
                             ", so it mixes periods (give both parts the same window)");
    v.value.resize(layer.size());
    std::vector<std::string> why(layer.size());
    for (std::size_t i = 0; i < layer.size(); ++i) {
        if (!num.value[i]) why[i] = "no " + num.spec.name;
        else if (!den.value[i]) why[i] = "no " + den.spec.name;
        else if (*den.value[i] == 0) why[i] = den.spec.name + " is 0";
        else v.value[i] = *num.value[i] / *den.value[i];
    }
    list_missing(v, layer, why);
    return v;
}

}  // namespace

IndicatorTable build_indicators(const AnalysisResult& r, std::size_t l, const std::vector<IndicatorSpec>& specs,
                                const std::vector<AttributeTableSpec>& table_specs) {
    const AreaLayer& layer = r.layers.at(l);
    IndicatorTable out;
    out.layer = layer.name();
    for (std::size_t i = 0; i < layer.size(); ++i) out.area_ids.push_back(layer.id(i)), out.area_names.push_back(layer.label(i));
    Tables tables(table_specs);
    for (const auto& s : specs) {
        if (s.kind == IndicatorKind::attribute || s.kind == IndicatorKind::count_column) tables.want(s.attributes, s.field);
        if (s.per == IndicatorPer::column) tables.want(s.per_column.substr(0, s.per_column.find('.')), s.per_column.substr(s.per_column.find('.') + 1));
    }
    std::vector<std::optional<IndicatorValues>> built(specs.size());
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const IndicatorSpec& s = specs[k];
        if (s.kind == IndicatorKind::count) built[k] = count_indicator(r, l, s, tables);
        else if (s.kind != IndicatorKind::ratio) built[k] = column_indicator(layer, s, tables);
    }
    // Ratios once their parts exist (a ratio may use a ratio); a cycle is refused.
    for (bool progress = true; progress;) {
        progress = false;
        for (std::size_t k = 0; k < specs.size(); ++k) {
            if (built[k]) continue;
            const IndicatorValues *num = nullptr, *den = nullptr;
            for (std::size_t j = 0; j < specs.size(); ++j) {
                if (built[j] && specs[j].name == specs[k].numerator) num = &*built[j];
                if (built[j] && specs[j].name == specs[k].denominator) den = &*built[j];
            }
            if (num && den) built[k] = ratio_indicator(layer, specs[k], *num, *den), progress = true;
        }
    }
    for (std::size_t k = 0; k < specs.size(); ++k) {
        if (!built[k]) throw ConfigError("indicator " + quote_value(specs[k].name) + ": its numerator and denominator form a cycle");
        if (built[k]->spec.title.empty()) built[k]->spec.title = specs[k].name + " (" + built[k]->unit + ", " + built[k]->period + ")";
        out.indicators.push_back(std::move(*built[k]));
    }
    return out;
}

CellIndicator cell_count_indicator(const AnalysisResult& r, std::size_t l, const IndicatorValues& v, const Fishnet& grid,
                                   const CellOverlaps& overlaps) {
    const AreaLayer& layer = r.layers[l];
    const IncidentTable& t = r.incidents;
    const IndicatorSpec& s = v.spec;
    const auto [keep, window, where_summary, where_warns] = count_selection(t, s);  // as count_indicator chose them
    CellIndicator c;
    std::vector<double> observed(grid.size(), 0.0);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!keep[i] || !window.contains(t.month[i])) continue;
        const double cx = std::floor((t.x[i] - grid.min_x) / grid.cell_m), cy = std::floor((t.y[i] - grid.min_y) / grid.cell_m);
        const bool on_grid = cx >= 0 && cy >= 0 && cx < static_cast<double>(grid.nx) && cy < static_cast<double>(grid.ny);
        const std::int64_t cell = on_grid ? grid.cell_at[static_cast<std::size_t>(cy) * grid.nx + static_cast<std::size_t>(cx)] : -1;
        if (cell < 0) {
            ++c.outside;
            continue;
        }
        observed[static_cast<std::size_t>(cell)] += s.harm_weighted ? t.weight[i] : 1.0;
    }
    const std::vector<std::optional<double>> denominator =
        v.denominator.empty() ? std::vector<std::optional<double>>(grid.size()) : apportion_counts(overlaps, layer, v.denominator);
    c.value.resize(grid.size());
    c.observed.resize(grid.size());
    for (std::size_t k = 0; k < grid.size(); ++k) {
        double inside_m2 = 0;
        for (std::uint64_t j = overlaps.offsets[k]; j < overlaps.offsets[k + 1]; ++j) inside_m2 += overlaps.overlap_m2[j];
        c.observed[k] = observed[k];
        c.value[k] = rate(s, observed[k], denominator[k], inside_m2 / 1e6, v.months);
    }
    return c;
}

MonthlyCounts monthly_counts(const AnalysisResult& r, std::size_t l, const IndicatorSpec& s) {
    const IncidentTable& t = r.incidents;
    const auto keep = selected_rows(t, s).keep;
    const auto [lo, hi] = source_months(t, s);
    std::vector<std::int32_t> selected_area;
    std::vector<MonthIndex> selected_month;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (keep[i]) selected_area.push_back(r.assignments[l].area[i]), selected_month.push_back(t.month[i]);
    return monthly_area_counts(selected_area, selected_month, r.layers[l].size(), lo, hi);
}

std::vector<std::optional<int>> national_score_deciles(const std::string& table_field, const std::vector<AttributeTableSpec>& tables,
                                                       const AreaLayer& layer) {
    const std::string table = table_field.substr(0, table_field.find('.')), field = table_field.substr(table_field.find('.') + 1);
    Tables t(tables);
    t.want(table, field);
    if (t.spec(table).has_vintage() || t.spec(table).absent_is_zero)
        throw ConfigError("imd_deciles_from = score: national deciles need the whole national table as published; [attributes." + table +
                          "] moves or fills its values (give a table of the layer's own vintage)");
    const AttributeTable& a = t.read_on(table, layer).table;
    std::size_t c = 0;
    while (a.columns[c].name != field) ++c;
    std::vector<double> scores;
    for (const auto& v : a.columns[c].number)
        if (v) scores.push_back(*v);
    std::sort(scores.begin(), scores.end(), std::greater<>());
    const double n = static_cast<double>(scores.size());
    std::vector<std::optional<int>> out(layer.size());
    for (std::size_t i = 0; i < layer.size(); ++i) {
        const auto row = a.row_of.find(layer.id(i));
        if (row == a.row_of.end() || !a.columns[c].number[row->second]) continue;
        const double x = *a.columns[c].number[row->second];
        // rank = 1 + the number of strictly higher scores
        const double rank = 1.0 + static_cast<double>(std::lower_bound(scores.begin(), scores.end(), x, std::greater<>()) - scores.begin());
        out[i] = static_cast<int>(std::ceil(10.0 * rank / n));
    }
    return out;
}

}  // namespace hotspot
