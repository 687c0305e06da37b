#include "cli/public_outputs.hpp"

#include "cli/common_options.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/area_style.hpp"
#include "hotspot/publish/density_step.hpp"
#include "hotspot/report/disclosure_check.hpp"
#include "hotspot/report/disclosure_gpkg.hpp"

#include <string>
#include <utility>
#include <vector>

namespace hotspot::cli {

DisclosureRule disclosure_rule(const AnalysisConfig& config) {
    DisclosureRule rule;
    rule.min_count = config.disclosure.min_count;
    rule.round_base = config.disclosure.round_base;
    return rule;
}

void refuse_unprotected_outputs(const AnalysisConfig& config) {
    if (!config.disclosure.public_audience) {
        if (config.disclosure.round_base > 0 || config.disclosure.min_count != DisclosureRule{}.min_count)
            throw ConfigError("--min-count and --round apply to public outputs: add --audience public ([disclosure] audience = public)");
        return;
    }
    if (config.output.gpkg.empty()) throw ConfigError("--audience public needs the GeoPackage (-o FILE.gpkg): it is the output that gets protected");
    const std::vector<std::pair<std::string, std::string>> unprotected{
        {config.output.areas_csv, "output.areas_csv"}, {config.output.mbtiles, "output.mbtiles"},
        {config.output.xyz, "output.xyz"}, {config.output.pmtiles, "output.pmtiles"},  // tiles are cut before protection
        {config.output.table_csv, "output.table_csv"}, {config.output.priority_csv_dir, "output.priority_csv_dir"}};
    for (const auto& [value, name] : unprotected)
        if (!value.empty())
            throw ConfigError("--audience public: " + name +
                              " is not written by a public run yet (it would not be protected): clear it with --set " + name +
                              "= and make tiles from the public GeoPackage with `hotspot tiles --audience public`");
    if (!config.output.density.empty() && config.density.options.bandwidth_rule == BandwidthRule::adaptive_knn)
        throw ConfigError("--audience public: a density surface with adaptive bandwidths is not masked yet (each incident has its own "
                          "radius); use a fixed bandwidth or clear output.density");
    if (config.priority.enabled) throw ConfigError("--audience public: the [priority] step's layers are not protected yet; remove [priority]");
}

DisclosureSummary protect_public_outputs(const AnalysisResult& result, const AnalysisConfig& config, const OutputSet& outputs) {
    const DisclosureRule rule = disclosure_rule(config);
    DisclosureSummary summary = protect_geopackage(outputs.temporary(config.output.gpkg), rule);
    // The run styled its area layers before protection; class bounds are area values, so they are
    // computed again from the published (suppressed, rounded) ones.
    restyle_area_layers(outputs.temporary(config.output.gpkg), result.layers, result.measures);
    if (!config.output.density.empty() && !config.density.classes.empty())
        protect_geopackage(outputs.temporary(classes_path(config.output.density)), rule);  // polygons of the masked surface
    for (const auto& e : result.report.entries())
        if (e.section == "disclosure" && e.key == "density_masked_cells") summary.masked_raster_cells = std::stoll(e.value);
    return summary;
}

DisclosureRule audience_rule(const po::variables_map& vm, const std::string& audience) {
    if (audience != "analyst" && audience != "public") throw ConfigError("--audience " + quote_value(audience) + ": expected analyst or public");
    DisclosureRule rule;
    rule.min_count = static_cast<int>(count_option(vm, "min-count", CountRange{2, 1000}));
    return rule;
}

void refuse_unless_public(const std::string& input, const DisclosureRule& rule, const std::string& command) {
    const DisclosureCheck check = check_disclosure(input, rule);
    if (check.breaches.empty()) return;
    const DisclosureBreach& b = check.breaches.front();
    throw ConfigError(command + " --audience public: " + input + " is not a public output (" + std::to_string(check.breaches.size()) +
                      " breaches of the disclosure rule, first: " + b.layer + (b.field.empty() ? "" : " " + b.field) + ": " + b.reason +
                      "); write it with `hotspot run --audience public` and check it with `hotspot check-disclosure`");
}

}  // namespace hotspot::cli
