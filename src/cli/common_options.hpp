#pragma once
// Option groups shared by subcommands, and turning them into an AnalysisConfig.
#include "cli/command.hpp"
#include "hotspot/base/option_values.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot::cli {

// Numeric flags are taken as text and parsed by base/option_values, not by Boost: Boost reads
// "-1" into an unsigned as 2^64 - 1 and has no ranges. number() declares one, the others
// read it back (name without the dashes); "--name" is used in messages.
po::typed_value<std::string>* number(const char* default_text = nullptr);
double real_option(const po::variables_map& vm, const std::string& name, const RealRange& range);
std::uint64_t count_option(const po::variables_map& vm, const std::string& name, const CountRange& range);
// The analysis of a command that counts rows in square cells (evaluate, emerging): every row is
// kept and counts in the cell holding it, so --outside-study-area other than keep is refused.
AnalysisConfig cell_command_config(const po::variables_map& vm, const std::string& command);
// Refuses (ConfigError) a [harm] table for a command that counts rows, saying why.
void refuse_harm(const AnalysisConfig& c, const std::string& command, const std::string& why);
// --grid-origin X,Y (metres in the analysis CRS) into x and y, when given; refused naming the value.
void grid_origin_option(const po::variables_map& vm, std::optional<double>& x, std::optional<double>& y);

// -q prints only warnings and errors; with it, nothing of a successful run reaches stdout.
po::options_description general_options(bool& quiet);
// --timings: the seconds a command measures ("gistar_seconds: 0.12") printed with -q too, for
// tools/bench-*; without -q they are printed anyway, after the summary.
po::options_description timings_option(bool& timings);
// measures = false leaves out --category, --base-period and --current-period (join measures nothing).
po::options_description analysis_options(bool measures = true);
// tiles = false leaves out --mbtiles and --xyz (join writes no tiles).
po::options_description output_options(bool tiles = true);
// --no-qgis-project: no <stem>.qgz beside the GeoPackage (run, sites, stats, emerging).
inline constexpr const char* no_qgis_project_option = "no-qgis-project";
po::options_description qgis_project_option();
// --period: only the incidents of one period (density, sites, stats).
po::options_description period_option();
std::optional<Period> selected_period(const po::variables_map& vm);
// --layers "wards,neighbourhoods" as names (spaces around a name dropped); refuses (ConfigError)
// an empty name and a layer named twice, which would be drawn and tiled twice.
std::vector<std::string> layer_names_option(const std::string& value);
// The chosen categories as "A;B", or "all", for reports.
std::string categories_label(const std::vector<std::string>& categories);

// Builds the configuration: the config file (-c) first, then flags on top of it.
AnalysisConfig config_from_options(const po::variables_map& vm);
// -of PostgreSQL (-o PG:...) is written by `hotspot run` only so far: the other commands with -o
// refuse it rather than write nothing; a config file's output.postgres is left to `run`.
void refuse_postgres_output(AnalysisConfig& c, const po::variables_map& vm, const std::string& command);

// Warns (stderr) about the leftovers of killed runs that claiming the outputs removed.
void report_removed_leftovers(const OutputSet& outputs);

// Prints the run report's warnings (stderr), each as "hotspot: warning: ...".
void print_warnings(const RunReport& report);

// Prints the run's counters as a short summary (stdout).
void print_summary(const AnalysisResult& result, bool wrote_outputs, const AnalysisConfig& config);

}  // namespace hotspot::cli
