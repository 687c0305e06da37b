// hotspot nearrepeat: the Knox test for near repeats (time/knox) on day-dated incidents, with
// Monte Carlo permutations of the dates; police.uk and month-only inputs are refused.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/knox_output.hpp"

#include <iostream>

namespace hotspot::cli {

namespace {

constexpr CountRange time_break_days{0, 36500};  // a century

std::vector<std::string> break_texts(const std::string& option, const std::string& text) {
    std::vector<std::string> parts = split(text, ',');
    if (text.empty() || parts.empty()) throw ConfigError("--" + option + " is empty: give breaks such as 0,7,14,21");
    return parts;
}

class NearRepeatCommand : public Command {
public:
    const char* name() const override { return "nearrepeat"; }
    const char* synopsis() const override { return "near-repeat (Knox) test: pairs close in space and time, against shuffled dates"; }
    const char* usage() const override {
        return "hotspot nearrepeat --input \"NAME=x.csv,format=csv,x=X,y=Y,date=DATE,s_srs=EPSG:26971,fixed_category=Burglary\"\n"
               "                   --t_srs EPSG:26971\n"
               "                   [--space-breaks 0,1,100,200,300] [--time-breaks 0,7,14,21] [--distance manhattan]\n"
               "                   [--simulations 999] [--seed 1] -o knox.gpkg [--csv knox.csv]\n\n"
               "Counts every pair of incidents once in a distance band (metres in the analysis CRS: give --t_srs\n"
               "the data's own projected CRS outside Great Britain) by a time band (days between their dates).\n"
               "Bands are right-open, [a,b); the last is open above. Expected counts: the same places with the\n"
               "dates shuffled over the incidents --simulations times (seeded); Knox ratio = observed / mean\n"
               "expected; p = (1 + shuffles with at least the observed pairs) / (1 + simulations). Needs dates\n"
               "with a day: police.uk inputs and month-only dates are refused (exit 2).\n";
    }
    po::options_description options() override {
        po::options_description d("Near repeats");
        d.add_options()
            ("output,o", po::value<std::string>(&output_), "output GeoPackage (knox_table, run_report)")
            ("csv", po::value<std::string>(&csv_), "also write knox_table as CSV")
            ("space-breaks", po::value<std::string>()->default_value("0,1,100,200,300"),
             "distance band breaks, metres, from 0 ([0,1) is the same place; the last band is open above)")
            ("time-breaks", po::value<std::string>()->default_value("0,7,14,21"), "time band breaks, whole days, from 0")
            ("distance", po::value<std::string>()->default_value("manhattan"), "manhattan (|dx| + |dy|, as the Near Repeat Calculator) or euclidean")
            ("simulations", number("999"), "permutations of the dates (R); p-values are multiples of 1/(R+1)")
            ("seed", number("1"), "seed of the permutations (the same seed gives the same table)");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options(false)).add(d);
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        config_.output = OutputOptions{};  // only -o and --csv are written
        config_.output.overwrite = vm.count("overwrite") > 0;
        validate(config_);
        if (output_.empty() && csv_.empty()) throw ConfigError("nearrepeat needs an output: -o knox.gpkg and/or --csv knox.csv");
        refuse_month_resolution_inputs(config_);
        knox_.space_breaks_m.clear();
        for (const auto& b : break_texts("space-breaks", vm["space-breaks"].as<std::string>()))
            knox_.space_breaks_m.push_back(parse_real("--space-breaks", b, ranges::distance_or_zero_m));
        knox_.time_breaks_days.clear();
        for (const auto& b : break_texts("time-breaks", vm["time-breaks"].as<std::string>()))
            knox_.time_breaks_days.push_back(static_cast<std::int32_t>(parse_count("--time-breaks", b, time_break_days)));
        const std::string distance = vm["distance"].as<std::string>();
        if (distance != "manhattan" && distance != "euclidean")
            throw ConfigError("--distance " + quote_value(distance) + ": expected manhattan or euclidean");
        knox_.distance = distance == "manhattan" ? KnoxDistance::manhattan : KnoxDistance::euclidean;
        knox_.simulations = count_option(vm, "simulations", ranges::permutations);
        knox_.seed = count_option(vm, "seed", ranges::seed);
        check_knox_breaks(knox_);
        knox_.threads = effective_threads(config_.threads);
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        OutputSet outputs(config_.output.overwrite, input_files(config_));  // every target checked before the work
        outputs.claim(output_, OutputKind::geopackage);
        outputs.claim(csv_, OutputKind::csv);
        report_removed_leftovers(outputs);
        AnalysisResult a = run_analysis(config_, AnalysisScope::join, progress);
        progress("knox test", 0.0);
        const NearRepeatResult r = run_nearrepeat(a, knox_);
        progress("done", 1.0);
        print_warnings(a.report);
        RunReport& rep = a.report;
        add_knox_report(r, rep);
        rep.add("run", "run_id", outputs.run_id());
        if (!csv_.empty()) rep.add("output", "csv", csv_);
        if (!output_.empty()) write_knox_geopackage(r, config_.t_srs, rep, outputs.temporary(output_), output_);
        if (!csv_.empty()) write_knox_csv(r, outputs.temporary(csv_), csv_);
        outputs.publish();
        if (!quiet_) {
            const KnoxTable& k = r.table;
            std::cout << "near repeats: " << r.events_label << " (" << k.pairs << " pairs), " << k.simulations
                      << " permutations of the dates, seed " << k.seed << "\n";
            const std::vector<std::string> findings = knox_findings(r);
            std::cout << (findings.empty() ? "no band with more pairs than expected at p < 0.05"
                                           : "more pairs than expected (p < 0.05, one-sided, not adjusted for " +
                                                 std::to_string(k.observed.size()) + " cells):")
                      << "\n";
            for (const std::string& f : findings) std::cout << "  " << f << "\n";
            if (!output_.empty()) std::cout << "output: " << output_ << "\n";
            if (!csv_.empty()) std::cout << "table:  " << csv_ << "\n";
        }
        return 0;
    }

private:
    bool quiet_ = false;
    std::string output_, csv_;
    AnalysisConfig config_;
    KnoxOptions knox_;
};

}  // namespace

std::unique_ptr<Command> make_nearrepeat_command() { return std::make_unique<NearRepeatCommand>(); }

}  // namespace hotspot::cli
