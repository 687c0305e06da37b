// hotspot run: the whole analysis, from a config file and/or flags, to a GeoPackage
// (and vector tiles when asked).
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/priority_summary.hpp"
#include "cli/progress.hpp"
#include "cli/public_outputs.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/peak_memory.hpp"
#include "hotspot/base/run_report.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/areas_csv.hpp"
#include "hotspot/publish/density_step.hpp"
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/performance_table_output.hpp"
#include "hotspot/publish/postgis_output.hpp"
#include "hotspot/publish/priority_output.hpp"
#include "hotspot/publish/qgis_project.hpp"
#include "hotspot/report/disclosure_gpkg.hpp"
#include "hotspot/workflow/priority_workflow.hpp"
#include "hotspot/workflow/table_workflow.hpp"

#include <cpl_progress.h>

#include <algorithm>
#include <chrono>
#include <iostream>

namespace hotspot::cli {

namespace {

class RunCommand : public Command {
public:
    const char* name() const override { return "run"; }
    const char* synopsis() const override { return "read, project, assign to areas, measure, write GeoPackage (+ tiles)"; }
    const char* usage() const override {
        return "hotspot run [-c analysis.ini] [OPTIONS]\n\n"
               "Runs a whole analysis: reads incidents, projects them to the analysis CRS, assigns them to\n"
               "every area layer, measures each area (counts by category and period, rate per 1,000 residents\n"
               "per year, change, share, location quotient, rank: the headline measures over one stated period,\n"
               "by default the current period of the comparison) and writes one GeoPackage, styled for QGIS,\n"
               "plus vector tiles when --mbtiles/--xyz are given and the area table as CSV with --areas-csv.\n"
               "A [priority] section adds the priority step (see `hotspot priority`) on the same analysis: its\n"
               "layers go into the GeoPackage, its tables into --priority-csv-dir, its top list to the console.\n"
               "Flags override the config file. Existing outputs are replaced only with --overwrite.\n"
               "--timings prints each step's wall seconds and the process's peak RSS after it (<step>_s,\n"
               "<step>_peak_rss_mib), then run_seconds and peak_rss_mib, for tools/bench-national.\n";
    }
    po::options_description options() override {
        po::options_description all;
        po::options_description headline("Headline measures");
        headline.add_options()("headline-period", po::value<std::string>(),
                               "period of count, rate (per 1,000 residents per year), share, lq, rank and n_*: a period as "
                               "--base-period takes, or 'all' (default: the current period; without a comparison the latest "
                               "12 months)");
        po::options_description table("Performance table");
        table.add_options()("table-csv", po::value<std::string>(),
                            "also write the performance table (see `hotspot table`) as this CSV and into the GeoPackage");
        po::options_description priority("Priority step ([priority] section)");
        priority.add_options()("priority-csv-dir", po::value<std::string>(),
                               "also write the priority tables (priority_areas.csv, ...; see `hotspot priority --csv-dir`) into "
                               "this folder (output.priority_csv_dir)");
        po::options_description disclosure("Public outputs ([disclosure] section)");
        disclosure.add_options()("audience", po::value<std::string>(),
                                 "analyst (default) or public: no incident points or record-level tables, counts 1..min-count-1 "
                                 "suppressed (NULL) with complementary cells so no total gives them away, a disclosure table")(
            "min-count", po::value<std::string>(), "smallest count a public output shows (default 10, as ONS output checking)")(
            "round", po::value<std::string>(), "round the counts a public output shows to this base (e.g. 5; default 0: none)");
        all.add(general_options(quiet_)).add(analysis_options()).add(headline).add(output_options()).add(table).add(priority).add(disclosure)
            .add(timings_option(timings_));
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        if (vm.count("headline-period")) apply_setting(config_, "measures.headline_period", vm["headline-period"].as<std::string>(), "");
        if (vm.count("table-csv")) config_.output.table_csv = vm["table-csv"].as<std::string>();
        if (vm.count("priority-csv-dir")) config_.output.priority_csv_dir = vm["priority-csv-dir"].as<std::string>();
        if (!config_.output.priority_csv_dir.empty() && !config_.priority.enabled)
            throw ConfigError("output.priority_csv_dir (--priority-csv-dir) needs a [priority] section: there is no priority step to write");
        if (vm.count("audience")) apply_setting(config_, "disclosure.audience", vm["audience"].as<std::string>(), "");
        if (vm.count("min-count")) apply_setting(config_, "disclosure.min_count", vm["min-count"].as<std::string>(), "");
        if (vm.count("round")) apply_setting(config_, "disclosure.round", vm["round"].as<std::string>(), "");
        refuse_unprotected_outputs(config_);
        validate(config_);
        // The [priority] step works on this run's analysis: its indicator columns are joined with the
        // layers, and its configuration is refused here, before any data is read.
        if (config_.priority.enabled) config_ = priority_analysis_config(config_, config_.priority);
        if (config_.areas.empty()) throw ConfigError("run needs at least one area layer ([area.NAME] or --area)");
        if (config_.output.gpkg.empty() && config_.output.postgres.empty() && !vm.count("of"))
            throw ConfigError("run needs an output: -o FILE.gpkg, -o PG:... (a PostGIS database), [output] gpkg = ..., or -of none");
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        const auto t0 = std::chrono::steady_clock::now();
        std::optional<StagingFolder> staging;  // -of PostgreSQL alone: the GeoPackage is written first, privately
        if (!config_.output.postgres.empty() && config_.output.gpkg.empty()) {
            staging.emplace();
            config_.output.gpkg = (staging->path() / "run.gpkg").string();
            config_.output.gpkg_staged = true;
        }
        OutputSet outputs(config_.output.overwrite, input_files(config_));  // every target checked before the work
        claim_analysis_outputs(outputs, config_);
        claim_qgis_project(outputs, config_.output.gpkg, config_.output.qgis_project);
        claim_density_outputs(outputs, config_.output.density, !config_.density.classes.empty());
        claim_areas_csv(outputs, config_);
        outputs.claim(config_.output.table_csv, OutputKind::table_csv);
        claim_priority_csvs(outputs, config_.output.priority_csv_dir);
        report_removed_leftovers(outputs);
        if (!config_.output.postgres.empty())  // an unreachable database fails now, not after the analysis
            check_postgres_target(PostgresTarget{config_.output.postgres, config_.output.postgres_schema, config_.output.overwrite});
        AnalysisResult analysed = run_analysis(config_, AnalysisScope::full, progress);
        std::optional<PriorityResult> priority;  // the [priority] step, on this analysis: its layers go into the GeoPackage
        if (config_.priority.enabled) {
            priority = run_priority(config_, config_.priority, std::move(analysed), progress);
            report_priority(*priority, priority->analysis.report);
            write_priority_csvs(*priority, config_.output.priority_csv_dir, outputs);  // before the GeoPackage, so its report records them
        }
        AnalysisResult& result = priority ? priority->analysis : analysed;
        std::optional<PerformanceTable> table;  // the table step, when output.table_csv is set
        if (!config_.output.table_csv.empty()) {
            StepTimer timer(result.report, "table");
            table = performance_table_of(result, config_);
            report_performance_table(*table, result.report);
            result.report.add("output", "table_csv", config_.output.table_csv);
        }
        print_warnings(result.report);
        run_density_step(result, config_, outputs);  // before the GeoPackage, so the report records it
        {
            StepTimer timer(result.report, "areas_csv");
            write_areas_csv(result, config_, outputs);  // so does this
        }
        {
            StepTimer timer(result.report, "outputs");  // its run report holds the timings up to here
            write_outputs(result, config_, outputs, progress);
        }
        std::optional<DisclosureSummary> disclosure;  // public: the GeoPackages protected in place before they are published
        if (config_.disclosure.public_audience) disclosure = protect_public_outputs(result, config_, outputs);
        if (table) {
            if (!config_.output.gpkg.empty()) append_performance_table(*table, outputs.temporary(config_.output.gpkg), config_.output.gpkg);
            write_performance_table_csv(*table, outputs.temporary(config_.output.table_csv), config_.output.table_csv);
        }
        if (priority && !config_.output.gpkg.empty())
            append_priority_layers(*priority, outputs.temporary(config_.output.gpkg), config_.output.gpkg);
        write_qgis_project(project_content(result), outputs);  // last: it lists what the GeoPackages hold
        if (!config_.output.postgres.empty()) {  // one transaction, committed before the files are published
            progress("PostgreSQL", 0.0);
            copy_geopackage_to_postgres(outputs.temporary(config_.output.gpkg),
                                        PostgresTarget{config_.output.postgres, config_.output.postgres_schema, config_.output.overwrite});
        }
        outputs.publish();
        progress("done", 1.0);
        if (timings_) print_timings(result.report, std::chrono::steady_clock::now() - t0);
        if (!quiet_) {
            print_summary(result, !config_.output.gpkg.empty(), config_);
            if (!result.measures.empty() && result.measures.front().headline_period)
                std::cout << "headline:     " << result.measures.front().headline_label() << ", "
                          << result.measures.front().headline_basis << "; rates per 1,000 residents per year\n";
            if (!config_.output.areas_csv.empty()) std::cout << "areas CSV:    " << config_.output.areas_csv << "\n";
            if (!config_.output.density.empty()) std::cout << "density:      " << config_.output.density << " (+ .qml, _classes.gpkg)\n";
            if (priority) print_priority_summary(*priority, std::cout);
            if (disclosure) std::cout << describe(*disclosure, disclosure_rule(config_)) << "\n";
            if (outputs.claimed(qgis_project_path(config_.output.gpkg))) std::cout << "QGIS project: " << qgis_project_path(config_.output.gpkg) << "\n";
            if (!config_.output.priority_csv_dir.empty()) std::cout << "priority CSV: " << config_.output.priority_csv_dir << "\n";
        }
        return 0;
    }

private:
    // Steps in the order they ran; a step that runs once per layer would repeat its key.
    static void print_timings(const RunReport& report, std::chrono::duration<double> took) {
        for (const ReportEntry& e : report.entries())
            if (e.section == "timing") std::cout << e.key << ": " << e.value << "\n";
        std::cout << "run_seconds: " << format_fixed(took.count(), 3) << "\n"
                  << "peak_rss_mib: " << peak_rss_mib() << "\n";
    }

    // The GeoPackage's layers, the study area first among the areas, and the density surface.
    QgisProjectContent project_content(const AnalysisResult& result) const {
        QgisProjectContent c{config_.output.gpkg, {}, {}, {}, config_.t_srs};
        for (std::size_t l = 0; l < result.layers.size() && l < result.measures.size(); ++l) c.area_layers.push_back(result.layers[l].name());
        const auto study = std::find(c.area_layers.begin(), c.area_layers.end(), config_.study_area_layer);
        if (study != c.area_layers.end()) std::rotate(c.area_layers.begin(), study, study + 1);
        if (!config_.output.density.empty()) {
            if (!config_.density.classes.empty()) c.more_gpkgs.push_back(classes_path(config_.output.density));
            c.rasters.push_back({config_.output.density});
        }
        return c;
    }

    bool quiet_ = false, timings_ = false;
    AnalysisConfig config_;
};

}  // namespace

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

}  // namespace hotspot::cli
