#include "cli/common_options.hpp"

#include "cli/progress.hpp"
#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/workflow/attribute_config.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <algorithm>
#include <iostream>

namespace hotspot::cli {

po::typed_value<std::string>* number(const char* default_text) {
    auto* v = po::value<std::string>();
    return default_text ? v->default_value(default_text) : v;
}

double real_option(const po::variables_map& vm, const std::string& name, const RealRange& range) {
    return parse_real("--" + name, vm[name].as<std::string>(), range);
}

std::uint64_t count_option(const po::variables_map& vm, const std::string& name, const CountRange& range) {
    return parse_count("--" + name, vm[name].as<std::string>(), range);
}

po::options_description general_options(bool& quiet) {
    po::options_description o("General");
    o.add_options()
        ("help,h", "show this help")
        ("quiet,q", po::bool_switch(&quiet), "print only warnings and errors (no progress, summary or timings)")
        ("threads", number(), "threads to use, 1 to 256 (default, or 0: all cores)")
        ("overwrite", "replace outputs that already exist (never a folder, an input or another kind of file)");
    return o;
}

po::options_description timings_option(bool& timings) {
    po::options_description o("Timings");
    o.add_options()("timings", po::bool_switch(&timings), "print the seconds taken even with -q (for benchmarks)");
    return o;
}

po::options_description analysis_options(bool measures) {
    po::options_description o("Analysis");
    o.add_options()
        ("config,c", po::value<std::string>(), "INI file describing the whole analysis (see docs/config.md)")
        ("t_srs", po::value<std::string>(), "analysis CRS, projected in metres (default EPSG:27700)")
        ("police", po::value<std::vector<std::string>>()->composing(),
         "police.uk street-level CSV(s): file, folder or glob, .csv or .csv.gz (repeatable)")
        ("input,i", po::value<std::vector<std::string>>()->composing(),
         "NAME=PATH[,format=csv|ogr|police.uk][,s_srs=CRS][,x=COL][,y=COL][,date=COL][,category=COL]"
         "[,fixed_category=TEXT][,weight_column=COL][,weight=W]... (repeatable)")
        ("area", po::value<std::vector<std::string>>()->composing(),
         "NAME=PATH[,layer=L][,id=FIELD][,name=FIELD][,population=FIELD][,s_srs=CRS][,where=OGR_FILTER] (repeatable; "
         "features the filter leaves out are counted in the report)")
        ("attributes", po::value<std::vector<std::string>>()->composing(),
         "LAYER=FILE.csv,key=COLUMN[,fields=a;b:real;c:text][,population=COLUMN]: join a CSV to an area layer "
         "by its id; the fields go into every output of the layer (repeatable)")
        ("harm", po::value<std::string>(), "TABLE.csv (category,weight): weight every incident by its category's harm (e.g. ONS Crime "
                                            "Severity Score days); categories the table lacks are refused unless --set harm.missing=one|zero")
        ("study-area", po::value<std::string>(), "LAYER: the study area is the union of this area layer's polygons (default: the first --area)")
        ("extent", po::value<std::string>(), "a box xmin,ymin,xmax,ymax in the analysis CRS as the study area instead of a layer")
        ("outside-study-area", po::value<std::string>(), "reject (default) or keep points outside the study area (old spelling: --outside-extent)")
        ("outside-extent", po::value<std::string>(), "the old spelling of --outside-study-area")
        ("keep-outside-rows", "list rejected rows outside the study area in rejects with their raw text (default: counted per file and month)")
        ("drop-duplicates", "drop rows whose Crime ID was already seen (they are counted and listed in rejects)")
        ("set", po::value<std::vector<std::string>>()->composing(), "SECTION.KEY=VALUE: any config-file setting (repeatable)");
    if (measures)
        o.add_options()
            ("category", po::value<std::vector<std::string>>()->composing(),
             "count only this category in the headline measures (repeatable; default all)")
            ("base-period", po::value<std::string>(), "period to compare from: 2023/24, 2024-Q1, 2024-03, 2024 or A..B")
            ("current-period", po::value<std::string>(), "period to compare to");
    return o;
}

po::options_description period_option() {
    po::options_description o("Selection");
    o.add_options()("period", po::value<std::string>(), "only incidents in this period (2024/25, 2024-Q1, 2024-03, 2024, A..B)");
    return o;
}

std::optional<Period> selected_period(const po::variables_map& vm) {
    if (!vm.count("period")) return std::nullopt;
    return parse_period(vm["period"].as<std::string>());
}

std::vector<std::string> layer_names_option(const std::string& value) {
    std::vector<std::string> names;
    for (const auto& part : split(value, ',')) {
        const std::string name(trim(part));
        if (name.empty()) throw ConfigError("--layers " + quote_value(value) + " has an empty layer name: give names separated by commas, e.g. wards,neighbourhoods");
        if (std::find(names.begin(), names.end(), name) != names.end())
            throw ConfigError("--layers " + quote_value(value) + " names layer " + quote_value(name) + " twice: name each layer once");
        names.push_back(name);
    }
    return names;
}

std::string categories_label(const std::vector<std::string>& categories) {
    std::string s;
    for (const auto& c : categories) s += (s.empty() ? "" : ";") + c;
    return s.empty() ? "all" : s;
}

po::options_description output_options(bool tiles) {
    po::options_description o("Output");
    o.add_options()
        ("output,o", po::value<std::string>(), "output GeoPackage, or a PostGIS database as \"PG:dbname=NAME host=...\"")
        ("of", po::value<std::string>(), "output format: GPKG (default), PostgreSQL (with -o PG:..., output.postgres: the same "
                                         "tables and QGIS styles in a PostGIS database) or none (measure only, write nothing)")
        ("schema", po::value<std::string>(), "PostgreSQL schema of the tables (output.schema; default public)");
    if (tiles)
        o.add_options()
            ("mbtiles", po::value<std::string>(), "also write vector tiles of the area layers to this MBTiles file")
            ("xyz", po::value<std::string>(), "also write uncompressed vector tiles to this {z}/{x}/{y}.pbf folder")
            ("pmtiles", po::value<std::string>(), "also write vector tiles to this PMTiles file, with a MapLibre style NAME.style.json beside it")
            ("areas-csv", po::value<std::string>(), "also write every area layer's measures to this CSV (headers name the period)");
    o.add_options()("no-incidents-layer", "leave the (large) incidents point layer out of the GeoPackage");
    if (tiles) o.add(qgis_project_option());  // run: join, table and priority write no project
    return o;
}

po::options_description qgis_project_option() {
    po::options_description o;
    o.add_options()(no_qgis_project_option, "write no QGIS project (<output stem>.qgz) beside the GeoPackage (output.qgis_project)");
    return o;
}

namespace {

// "NAME=PATH,key=value,..." -> settings "<section>.NAME.path", "<section>.NAME.key".
void apply_named_argument(AnalysisConfig& c, const std::string& section, const std::string& option, const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw ConfigError("--" + option + " " + quote_value(text) + ": expected NAME=PATH[,key=value...]");
    const std::string name = text.substr(0, eq);
    const auto parts = split(std::string_view(text).substr(eq + 1), ',');
    apply_setting(c, section + "." + name + ".path", parts[0], "");
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const auto kv = parts[i].find('=');
        if (kv == std::string::npos) throw ConfigError("--" + option + " " + quote_value(text) + ": " + quote_value(parts[i]) + " is not key=value");
        apply_setting(c, section + "." + name + "." + parts[i].substr(0, kv), parts[i].substr(kv + 1), "");
    }
}

}  // namespace

AnalysisConfig config_from_options(const po::variables_map& vm) {
    AnalysisConfig c = vm.count("config") ? load_config_file(vm["config"].as<std::string>()) : AnalysisConfig{};
    const auto set = [&](const std::string& key, const std::string& value) { apply_setting(c, key, value, ""); };
    if (vm.count("t_srs")) set("analysis.t_srs", vm["t_srs"].as<std::string>());
    if (vm.count("threads")) c.threads = static_cast<unsigned>(count_option(vm, "threads", ranges::threads));
    if (vm.count("police"))
        for (const auto& p : vm["police"].as<std::vector<std::string>>()) {
            set("input.police.format", "police.uk");
            set("input.police.path", p);
        }
    if (vm.count("input"))
        for (const auto& text : vm["input"].as<std::vector<std::string>>()) apply_named_argument(c, "input", "input", text);
    if (vm.count("area"))
        for (const auto& text : vm["area"].as<std::vector<std::string>>()) apply_named_argument(c, "area", "area", text);
    if (vm.count("attributes"))
        for (const auto& text : vm["attributes"].as<std::vector<std::string>>()) {
            const auto eq = text.find('=');
            if (eq == std::string::npos || eq == 0) throw ConfigError("--attributes " + quote_value(text) + ": expected LAYER=FILE.csv,key=COLUMN[,...]");
            const std::string name = attributes_name_for(c.attributes, text.substr(0, eq));
            apply_named_argument(c, "attributes", "attributes", name + text.substr(eq));
            set("attributes." + name + ".layer", text.substr(0, eq));
        }
    if (vm.count("harm")) set("harm.table", vm["harm"].as<std::string>());
    if (vm.count("extent")) c.extent = parse_extent("--extent", vm["extent"].as<std::string>());
    if (vm.count("study-area")) set("analysis.study_area", vm["study-area"].as<std::string>());
    if (vm.count("outside-extent") && vm.count("outside-study-area"))
        throw ConfigError("give --outside-study-area or its old spelling --outside-extent, not both");
    for (const char* name : {"outside-extent", "outside-study-area"})
        if (vm.count(name)) set("analysis.outside_study_area", vm[name].as<std::string>());
    if (vm.count("keep-outside-rows")) set("analysis.keep_outside_rows", "true");
    if (vm.count("drop-duplicates")) set("analysis.drop_duplicate_ids", "true");
    if (vm.count("category")) {
        std::string joined;
        for (const auto& cat : vm["category"].as<std::vector<std::string>>()) {
            // An empty --category would otherwise mean "all": a shell variable that was not set.
            if (trim(cat).empty()) throw ConfigError("--category " + quote_value(cat) + " names no category (leave --category out for all)");
            joined += (joined.empty() ? "" : ";") + cat;
        }
        set("measures.categories", joined);
    }
    if (vm.count("base-period")) set("measures.base_period", vm["base-period"].as<std::string>());
    if (vm.count("current-period")) set("measures.current_period", vm["current-period"].as<std::string>());
    if (vm.count("output")) set("output.gpkg", vm["output"].as<std::string>());
    if (vm.count("mbtiles")) set("output.mbtiles", vm["mbtiles"].as<std::string>());
    if (vm.count("xyz")) set("output.xyz", vm["xyz"].as<std::string>());
    if (vm.count("pmtiles")) set("output.pmtiles", vm["pmtiles"].as<std::string>());
    if (vm.count("areas-csv")) set("output.areas_csv", vm["areas-csv"].as<std::string>());
    if (vm.count("no-incidents-layer")) set("output.incidents_layer", "false");
    if (vm.count(no_qgis_project_option)) set("output.qgis_project", "false");
    if (vm.count("overwrite")) set("output.overwrite", "true");
    if (vm.count("set"))
        for (const auto& kv : vm["set"].as<std::vector<std::string>>()) {
            const auto eq = kv.find('=');
            if (eq == std::string::npos || trim(kv.substr(0, eq)).empty())
                throw ConfigError("--set " + quote_value(kv) + ": expected SECTION.KEY=VALUE");
            set(std::string(trim(kv.substr(0, eq))), kv.substr(eq + 1));
        }
    if (vm.count("of")) {
        const std::string of = lowercase(vm["of"].as<std::string>());
        if (of == "none") {  // measure only: no GeoPackage, tiles or surface
            c.output.gpkg.clear();
            c.output.postgres.clear();
            c.output.mbtiles.clear();
            c.output.xyz.clear();
            c.output.pmtiles.clear();
            c.output.density.clear();
            c.output.table_csv.clear();
            c.output.incidents_layer = false;
        }
        else if (of == "postgresql" || of == "pg") {  // GDAL's driver name, and its PG: prefix
            if (!is_connection_string(c.output.gpkg))
                throw ConfigError("-of PostgreSQL needs a connection string as the output: -o \"PG:dbname=NAME host=...\"");
        } else if (of != "gpkg") throw ConfigError("-of " + quote_value(of) + ": only GPKG, PostgreSQL and none are supported");
        else if (is_connection_string(c.output.gpkg))
            throw ConfigError("-of GPKG needs a file name, not the connection string " + quote_value(without_password(c.output.gpkg)) +
                              ": use -of PostgreSQL");
    }
    if (is_connection_string(c.output.gpkg)) {  // -o PG:...: the tables go to the database, staged in a private GeoPackage
        c.output.postgres = c.output.gpkg;
        c.output.gpkg.clear();
    }
    if (vm.count("schema")) c.output.postgres_schema = vm["schema"].as<std::string>();
    return c;
}

void refuse_postgres_output(AnalysisConfig& c, const po::variables_map& vm, const std::string& command) {
    const bool asked_here = (vm.count("output") && is_connection_string(vm["output"].as<std::string>())) ||
                            (vm.count("of") && lowercase(vm["of"].as<std::string>()) != "gpkg" && lowercase(vm["of"].as<std::string>()) != "none");
    if (!asked_here) {  // [output] postgres of a shared config file is `run`'s, as its tiles are
        c.output.postgres.clear();
        return;
    }
    throw ConfigError(command + " writes a GeoPackage only: -of PostgreSQL (-o PG:...) is for `hotspot run`; "
                          "write " + command + "'s GeoPackage and load it with ogr2ogr, or run `hotspot run`");
}

void print_warnings(const RunReport& report) {
    for (const auto& e : report.entries())
        if (e.section == "warning") message_stream() << "hotspot: warning: " << round_long_decimals(e.value) << "\n";
}

void report_removed_leftovers(const OutputSet& outputs) {
    for (const auto& path : outputs.removed_leftovers()) message_stream() << "hotspot: removed a leftover of an interrupted run: " << path << "\n";
}

void print_summary(const AnalysisResult& r, bool wrote_outputs, const AnalysisConfig& c) {
    const auto& rep = r.report;
    std::cout << "rows read:    " << rep.get("counter", "rows_read") << " from " << rep.get("counter", "files_read") << " files\n"
              << "accepted:     " << r.incidents.size() << "\n"
              << "rejected:     " << rejected_rows(r);
    for (const auto& e : rep.entries())
        if (e.section == "counter" && e.key.rfind("rejected ", 0) == 0) std::cout << "  [" << e.key.substr(9) << " " << e.value << "]";
    std::cout << "\nstudy area:   " << r.study_area.description;
    if (!r.outside_counted.empty())
        std::cout << "\n              (" << total_rows(r.outside_counted) << " rows outside it counted per file and month in "
                  << "outside_study_area, not listed in rejects; --keep-outside-rows lists them)";
    std::cout << "\nduplicate IDs: " << r.duplicates.size() << (c.drop_duplicate_ids ? " (dropped)" : " (kept, listed)") << "\n";
    for (std::size_t l = 0; l < r.layers.size(); ++l)
        std::cout << "layer " << r.layers[l].name() << ": " << r.layers[l].size() << " areas, " << r.assignments[l].inside
                  << " incidents inside, " << r.assignments[l].outside << " outside, " << r.layers[l].problems().size()
                  << " geometry/attribute problems reported\n";
    if (wrote_outputs) {
        if (!c.output.gpkg_staged) std::cout << "output:       " << c.output.gpkg << "\n";
        if (!c.output.postgres.empty())
            std::cout << "PostgreSQL:   " << without_password(c.output.postgres) << ", schema " << c.output.postgres_schema << "\n";
        if (!c.output.mbtiles.empty()) std::cout << "tiles:        " << c.output.mbtiles << "\n";
        if (!c.output.xyz.empty()) std::cout << "tiles (XYZ):  " << c.output.xyz << "/{z}/{x}/{y}.pbf\n";
        if (!c.output.pmtiles.empty()) std::cout << "tiles (PMTiles): " << c.output.pmtiles << "\n";
    }
}

void grid_origin_option(const po::variables_map& vm, std::optional<double>& x, std::optional<double>& y) {
    if (!vm.count("grid-origin")) return;
    const std::string text = vm["grid-origin"].as<std::string>();
    const auto parts = split(text, ',');
    const auto px = parts.size() == 2 ? parse_finite_double(trim(parts[0])) : std::nullopt;
    const auto py = parts.size() == 2 ? parse_finite_double(trim(parts[1])) : std::nullopt;
    if (!px || !py) throw ConfigError("--grid-origin " + quote_value(text) + ": expected X,Y in the analysis CRS, metres");
    x = px, y = py;
}

AnalysisConfig cell_command_config(const po::variables_map& vm, const std::string& command) {
    AnalysisConfig c = config_from_options(vm);
    const bool qgis_project = c.output.qgis_project;
    c.output = OutputOptions{};
    c.output.overwrite = vm.count("overwrite") > 0;
    c.output.qgis_project = qgis_project;
    for (const char* name : {"outside-study-area", "outside-extent"})
        if (vm.count(name) && vm[name].as<std::string>() != "keep")
            throw ConfigError(std::string("--") + name + " " + quote_value(vm[name].as<std::string>()) + ": " + command +
                              " counts every row in the cell holding it (cells whose centre is inside the study area), "
                              "so rows just outside the polygons are kept; leave the option out");
    c.outside_study_area = OutsideStudyArea::keep;  // cells, not polygons, decide what counts
    validate(c);
    return c;
}

void refuse_harm(const AnalysisConfig& c, const std::string& command, const std::string& why) {
    if (!c.harm.table.empty())
        throw ConfigError(command + " counts incidents, not harm: " + why + "; leave out --harm (or the [harm] section)");
}

}  // namespace hotspot::cli
