// hotspot sites: ranked, explained sites for a tasking meeting: several sources with
// weights, restricted to chosen areas, top K peaks of the weighted density kept apart.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/sites_output.hpp"
#include "hotspot/publish/qgis_project.hpp"

#include <algorithm>
#include <iostream>

namespace hotspot::cli {

namespace {

// "Ladywood" or "Ladywood / Ladywood East": the areas holding a site's centre, one per layer.
std::string site_areas(const Site& s) {
    std::string out;
    for (const auto& [layer, name] : s.centre_area) out += (out.empty() ? "" : " / ") + name;
    return out.empty() ? "no area" : out;
}

class SitesCommand : public Command {
public:
    const char* name() const override { return "sites"; }
    const char* synopsis() const override { return "top K hotspot sites inside chosen areas, ranked and explained"; }
    const char* usage() const override {
        return "hotspot sites -c analysis.ini --within \"wards=Aston;Ladywood\" --count 26 -o sites.gpkg [--csv sites.csv]\n\n"
               "Combines every input (each with its weight), counts the chosen categories and period,\n"
               "estimates a weighted density surface and picks the K highest peaks inside the chosen areas,\n"
               "at least --separation metres apart. A site is the circle of --radius metres around its peak,\n"
               "clipped to the chosen areas; each is described by the incidents inside that shape (by source and\n"
               "category), place name, the area holding its centre and why it ranks above the next. Hotspot\n"
               "polygons (connected cells above a threshold) come too, clipped the same way. share_pct is of\n"
               "the counted incidents inside the chosen areas; chosen areas left without a site are listed.\n";
    }
    po::options_description options() override {
        po::options_description d("Sites");
        d.add_options()
            ("output,o", po::value<std::string>(&output_), "output GeoPackage (sites, hotspots, run_report)")
            ("csv", po::value<std::string>(&csv_), "also write the ranked table as CSV")
            ("within", po::value<std::string>(),
             "LAYER=NAME;NAME;... areas to choose sites in (names or ids), or LAYER for all its areas (default: the whole first area layer)")
            ("count", number("26"), "number of sites")
            ("separation", number("300"), "minimum distance between site centres, metres")
            ("radius", number("150"), "site radius, metres")
            ("bandwidth", number("150"), "kernel bandwidth, metres")
            ("cell", number("10"), "cell size, metres")
            ("kernel", po::value<std::string>()->default_value("quartic"), "kernel")
            ("threshold-percentile", number(), "hotspot cells: this percentile of cells above zero (default 99)")
            ("threshold-sd", number(), "hotspot cells: mean + k standard deviations of cells above zero")
            ("threshold-gistar", number(),
             "hotspot cells: Gi* hot spots (FDR) at this confidence, 90, 95 or 99, within --bandwidth of each cell");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options()).add(period_option()).add(d).add(qgis_project_option());
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        const bool qgis_project = config_.output.qgis_project;
        config_.output = OutputOptions{};  // only -o and --csv are written (and the QGIS project beside -o)
        config_.output.overwrite = vm.count("overwrite") > 0;
        config_.output.qgis_project = qgis_project;
        validate(config_);
        if (output_.empty() && csv_.empty()) throw ConfigError("sites needs an output: -o sites.gpkg and/or --csv sites.csv");
        s_.categories = config_.measures.categories;
        if (vm.count("within")) parse_within(vm["within"].as<std::string>(), s_);
        s_.period = selected_period(vm);
        s_.sites.count = count_option(vm, "count", ranges::sites);
        s_.sites.min_separation_m = real_option(vm, "separation", ranges::distance_or_zero_m);
        s_.sites.radius_m = real_option(vm, "radius", ranges::distance_m);
        s_.density.bandwidth_m = real_option(vm, "bandwidth", ranges::distance_m);
        s_.density.cell_m = real_option(vm, "cell", ranges::cell_m);
        s_.density.kernel = parse_kernel(vm["kernel"].as<std::string>());
        s_.density.threads = config_.threads;
        if (vm.count("threshold-percentile") + vm.count("threshold-sd") + vm.count("threshold-gistar") > 1)
            throw ConfigError("give one of --threshold-percentile, --threshold-sd and --threshold-gistar");
        if (vm.count("threshold-percentile"))
            s_.threshold = {ThresholdRule::percentile, real_option(vm, "threshold-percentile", ranges::percent_open)};
        if (vm.count("threshold-sd")) s_.threshold = {ThresholdRule::mean_plus_sd, real_option(vm, "threshold-sd", ranges::threshold_sd)};
        if (vm.count("threshold-gistar")) {
            const double confidence = real_option(vm, "threshold-gistar", ranges::percent_open);
            if (confidence != 90 && confidence != 95 && confidence != 99)
                throw ConfigError("--threshold-gistar " + quote_value(vm["threshold-gistar"].as<std::string>()) + " is not a confidence level: 90, 95 or 99");
            s_.threshold = {ThresholdRule::gistar, confidence, s_.density.bandwidth_m};
        }
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        OutputSet outputs(config_.output.overwrite, input_files(config_));  // every target checked before the work
        outputs.claim(output_, OutputKind::geopackage);
        outputs.claim(csv_, OutputKind::csv);
        claim_qgis_project(outputs, output_, config_.output.qgis_project);
        report_removed_leftovers(outputs);
        AnalysisResult a = run_analysis(config_, AnalysisScope::join, progress);
        print_warnings(a.report);
        const SitesResult r = run_sites(a, s_);
        progress("done", 1.0);
        RunReport& rep = a.report;
        rep.add("parameter", "sites_within", r.within_description);
        rep.add("parameter", "sites_count", std::to_string(s_.sites.count));
        rep.add("parameter", "sites_separation_m", format_fixed(s_.sites.min_separation_m, 1));
        rep.add("parameter", "sites_radius_m", format_fixed(s_.sites.radius_m, 1));
        rep.add("parameter", "density", to_string(s_.density.kernel) + ", bandwidth " + r.surface.report.bandwidth_detail + ", cell " +
                                            format_fixed(s_.density.cell_m, 1) + " m, per_km2");
        rep.add("parameter", "hotspot_threshold", r.hotspots.threshold_detail);
        rep.count("incidents_counted", r.incidents_counted);
        rep.count("incidents_inside_chosen_areas", r.incidents_inside);
        rep.add("parameter", "share_pct_denominator", r.share_denominator);
        rep.count("hotspots_outside_chosen_areas", r.hotspots.outside_chosen);
        rep.count("chosen_areas_without_site", r.areas_without_site.size());
        for (const AreaWithoutSite& w : r.areas_without_site) rep.add("area_without_site", w.layer + ":" + w.name, w.reason);
        rep.add("run", "run_id", outputs.run_id());
        if (!csv_.empty()) rep.add("output", "csv", csv_);
        if (!output_.empty()) write_sites_geopackage(r, s_, config_.t_srs, rep, outputs.temporary(output_), output_);
        if (!csv_.empty()) write_sites_csv(r, outputs.temporary(csv_), csv_);
        write_qgis_project({output_, {}, {}, {}, config_.t_srs}, outputs);
        outputs.publish();
        if (!quiet_) {
            std::cout << r.sites.size() << " sites in " << r.within_description << " (" << r.incidents_counted
                      << " incidents of the chosen categories and period, " << r.incidents_inside << " inside the chosen areas)\n"
                      << "share_pct is of " << r.share_denominator << "\n";
            if (r.sites.size() < s_.sites.count)
                std::cout << "only " << r.sites.size() << " of the " << s_.sites.count << " sites asked for: no further cell with incidents "
                          << "inside the chosen areas at least " << format_fixed(s_.sites.min_separation_m, 0) << " m from these\n";
            for (const Site& s : r.sites)
                std::cout << "  " << s.rank << ". " << (s.summary.place_name.empty() ? "(no street name)" : s.summary.place_name)
                          << " (" << site_areas(s) << "): " << s.summary.incidents << " incidents within " << s_.sites.radius_m
                          << " m and the chosen areas, " << format_fixed(s.share_pct, 1) << "%\n";
            if (!r.areas_without_site.empty()) std::cout << r.areas_without_site.size() << " chosen areas without a site:\n";
            const std::size_t shown = std::min<std::size_t>(r.areas_without_site.size(), 10);
            for (std::size_t k = 0; k < shown; ++k) std::cout << "  " << r.areas_without_site[k].name << ": " << r.areas_without_site[k].reason << "\n";
            if (shown < r.areas_without_site.size())
                std::cout << "  ... and " << r.areas_without_site.size() - shown << " more (run report, layer areas_without_site)\n";
            std::cout << r.hotspots.hotspots.size() << " hotspots (" << round_long_decimals(r.hotspots.threshold_detail) << "), clipped to the chosen areas; "
                      << r.hotspots.outside_chosen << " wholly outside them dropped\n";
            if (!output_.empty()) std::cout << "output: " << output_ << "\n";
            if (!csv_.empty()) std::cout << "table:  " << csv_ << "\n";
        }
        return 0;
    }

private:
    bool quiet_ = false;
    std::string output_, csv_;
    AnalysisConfig config_;
    SitesConfig s_;
};

}  // namespace

std::unique_ptr<Command> make_sites_command() { return std::make_unique<SitesCommand>(); }

}  // namespace hotspot::cli
