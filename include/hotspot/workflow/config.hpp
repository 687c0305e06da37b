#pragma once
// AnalysisConfig: everything a run needs, from an INI file, command-line flags or both.
// It is written back as INI into the run report, so any output can be re-run.
#include "hotspot/density/density.hpp"
#include "hotspot/geo/areas.hpp"
#include "hotspot/measure/harm_weights.hpp"
#include "hotspot/measure/measures.hpp"
#include "hotspot/measure/performance_table.hpp"
#include "hotspot/read/attribute_table.hpp"
#include "hotspot/read/inputs.hpp"
#include "hotspot/workflow/priority_config.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

// What happens to points outside the study area (analysis.outside_study_area).
enum class OutsideStudyArea { reject, keep };

struct OutputOptions {
    std::string gpkg;          // the GeoPackage; empty: write nothing
    std::string mbtiles;       // vector tiles as one MBTiles file; empty: none
    std::string xyz;           // vector tiles as an uncompressed {z}/{x}/{y}.pbf folder; empty: none
    std::string pmtiles;       // vector tiles as one PMTiles v3 file, with a MapLibre style beside it; empty: none
    std::string areas_csv;     // the area layers' measures as one CSV table; empty: none
    bool incidents_layer = true;
    bool qgis_project = true;  // a QGIS project <stem>.qgz beside the GeoPackage
    int min_zoom = 9;
    int max_zoom = 14;
    bool overwrite = false;    // replace existing outputs (--overwrite); never folders or inputs
    std::string density;       // density surface COG (+ .qml, + _classes.gpkg); empty: none
    std::string table_csv;     // run: also the performance table, as this CSV and in the GeoPackage
    std::string priority_csv_dir;  // the priority tables as CSVs in this folder (priority --csv-dir); empty: none
    // -of PostgreSQL: the GeoPackage's tables and styles copied into this database ("PG:...")
    // and schema; `gpkg` is then a private staging file.
    std::string postgres;
    std::string postgres_schema = "public";
    bool gpkg_staged = false;  // `gpkg` is that staging file, no output of its own
};

// The density step of `run` ([density] section).
struct DensityStep {
    DensityOptions options;
    std::vector<double> classes{1, 5, 10};  // top P % of cells for the classes layer
};

// [harm]: weights per category multiplied into every incident's weight after reading.
struct HarmConfig {
    std::string table;                              // a CSV (category, weight); empty: no harm weighting
    HarmMissing missing = HarmMissing::error;       // a data category the table lacks
};

// [disclosure] (--audience, --min-count, --round): what a public output may show (report/disclosure).
struct DisclosureConfig {
    bool public_audience = false;  // audience = public
    int min_count = 10;            // counts 1..min_count-1 suppressed
    int round_base = 0;            // 0: no rounding; 5: published counts to base 5
};

struct AnalysisConfig {
    std::string t_srs = "EPSG:27700";
    std::vector<InputSpec> inputs;
    std::vector<AreaSpec> areas;
    std::vector<AttributeTableSpec> attributes;  // tables joined to area layers by code
    std::optional<Envelope> extent;     // a box as the study area; default: the polygons of study_area_layer
    std::string study_area_layer;       // analysis.study_area; empty: the first area layer
    OutsideStudyArea outside_study_area = OutsideStudyArea::reject;
    bool keep_outside_rows = false;     // rejected outside rows listed in rejects (raw text), not only counted
    bool drop_duplicate_ids = false;
    MonthRange months = default_month_range();  // analysis.min_month, analysis.max_month
    MeasureOptions measures;
    TableOptions table;  // [table] and [measure.NAME]: the performance table (hotspot table)
    std::vector<std::string> measure_categories_text;  // as given, for the report
    std::string base_period_text, current_period_text;
    OutputOptions output;
    DensityStep density;
    HarmConfig harm;
    DisclosureConfig disclosure;
    PriorityConfig priority;  // [priority], [indicator.NAME], [hierarchy.NAME] (hotspot priority, the priority step of run)
    unsigned threads = 0;  // 0: all cores
    std::string source_file;  // the INI file this came from, if any
};

// Reads an INI file (base/ini.hpp); relative paths in it are taken relative to the file's
// folder. Errors name the file and line.
AnalysisConfig load_config_file(const std::string& path);

// "xmin,ymin,xmax,ymax" in metres, each in range and min < max (--extent, --grid-extent,
// analysis.extent); `what` names the option in messages.
Envelope parse_extent(const std::string& what, const std::string& text);
// "1,5,10": percentages strictly between 0 and 100 (--classes, density.classes); may be empty.
std::vector<double> parse_classes(const std::string& what, const std::string& text);

// Applies one "section.key = value" setting (the INI's own vocabulary); used by the
// file reader and by --set on the command line.
void apply_setting(AnalysisConfig& config, const std::string& key, const std::string& value, const std::string& base_dir);

// Checks what can be checked before touching any data; throws ConfigError.
void validate(const AnalysisConfig& config);
// The columns the measures' and indicators' where filters name: the readers keep these per row.
std::vector<std::string> where_columns(const AnalysisConfig& config);

// The configuration as INI text, exactly as used (absolute paths, defaults filled in).
std::string to_ini(const AnalysisConfig& config);

// "name=path,layer=L,id=F,name=F,population=F,s_srs=C" as given to --area.
AreaSpec parse_area_argument(const std::string& text);

}  // namespace hotspot
