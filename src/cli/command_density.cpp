// hotspot density: a kernel density surface of the incidents as a Float32 COG with a
// QGIS sidecar style. Reads and projects inputs exactly as `run` does.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/base/version.hpp"
#include "hotspot/density/density.hpp"
#include "hotspot/density/qgis_extent.hpp"
#include "hotspot/measure/selection.hpp"
#include "hotspot/publish/density_step.hpp"
#include "hotspot/publish/raster.hpp"

#include <chrono>
#include <iostream>

namespace hotspot::cli {

namespace {

class DensityCommand : public Command {
public:
    const char* name() const override { return "density"; }
    const char* synopsis() const override { return "kernel density surface (Cloud-Optimised GeoTIFF + QGIS style)"; }
    const char* usage() const override {
        return "hotspot density [-c analysis.ini | --police PATH ...] --bandwidth M --cell M -o surface.tif\n\n"
               "Kernel density of the accepted incidents (optionally one category and period) on a grid.\n"
               "Values: per_km2 (a true density: the grid sums to the weighted count), raw (QGIS \"raw\"),\n"
               "qgis_scaled (QGIS \"scaled\", its quartic constant included). --align qgis reproduces QGIS's\n"
               "heatmap grid and arithmetic exactly, for comparison with QGIS.\n";
    }
    po::options_description options() override {
        po::options_description d("Density");
        d.add_options()
            ("output,o", po::value<std::string>(&output_), "output GeoTIFF (COG); a .qml style is written beside it")
            ("kernel", po::value<std::string>()->default_value("quartic"), "quartic, triweight, epanechnikov, triangular, uniform, gaussian")
            ("bandwidth", number(), "fixed bandwidth (search radius) in metres; for gaussian, sigma")
            ("bandwidth-rule", po::value<std::string>()->default_value("fixed"), "fixed, silverman, scott, arcgis, adaptive")
            ("knn", number("10"), "adaptive: distance to the k-th nearest distinct location")
            ("cell", number(), "cell size in metres")
            ("values", po::value<std::string>()->default_value("per_km2"), "per_km2, raw, qgis_scaled")
            ("align", po::value<std::string>()->default_value("hotspot"), "hotspot (cells aligned to multiples of the cell size) or qgis")
            ("decay", number("0"), "triangular kernel decay, 0..1")
            ("gaussian-support", number("3"), "gaussian kernel truncated at this many sigma (up to 20)")
            ("grid-extent", po::value<std::string>(), "xmin,ymin,xmax,ymax of the grid (default: points +- kernel radius)")
            ("classes", po::value<std::string>()->default_value("1,5,10"),
             "also write <output>_classes.gpkg: polygons of the top P% of cells above zero, for each P (empty: none)");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options()).add(period_option()).add(d).add(timings_option(timings_));
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        config_.output = OutputOptions{};  // only the surface is written
        config_.output.overwrite = vm.count("overwrite") > 0;
        validate(config_);
        if (output_.empty()) throw ConfigError("density needs an output: -o surface.tif");
        o_.kernel = parse_kernel(vm["kernel"].as<std::string>());
        o_.bandwidth_rule = parse_bandwidth_rule(vm["bandwidth-rule"].as<std::string>());
        if (o_.bandwidth_rule == BandwidthRule::fixed) {
            if (!vm.count("bandwidth")) throw ConfigError("density needs --bandwidth METRES (or --bandwidth-rule silverman|scott|arcgis|adaptive)");
            o_.bandwidth_m = real_option(vm, "bandwidth", ranges::distance_m);
        }
        if (!vm.count("cell")) throw ConfigError("density needs --cell METRES");
        o_.cell_m = real_option(vm, "cell", ranges::cell_m);
        o_.knn_k = count_option(vm, "knn", ranges::neighbours_k);
        o_.values = parse_density_values(vm["values"].as<std::string>());
        const std::string align = lowercase(vm["align"].as<std::string>());
        if (align != "hotspot" && align != "qgis") throw ConfigError("--align must be hotspot or qgis");
        o_.alignment = align == "qgis" ? GridAlignment::qgis : GridAlignment::hotspot;
        o_.decay = real_option(vm, "decay", ranges::unit_interval);
        o_.gaussian_support_sd = real_option(vm, "gaussian-support", ranges::gaussian_support_sd);
        if (vm.count("grid-extent")) {
            o_.extent = parse_extent("--grid-extent", vm["grid-extent"].as<std::string>());
            const double side = std::min(o_.extent->max_x - o_.extent->min_x, o_.extent->max_y - o_.extent->min_y);
            if (o_.cell_m > side)
                throw ConfigError("--cell " + format_exact(o_.cell_m) + " is larger than the --grid-extent's shorter side (" + format_exact(side) +
                                  " m): the surface would be one cell wide");
        }
        period_ = selected_period(vm);
        classes_ = parse_classes("--classes", vm["classes"].as<std::string>());
        o_.threads = config_.threads;
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        OutputSet outputs(config_.output.overwrite, input_files(config_));  // every target checked before the work
        claim_density_outputs(outputs, output_, !classes_.empty());
        report_removed_leftovers(outputs);
        AnalysisResult r = run_analysis(config_, AnalysisScope::join, progress);
        print_warnings(r.report);
        const IncidentTable& t = r.incidents;
        const SelectedPoints counted = select_points(t, config_.measures.categories, period_);
        DensityOptions o = o_;
        QgisExtent qgis;
        if (o.alignment == GridAlignment::qgis) {
            qgis = qgis_extent_for(t, counted.x.data(), counted.y.data(), counted.x.size());
            o.qgis_extent = qgis.extent;
        }
        const auto t0 = std::chrono::steady_clock::now();
        const std::string grid_covers = grid_over_study_area(o, r.study_area);
        const DensityResult d = kernel_density(counted.x.data(), counted.y.data(), counted.w.data(), counted.x.size(), o);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;

        RasterMetadata meta;
        meta.crs = config_.t_srs;
        meta.has_nodata = o_.alignment == GridAlignment::qgis;
        const auto& rep = d.report;
        meta.items = {{"hotspot_version", version_string},
                      {"kernel", to_string(o_.kernel)},
                      {"values", to_string(o_.values) + (o_.values == DensityValues::per_km2 ? " (incidents per km2)" : "")},
                      {"alignment", o_.alignment == GridAlignment::qgis ? "qgis" : "hotspot"},
                      {"bandwidth_rule", to_string(o_.bandwidth_rule)},
                      {"bandwidth_m", format_fixed(rep.bandwidth_m, 3)},
                      {"bandwidth_detail", rep.bandwidth_detail},
                      {"kernel_radius_m", format_fixed(rep.support_m, 3)},
                      {"cell_m", format_fixed(o_.cell_m, 3)},
                      {"points", std::to_string(rep.points)},
                      {"weight_total", format_fixed(rep.weight_total, 3)},
                      {"weight_not_on_grid", format_fixed(rep.weight_not_on_grid, 6)},
                      {"qgis_edge_skipped", std::to_string(rep.qgis_edge_skipped)},
                      {"categories", categories_label(config_.measures.categories)},
                      {"period", period_ ? period_->label : "all"},
                      {"rows_read", r.report.get("counter", "rows_read")},
                      {"rows_rejected", std::to_string(rejected_rows(r))},
                      {"study_area", r.study_area.description},
                      {"grid_covers", grid_covers},
                      {"effective_ini", to_ini(config_)}};
        if (o.alignment == GridAlignment::qgis) meta.items.emplace_back("qgis_grid_from", qgis.source);
        if (o_.kernel == Kernel::gaussian) meta.items.emplace_back("gaussian_truncated_at_sd", format_fixed(o_.gaussian_support_sd, 3));
        for (std::size_t k = 0; k < rep.warnings.size(); ++k) {
            meta.items.emplace_back("warning_" + std::to_string(k + 1), rep.warnings[k]);
            message_stream() << "hotspot: warning: " << round_long_decimals(rep.warnings[k]) << "\n";
        }
        std::vector<std::pair<std::string, std::string>> params(meta.items.begin(), meta.items.end());
        params.emplace_back("surface", output_);
        const std::string classes_path = write_density_outputs(outputs, d.grid, output_, meta, classes_, config_.t_srs, params);
        outputs.publish();
        progress("done", 1.0);
        if (!quiet_) {
            std::cout << "points:      " << rep.points << " (of " << t.size() << " accepted, " << rejected_rows(r) << " rows rejected)\n"
                      << "bandwidth:   " << round_long_decimals(rep.bandwidth_detail) << "\n"
                      << "grid:        " << d.grid.nx << " x " << d.grid.ny << " cells of " << o_.cell_m << " m\n";
            if (o.alignment == GridAlignment::qgis) std::cout << "QGIS grid from: " << qgis.source << "\n";
            if (rep.qgis_edge_skipped)
                std::cout << "QGIS edge rule: " << rep.qgis_edge_skipped << " points skipped, as QGIS skips them\n";
            if (o_.values == DensityValues::per_km2)
                std::cout << "weight not on the grid (edges, discretisation): " << format_significant(rep.weight_not_on_grid, 3) << " of "
                          << format_significant(rep.weight_total, 6) << "\n";
            std::cout << "output:      " << output_ << " (+ .qml)\n";
            if (!classes_path.empty()) std::cout << "classes:     " << classes_path << "\n";
        }
        if (!quiet_ || timings_)
            std::cout << "density_seconds: " << format_significant(took.count(), 3) << "\n";
        return 0;
    }

private:
    bool quiet_ = false, timings_ = false;
    std::string output_;
    AnalysisConfig config_;
    DensityOptions o_;
    std::optional<Period> period_;
    std::vector<double> classes_;
};

}  // namespace

std::unique_ptr<Command> make_density_command() { return std::make_unique<DensityCommand>(); }

}  // namespace hotspot::cli
