#pragma once
// Option groups shared by subcommands, and turning them into an AnalysisConfig.
#include "cli/command.hpp"
#include "hotspot/config.hpp"
#include "hotspot/pipeline.hpp"

namespace hotspot::cli {

po::options_description general_options(bool& quiet);
po::options_description analysis_options();
po::options_description output_options();

// Builds the configuration: the config file (-c) first, then flags on top of it.
AnalysisConfig config_from_options(const po::variables_map& vm);

// Prints the run's counters as a short summary (stdout).
void print_summary(const AnalysisResult& result, bool wrote_outputs, const AnalysisConfig& config);

}  // namespace hotspot::cli
