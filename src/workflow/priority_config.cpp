#include "hotspot/workflow/priority_config.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/option_values.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace hotspot {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> indicator_keys = {"title", "kind", "sources", "categories", "window", "per_year", "harm_weighted",
                                                 "attributes", "field", "months", "per", "numerator", "denominator", "higher_is_worse"};
const std::vector<std::string> priority_keys = {
    "layer", "indicators", "preset", "scaling", "combine", "weights", "reverse", "missing", "outliers", "range", "top",
    "explain", "level", "ci", "eb", "neighbours", "imd_score", "imd_decile", "imd_domains", "hierarchy", "dashboard_month",
    "grid_cell", "grid_band", "grid_min_bin", "zone_overlay"};
const std::vector<std::string> hierarchy_keys = {"lookup", "child", "parent", "parent_name", "layer"};

[[noreturn]] void unknown_key(const std::string& key, const std::string& field, const std::vector<std::string>& keys) {
    std::string all;
    for (const auto& k : keys) all += (all.empty() ? "" : ", ") + k;
    throw ConfigError("unknown setting " + quote_value(key) + closest_suffix(closest_names(field, keys)) + " (keys: " + all + ")");
}

std::vector<std::string> list_of(const std::string& value) {
    std::vector<std::string> out;
    for (const auto& x : split(value, ';'))
        if (!trim(x).empty()) out.emplace_back(trim(x));
    return out;
}

bool parse_flag(const std::string& key, const std::string& value) {
    const std::string v = lowercase(trim(value));
    if (v == "true" || v == "yes" || v == "1" || v == "on") return true;
    if (v == "false" || v == "no" || v == "0" || v == "off") return false;
    throw ConfigError("setting " + key + " = " + quote_value(value) + ": expected true or false");
}

std::string resolve(const std::string& value, const std::string& base_dir) {
    if (value.empty() || base_dir.empty() || fs::path(value).is_absolute()) return value;
    return (fs::path(base_dir) / value).lexically_normal().string();
}

// "name:value;name:value" pairs; `what` describes the value in messages.
std::vector<std::pair<std::string, std::string>> named_values(const std::string& key, const std::string& value) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& item : list_of(value)) {
        const auto colon = item.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == item.size())
            throw ConfigError("setting " + key + " = " + quote_value(value) + ": expected INDICATOR:VALUE items separated by ';'");
        out.emplace_back(std::string(trim(item.substr(0, colon))), std::string(trim(item.substr(colon + 1))));
    }
    return out;
}

constexpr RealRange any_finite{-1e300, 1e300};
constexpr RealRange positive{0, 1e300, true, false};

void apply_indicator(IndicatorSpec& s, const std::string& field, const std::string& key, const std::string& value) {
    if (field == "title") s.title = value;
    else if (field == "kind") s.kind = parse_indicator_kind(value);
    else if (field == "sources") s.sources = list_of(value);
    else if (field == "categories") s.categories = list_of(value);
    else if (field == "where") s.where = RowFilter::parse(value, "indicator " + quote_value(s.name));
    else if (field == "window") s.window = value;
    else if (field == "per_year") s.per_year = parse_flag(key, value);
    else if (field == "harm_weighted") s.harm_weighted = parse_flag(key, value);
    else if (field == "attributes") {
        s.attributes = value;
        if (s.kind == IndicatorKind::count) s.kind = IndicatorKind::attribute;  // count_column is stated with kind
    } else if (field == "field") s.field = value;
    else if (field == "months") s.months = parse_real("setting " + key + " =", value, RealRange{0, 1200, true, false});
    else if (field == "per") s.per = parse_indicator_per(value, s.per_column);
    else if (field == "numerator" || field == "denominator") {
        (field == "numerator" ? s.numerator : s.denominator) = value;
        s.kind = IndicatorKind::ratio;
    } else if (field == "higher_is_worse") s.higher_is_worse = parse_flag(key, value);
    else unknown_key(key, field, indicator_keys);
}

void apply_hierarchy(HierarchyStep& h, const std::string& field, const std::string& key, const std::string& value,
                     const std::string& base_dir) {
    if (field == "lookup") h.lookup = resolve(value, base_dir);
    else if (field == "child") h.child_column = value;
    else if (field == "parent") h.parent_column = value;
    else if (field == "parent_name") h.parent_name_column = value;
    else if (field == "layer") h.parent_layer = value;
    else unknown_key(key, field, hierarchy_keys);
}

void apply_priority(PriorityConfig& p, const std::string& field, const std::string& key, const std::string& value) {
    const std::string what = "setting " + key + " =";
    if (field == "layer") p.layer = value;
    else if (field == "indicators") p.indicator_order = list_of(value);
    else if (field == "preset") p.composite.preset = value;
    else if (field == "scaling") p.scaling = parse_scaling(value);
    else if (field == "combine") p.combine = parse_combine(value);
    else if (field == "missing") p.missing = parse_missing_policy(value);
    else if (field == "outliers") p.outliers = parse_outlier_mode(value);
    else if (field == "top") p.top = parse_count(what, value, CountRange{1, 10'000'000});
    else if (field == "explain") p.composite.explain = parse_count(what, value, CountRange{0, 1000});
    else if (field == "level") p.level = parse_real(what, value, ranges::probability_open);
    else if (field == "ci") p.interval = parse_interval_method(value);
    else if (field == "neighbours") {
        if (lowercase(value) != "queen") throw ConfigError(what + " " + quote_value(value) + ": only queen (shared boundary) is supported");
        p.neighbours = "queen";
    } else if (field == "eb") {
        const auto items = list_of(lowercase(value));
        p.eb_global = p.eb_local = false;
        for (const auto& i : items) {
            if (i == "global") p.eb_global = true;
            else if (i == "local") p.eb_local = true;
            else if (i != "none") throw ConfigError(what + " " + quote_value(value) + ": expected global;local, global, local or none");
        }
    } else if (field == "weights") {
        p.weights.clear();
        for (const auto& [n, v] : named_values(key, value)) p.weights.emplace_back(n, parse_real(what + " " + n, v, positive));
    } else if (field == "reverse") {
        p.reverse.clear();
        for (const auto& [n, v] : named_values(key, value)) p.reverse.emplace_back(n, parse_flag(key, v));
    } else if (field == "range") {
        p.ranges.clear();
        for (const auto& [n, v] : named_values(key, value)) {
            const auto ends = split(v, ',');
            if (ends.size() != 2) throw ConfigError(what + " " + quote_value(value) + ": expected INDICATOR:LOW,HIGH");
            const double lo = parse_real(what + " " + n + " low", ends[0], any_finite), hi = parse_real(what + " " + n + " high", ends[1], any_finite);
            if (!(lo < hi)) throw ConfigError(what + " " + quote_value(value) + ": the low end must be below the high end");
            p.ranges.emplace_back(n, std::pair{lo, hi});
        }
    } else if (field == "imd_score") p.imd_score = value;
    else if (field == "imd_decile") {
        p.imd_decile = value == "from_score" ? "" : value;
        p.imd_deciles_from = value == "from_score" ? "score" : "";
    } else if (field == "imd_domains") p.imd_domains = list_of(value);
    else if (field == "hierarchy") p.hierarchy_order = list_of(value);
    else if (field == "dashboard_month") {
        if (!value.empty() && !parse_year_month(value)) throw ConfigError(what + " " + quote_value(value) + ": expected a month as YYYY-MM");
        p.dashboard_month = value;
    } else if (field == "grid_cell") p.grid_cell_m = value == "0" ? 0 : parse_real(what, value, ranges::cell_m);
    else if (field == "grid_band") p.grid_band_m = parse_real(what, value, ranges::distance_m);
    else if (field == "grid_min_bin") p.grid_min_bin = parse_small_count(what, value, CountRange{1, 3});
    else if (field == "zone_overlay") p.zone_overlay = list_of(value);
    else unknown_key(key, field, priority_keys);
}

template <class T>
T& named(std::vector<T>& v, const std::string& name) {
    for (auto& x : v)
        if (x.name == name) return x;
    v.push_back(T{});
    v.back().name = name;
    return v.back();
}

std::vector<std::string> names_of(const std::vector<IndicatorSpec>& v) {
    std::vector<std::string> out;
    for (const auto& s : v) out.push_back(s.name);
    return out;
}

const IndicatorSpec* find_spec(const std::vector<IndicatorSpec>& v, const std::string& name) {
    for (const auto& s : v)
        if (s.name == name) return &s;
    return nullptr;
}

[[noreturn]] void no_indicator(const std::string& where, const std::string& name, const std::vector<IndicatorSpec>& defined) {
    throw ConfigError(where + ": there is no indicator " + quote_value(name) + " ([indicator." + name + "] or --indicator)" +
                      closest_suffix(closest_names(name, names_of(defined))));
}

// "TABLE.FIELD" naming an [attributes.TABLE] section.
void check_table_field(const std::string& what, const std::string& text, const std::vector<AttributeTableSpec>& attributes) {
    const auto dot = text.find('.');
    if (dot == std::string::npos) throw ConfigError(what + " = " + quote_value(text) + ": expected TABLE.FIELD");
    const std::string table = text.substr(0, dot);
    std::vector<std::string> names;
    for (const auto& a : attributes) names.push_back(a.name);
    if (std::find(names.begin(), names.end(), table) == names.end())
        throw ConfigError(what + " = " + quote_value(text) + ": there is no [attributes." + table + "] table" + closest_suffix(closest_names(table, names)));
}

}  // namespace

void apply_priority_setting(PriorityConfig& p, const std::string& section, const std::string& name, const std::string& field,
                            const std::string& key, const std::string& raw, const std::string& base_dir) {
    const std::string value(trim(raw));
    p.enabled = true;
    if (section == "indicator") apply_indicator(named(p.indicators, name), field, key, value);
    else if (section == "hierarchy") {
        HierarchyStep& h = named(p.hierarchy, name);
        h.parent_level = name;
        apply_hierarchy(h, field, key, value, base_dir);
    } else apply_priority(p, field, key, value);
}

void add_priority_section(PriorityConfig& p, const std::string& section, const std::string& name) {
    p.enabled = true;
    if (section == "indicator") named(p.indicators, name);
    else if (section == "hierarchy") named(p.hierarchy, name).parent_level = name;
}

IndicatorSpec parse_indicator_argument(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw ConfigError("--indicator " + quote_value(text) + ": expected NAME=key:value,key:value (keys as in [indicator.NAME])");
    IndicatorSpec s;
    s.name = std::string(trim(text.substr(0, eq)));
    const auto items = split(std::string_view(text).substr(eq + 1), ',');
    for (std::size_t k = 0; k < items.size(); ++k) {
        const auto& item = items[k];
        if (trim(item).empty()) continue;
        const auto colon = item.find(':');
        if (colon == std::string::npos)
            throw ConfigError("--indicator " + quote_value(text) + ": " + quote_value(item) + " is not key:value");
        const std::string key(trim(item.substr(0, colon)));
        // A where filter ends the argument's items only if no later item lacks a colon: commas split
        // them, so a filter holding one (in ('a', 'b')) cannot be given here.
        if (key == "where" && k + 1 < items.size() && items[k + 1].find(':') == std::string::npos)
            throw ConfigError("--indicator " + quote_value(text) + ": --indicator splits its items on commas, so a where filter holding one " +
                              "goes in an [indicator." + s.name + "] section of a config file (-c)");
        apply_indicator(s, key, "--indicator " + s.name + " " + key, std::string(trim(item.substr(colon + 1))));
    }
    return s;
}

std::vector<IndicatorSpec> ordered_indicators(const PriorityConfig& p) {
    if (p.indicator_order.empty()) return p.indicators;
    std::vector<IndicatorSpec> out;
    for (const auto& n : p.indicator_order) {
        const IndicatorSpec* s = find_spec(p.indicators, n);
        if (!s) no_indicator("priority.indicators", n, p.indicators);
        out.push_back(*s);
    }
    return out;
}

void validate_priority(const PriorityConfig& p, const std::vector<std::string>& layers, const std::vector<AttributeTableSpec>& attributes,
                       bool has_inputs) {
    if (!p.enabled) return;
    const auto chosen = ordered_indicators(p);
    if (chosen.empty()) throw ConfigError("priority needs at least one indicator ([indicator.NAME] sections or --indicator)");
    if (!p.layer.empty() && std::find(layers.begin(), layers.end(), p.layer) == layers.end())
        throw ConfigError("priority.layer = " + quote_value(p.layer) + ": there is no area layer of that name" +
                          closest_suffix(closest_names(p.layer, layers)));
    std::vector<std::string> tables;
    for (const auto& a : attributes) tables.push_back(a.name);
    for (const IndicatorSpec& s : chosen) {
        const std::string what = "indicator " + quote_value(s.name);
        switch (s.kind) {
        case IndicatorKind::count:
            if (!has_inputs) throw ConfigError(what + " counts incidents but there are no inputs (give --police/--input or [input.NAME])");
            break;
        case IndicatorKind::count_column:
            if (!s.window.empty()) published_count_window(s.name, s.window, s.months);
            else if (!(s.months > 0))
                throw ConfigError(what + " (count_column) needs months: the months its counts cover (or window = FIRST..LAST, e.g. 2024-04..2026-04)");
            [[fallthrough]];
        case IndicatorKind::attribute:
            if (s.attributes.empty() || s.field.empty()) throw ConfigError(what + " (" + to_string(s.kind) + ") needs attributes = TABLE and field = COLUMN");
            if (std::find(tables.begin(), tables.end(), s.attributes) == tables.end())
                throw ConfigError(what + ": there is no [attributes." + s.attributes + "] table" + closest_suffix(closest_names(s.attributes, tables)));
            break;
        case IndicatorKind::ratio:
            for (const std::string* n : {&s.numerator, &s.denominator}) {
                if (n->empty()) throw ConfigError(what + " (ratio) needs numerator and denominator (indicator names)");
                if (*n == s.name) throw ConfigError(what + " (ratio) cannot name itself");
                if (!find_spec(chosen, *n)) no_indicator(what + " (ratio)", *n, chosen);
            }
            break;
        }
        if (s.kind != IndicatorKind::count && (!s.sources.empty() || !s.categories.empty() || !s.where.empty()))
            throw ConfigError(what + " (" + to_string(s.kind) + "): sources, categories and where are for kind = count");
        if (s.kind != IndicatorKind::count && s.kind != IndicatorKind::count_column && !s.window.empty())
            throw ConfigError(what + " (" + to_string(s.kind) + "): window is for kind = count and count_column");
        if (s.per == IndicatorPer::column) check_table_field(what + " per", s.per_column, attributes);
        if (s.kind == IndicatorKind::count) indicator_window(s.window, month_index(1, 1), month_index(9999, 12));  // syntax only
    }
    for (const auto& [n, v] : p.weights)
        if (!find_spec(chosen, n)) no_indicator("priority.weights", n, chosen);
    for (const auto& [n, v] : p.reverse)
        if (!find_spec(chosen, n)) no_indicator("priority.reverse", n, chosen);
    for (const auto& [n, v] : p.ranges)
        if (!find_spec(chosen, n)) no_indicator("priority.range", n, chosen);
    if (!p.imd_score.empty()) check_table_field("priority.imd_score", p.imd_score, attributes);
    if (!p.imd_decile.empty()) check_table_field("priority.imd_decile", p.imd_decile, attributes);
    if (!p.imd_deciles_from.empty() && p.imd_score.empty()) throw ConfigError("priority.imd_decile = from_score needs priority.imd_score");
    for (const auto& d : p.imd_domains) check_table_field("priority.imd_domains", d, attributes);
    for (const auto& h : p.hierarchy_order) {
        const auto it = std::find_if(p.hierarchy.begin(), p.hierarchy.end(), [&](const HierarchyStep& s) { return s.name == h; });
        if (it == p.hierarchy.end()) {
            std::vector<std::string> names;
            for (const auto& s : p.hierarchy) names.push_back(s.name);
            throw ConfigError("priority.hierarchy: there is no [hierarchy." + h + "] section" + closest_suffix(closest_names(h, names)));
        }
        if (it->lookup.empty() == it->parent_layer.empty())
            throw ConfigError("[hierarchy." + h + "] needs either lookup = FILE.csv (with child and parent columns) or layer = AREA_LAYER (best fit)");
        if (!it->lookup.empty() && (it->child_column.empty() || it->parent_column.empty()))
            throw ConfigError("[hierarchy." + h + "] lookup needs child = COLUMN and parent = COLUMN");
        if (!it->parent_layer.empty() && std::find(layers.begin(), layers.end(), it->parent_layer) == layers.end())
            throw ConfigError("[hierarchy." + h + "] layer = " + quote_value(it->parent_layer) + ": there is no area layer of that name" +
                              closest_suffix(closest_names(it->parent_layer, layers)));
    }
    const bool geomean = p.combine ? *p.combine == Combine::geomean : p.composite.preset.rfind("geomean", 0) == 0;
    if (geomean && p.scaling == Scaling::zscore)  // before the preset is built, so it is said first
        throw ConfigError("priority: combine = geomean cannot take z-scores: they are negative; use minmax or percentile scaling, or combine = mean");
    composite_spec_for(p);  // an unknown preset, and overrides the preset cannot take
}

CompositeSpec composite_spec_for(const PriorityConfig& p) {
    const auto chosen = ordered_indicators(p);
    CompositeSpec spec = composite_preset(p.composite.preset.empty() ? "meanScaled" : p.composite.preset, names_of(chosen));
    spec.explain = p.composite.explain;
    if (p.combine) spec.combine = *p.combine;
    if (p.missing) spec.missing = *p.missing;
    if (p.outliers) spec.outliers = *p.outliers;
    if (p.top) spec.top_n = *p.top;
    for (std::size_t i = 0; i < chosen.size() && i < spec.indicators.size(); ++i) {
        IndicatorScaling& s = spec.indicators[i];
        if (p.scaling) s.scaling = *p.scaling;
        if (!chosen[i].higher_is_worse) s.reverse = true;
        for (const auto& [n, w] : p.weights)
            if (n == s.name) s.weight = w;
        for (const auto& [n, r] : p.reverse)
            if (n == s.name) s.reverse = r;
        for (const auto& [n, r] : p.ranges)
            if (n == s.name) s.range = r;
        if (spec.combine == Combine::geomean && s.scaling == Scaling::zscore)
            throw ConfigError("priority: combine = geomean cannot take z-scores (indicator " + quote_value(s.name) +
                              "): they are negative; use minmax or percentile scaling, or combine = mean");
    }
    if (p.combine || p.scaling || !p.weights.empty() || !p.reverse.empty() || !p.ranges.empty())
        spec.preset = (p.composite.preset.empty() ? "meanScaled" : p.composite.preset) + " with overrides";
    return spec;
}

std::vector<AttributeTableSpec> with_indicator_fields(const std::vector<AttributeTableSpec>& tables, const PriorityConfig& p) {
    std::vector<AttributeTableSpec> out = tables;
    if (!p.enabled) return out;
    const auto add = [&](const std::string& table, const std::string& field) {
        for (auto& t : out)
            if (t.name == table && std::none_of(t.fields.begin(), t.fields.end(), [&](const AttributeField& f) { return f.column == field; }))
                t.fields.push_back({field, AttributeType::real});
    };
    const auto add_dotted = [&](const std::string& text) {
        if (const auto dot = text.find('.'); dot != std::string::npos) add(text.substr(0, dot), text.substr(dot + 1));
    };
    for (const IndicatorSpec& s : p.indicators) {
        if (s.kind == IndicatorKind::attribute || s.kind == IndicatorKind::count_column) add(s.attributes, s.field);
        if (s.per == IndicatorPer::column) add_dotted(s.per_column);
    }
    add_dotted(p.imd_score);
    add_dotted(p.imd_decile);
    for (const auto& d : p.imd_domains) add_dotted(d);
    return out;
}

std::string priority_ini(const PriorityConfig& p) {
    if (!p.enabled) return "";
    std::ostringstream o;
    const auto line = [&](const std::string& k, const std::string& v) {
        if (!v.empty()) o << k << " = " << v << "\n";
    };
    const auto joined = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : ";") + x;
        return s;
    };
    for (const IndicatorSpec& s : p.indicators) {
        o << "\n[indicator." << s.name << "]\n";
        line("title", s.title);
        line("kind", to_string(s.kind));
        line("sources", joined(s.sources));
        line("categories", joined(s.categories));
        line("where", s.where.text());
        line("window", s.window);
        if (s.per_year) line("per_year", "true");
        if (s.harm_weighted) line("harm_weighted", "true");
        line("attributes", s.attributes);
        line("field", s.field);
        if (s.months > 0) line("months", format_exact(s.months));
        line("per", s.per == IndicatorPer::column ? "column:" + s.per_column : std::string(to_string(s.per)));
        line("numerator", s.numerator);
        line("denominator", s.denominator);
        if (!s.higher_is_worse) line("higher_is_worse", "false");
    }
    for (const HierarchyStep& h : p.hierarchy) {
        o << "\n[hierarchy." << h.name << "]\n";
        line("lookup", h.lookup.empty() ? "" : fs::absolute(h.lookup).lexically_normal().string());
        line("child", h.child_column);
        line("parent", h.parent_column);
        line("parent_name", h.parent_name_column);
        line("layer", h.parent_layer);
    }
    o << "\n[priority]\n";
    line("layer", p.layer);
    line("indicators", joined(p.indicator_order));
    line("preset", p.composite.preset.empty() ? "meanScaled" : p.composite.preset);
    if (p.scaling) line("scaling", to_string(*p.scaling));
    if (p.combine) line("combine", to_string(*p.combine));
    if (p.missing) line("missing", to_string(*p.missing));
    if (p.outliers) line("outliers", to_string(*p.outliers));
    std::string w, r, g;
    for (const auto& [n, v] : p.weights) w += (w.empty() ? "" : ";") + n + ":" + format_exact(v);
    for (const auto& [n, v] : p.reverse) r += (r.empty() ? "" : ";") + n + ":" + (v ? "true" : "false");
    for (const auto& [n, v] : p.ranges) g += (g.empty() ? "" : ";") + n + ":" + format_exact(v.first) + "," + format_exact(v.second);
    line("weights", w);
    line("reverse", r);
    line("range", g);
    if (p.top) line("top", std::to_string(*p.top));
    line("explain", std::to_string(p.composite.explain));
    line("level", format_exact(p.level));
    line("ci", to_string(p.interval));
    line("eb", p.eb_global && p.eb_local ? "global;local" : p.eb_global ? "global" : p.eb_local ? "local" : "none");
    line("neighbours", p.neighbours);
    line("imd_score", p.imd_score);
    line("imd_decile", p.imd_deciles_from == "score" ? "from_score" : p.imd_decile);
    line("imd_domains", joined(p.imd_domains));
    line("hierarchy", joined(p.hierarchy_order));
    line("dashboard_month", p.dashboard_month);
    if (p.grid_cell_m > 0) {
        line("grid_cell", format_exact(p.grid_cell_m));
        line("grid_band", format_exact(p.grid_band_m));
        line("grid_min_bin", std::to_string(p.grid_min_bin));
        line("zone_overlay", joined(p.zone_overlay));
    }
    return o.str();
}

}  // namespace hotspot
