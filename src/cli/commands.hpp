#pragma once
// The list of subcommands; each lives in its own command_*.cpp.
#include "cli/command.hpp"

#include <memory>

namespace hotspot::cli {

std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_join_command();
std::unique_ptr<Command> make_tiles_command();
std::unique_ptr<Command> make_report_command();
std::unique_ptr<Command> make_density_command();
std::unique_ptr<Command> make_sites_command();
std::unique_ptr<Command> make_stats_command();
std::unique_ptr<Command> make_table_command();
std::unique_ptr<Command> make_priority_command();
std::unique_ptr<Command> make_place_command();
std::unique_ptr<Command> make_evaluate_command();
std::unique_ptr<Command> make_nearrepeat_command();
std::unique_ptr<Command> make_trend_command();
std::unique_ptr<Command> make_emerging_command();
std::unique_ptr<Command> make_evaluate_intervention_command();
std::unique_ptr<Command> make_dashboard_command();
std::unique_ptr<Command> make_check_disclosure_command();
std::unique_ptr<Command> make_plan_command();
std::unique_ptr<Command> make_task_command();
std::unique_ptr<Command> make_assemble_command();

}  // namespace hotspot::cli
