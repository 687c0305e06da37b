// hotspot priority: priority neighbourhoods. Indicators per area (incident counts and rates,
// attribute columns, published counts, ratios), over-representation against the city rate
// with confidence intervals, Empirical Bayes rates, a composite index with its top N, what
// drives each area and how stable its rank is, deprivation beside it, the roll-up through a
// hierarchy of areas and the monthly dashboard; as GeoPackage layers and CSV tables.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/priority_summary.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/priority_output.hpp"
#include "hotspot/workflow/priority_workflow.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

namespace hotspot::cli {

namespace {

class PriorityCommand : public Command {
public:
    const char* name() const override { return "priority"; }
    const char* synopsis() const override { return "priority neighbourhoods: indicators, over-representation, composite index, top N"; }
    const char* usage() const override {
        return "hotspot priority [-c analysis.ini] [--area NAME=PATH,...] [--attributes LAYER=FILE.csv,...] [--police PATH]\n"
               "                 [--indicator \"NAME=key:value,...\"]... [--preset NAME] [--top N] [--layer NAME]\n"
               "                 -o OUT.gpkg [--csv-dir DIR] [--overwrite]\n\n"
               "Builds the indicators of [indicator.NAME] sections and --indicator on one area layer (kind count:\n"
               "incidents by sources, categories and window, per 1,000 residents per year, per km2 or per a column;\n"
               "attribute: a column of an [attributes.NAME] table; count_column: a published count over `window`\n"
               "(e.g. 2024-04..2026-04) or `months`;\n"
               "ratio: of two indicators), then over-representation against the city rate (exact / Byar intervals),\n"
               "Empirical Bayes rates, the composite index ([priority] preset, scaling, weights, reverse, missing),\n"
               "its top N with the indicators behind each area and leave-one-out rank ranges, deprivation, the\n"
               "hierarchy roll-up and monthly dashboard ([hierarchy.NAME]) and optional grid zones. Needs no\n"
               "incident inputs when every indicator comes from attribute tables. Writes a GeoPackage and/or CSVs.\n"
               "Example: --indicator \"asb=categories:Anti-social behaviour,per:1000 residents,window:last 3 financial years\"\n";
    }
    po::options_description options() override {
        po::options_description p("Priority");
        p.add_options()
            ("indicator", po::value<std::vector<std::string>>()->composing(),
             "NAME=key:value,...: an indicator with the keys of [indicator.NAME] (kind, sources, categories (';' between), window, per, "
             "per_year, attributes, field, months, numerator, denominator, higher_is_worse) (repeatable)")
            ("preset", po::value<std::string>(), "the index preset: meanScaled (default), meanPercentile, meanRaw, geomeanScaled, "
                                                 "geomeanPercentile, geomeanRaw, sumFlagsPercentile")
            ("top", number(), "how many areas are the priority areas (default 42)")
            ("layer", po::value<std::string>(), "the area layer indexed (default priority.layer, else the first)")
            ("csv-dir", po::value<std::string>(), "also write the CSV tables (priority_areas.csv, ...) into this folder (output.priority_csv_dir)");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options(false)).add(output_options(false)).add(p);
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        refuse_postgres_output(config_, vm, "priority");
        PriorityConfig& pc = config_.priority;
        pc.enabled = true;
        std::set<std::string> from_option;  // indicator names given by --indicator
        if (vm.count("indicator"))
            for (const auto& text : vm["indicator"].as<std::vector<std::string>>()) {
                IndicatorSpec s = parse_indicator_argument(text);
                // Never replace a section silently: which one the user meant is a guess (refused before any data is read).
                const auto before = std::find_if(pc.indicators.begin(), pc.indicators.end(), [&](const IndicatorSpec& x) { return x.name == s.name; });
                if (before != pc.indicators.end())
                    throw ConfigError("indicator '" + s.name + "' is defined twice (in " +
                                      (from_option.count(s.name) ? std::string("--indicator") : "[indicator." + s.name + "]") + " and --indicator)");
                from_option.insert(s.name);
                pc.indicators.push_back(s);
                if (!pc.indicator_order.empty()) pc.indicator_order.push_back(s.name);
            }
        if (vm.count("preset")) pc.composite.preset = vm["preset"].as<std::string>();
        if (vm.count("top")) pc.top = count_option(vm, "top", CountRange{1, 10'000'000});
        if (vm.count("layer")) pc.layer = vm["layer"].as<std::string>();
        if (vm.count("csv-dir")) config_.output.priority_csv_dir = vm["csv-dir"].as<std::string>();
        validate(config_);
        if (config_.areas.empty()) throw ConfigError("priority needs at least one area layer ([area.NAME] or --area)");
        if (config_.output.gpkg.empty() && config_.output.priority_csv_dir.empty()) throw ConfigError("priority needs an output: -o FILE.gpkg and/or --csv-dir DIR");
        config_.output.mbtiles.clear();
        config_.output.xyz.clear();
        config_.output.pmtiles.clear();
        config_.output.density.clear();
        config_.output.areas_csv.clear();
        config_.output.table_csv.clear();
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        OutputSet outputs(config_.output.overwrite, input_files(config_));  // every target checked before the work
        claim_analysis_outputs(outputs, config_);
        claim_priority_csvs(outputs, config_.output.priority_csv_dir);
        report_removed_leftovers(outputs);
        PriorityResult result = run_priority(config_, config_.priority, progress);
        report_priority(result, result.analysis.report);
        write_priority_csvs(result, config_.output.priority_csv_dir, outputs);  // before the GeoPackage, so its report records them
        print_warnings(result.analysis.report);
        write_outputs(result.analysis, config_, outputs, progress);
        if (!config_.output.gpkg.empty()) append_priority_layers(result, outputs.temporary(config_.output.gpkg), config_.output.gpkg);
        outputs.publish();
        progress("done", 1.0);
        if (!quiet_) summary(result);
        return 0;
    }

private:
    void summary(const PriorityResult& r) const {
        print_priority_summary(r, std::cout);
        if (!config_.output.gpkg.empty()) std::cout << "output:       " << config_.output.gpkg << "\n";
        if (!config_.output.priority_csv_dir.empty()) std::cout << "csv:          " << config_.output.priority_csv_dir << "\n";
    }

    bool quiet_ = false;
    AnalysisConfig config_;
};

}  // namespace

std::unique_ptr<Command> make_priority_command() { return std::make_unique<PriorityCommand>(); }

}  // namespace hotspot::cli
