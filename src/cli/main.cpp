// hotspot: the only place where exceptions become messages and exit codes.
//   0 success            2 bad options or configuration   4 unusable CRS      6 cannot write output
//   1 internal error     3 unreadable input               5 unusable geometry
#include "cli/commands.hpp"
#include "cli/huge_pages.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/version.hpp"
#include "hotspot/publish/output_set.hpp"

#include <gdal.h>
#include <geos_c.h>
#include <proj.h>

#include <algorithm>
#include <iostream>

namespace {

using namespace hotspot;
using namespace hotspot::cli;

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> c;
    c.push_back(make_run_command());
    c.push_back(make_join_command());
    c.push_back(make_density_command());
    c.push_back(make_sites_command());
    c.push_back(make_stats_command());
    c.push_back(make_table_command());
    c.push_back(make_priority_command());
    c.push_back(make_place_command());
    c.push_back(make_evaluate_command());
    c.push_back(make_nearrepeat_command());
    c.push_back(make_trend_command());
    c.push_back(make_emerging_command());
    c.push_back(make_evaluate_intervention_command());
    c.push_back(make_tiles_command());
    c.push_back(make_report_command());
    c.push_back(make_dashboard_command());
    c.push_back(make_check_disclosure_command());
    c.push_back(make_plan_command());
    c.push_back(make_task_command());
    c.push_back(make_assemble_command());
    return c;
}

void print_general_help() {
    std::cout << "hotspot " << version_string << ": crime and ASB hotspot analysis\n\n"
              << "Usage: hotspot COMMAND [OPTIONS]\n       hotspot COMMAND --help\n\nCommands:\n";
    const auto commands = all_commands();
    std::size_t width = 0;  // names in one column, the synopses aligned after the longest
    for (const auto& c : commands) width = std::max(width, std::string(c->name()).size());
    for (const auto& c : commands) std::cout << "  " << c->name() << std::string(width + 2 - std::string(c->name()).size(), ' ') << c->synopsis() << "\n";
    std::cout << "\nOptions:\n  -h, --help     this help\n  --version      versions of hotspot and its libraries\n\n"
              << "Exit codes: 0 ok, 1 internal error, 2 bad options/config, 3 unreadable input,\n"
              << "            4 unusable CRS, 5 unusable geometry, 6 cannot write output.\n";
}

void print_version() {
    std::cout << "hotspot " << version_string << "\n"
              << "GDAL " << GDALVersionInfo("RELEASE_NAME") << ", GEOS " << GEOSversion() << ", PROJ " << proj_info().version << "\n";
}

int run_command(Command& command, int argc, char** argv) {
    po::options_description options = command.options();
    po::variables_map vm;
    // GDAL-style single-dash long options (-t_srs, -of); no prefix guessing, so -o is --output.
    const int style = (po::command_line_style::default_style & ~po::command_line_style::allow_guessing) |
                      po::command_line_style::allow_long_disguise;
    po::store(po::command_line_parser(argc, argv).options(options).positional(command.positional()).style(style).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << "Usage: " << command.usage() << "\n" << options << "\n";
        return 0;
    }
    command.setup(vm);
    return command.run();
}

}  // namespace

int main(int argc, char** argv) {
    restore_caller_tunables();  // the launcher's GLIBC_TUNABLES are read; programs we start get the caller's
    keep_freed_memory();
    remove_temporaries_on_signals();  // first: threads started later inherit the blocked signals
    try {
        if (argc < 2) {
            print_general_help();
            return 2;
        }
        const std::string first = argv[1];
        if (first == "--help" || first == "-h" || first == "help") {
            print_general_help();
            return 0;
        }
        if (first == "--version") {
            print_version();
            return 0;
        }
        for (auto& command : all_commands())
            if (first == command->name()) return run_command(*command, argc - 1, argv + 1);
        message_stream() << "hotspot: unknown command '" << first << "' (try hotspot --help)\n";
        return 2;
    } catch (const po::error& e) {
        message_stream() << "hotspot: " << e.what() << " (see hotspot " << (argc > 1 ? argv[1] : "") << " --help)\n";
        return 2;
    } catch (const hotspot::Error& e) {
        message_stream() << "hotspot: " << e.what() << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        message_stream() << "hotspot: internal error: " << e.what() << "\n";
        return 1;
    }
}
