// hotspot emerging: Emerging Hot Spot Analysis, as ArcGIS Pro's tool (time/emerging): a space-
// time cube of square cells by month or quarter, space-time Gi* with FDR, Mann-Kendall on each
// cell's z series, and one of ArcGIS Pro's 17 patterns per cell.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/emerging_output.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/qgis_project.hpp"
#include "hotspot/workflow/evaluate_workflow.hpp"

#include <iostream>

namespace hotspot::cli {

namespace {

constexpr CountRange time_window_range{0, 24};

class EmergingCommand : public Command {
public:
    const char* name() const override { return "emerging"; }
    const char* synopsis() const override { return "emerging hot spots: new, intensifying, persistent, diminishing ... cells (ArcGIS Pro's rules)"; }
    const char* usage() const override {
        return "hotspot emerging -c analysis.ini --study-area LAYER --cell 250 --band 500 [--step month|quarter]\n"
               "                 [--months 2022-10..2025-09] [--time-window 1] [--alpha 0.05] -o emerging.gpkg [--csv-dir DIR]\n"
               "hotspot emerging -c analysis.ini --areas LAYER (--band 1000 | --contiguity) ...\n\n"
               "Counts the incidents per --cell metres square (cells whose centre is inside the study area) and\n"
               "time step, computes space-time Gi* for every bin (the cells within --band metres at the bin's\n"
               "step and --time-window steps before it; the cube as one population; FDR over all bins), the\n"
               "Mann-Kendall trend of each cell's z series, and names each cell's pattern as ArcGIS Pro does:\n"
               "new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating or historical hot\n"
               "or cold spot, or no pattern. With --areas the locations are an area layer's polygons (distances\n"
               "between centroids, or --contiguity: sharing a boundary point). Needs at least 10 steps.\n"
               "Locations left without a neighbour (a --band shorter than the cell or the nearest centroid)\n"
               "are counted and warned: the analysis is purely temporal there.\n"
               "Refused: a month without input inside the months (a missing file is not zero incidents; each\n"
               "police.uk input is checked on its own).\n";
    }
    po::options_description options() override {
        po::options_description d("Emerging");
        d.add_options()
            ("output,o", po::value<std::string>(&output_), "output GeoPackage (emerging_hot_spots styled by pattern, emerging_cube, emerging_summary, run_report)")
            ("csv-dir", po::value<std::string>(&csv_dir_), "also write emerging_locations.csv, emerging_cube.csv, emerging_summary.csv and run_report.csv here")
            ("cell", number("250"), "cell size, metres")
            ("grid-origin", po::value<std::string>(), "X,Y: the grid's north-west corner (default: the study area's, snapped out to the cell)")
            ("band", number(), "neighbourhood distance between cell centres (or area centroids), metres")
            ("areas", po::value<std::string>(), "LAYER: the locations are this --area layer's polygons instead of cells")
            ("contiguity", "with --areas: neighbours are areas sharing a boundary point (queen) instead of a --band")
            ("step", po::value<std::string>()->default_value("month"), "month or quarter (3 months from the first month)")
            ("months", po::value<std::string>(), "FIRST..LAST months analysed (default: every month of input)")
            ("time-window", number("1"), "steps before a bin in its neighbourhood (ArcGIS's default 1)")
            ("alpha", number("0.05"), "0.10, 0.05 or 0.01: a bin's FDR-corrected level and the trends' significance");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options()).add(d).add(qgis_project_option());
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = cell_command_config(vm, "emerging");
        if (output_.empty() && csv_dir_.empty()) throw ConfigError("emerging needs an output: -o emerging.gpkg and/or --csv-dir DIR");
        e_.categories = config_.measures.categories;
        e_.harm = !config_.harm.table.empty();
        e_.options.threads = config_.threads;
        e_.cell_m = real_option(vm, "cell", ranges::cell_m);
        if (vm.count("areas")) {
            e_.areas_layer = vm["areas"].as<std::string>();
            if (!vm["cell"].defaulted() || vm.count("grid-origin"))
                throw ConfigError("--areas " + quote_value(e_.areas_layer) + " makes the areas the locations: leave out --cell and --grid-origin");
        }
        e_.contiguity = vm.count("contiguity") > 0;
        if (e_.contiguity && e_.areas_layer.empty()) throw ConfigError("--contiguity needs --areas LAYER (cells use --band)");
        if (e_.contiguity && vm.count("band")) throw ConfigError("give either --band or --contiguity, not both");
        if (!vm.count("band") && !e_.contiguity)
            throw ConfigError("emerging needs --band METRES: the neighbourhood distance between cell centres (or area centroids; or --contiguity with --areas)");
        if (vm.count("band")) e_.band_m = real_option(vm, "band", ranges::distance_m);
        const std::string step = vm["step"].as<std::string>();
        if (step != "month" && step != "quarter") throw ConfigError("--step " + quote_value(step) + ": expected month or quarter");
        e_.step_months = step == "quarter" ? 3 : 1;
        if (vm.count("months")) {
            const auto [first, last] = parse_month_window(vm["months"].as<std::string>(), "--months");
            e_.first = first, e_.last = last;
        }
        e_.options.time_window = count_option(vm, "time-window", time_window_range);
        e_.options.alpha = real_option(vm, "alpha", ranges::probability_open);
        emerging_level(e_.options.alpha);  // refused before the input is read
        grid_origin_option(vm, e_.origin_x, e_.origin_y);
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        OutputSet outputs(config_.output.overwrite, input_files(config_));
        outputs.claim(output_, OutputKind::geopackage);
        claim_qgis_project(outputs, output_, config_.output.qgis_project);
        if (!csv_dir_.empty()) claim_emerging_files(outputs, csv_dir_);
        report_removed_leftovers(outputs);
        AnalysisResult a = run_analysis(config_, AnalysisScope::join, progress);
        progress("space-time cube", 0.0);
        const EmergingRun r = run_emerging(a, e_);
        progress("done", 1.0);
        RunReport& rep = a.report;
        add_emerging_report(r, rep);
        print_warnings(rep);  // the reading's and the cube's (locations without a neighbour)
        rep.add("run", "run_id", outputs.run_id());
        if (!output_.empty()) write_emerging_geopackage(r, config_.t_srs, rep, outputs.temporary(output_), output_);
        if (!csv_dir_.empty()) write_emerging_files(r, rep, outputs, csv_dir_);
        write_qgis_project({output_, {}, {}, {}, config_.t_srs}, outputs);
        outputs.publish();
        if (!quiet_) {
            const std::string places = r.areas_layer.empty() ? std::to_string(r.cells.x.size()) + " cells of " + format_plain(e_.cell_m) + " m"
                                                             : std::to_string(r.area_id.size()) + " areas of layer " + r.areas_layer;
            std::cout << places << ", " << r.steps.size() << " " << (r.step_months == 1 ? "months " : "quarters ")
                      << month_label(r.steps.front()) << ".." << month_label(r.steps.back() + static_cast<MonthIndex>(r.step_months) - 1) << ", "
                      << (e_.contiguity ? std::string("neighbours sharing a boundary") : "band " + format_plain(e_.band_m) + " m")
                      << ", time window " << e_.options.time_window << "; " << r.rows_in_locations << " rows in the "
                      << (r.areas_layer.empty() ? "cells" : "areas")
                      << (r.harm ? " (harm-weighted: [harm] table " + config_.harm.table + ")" : r.weighted ? " (weighted by the inputs' weights)" : "")
                      << "\n";
            const auto unit = [&](std::size_t count) {
                return std::string(r.areas_layer.empty() ? "cell" : "area") + (count == 1 ? "" : "s");
            };
            for (int code = 8; code >= -8; --code) {
                const std::size_t count = r.result.pattern_count[static_cast<std::size_t>(code + 8)];
                if (count == 0 || code == 0) continue;
                const EmergingClass c{static_cast<EmergingPattern>(code < 0 ? -code : code), code < 0};
                std::cout << "  " << emerging_pattern_name(c) << ": " << count << " " << unit(count) << "\n";
            }
            std::cout << "  No Pattern Detected: " << r.result.pattern_count[8] << " " << unit(r.result.pattern_count[8]) << "\n";
            if (!output_.empty()) std::cout << "output: " << output_ << "\n";
            if (!csv_dir_.empty()) std::cout << "tables: " << csv_dir_ << "\n";
        }
        return 0;
    }

private:
    bool quiet_ = false;
    std::string output_, csv_dir_;
    AnalysisConfig config_;
    EmergingConfig e_;
};

}  // namespace

std::unique_ptr<Command> make_emerging_command() { return std::make_unique<EmergingCommand>(); }

}  // namespace hotspot::cli
