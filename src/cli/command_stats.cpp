// hotspot stats: Gi* hot spots, Local Moran's I clusters, global Moran's I, concentration
// (Lorenz, Gini, generalized Gini) and the nearest neighbour index, on fishnet cells or an
// area layer, into one styled GeoPackage.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/stats_output.hpp"
#include "hotspot/publish/qgis_project.hpp"

#include <iostream>

namespace hotspot::cli {

namespace {

class StatsCommand : public Command {
public:
    const char* name() const override { return "stats"; }
    const char* synopsis() const override { return "Gi* hot spots, Local Moran's I, concentration (Gini) and nearest neighbour index"; }
    const char* usage() const override {
        return "hotspot stats [-c analysis.ini | --police PATH ...] --units grid --cell 250 --neighbours band:750 -o stats.gpkg\n"
               "hotspot stats -c analysis.ini --units wards --neighbours queen -o wards_stats.gpkg\n"
               "hotspot stats -c analysis.ini --units wards --neighbours queen --value rate -o wards_rates.gpkg\n"
               "hotspot stats -c analysis.ini --units grid --auto -o optimized.gpkg\n\n"
               "Counts the selected incidents (categories, period) per unit: fishnet cells or the polygons of an area\n"
               "layer. Gi* is spdep's localG with the unit itself included and binary weights (ArcGIS Hot Spot Analysis);\n"
               "Local Moran's I uses spdep's conditional moments and conditional permutations; global Moran's I is\n"
               "spdep's moran.test. --auto chooses the cell size and band as ArcGIS's Optimized Hot Spot Analysis does\n"
               "and writes the incremental spatial autocorrelation curve. Every choice is in the run_report table.\n";
    }
    po::options_description options() override {
        po::options_description d("Statistics");
        d.add_options()
            ("output,o", po::value<std::string>(&output_), "output GeoPackage")
            ("units", po::value<std::string>()->default_value("grid"), "grid (fishnet cells) or the name of an area layer")
            ("cell", number(), "grid cell size, metres")
            ("fishnet-cells", po::value<std::string>(), "extent, occupied or areas (default: areas when an area layer is loaded, else extent)")
            ("auto", po::bool_switch(), "choose cell size and distance band from the data (Optimized Hot Spot Analysis); FDR bins styled")
            ("neighbours", po::value<std::string>(), "band:METRES (centre to centre, inclusive), knn:K or queen")
            ("snap", number("0"), "queen contiguity on polygons: boundaries this close (metres) also touch")
            ("statistics", po::value<std::string>()->default_value("all"), "gistar, lisa, moran, concentration, nni (comma separated) or all")
            ("weighted", po::bool_switch(), "analyse weighted incidents (input weights) instead of counts")
            ("value", po::value<std::string>()->default_value("count"),
             "count, or rate: incidents per 1,000 residents (area units with a population, from --area population= or "
             "--attributes ...,population=); areas without a population > 0 are left out and counted")
            ("fdr", po::bool_switch(), "style the FDR-corrected Gi* bins and LISA clusters")
            ("grid-output", po::value<std::string>()->default_value("polygons"),
             "grid Gi*: polygons (GeoPackage layer), raster (<output>_gi_z.tif and _gi_bin.tif COGs) or both")
            ("lisa-weights", po::value<std::string>()->default_value("W"), "Local and global Moran's I weights: W (row-standardised) or B (binary)")
            ("scaling", po::value<std::string>()->default_value("spdep"), "Local Moran's I scaling: spdep or pysal (= spdep x (n-1)/n; z equal)")
            ("permutations", number("999"), "conditional permutations for Local Moran's I, up to 1000000 (0: analytic p only)")
            ("seed", number("20260401"), "random seed of the permutations")
            ("alpha", number("0.05"), "significance level of the LISA clusters");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options()).add(period_option()).add(d).add(qgis_project_option()).add(timings_option(timings_));
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        const bool qgis_project = config_.output.qgis_project;
        config_.output = OutputOptions{};  // only -o (and its rasters) are written (and the QGIS project beside -o)
        config_.output.overwrite = vm.count("overwrite") > 0;
        config_.output.qgis_project = qgis_project;
        validate(config_);
        if (output_.empty()) throw ConfigError("stats needs an output: -o stats.gpkg");
        s_.categories = config_.measures.categories;
        s_.period = selected_period(vm);
        s_.units = vm["units"].as<std::string>();
        if (vm.count("cell")) s_.cell_m = real_option(vm, "cell", ranges::cell_m);
        if (vm.count("fishnet-cells")) s_.cells = parse_fishnet_cells(vm["fishnet-cells"].as<std::string>());
        s_.auto_scale = vm["auto"].as<bool>();
        if (s_.auto_scale && (vm.count("cell") || vm.count("neighbours")))
            throw ConfigError("--auto chooses the cell size and distance band: give neither --cell nor --neighbours with it");
        if (vm.count("neighbours")) parse_neighbour_rule(vm["neighbours"].as<std::string>(), s_);
        s_.snap_m = real_option(vm, "snap", ranges::distance_or_zero_m);
        parse_statistics(vm["statistics"].as<std::string>(), s_);
        s_.weighted = vm["weighted"].as<bool>();
        s_.value = parse_stats_value(vm["value"].as<std::string>());
        s_.fdr = vm["fdr"].as<bool>();
        parse_grid_output(vm["grid-output"].as<std::string>(), s_);
        s_.lisa_options.style = parse_weight_style(vm["lisa-weights"].as<std::string>());
        s_.lisa_options.scaling = parse_moran_scaling(vm["scaling"].as<std::string>());
        s_.lisa_options.permutations = count_option(vm, "permutations", ranges::permutations);
        s_.lisa_options.seed = count_option(vm, "seed", ranges::seed);
        s_.lisa_options.alpha = real_option(vm, "alpha", ranges::probability_open);
        s_.lisa_options.threads = s_.threads = config_.threads;
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        OutputSet outputs(config_.output.overwrite, input_files(config_));  // every target checked before the work
        outputs.claim(output_, OutputKind::geopackage);
        claim_gistar_rasters(outputs, s_, output_);
        claim_qgis_project(outputs, output_, config_.output.qgis_project);
        report_removed_leftovers(outputs);
        AnalysisResult a = run_analysis(config_, AnalysisScope::join, progress);
        print_warnings(a.report);
        progress("statistics", 0.0);
        const StatsResult r = run_stats(a, s_);
        RunReport& rep = a.report;
        rep.add("parameter", "categories", categories_label(s_.categories));
        rep.add("parameter", "period", s_.period ? s_.period->label : "all");
        rep.add("run", "run_id", outputs.run_id());
        progress("writing", 0.9);
        write_stats_geopackage(r, s_, config_.t_srs, rep, outputs.temporary(output_), output_);
        const std::vector<std::string> rasters = write_gistar_rasters(r, s_, config_.t_srs, outputs, output_);
        QgisProjectContent project{output_, {}, {}, {}, config_.t_srs};
        for (auto it = rasters.rbegin(); it != rasters.rend(); ++it) project.rasters.push_back({*it, "Statistics"});  // the bins first, on
        write_qgis_project(project, outputs);
        outputs.publish();
        progress("done", 1.0);
        for (const auto& w : r.warnings) message_stream() << "hotspot: warning: " << round_long_decimals(w) << "\n";
        if (!quiet_) {
            std::cout << "units:       " << round_long_decimals(r.units.description) << "\n"
                      << "neighbours:  " << (r.neighbours_rule.empty() ? "-" : round_long_decimals(r.neighbours_rule)) << "\n";
            for (const auto& [k, v] : r.parameters)
                if (k == "cell_m_rule" || k == "band_m_rule") std::cout << k << ": " << round_long_decimals(v) << "\n";
            for (const SummaryRow& row : stats_summary(r))
                if (row.measure != "study_area") std::cout << "  " << row.statistic << "." << row.measure << " = " << round_long_decimals(row.value) << "\n";
            std::cout << "output:      " << output_ << "\n";
            for (const auto& path : rasters) std::cout << "raster:      " << path << " (+ .qml)\n";
        }
        if (!quiet_ || timings_)
            std::cout << "gistar_seconds: " << format_significant(r.gistar_seconds, 3) << "\n"
                      << "lisa_seconds: " << format_significant(r.lisa_seconds, 3) << "\n";
        return 0;
    }

private:
    bool quiet_ = false, timings_ = false;
    std::string output_;
    AnalysisConfig config_;
    StatsConfig s_;
};

}  // namespace

std::unique_ptr<Command> make_stats_command() { return std::make_unique<StatsCommand>(); }

}  // namespace hotspot::cli
