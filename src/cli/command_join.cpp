// hotspot join: read, project and assign incidents to areas; write the incidents with
// their area ids, the rejects and the run report (no measures).
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/geopackage.hpp"

#include <chrono>
#include <iostream>

namespace hotspot::cli {

namespace {

class JoinCommand : public Command {
public:
    const char* name() const override { return "join"; }
    const char* synopsis() const override { return "read, project and assign incidents to areas (no measures)"; }
    const char* usage() const override {
        return "hotspot join [-c analysis.ini] [--police PATH] [--area NAME=PATH,...] [-o OUT.gpkg | -of none]\n\n"
               "Reads incidents, projects them and assigns each to every area layer. Writes the incidents with\n"
               "their area ids, rejects and run report; with -of none writes nothing and prints the counts and\n"
               "the time taken (used by tools/bench-join).\n";
    }
    po::options_description options() override {
        po::options_description all;
        // no measures and no tiles: those options are run's
        all.add(general_options(quiet_)).add(analysis_options(false)).add(output_options(false)).add(timings_option(timings_));
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        refuse_postgres_output(config_, vm, "join");
        validate(config_);
        if (config_.output.gpkg.empty() && !vm.count("of"))
            throw ConfigError("join needs an output: -o FILE.gpkg or -of none");
        config_.output.mbtiles.clear();  // tiles are of measured areas: see `run`
        config_.output.xyz.clear();
        config_.output.pmtiles.clear();
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        OutputSet outputs(config_.output.overwrite, input_files(config_));  // every target checked before the work
        claim_analysis_outputs(outputs, config_);
        report_removed_leftovers(outputs);
        const auto t0 = std::chrono::steady_clock::now();
        AnalysisResult result = run_analysis(config_, AnalysisScope::join, progress);
        print_warnings(result.report);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;
        write_outputs(result, config_, outputs, progress);
        outputs.publish();
        if (!quiet_) print_summary(result, !config_.output.gpkg.empty(), config_);
        if (!quiet_ || timings_)
            std::cout << "join_seconds: " << format_significant(took.count(), 3) << "\n";
        return 0;
    }

private:
    bool quiet_ = false, timings_ = false;
    AnalysisConfig config_;
};

}  // namespace

std::unique_ptr<Command> make_join_command() { return std::make_unique<JoinCommand>(); }

}  // namespace hotspot::cli
