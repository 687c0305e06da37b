// hotspot table: the partnership performance table (latest quarter, same quarter last year,
// previous quarter, year to date and last year to date, difference, direction, rate and
// rank) for the whole study area and every area of every layer, as CSV and GeoPackage.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/performance_table_output.hpp"
#include "hotspot/workflow/table_workflow.hpp"

#include <iostream>

namespace hotspot::cli {

namespace {

class TableCommand : public Command {
public:
    const char* name() const override { return "table"; }
    const char* synopsis() const override { return "the partnership performance table (quarters, year to date, direction, rate, rank)"; }
    const char* usage() const override {
        return "hotspot table [-c analysis.ini] [--police PATH] [--area NAME=PATH,...] [-o OUT.gpkg] [--csv OUT.csv]\n"
               "              [--quarter \"2025/26 Q2\"] [--calendar-quarters]\n\n"
               "Reads, projects and assigns incidents as `join` does, then counts every measure ([measure.NAME]\n"
               "sections; default: the built-in police.uk measures) for the latest quarter, the same quarter last\n"
               "year, the previous quarter, year to date (April to the end of that quarter) and the same months a\n"
               "year earlier, with difference, % difference, direction (level within measures.level_band_pct),\n"
               "rate per 1,000 residents and rank (year to date), for the whole study area and every area of every\n"
               "layer. Empty cells mean no data in the period, not zero. Writes a GeoPackage (table\n"
               "performance_table, with the incidents, rejects and run report) and/or a CSV.\n";
    }
    po::options_description options() override {
        po::options_description table("Table");
        table.add_options()
            ("csv", po::value<std::string>(&csv_), "write the table as CSV (UTF-8, the report's column order; default output.table_csv)")
            ("quarter", po::value<std::string>(), "the latest quarter: \"2025/26 Q2\" (financial) or \"2025 Q3\" (calendar); "
                                                  "default the latest complete quarter in the data")
            ("calendar-quarters", "name quarters by calendar year (Q1 = January-March) and count the year to date from January");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options(false)).add(output_options(false)).add(table);
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        refuse_postgres_output(config_, vm, "table");
        if (vm.count("quarter")) config_.table.quarter = vm["quarter"].as<std::string>();
        if (vm.count("calendar-quarters")) config_.table.calendar_quarters = true;
        if (!config_.table.quarter.empty()) parse_quarter_start(config_.table.quarter);  // refuse a bad quarter before reading
        if (csv_.empty()) csv_ = config_.output.table_csv;  // [output] table_csv, as `run` uses it
        config_.output.table_csv.clear();
        validate(config_);
        if (config_.areas.empty()) throw ConfigError("table needs at least one area layer ([area.NAME] or --area)");
        if (config_.output.gpkg.empty() && csv_.empty())
            throw ConfigError("table needs an output: -o FILE.gpkg and/or --csv FILE.csv");
        config_.output.mbtiles.clear();
        config_.output.xyz.clear();
        config_.output.pmtiles.clear();
        config_.output.density.clear();
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        OutputSet outputs(config_.output.overwrite, input_files(config_));  // every target checked before the work
        claim_analysis_outputs(outputs, config_);
        outputs.claim(csv_, OutputKind::table_csv);
        report_removed_leftovers(outputs);
        AnalysisResult result = run_analysis(config_, AnalysisScope::join, progress);
        progress("performance table", 0.8);
        const PerformanceTable table = performance_table_of(result, config_);
        report_performance_table(table, result.report);
        print_warnings(result.report);
        if (!csv_.empty()) result.report.add("output", "csv", csv_);
        write_outputs(result, config_, outputs, progress);
        if (!config_.output.gpkg.empty()) append_performance_table(table, outputs.temporary(config_.output.gpkg), config_.output.gpkg);
        if (!csv_.empty()) write_performance_table_csv(table, outputs.temporary(csv_), csv_);
        outputs.publish();
        progress("done", 1.0);
        if (!quiet_) {
            print_summary(result, !config_.output.gpkg.empty(), config_);
            std::cout << "table:        " << table.rows.size() << " rows (" << table.measures.size() << " measures), latest quarter "
                      << table.headings[table_period::latest_quarter] << ", " << table.comparison << "\n";
            if (!csv_.empty()) std::cout << "csv:          " << csv_ << "\n";
        }
        return 0;
    }

private:
    bool quiet_ = false;
    std::string csv_;
    AnalysisConfig config_;
};

}  // namespace

std::unique_ptr<Command> make_table_command() { return std::make_unique<TableCommand>(); }

}  // namespace hotspot::cli
