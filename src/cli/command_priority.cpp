// hotspot priority: priority neighbourhoods. Indicators per area (incident counts and rates,
// attribute columns, published counts, ratios), over-representation against the city rate
// with confidence intervals, Empirical Bayes rates, a composite index with its top N, what
// drives each area and how stable its rank is, deprivation beside it, the roll-up through a
// hierarchy of areas and the monthly dashboard; as GeoPackage layers and CSV tables.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
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

// Every table publish/priority_output may write (its header lists them); a run writes those priority_csv_names gives.
const std::vector<std::string> all_csv_names = {"priority_areas.csv", "priority_top.csv", "indicators_long.csv",
                                                "over_representation.csv", "deprivation_profile.csv", "missing_values.csv",
                                                "hierarchy_rollup.csv", "dashboard.csv", "zone_area_shares.csv"};

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
               "attribute: a column of an [attributes.NAME] table; count_column: a published count over `months`;\n"
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
            ("csv-dir", po::value<std::string>(&csv_dir_), "also write the CSV tables (priority_areas.csv, ...) into this folder");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options(false)).add(output_options(false)).add(p);
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
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
        validate(config_);
        if (config_.areas.empty()) throw ConfigError("priority needs at least one area layer ([area.NAME] or --area)");
        if (config_.output.gpkg.empty() && csv_dir_.empty()) throw ConfigError("priority needs an output: -o FILE.gpkg and/or --csv-dir DIR");
        config_.output.mbtiles.clear();
        config_.output.xyz.clear();
        config_.output.density.clear();
        config_.output.areas_csv.clear();
        config_.output.table_csv.clear();
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        std::vector<std::string> inputs = input_files(config_);
        for (const auto& h : config_.priority.hierarchy)
            if (!h.lookup.empty()) inputs.push_back(h.lookup);
        OutputSet outputs(config_.output.overwrite, inputs);  // every target checked before the work
        claim_analysis_outputs(outputs, config_);
        // Every table is claimed (checked) before the work and written, header-only when empty.
        const std::vector<std::string> csvs = csv_dir_.empty() ? std::vector<std::string>{} : all_csv_names;
        for (const auto& name : csvs) outputs.claim(csv_path(name), OutputKind::priority_csv);
        report_removed_leftovers(outputs);
        PriorityResult result = run_priority(config_, config_.priority, progress);
        report_priority(result, result.analysis.report);
        if (!csv_dir_.empty()) result.analysis.report.add("output", "priority_csv_dir", csv_dir_);
        print_warnings(result.analysis.report);
        write_outputs(result.analysis, config_, outputs, progress);
        if (!config_.output.gpkg.empty()) append_priority_layers(result, outputs.temporary(config_.output.gpkg), config_.output.gpkg);
        if (!csv_dir_.empty() && priority_csv_names(result) != csvs) throw Error("internal error: the priority tables differ from those claimed before the work");
        for (const auto& name : csvs) write_priority_csv(result, name, outputs.temporary(csv_path(name)));
        outputs.publish();
        progress("done", 1.0);
        if (!quiet_) summary(result);
        return 0;
    }

private:
    std::string csv_path(const std::string& name) const { return (std::filesystem::path(csv_dir_) / name).string(); }
    void summary(const PriorityResult& r) const {
        const CompositeResult& c = r.composite;
        std::cout << "layer:        " << r.analysis.layers[r.layer].name() << " (" << r.indicators.area_ids.size() << " areas, "
                  << r.indicators.indicators.size() << " indicators)\n";
        std::cout << "index:        " << c.spec.preset << ", " << (c.index.size() - c.dropped.size()) << " areas indexed, "
                  << c.dropped.size() << " dropped (missing values)\n";
        std::string top;
        for (std::size_t k = 0; k < c.top.size() && k < 5; ++k) top += (k ? ", " : "") + r.indicators.area_ids[c.top[k]];
        std::cout << "top " << c.top.size() << ":       " << top << (c.top.size() > 5 ? ", ..." : "") << "\n";
        if (const auto tie = top_cut_tie(c))
            std::cout << "              " << tie->areas << " areas tie at rank " << tie->rank << " across the cut (" << tie->inside
                      << " of them in the top " << c.top.size() << ", by area code; see tied_at_cut)\n";
        for (const IndicatorRisk& k : r.risks)
            std::cout << "over:         " << k.indicator << ": " << k.over.above << " areas above the city rate (" << format_significant(k.over.city_rate * k.rate_scale, 6)
                      << " " << k.rate_unit << ")\n";
        if (!config_.output.gpkg.empty()) std::cout << "output:       " << config_.output.gpkg << "\n";
        if (!csv_dir_.empty()) std::cout << "csv:          " << csv_dir_ << "\n";
    }

    bool quiet_ = false;
    std::string csv_dir_;
    AnalysisConfig config_;
};

}  // namespace

std::unique_ptr<Command> make_priority_command() { return std::make_unique<PriorityCommand>(); }

}  // namespace hotspot::cli
