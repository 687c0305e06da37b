// --audience public for run: the rule from the configuration, and the outputs that are refused
// because the disclosure step does not protect them yet.
#pragma once

#include "cli/command.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/report/disclosure.hpp"
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/pipeline.hpp"

namespace hotspot::cli {

DisclosureRule disclosure_rule(const AnalysisConfig& config);

// Throws ConfigError for a public run asking for an output written from the unprotected analysis
// (areas CSV, tiles, density, performance table, priority tables) or writing no GeoPackage.
void refuse_unprotected_outputs(const AnalysisConfig& config);

// After the writers, before publish: the GeoPackage (and the density classes) protected in place;
// the density surface was masked by the density step (its count of masked cells is in the report).
// tiles and dashboard --audience public: they publish a GeoPackage's layers as they are, so the
// GeoPackage must pass check-disclosure as a whole (a public run's); throws ConfigError otherwise.
// --audience analyst|public and --min-count, as tiles and dashboard take them: the rule with the
// threshold given; throws ConfigError for another audience.
DisclosureRule audience_rule(const po::variables_map& vm, const std::string& audience);

void refuse_unless_public(const std::string& input, const DisclosureRule& rule, const std::string& command);

DisclosureSummary protect_public_outputs(const AnalysisResult& result, const AnalysisConfig& config, const OutputSet& outputs);

}  // namespace hotspot::cli
