// hotspot evaluate-intervention: did a place-based intervention (a PSPO, a patrol plan) reduce
// incidents, or move them next door? Counts in treatment, buffer and control before and after
// (workflow/intervention_workflow), the WDQ, the WDD and a rate ratio (time/intervention).
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/intervention_output.hpp"
#include "hotspot/workflow/place_candidates.hpp"
#include "hotspot/workflow/sites_workflow.hpp"

#include <filesystem>
#include <iostream>

namespace hotspot::cli {

namespace {

constexpr CountRange window_months{1, 120};
constexpr RealRange buffer_width_m{0, 100000, true, true};  // > 0, at most 100 km
constexpr RealRange residents_range{0, 1e9, true, false};    // > 0

// LAYER=NAME;NAME (or LAYER) with the parser of --within.
AreaChoice area_choice(const std::string& text, const std::string& option) {
    SitesConfig c;
    parse_within(text, c, option);
    return {c.within_layer, c.within};
}

// LAYER=NAME;NAME (or LAYER) when LAYER is an --area layer; otherwise PATH[,layer=NAME] of a polygon file.
void zone_option(const std::string& text, const std::string& option, const AnalysisConfig& config, AreaChoice& areas, ZoneFileChoice& file) {
    const std::string head = text.substr(0, text.find('='));
    std::string loaded;
    for (const AreaSpec& s : config.areas) {
        if (s.name == head) {
            areas = area_choice(text, option);
            return;
        }
        loaded += (loaded.empty() ? "" : ", ") + s.name;
    }
    split_layer(text, file.path, file.layer);
    if (!std::filesystem::exists(file.path))
        throw ConfigError(option + " " + quote_value(text) + ": neither an --area layer (loaded: " + (loaded.empty() ? "none" : loaded) +
                          ") nor an existing polygon file");
}

class EvaluateInterventionCommand : public Command {
public:
    const char* name() const override { return "evaluate-intervention"; }
    const char* synopsis() const override { return "did an intervention (PSPO, patrol plan) work: WDQ, WDD and rate ratio, treatment vs control"; }
    const char* usage() const override {
        return "hotspot evaluate-intervention --police FOLDER --area lsoa=lsoa.gpkg,id=LSOA11CD --study-area lsoa\n"
               "        --treatment \"lsoa=E01006512;E01033755\" --buffer 400 [--control rest] --date 2024-06 --months 6\n"
               "        [--category \"Anti-social behaviour\"] [--csv zones.csv] [--report report.md] [-o intervention.gpkg]\n\n"
               "Counts the chosen incidents in the treatment areas, a buffer (a ring of --buffer metres around\n"
               "them, or the --buffer-area areas) and a control (the rest of the study area, or --control areas) in\n"
               "the --months before and the --months after the intervention month --date, which is in neither\n"
               "window. An incident is in one zone at most: treatment, then buffer, then control. Refuses windows\n"
               "the data do not cover. Reports the Weighted Displacement Quotient (Bowers and Johnson 2003; not\n"
               "computed unless the treatment fell relative to the control), the Weighted Displacement Difference\n"
               "(Wheeler and Ratcliffe 2018, without a displacement control) with its standard error, z and 95 %\n"
               "interval, and the rate ratio of treatment against control (Wald test of its log). Every row read is\n"
               "accounted for in the report. A PSPO drawn in its own file is given as the file: --treatment pspo.gpkg\n"
               "(PATH[,layer=NAME]: any OGR polygon source in any CRS, every feature reprojected and unioned; an empty\n"
               "file, a feature without a polygon or an invalid polygon is refused; the file's SHA-256, feature count and\n"
               "CRS go into the report); likewise --buffer-area PATH and --control PATH. A zone's part outside the\n"
               "study area counts nothing and is warned. Rates per 1,000 residents per year need each zone's\n"
               "residents: the summed population of its whole areas (a layer with population=FIELD), or\n"
               "--treatment-population, --buffer-population, --control-population; otherwise they are empty and\n"
               "the report says why (a ring, a file, or areas cut by another zone have no population of their own).\n";
    }
    po::options_description options() override {
        po::options_description d("Intervention");
        d.add_options()
            ("output,o", po::value<std::string>(&output_), "output GeoPackage (intervention_zones drawn and styled, intervention_statistics, run_report)")
            ("csv", po::value<std::string>(&csv_), "the zones table as CSV")
            ("report", po::value<std::string>(&report_), "a Markdown report for a tasking meeting")
            ("treatment", po::value<std::string>(), "the treatment: LAYER=NAME;NAME (names or codes of an --area layer) or PATH[,layer=NAME] (a polygon file)")
            ("buffer", number(), "buffer: incidents within this many metres of the treatment (outside it)")
            ("buffer-area", po::value<std::string>(), "buffer: these areas instead, LAYER=NAME;NAME or PATH[,layer=NAME] (outside the treatment)")
            ("control", po::value<std::string>()->default_value("rest"),
             "rest (the study area without treatment and buffer), LAYER=NAME;NAME, LAYER or PATH[,layer=NAME]")
            ("treatment-population", number(), "residents of the treatment, for rates per 1,000 residents per year (default: its areas' population)")
            ("buffer-population", number(), "residents of the buffer (a ring or a file has none of its own)")
            ("control-population", number(), "residents of the control")
            ("date", po::value<std::string>(), "the intervention month, YYYY-MM (in neither window)")
            ("months", number("6"), "length of the before and of the after window, months");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options()).add(d);
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        config_.output = OutputOptions{};  // only -o, --csv and --report are written
        config_.output.overwrite = vm.count("overwrite") > 0;
        validate(config_);
        refuse_harm(config_, "evaluate-intervention",
                    "the WDD's standard error and the rate-ratio test assume Poisson counts of incidents, which harm weights are not");
        if (output_.empty() && csv_.empty() && report_.empty())
            throw ConfigError("evaluate-intervention needs an output: --report report.md, --csv zones.csv and/or -o intervention.gpkg");
        if (!vm.count("treatment")) throw ConfigError("evaluate-intervention needs --treatment LAYER=NAME;NAME or --treatment PATH (a polygon file)");
        if (!vm.count("date")) throw ConfigError("evaluate-intervention needs --date YYYY-MM (the intervention month)");
        p_.analysis_crs = config_.t_srs;
        zone_option(vm["treatment"].as<std::string>(), "--treatment", config_, p_.treatment, p_.treatment_file);
        if (!p_.treatment_file.given() && p_.treatment.names.empty())
            throw ConfigError("--treatment " + p_.treatment.layer + " names no area: give LAYER=NAME;NAME");
        if (vm.count("buffer") && vm.count("buffer-area")) throw ConfigError("give one of --buffer and --buffer-area");
        if (!vm.count("buffer") && !vm.count("buffer-area")) throw ConfigError("evaluate-intervention needs --buffer METRES or --buffer-area LAYER=NAME");
        if (vm.count("buffer")) p_.buffer_m = real_option(vm, "buffer", buffer_width_m);
        if (vm.count("buffer-area")) zone_option(vm["buffer-area"].as<std::string>(), "--buffer-area", config_, p_.buffer_areas, p_.buffer_file);
        const std::string control = vm["control"].as<std::string>();
        p_.control_rest = control == "rest";
        if (!p_.control_rest) zone_option(control, "--control", config_, p_.control, p_.control_file);
        const std::string date = vm["date"].as<std::string>();
        const auto month = parse_year_month(date);
        if (!month) throw ConfigError("--date " + quote_value(date) + ": expected a month, YYYY-MM");
        p_.month = *month;
        p_.months = static_cast<int>(count_option(vm, "months", window_months));
        const char* residents_options[3] = {"treatment-population", "buffer-population", "control-population"};
        for (std::size_t z = 0; z < 3; ++z)
            if (vm.count(residents_options[z])) p_.residents[z] = real_option(vm, residents_options[z], residents_range);
        p_.categories = config_.measures.categories;
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        OutputSet outputs(config_.output.overwrite, input_files(config_));  // every target checked before the work
        outputs.claim(output_, OutputKind::geopackage);
        outputs.claim(csv_, OutputKind::intervention);
        outputs.claim(report_, OutputKind::intervention);
        report_removed_leftovers(outputs);
        AnalysisResult a = run_analysis(config_, AnalysisScope::join, progress);
        progress("counting zones", 0.0);
        const InterventionResult r = run_intervention(a, p_);
        progress("done", 1.0);
        for (const std::string& w : r.warnings) a.report.add("warning", "intervention", w);
        print_warnings(a.report);
        RunReport& rep = a.report;
        add_intervention_report(r, rep);
        rep.add("run", "run_id", outputs.run_id());
        if (!csv_.empty()) rep.add("output", "csv", csv_);
        if (!report_.empty()) rep.add("output", "report", report_);
        if (!output_.empty()) write_intervention_geopackage(r, config_.t_srs, rep, outputs.temporary(output_), output_);
        if (!csv_.empty()) write_intervention_csv(r, outputs.temporary(csv_), csv_);
        if (!report_.empty()) write_intervention_report(r, rep, outputs.temporary(report_), report_);
        outputs.publish();
        if (!quiet_) {
            const InterventionCounts& c = r.counts;
            std::cout << "intervention " << month_label(p_.month) << ", " << r.categories_label << ": before "
                      << month_range_label(r.before_first, r.before_last) << ", after " << month_range_label(r.after_first, r.after_last)
                      << " (" << p_.months << " months each)\n"
                      << "  treatment " << c.treatment.before << " -> " << c.treatment.after << ", buffer " << c.buffer.before << " -> "
                      << c.buffer.after << ", control " << c.control.before << " -> " << c.control.after << " incidents\n";
            for (std::size_t z = 0; z < 3; ++z)
                if (!r.zone_file[z].empty()) std::cout << "  " << (z == 0 ? "treatment" : z == 1 ? "buffer" : "control") << " file: " << r.zone_file[z] << "\n";
            std::cout << "  residents (rates per 1,000 per year): " << intervention_residents(r) << "\n";
            for (const std::string& f : intervention_findings(r)) std::cout << "  " << f << "\n";
            if (!output_.empty()) std::cout << "output: " << output_ << "\n";
            if (!csv_.empty()) std::cout << "table:  " << csv_ << "\n";
            if (!report_.empty()) std::cout << "report: " << report_ << "\n";
        }
        return 0;
    }

private:
    bool quiet_ = false;
    std::string output_, csv_, report_;
    AnalysisConfig config_;
    InterventionConfig p_;
};

}  // namespace

std::unique_ptr<Command> make_evaluate_intervention_command() { return std::make_unique<EvaluateInterventionCommand>(); }

}  // namespace hotspot::cli
