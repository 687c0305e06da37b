// hotspot place: where p cameras or patrol points cover the most incidents within a radius
// (maximal covering location problem, decide/placement), solved by CBC or greedy, explained.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/site_layer.hpp"
#include "hotspot/publish/placement_output.hpp"
#include "hotspot/workflow/sites_workflow.hpp"

#include <iostream>

namespace hotspot::cli {

namespace {

constexpr RealRange time_limit_s{0, 604800, true, false};  // > 0, at most a week
constexpr RealRange relative_gap{0, 1, false, true};
constexpr CountRange patrol_minutes{1, 10'000'000};

class PlaceCommand : public Command {
public:
    const char* name() const override { return "place"; }
    const char* synopsis() const override { return "where p cameras or patrol points cover the most incidents (MCLP)"; }
    const char* usage() const override {
        return "hotspot place -c analysis.ini --count 11 --radius 150 -o place.gpkg [--csv sites.csv]\n\n"
               "Chooses --count sites among the candidates so that the incidents within --radius metres of\n"
               "a site (distance <= radius) are as many as possible: the maximal covering location problem.\n"
               "Demand: every distinct incident location of the chosen categories and period, weighted by its\n"
               "incidents (times the inputs' weights, e.g. harm), inside --within areas (default: the study\n"
               "area). Candidates: every distinct incident location, grid cell centres, or a point layer, inside\n"
               "the same areas and outside every --exclude polygon layer. Solved\n"
               "exactly by COIN-OR CBC with the greedy answer as its start (--solver cbc), or by greedy alone;\n"
               "the run report states the status, the objective, a proven upper bound and the gap. Each site\n"
               "is listed with what it adds, the best candidate left out and what removing it would lose.\n";
    }
    po::options_description options() override {
        po::options_description d("Place");
        d.add_options()
            ("output,o", po::value<std::string>(&output_), "output GeoPackage (placement_sites, placement_coverage, run_report)")
            ("csv", po::value<std::string>(&csv_), "also write the sites as CSV")
            ("count", number("11"), "number of sites, p")
            ("radius", number("150"), "coverage radius, metres (covered when distance <= radius)")
            ("candidates", po::value<std::string>()->default_value("incidents"),
             "candidate sites: incidents (every distinct incident location), grid:SPACING (cell centres every SPACING m) or "
             "layer:PATH[,layer=NAME] (the points of a layer, e.g. lamp columns)")
            ("within", po::value<std::string>(), "only incidents and candidates inside these areas: LAYER or LAYER=NAME;NAME;... "
             "(default: the study area)")
            ("exclude", po::value<std::vector<std::string>>(), "no candidate inside this polygon layer: PATH[,layer=NAME] (repeatable)")
            ("patrol-minutes", number(), "also share these minutes among the sites by the harm each serves (largest remainder)")
            ("solver", po::value<std::string>()->default_value("cbc"), "cbc (exact, greedy start) or greedy")
            ("time-limit", number("60"), "CBC time limit, seconds (the best solution found and its bound are reported)")
            ("gap", number("0"), "CBC stops when (bound - best) / bound is at most this (0: prove optimal)")
            ("existing", po::value<std::string>(), "sites already in place: PATH[,layer=NAME], any OGR point layer; they are kept")
            ("existing-mode", po::value<std::string>()->default_value("within"),
             "within: the existing sites count in --count (as spopt); on-top: --count new sites besides them")
            ("redeploy", number(), "also the best moves of up to K existing sites (their number kept), K = 0..this")
            ("separation", number("0"), "patrol points: chosen sites at least this many metres apart (0: none)");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options()).add(period_option()).add(d);
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        config_.output = OutputOptions{};  // only -o and --csv are written
        config_.output.overwrite = vm.count("overwrite") > 0;
        validate(config_);
        if (output_.empty() && csv_.empty()) throw ConfigError("place needs an output: -o place.gpkg and/or --csv sites.csv");
        p_.categories = config_.measures.categories;
        p_.period = selected_period(vm);
        p_.candidates = parse_candidates(vm["candidates"].as<std::string>());
        p_.crs = config_.t_srs;
        if (vm.count("within")) {
            SitesConfig within;
            parse_within(vm["within"].as<std::string>(), within);
            p_.within_layer = within.within_layer;
            p_.within = within.within;
        }
        if (vm.count("exclude"))
            for (const auto& e : vm["exclude"].as<std::vector<std::string>>()) p_.exclusions.push_back(parse_exclusion(e));
        if (vm.count("patrol-minutes")) p_.patrol_minutes = count_option(vm, "patrol-minutes", patrol_minutes);
        p_.radius_m = real_option(vm, "radius", ranges::distance_m);
        p_.placement.count = count_option(vm, "count", ranges::sites);
        const std::string solver = vm["solver"].as<std::string>();
        if (solver != "cbc" && solver != "greedy") throw ConfigError("--solver " + quote_value(solver) + ": expected cbc or greedy");
        p_.placement.solver = solver == "cbc" ? PlacementSolver::cbc : PlacementSolver::greedy;
        p_.placement.time_limit_s = real_option(vm, "time-limit", time_limit_s);
        p_.placement.relative_gap = real_option(vm, "gap", relative_gap);
        p_.separation_m = real_option(vm, "separation", ranges::distance_or_zero_m);
        const std::string mode = vm["existing-mode"].as<std::string>();
        if (mode != "within" && mode != "on-top") throw ConfigError("--existing-mode " + quote_value(mode) + ": expected within or on-top");
        p_.placement.existing_mode = mode == "within" ? ExistingMode::within : ExistingMode::on_top;
        if (vm.count("existing")) split_layer(vm["existing"].as<std::string>(), existing_path_, existing_layer_);
        if (vm.count("redeploy")) {
            if (existing_path_.empty()) throw ConfigError("--redeploy needs --existing");
            p_.redeploy = count_option(vm, "redeploy", ranges::sites);
        }
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        std::vector<std::string> inputs = input_files(config_);
        if (!existing_path_.empty()) inputs.push_back(existing_path_);  // never overwritten either
        if (p_.candidates.source == CandidateSource::layer) inputs.push_back(p_.candidates.path);
        for (const ExclusionSpec& e : p_.exclusions) inputs.push_back(e.path);
        OutputSet outputs(config_.output.overwrite, inputs);  // every target checked before the work
        outputs.claim(output_, OutputKind::geopackage);
        outputs.claim(csv_, OutputKind::csv);
        report_removed_leftovers(outputs);
        if (!existing_path_.empty()) {  // read first: a bad layer fails before the incidents are read
            const SiteLayer existing = read_site_layer(existing_path_, existing_layer_, config_.t_srs);
            p_.existing_x = existing.x;
            p_.existing_y = existing.y;
        }
        AnalysisResult a = run_analysis(config_, AnalysisScope::join, progress);
        print_warnings(a.report);
        progress("placing sites", 0.0);
        const PlaceResult r = run_place(a, p_);
        progress("done", 1.0);
        RunReport& rep = a.report;
        add_placement_report(r, p_, rep);
        if (!existing_path_.empty()) rep.add("input", "existing_sites", existing_path_ + (existing_layer_.empty() ? "" : ", layer " + existing_layer_));
        rep.add("run", "run_id", outputs.run_id());
        if (!csv_.empty()) rep.add("output", "csv", csv_);
        if (!output_.empty()) write_placement_geopackage(r, p_, config_.t_srs, rep, outputs.temporary(output_), output_);
        if (!csv_.empty()) write_placement_csv(r, outputs.temporary(csv_), csv_);
        outputs.publish();
        if (!quiet_) {
            const PlacementResult& pl = r.placement;
            std::cout << pl.sites.size() << " sites, radius " << format_fixed(p_.radius_m, 0) << " m: " << status_name(pl.status) << " ("
                      << pl.solver << "), covering " << format_fixed(pl.objective, 0) << " of " << format_fixed(pl.total_weight, 0) << " "
                      << r.incidents_label << " (" << format_fixed(pl.covered_weight_pct, 2) << "%)\n"
                      << "bound " << format_fixed(pl.bound, 0) << " (" << pl.bound_source << "), gap " << format_fixed(100.0 * pl.gap, 3)
                      << "%; greedy alone " << format_fixed(pl.greedy.objective, 0) << "\n";
            for (std::size_t k = 0; k < pl.explanation.size(); ++k) {
                const SiteExplanation& e = pl.explanation[k];
                std::cout << "  " << k + 1 << ". (" << format_fixed(r.candidate_x[e.site], 1) << ", " << format_fixed(r.candidate_y[e.site], 1)
                          << ")" << (r.site_area[k].empty() ? "" : " in " + r.site_area[k]) << " adds " << format_fixed(e.gain, 0)
                          << ", cumulative " << format_fixed(e.cumulative, 0);
                if (!r.patrol_minutes.empty()) std::cout << "; " << r.patrol_minutes[k] << " patrol minutes";
                std::cout << "\n";
            }
            for (const RedeployStep& m : r.redeploy)
                std::cout << "moving up to " << m.max_moves << " existing: covers " << format_fixed(m.objective, 0) << " (+"
                          << format_fixed(m.gain, 0) << "), " << m.moved_from.size() << " moved\n";
            if (!output_.empty()) std::cout << "output: " << output_ << "\n";
            if (!csv_.empty()) std::cout << "table:  " << csv_ << "\n";
        }
        return 0;
    }

private:
    bool quiet_ = false;
    std::string output_, csv_, existing_path_, existing_layer_;
    AnalysisConfig config_;
    PlaceConfig p_;
};

}  // namespace

std::unique_ptr<Command> make_place_command() { return std::make_unique<PlaceCommand>(); }

}  // namespace hotspot::cli
