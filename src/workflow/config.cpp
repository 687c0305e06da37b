#include "hotspot/workflow/config.hpp"

#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/ini.hpp"
#include "hotspot/base/option_values.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/workflow/attribute_config.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hotspot {

namespace fs = std::filesystem;

namespace {

// [disclosure] min_count (a threshold of 1 would suppress nothing) and round (0: none).
constexpr CountRange kDisclosureMinCount{2, 1000};
constexpr CountRange kDisclosureRound{0, 100};

// Named in the errors for an unknown section or setting.
constexpr const char* section_list = "analysis, input.NAME, area.NAME, attributes.NAME, measures, measure.NAME, table, density, output, "
                                      "harm, disclosure, priority, indicator.NAME, hierarchy.NAME";

std::string resolve_path(const std::string& value, const std::string& base_dir) {
    if (value.empty() || base_dir.empty() || fs::path(value).is_absolute() || is_connection_string(value)) return value;
    return (fs::path(base_dir) / value).lexically_normal().string();
}

bool parse_bool(const std::string& key, const std::string& value) {
    const std::string v = lowercase(trim(value));
    if (v == "true" || v == "yes" || v == "1" || v == "on") return true;
    if (v == "false" || v == "no" || v == "0" || v == "off") return false;
    throw ConfigError("setting " + key + " = " + quote_value(value) + ": expected true or false");
}

// "setting density.cell_m = '0' is not a number >= 0.001 and <= 1000000"
std::string setting(const std::string& key) { return "setting " + key + " ="; }

double parse_number(const std::string& key, const std::string& value, const RealRange& range) {
    return parse_real(setting(key), value, range);
}

// A path key holds one path or several separated by ';' (a key may not repeat in a section).
void add_paths(std::vector<std::string>& paths, const std::string& key, const std::string& value, const std::string& base_dir) {
    std::size_t added = 0;
    for (const auto& p : split(value, ';'))
        if (!trim(p).empty()) paths.push_back(resolve_path(std::string(trim(p)), base_dir)), ++added;
    if (!added) throw ConfigError(setting(key) + " " + quote_value(value) + ": give a file, folder or glob (several separated by ';')");
}

template <class Spec>
Spec& find_or_add(std::vector<Spec>& specs, const std::string& name) {
    for (auto& s : specs)
        if (s.name == name) return s;
    specs.push_back(Spec{});
    specs.back().name = name;
    return specs.back();
}

void apply_input(InputSpec& in, const std::string& field, const std::string& key, const std::string& value,
                 const std::string& base_dir) {
    ColumnMapping& c = in.columns;
    if (field == "format") in.format = parse_input_format(value);
    else if (field == "path") add_paths(in.paths, key, value, base_dir);
    else if (field == "s_srs") in.s_srs = value;
    else if (field == "layer") in.layer = value;
    else if (field == "weight") in.weight = parse_number(key, value, ranges::weight);
    else if (field == "x") c.x = value;
    else if (field == "y") c.y = value;
    else if (field == "date") c.date = value;
    else if (field == "date_format") c.date_format = value;
    else if (field == "category") c.category = value;
    else if (field == "fixed_category") c.fixed_category = value;
    else if (field == "weight_column") c.weight = value;
    else if (field == "id") c.id = value;
    else if (field == "location") c.location = value;
    else if (field == "separator") {
        if (value.size() != 1 && value != "tab") throw ConfigError("setting " + key + ": the separator must be one character or 'tab'");
        c.separator = value == "tab" ? '\t' : value[0];
    } else throw ConfigError("unknown setting " + quote_value(key));
}

void apply_area(AreaSpec& a, const std::string& field, const std::string& key, const std::string& value,
                const std::string& base_dir) {
    if (field == "path") a.path = resolve_path(value, base_dir);
    else if (field == "layer") a.layer = value;
    else if (field == "id") a.id_field = value;
    else if (field == "name") a.name_field = value;
    else if (field == "population") a.population_field = value;
    else if (field == "s_srs") a.s_srs = value;
    else if (field == "where") a.where = value;
    else throw ConfigError("unknown setting " + quote_value(key));
}

// [measure.NAME]: a named selection for the performance table; lists are separated by ';'.
void apply_measure(MeasureDefinition& m, const std::string& field, const std::string& key, const std::string& value) {
    std::vector<std::string> list;
    for (const auto& item : split(value, ';'))
        if (!trim(item).empty()) list.emplace_back(trim(item));
    if (field == "categories") m.categories = list;
    else if (field == "exclude_categories") m.exclude_categories = list;
    else if (field == "sources") m.sources = list;
    else if (field == "where") m.where = RowFilter::parse(value, "measure " + quote_value(m.name));
    else throw ConfigError("unknown setting " + quote_value(key) + " (a measure has categories, exclude_categories, sources, where)");
}

}  // namespace

void apply_setting(AnalysisConfig& config, const std::string& key, const std::string& raw_value, const std::string& base_dir) {
    const std::string value(trim(raw_value));
    const auto parts = split(key, '.');
    const std::string& section = parts[0];
    if ((section == "input" || section == "area" || section == "attributes" || section == "measure") && parts.size() == 3) {
        if (parts[1].empty()) throw ConfigError("setting " + quote_value(key) + " has an empty name");
        if (section == "measure") return apply_measure(find_or_add(config.table.measures, parts[1]), parts[2], key, value);
        if (section == "attributes")
            apply_attributes_setting(find_or_add(config.attributes, parts[1]), parts[2], key, value, resolve_path(value, base_dir));
        else if (section == "input") apply_input(find_or_add(config.inputs, parts[1]), parts[2], key, value, base_dir);
        else apply_area(find_or_add(config.areas, parts[1]), parts[2], key, value, base_dir);
        return;
    }
    if ((section == "indicator" || section == "hierarchy") && parts.size() == 3 && !parts[1].empty())
        return apply_priority_setting(config.priority, section, parts[1], parts[2], key, value, base_dir);
    if (parts.size() != 2) throw ConfigError("unknown setting " + quote_value(key));
    const std::string& field = parts[1];
    if (section == "priority") return apply_priority_setting(config.priority, section, "", field, key, value, base_dir);
    if (section == "analysis") {
        if (field == "t_srs") config.t_srs = value;
        else if (field == "threads") config.threads = static_cast<unsigned>(parse_count(setting(key), value, ranges::threads));
        else if (field == "extent_margin_m")  // the study area was a box around the first layer until issue 10
            throw ConfigError("setting " + key + " no longer exists: the study area is the union of an area layer's polygons "
                              "(analysis.study_area = LAYER), or a box given as analysis.extent");
        else if (field == "outside_study_area" || field == "outside_extent") {  // outside_extent: the old spelling
            if (value == "reject") config.outside_study_area = OutsideStudyArea::reject;
            else if (value == "keep") config.outside_study_area = OutsideStudyArea::keep;
            else throw ConfigError("setting " + key + " = " + quote_value(value) + ": expected reject or keep");
        } else if (field == "study_area") config.study_area_layer = value;
        else if (field == "keep_outside_rows") config.keep_outside_rows = parse_bool(key, value);
        else if (field == "drop_duplicate_ids") config.drop_duplicate_ids = parse_bool(key, value);
        else if (field == "min_month" || field == "max_month") {
            const auto m = parse_year_month(value);
            if (!m) throw ConfigError("setting " + key + " = " + quote_value(value) + ": expected a month as YYYY-MM");
            (field == "min_month" ? config.months.first : config.months.last) = *m;
        } else if (field == "extent") config.extent = parse_extent(setting(key), value);
        else throw ConfigError("unknown setting " + quote_value(key));
    } else if (section == "measures") {
        if (field == "categories") {
            config.measure_categories_text.clear();
            config.measures.categories.clear();
            for (const auto& c : split(value, ';'))
                if (!trim(c).empty()) config.measures.categories.emplace_back(trim(c));
            config.measure_categories_text = config.measures.categories;
        } else if (field == "base_period") {
            config.base_period_text = value;
            config.measures.base = value.empty() ? std::nullopt : std::optional(parse_period(value));
        } else if (field == "current_period") {
            config.current_period_text = value;
            config.measures.current = value.empty() ? std::nullopt : std::optional(parse_period(value));
        } else if (field == "headline_period") config.measures.headline = parse_headline_choice(key, value);
        else if (field == "level_band_pct") config.measures.level_band_pct = parse_number(key, value, ranges::level_band_pct);
        else if (field == "period_tables") config.measures.period_tables = parse_bool(key, value);
        else throw ConfigError("unknown setting " + quote_value(key));
    } else if (section == "harm") {
        if (field == "table") config.harm.table = value == "none" ? "" : resolve_path(value, base_dir);
        else if (field == "missing") config.harm.missing = parse_harm_missing(value);
        else throw ConfigError("unknown setting " + quote_value(key) + " (harm: table, missing)");
    } else if (section == "disclosure") {
        if (field == "audience") {
            if (value != "public" && value != "analyst") throw ConfigError("setting " + key + " = " + quote_value(value) + ": expected analyst or public");
            config.disclosure.public_audience = value == "public";
        } else if (field == "min_count") config.disclosure.min_count = parse_small_count(setting(key), value, kDisclosureMinCount);
        else if (field == "round") config.disclosure.round_base = parse_small_count(setting(key), value, kDisclosureRound);
        else throw ConfigError("unknown setting " + quote_value(key) + " (disclosure: audience, min_count, round)");
    } else if (section == "table") {
        if (field == "quarter") config.table.quarter = value;
        else if (field == "calendar_quarters") config.table.calendar_quarters = parse_bool(key, value);
        else throw ConfigError("unknown setting " + quote_value(key));
    } else if (section == "density") {
        DensityOptions& d = config.density.options;
        if (field == "kernel") d.kernel = parse_kernel(value);
        else if (field == "bandwidth_m") d.bandwidth_m = parse_number(key, value, ranges::distance_m);
        else if (field == "bandwidth_rule") d.bandwidth_rule = parse_bandwidth_rule(value);
        else if (field == "knn") d.knn_k = parse_count(setting(key), value, ranges::neighbours_k);
        else if (field == "cell_m") d.cell_m = parse_number(key, value, ranges::cell_m);
        else if (field == "values") d.values = parse_density_values(value);
        else if (field == "decay") d.decay = parse_number(key, value, ranges::unit_interval);
        else if (field == "align") {
            if (value != "hotspot" && value != "qgis") throw ConfigError("setting " + key + " = " + quote_value(value) + ": expected hotspot or qgis");
            d.alignment = value == "qgis" ? GridAlignment::qgis : GridAlignment::hotspot;
        } else if (field == "classes") config.density.classes = parse_classes(setting(key), value);
        else throw ConfigError("unknown setting " + quote_value(key));
    } else if (section == "output") {
        if (field == "density") config.output.density = resolve_path(value, base_dir);
        else if (field == "gpkg") config.output.gpkg = resolve_path(value, base_dir);
        else if (field == "table_csv") config.output.table_csv = resolve_path(value, base_dir);
        else if (field == "mbtiles") config.output.mbtiles = resolve_path(value, base_dir);
        else if (field == "xyz") config.output.xyz = resolve_path(value, base_dir);
        else if (field == "pmtiles") config.output.pmtiles = resolve_path(value, base_dir);
        else if (field == "areas_csv") config.output.areas_csv = resolve_path(value, base_dir);
        else if (field == "priority_csv_dir") config.output.priority_csv_dir = resolve_path(value, base_dir);
        else if (field == "incidents_layer") config.output.incidents_layer = parse_bool(key, value);
        else if (field == "qgis_project") config.output.qgis_project = !trim(value).empty() && parse_bool(key, value);  // empty: none, as the paths
        else if (field == "min_zoom") config.output.min_zoom = parse_small_count(setting(key), value, ranges::zoom);
        else if (field == "max_zoom") config.output.max_zoom = parse_small_count(setting(key), value, ranges::zoom);
        else if (field == "overwrite") config.output.overwrite = parse_bool(key, value);
        else if (field == "postgres") {
            if (!is_connection_string(value))
                throw ConfigError("setting " + key + " = " + quote_value(without_password(value)) + ": expected a connection string PG:dbname=...");
            config.output.postgres = value;
        } else if (field == "schema") config.output.postgres_schema = value;
        else throw ConfigError("unknown setting " + quote_value(key));
    } else {
        throw ConfigError("unknown setting " + quote_value(key) + " (sections: " + section_list + ")");
    }
}

namespace {

// [analysis], [measures], [density], [output], [input.NAME], [area.NAME]: anything else is a
// typing error that would otherwise be ignored (an empty [outptu] section has no key to refuse).
void check_section(AnalysisConfig& config, const std::string& name) {
    for (const char* fixed : {"analysis", "measures", "table", "density", "output", "harm", "disclosure"})
        if (name == fixed) return;
    if (name == "priority") return add_priority_section(config.priority, "priority", "");
    for (const std::string prefix : {"indicator.", "hierarchy."})
        if (name.rfind(prefix, 0) == 0 && name.size() > prefix.size() && name.find('.', prefix.size()) == std::string::npos)
            return add_priority_section(config.priority, prefix.substr(0, prefix.size() - 1), name.substr(prefix.size()));
    for (const std::string prefix : {"input.", "area.", "attributes.", "measure."})
        if (name.rfind(prefix, 0) == 0 || name + "." == prefix) {
            const std::string spec = name.size() > prefix.size() ? name.substr(prefix.size()) : "";
            if (spec.empty() || spec.find('.') != std::string::npos)
                throw ConfigError("section [" + name + "] needs one name: [" + prefix + "NAME]");
            // Registered even when empty, so validate() says the section has no path.
            if (prefix == "input.") find_or_add(config.inputs, spec);
            else if (prefix == "area.") find_or_add(config.areas, spec);
            else if (prefix == "measure.") find_or_add(config.table.measures, spec);
            else find_or_add(config.attributes, spec);
            return;
        }
    throw ConfigError("unknown section [" + name + "] (sections: " + section_list + ")");
}

}  // namespace

AnalysisConfig load_config_file(const std::string& path) {
    if (fs::is_directory(path)) throw ConfigError("the configuration file " + quote_value(path) + " is a folder");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError("cannot open the configuration file " + quote_value(path));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw ConfigError("cannot read the configuration file " + quote_value(path));
    AnalysisConfig config;
    config.source_file = fs::absolute(path).lexically_normal().string();
    const std::string base_dir = fs::path(config.source_file).parent_path().string();
    const auto at = [&](std::size_t line) { return path + ":" + std::to_string(line) + ": "; };
    for (const IniSection& section : parse_ini(text.str(), path)) {
        try {
            check_section(config, section.name);
        } catch (const ConfigError& e) {
            throw ConfigError(at(section.line) + e.what());
        }
        for (const IniEntry& e : section.entries) {
            try {
                apply_setting(config, section.name + "." + e.key, e.value, base_dir);
            } catch (const ConfigError& error) {
                throw ConfigError(at(e.line) + error.what());
            }
        }
    }
    return config;
}

Envelope parse_extent(const std::string& what, const std::string& text) {
    const auto v = split(text, ',');
    if (v.size() != 4) throw ConfigError(what + " " + quote_value(text) + ": expected xmin,ymin,xmax,ymax in metres");
    double n[4];
    const char* names[4] = {"xmin", "ymin", "xmax", "ymax"};
    for (int i = 0; i < 4; ++i) n[i] = parse_real(what + " " + names[i], v[static_cast<std::size_t>(i)], ranges::coordinate_m);
    for (int i = 0; i < 2; ++i)
        if (!(n[i] < n[i + 2]))
            throw ConfigError(what + " " + quote_value(text) + ": " + names[i] + " (" + format_exact(n[i]) + ") must be less than " +
                              names[i + 2] + " (" + format_exact(n[i + 2]) + ")");
    return Envelope{n[0], n[1], n[2], n[3]};
}

std::vector<double> parse_classes(const std::string& what, const std::string& text) {
    std::vector<double> classes;
    for (const auto& c : split(text, ','))
        if (!trim(c).empty()) classes.push_back(parse_real(what + " class", c, ranges::percent_open));
    return classes;
}

std::vector<std::string> where_columns(const AnalysisConfig& config) {
    std::vector<std::string> out;
    const auto add = [&](const RowFilter& f) {
        for (const auto& c : f.columns())
            if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    };
    for (const auto& m : config.table.measures) add(m.where);
    for (const auto& s : config.priority.indicators) add(s.where);
    return out;
}

void validate(const AnalysisConfig& config) {
    if (config.inputs.empty() && !config.priority.enabled)  // priority may use attribute indicators only
        throw ConfigError("no inputs: give at least one [input.NAME] section or --police/--input");
    for (const auto& in : config.inputs) {
        if (in.paths.empty()) throw ConfigError("input " + quote_value(in.name) + " has no path");
        if (in.format == InputFormat::csv && (in.columns.x.empty() || in.columns.y.empty() || in.columns.date.empty()))
            throw ConfigError("input " + quote_value(in.name) + " (csv) needs x, y and date columns");
        if (in.weight < 0) throw ConfigError("input " + quote_value(in.name) + " has a negative weight");
    }
    for (const auto& a : config.areas)
        if (a.path.empty()) throw ConfigError("area layer " + quote_value(a.name) + " has no path");
    std::vector<std::string> layers;
    for (const auto& a : config.areas) layers.push_back(a.name);
    validate_attributes(with_indicator_fields(config.attributes, config.priority), layers);
    validate_priority(config.priority, layers, config.attributes, !config.inputs.empty());
    if (config.measures.base.has_value() != config.measures.current.has_value())
        throw ConfigError("measures: give both base_period and current_period, or neither");
    if (config.output.min_zoom < 0 || config.output.max_zoom > 22 || config.output.min_zoom > config.output.max_zoom)
        throw ConfigError("output: zoom levels must satisfy 0 <= min_zoom <= max_zoom <= 22");
    if (!config.study_area_layer.empty()) {
        if (config.extent) throw ConfigError("give analysis.study_area (a layer) or analysis.extent (a box), not both");
        std::vector<std::string> names;
        for (const auto& a : config.areas) names.push_back(a.name);
        if (std::find(names.begin(), names.end(), config.study_area_layer) == names.end())
            throw ConfigError("analysis.study_area = " + quote_value(config.study_area_layer) + ": there is no area layer of that name" +
                              closest_suffix(closest_names(config.study_area_layer, names)));
    }
    if (config.months.first > config.months.last)
        throw ConfigError("analysis.min_month " + month_label(config.months.first) + " is after analysis.max_month " +
                          month_label(config.months.last));
    if (!config.output.density.empty()) {
        const DensityOptions& d = config.density.options;
        if (!(d.cell_m > 0)) throw ConfigError("output.density needs density.cell_m (metres)");
        if (d.bandwidth_rule == BandwidthRule::fixed && !(d.bandwidth_m > 0))
            throw ConfigError("output.density needs density.bandwidth_m (metres) or density.bandwidth_rule");
    }
}

namespace {
void line(std::ostringstream& o, const std::string& key, const std::string& value) {
    if (!value.empty()) o << key << " = " << value << "\n";
}
std::string absolute(const std::string& p) {
    if (is_connection_string(p)) return without_password(p);  // the report never holds a password
    return p.empty() ? p : fs::absolute(p).lexically_normal().string();
}
}  // namespace

std::string to_ini(const AnalysisConfig& c) {
    std::ostringstream o;
    o << "[analysis]\n";
    line(o, "t_srs", c.t_srs);
    line(o, "threads", std::to_string(c.threads));
    if (c.extent) line(o, "extent", format_fixed(c.extent->min_x, 3) + "," + format_fixed(c.extent->min_y, 3) + "," +
                                        format_fixed(c.extent->max_x, 3) + "," + format_fixed(c.extent->max_y, 3));
    line(o, "study_area", c.study_area_layer);
    line(o, "outside_study_area", c.outside_study_area == OutsideStudyArea::reject ? "reject" : "keep");
    line(o, "keep_outside_rows", c.keep_outside_rows ? "true" : "false");
    line(o, "drop_duplicate_ids", c.drop_duplicate_ids ? "true" : "false");
    line(o, "min_month", month_label(c.months.first));
    line(o, "max_month", month_label(c.months.last));
    for (const auto& in : c.inputs) {
        o << "\n[input." << in.name << "]\n";
        line(o, "format", to_string(in.format));
        std::string paths;
        for (const auto& p : in.paths) paths += (paths.empty() ? "" : "; ") + absolute(p);
        line(o, "path", paths);
        line(o, "s_srs", in.s_srs);
        line(o, "layer", in.layer);
        line(o, "weight", format_fixed(in.weight, 6));
        line(o, "x", in.columns.x);
        line(o, "y", in.columns.y);
        line(o, "date", in.columns.date);
        if (in.format != InputFormat::police_uk) line(o, "date_format", in.columns.date_format);
        line(o, "category", in.columns.category);
        line(o, "fixed_category", in.columns.fixed_category);
        line(o, "weight_column", in.columns.weight);
        line(o, "id", in.columns.id);
        line(o, "location", in.columns.location);
        if (in.columns.separator != ',') line(o, "separator", in.columns.separator == '\t' ? "tab" : std::string(1, in.columns.separator));
    }
    for (const auto& a : c.areas) {
        o << "\n[area." << a.name << "]\n";
        line(o, "path", absolute(a.path));
        line(o, "layer", a.layer);
        line(o, "id", a.id_field);
        line(o, "name", a.name_field);
        line(o, "population", a.population_field);
        line(o, "s_srs", a.s_srs);
        line(o, "where", a.where);
    }
    o << attributes_ini(c.attributes);
    o << "\n[measures]\n";
    std::string cats;
    for (const auto& cat : c.measures.categories) cats += (cats.empty() ? "" : ";") + cat;
    line(o, "categories", cats);
    if (c.measures.base) line(o, "base_period", c.measures.base->label);
    if (c.measures.current) line(o, "current_period", c.measures.current->label);
    line(o, "headline_period", headline_setting(c.measures.headline));
    line(o, "level_band_pct", format_fixed(c.measures.level_band_pct, 3));
    line(o, "period_tables", c.measures.period_tables ? "true" : "false");
    o << "\n[table]\n";
    line(o, "quarter", c.table.quarter);
    line(o, "calendar_quarters", c.table.calendar_quarters ? "true" : "false");
    for (const auto& m : c.table.measures) {
        o << "\n[measure." << m.name << "]\n";
        const auto joined = [](const std::vector<std::string>& v) {
            std::string s;
            for (const auto& x : v) s += (s.empty() ? "" : ";") + x;
            return s;
        };
        line(o, "categories", joined(m.categories));
        line(o, "exclude_categories", joined(m.exclude_categories));
        line(o, "sources", joined(m.sources));
        line(o, "where", m.where.text());
    }
    if (!c.harm.table.empty()) {
        o << "\n[harm]\n";
        line(o, "table", absolute(c.harm.table));
        line(o, "missing", to_string(c.harm.missing));
    }
    if (c.disclosure.public_audience) {
        o << "\n[disclosure]\n";
        line(o, "audience", "public");
        line(o, "min_count", std::to_string(c.disclosure.min_count));
        line(o, "round", std::to_string(c.disclosure.round_base));
    }
    o << "\n[density]\n";
    const DensityOptions& d = c.density.options;
    line(o, "kernel", to_string(d.kernel));
    line(o, "bandwidth_rule", to_string(d.bandwidth_rule));
    if (d.bandwidth_m > 0) line(o, "bandwidth_m", format_fixed(d.bandwidth_m, 3));
    if (d.bandwidth_rule == BandwidthRule::adaptive_knn) line(o, "knn", std::to_string(d.knn_k));
    if (d.cell_m > 0) line(o, "cell_m", format_fixed(d.cell_m, 3));
    line(o, "values", to_string(d.values));
    line(o, "align", d.alignment == GridAlignment::qgis ? "qgis" : "hotspot");
    if (d.kernel == Kernel::triangular) line(o, "decay", format_fixed(d.decay, 6));
    std::string classes;
    for (double p : c.density.classes) {
        if (!classes.empty()) classes += ',';
        classes += format_fixed(p, 3);
    }
    line(o, "classes", classes);
    o << "\n[output]\n";
    if (!c.output.gpkg_staged) line(o, "gpkg", absolute(c.output.gpkg));
    line(o, "postgres", absolute(c.output.postgres));
    if (!c.output.postgres.empty()) line(o, "schema", c.output.postgres_schema);
    line(o, "density", absolute(c.output.density));
    line(o, "table_csv", absolute(c.output.table_csv));
    line(o, "mbtiles", absolute(c.output.mbtiles));
    line(o, "xyz", absolute(c.output.xyz));
    line(o, "pmtiles", absolute(c.output.pmtiles));
    line(o, "areas_csv", absolute(c.output.areas_csv));
    line(o, "priority_csv_dir", absolute(c.output.priority_csv_dir));
    line(o, "incidents_layer", c.output.incidents_layer ? "true" : "false");
    line(o, "qgis_project", c.output.qgis_project ? "true" : "false");
    line(o, "min_zoom", std::to_string(c.output.min_zoom));
    line(o, "max_zoom", std::to_string(c.output.max_zoom));
    line(o, "overwrite", c.output.overwrite ? "true" : "false");
    o << priority_ini(c.priority);
    return o.str();
}

AreaSpec parse_area_argument(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw ConfigError("--area " + quote_value(text) + ": expected NAME=PATH[,layer=L][,id=F][,name=F][,population=F][,s_srs=CRS][,where=FILTER]");
    AreaSpec a;
    a.name = text.substr(0, eq);
    const auto parts = split(std::string_view(text).substr(eq + 1), ',');
    a.path = parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const auto kv = parts[i].find('=');
        if (kv == std::string::npos) throw ConfigError("--area " + quote_value(text) + ": " + quote_value(parts[i]) + " is not key=value");
        apply_area(a, parts[i].substr(0, kv), "--area " + parts[i].substr(0, kv), parts[i].substr(kv + 1), "");
    }
    return a;
}

}  // namespace hotspot
