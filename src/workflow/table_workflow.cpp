#include "hotspot/workflow/table_workflow.hpp"

namespace hotspot {

TableOptions table_options(const AnalysisConfig& config) {
    TableOptions options = config.table;
    options.level_band_pct = config.measures.level_band_pct;
    for (const auto& in : config.inputs) {
        options.sources.push_back(in.name);
        if (in.format == InputFormat::police_uk) options.police_sources.push_back(in.name);
    }
    return options;
}

PerformanceTable performance_table_of(const AnalysisResult& result, const AnalysisConfig& config) {
    return build_performance_table(result.incidents, result.layers, result.assignments, table_options(config));
}

}  // namespace hotspot
