#include "hotspot/workflow/priority_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/workflow/priority_indicators.hpp"
#include "workflow/priority_steps.hpp"

namespace hotspot {

namespace {

std::size_t layer_index(const AnalysisResult& r, const std::string& name) {
    if (name.empty()) return 0;
    for (std::size_t i = 0; i < r.layers.size(); ++i)
        if (r.layers[i].name() == name) return i;
    throw ConfigError("priority.layer = " + quote_value(name) + ": there is no area layer of that name");
}

// Without inputs there is nothing to read: the layers and attribute tables only.
AnalysisResult load_without_inputs(const AnalysisConfig& config, const ProgressFn& progress) {
    validate(config);
    AnalysisResult r;
    r.report.add("config", "effective_ini", to_ini(config));
    if (!config.source_file.empty()) r.report.add("config", "config_file", config.source_file);
    r.report.add("parameter", "inputs", "none: attribute indicators only");
    load_area_layers(r, config, AnalysisScope::join, progress);
    return r;
}

void report_choices(const PriorityResult& p, RunReport& report) {
    const PriorityConfig& c = p.config;
    const AreaLayer& layer = p.analysis.layers[p.layer];
    report.add("parameter", "priority layer", layer.name() + " (" + std::to_string(layer.size()) + " areas)");
    for (const IndicatorValues& v : p.indicators.indicators) {
        const std::string k = "priority indicator " + v.spec.name;
        report.add("parameter", k, std::string(to_string(v.spec.kind)) + ": " + v.unit + ", " + v.period +
                                       (v.denominator_what.empty() ? "" : ", denominator " + v.denominator_what) +
                                       (v.spec.higher_is_worse ? "" : ", higher is better (reversed in the index)"));
        for (const auto& n : v.notes) report.add("parameter", k + " selection", n);
        for (const auto& w : v.warnings) report.add("warning", k, w);
        report.count(k + " areas_without_value", v.missing_areas.size());
        if (!v.missing_areas.empty())
            report.add("warning", k, std::to_string(v.missing_areas.size()) + " of " + std::to_string(layer.size()) + " areas have no value (first: " +
                                         v.missing_areas.front() + ", " + v.missing_why.front() + "); listed in missing_values.csv");
    }
    report.add("parameter", "priority ci", std::string(to_string(c.interval)) + " at level " + format_exact(c.level));
    report.add("parameter", "priority eb", std::string(c.eb_global ? "global " : "") + (c.eb_local ? "local (queen neighbours and the area itself)" : "") +
                                               (!c.eb_global && !c.eb_local ? "none" : ""));
}

}  // namespace

AnalysisConfig priority_analysis_config(const AnalysisConfig& given, const PriorityConfig& priority) {
    AnalysisConfig config = given;  // the indexed layer's outputs carry the columns its indicators read
    PriorityConfig checked = priority;
    checked.enabled = true;
    config.attributes = with_indicator_fields(given.attributes, checked);
    validate_priority(checked, [&] {
        std::vector<std::string> names;
        for (const auto& a : config.areas) names.push_back(a.name);
        return names;
    }(), config.attributes, !config.inputs.empty());
    (void)composite_spec_for(checked);  // refused before any data is read
    return config;
}

PriorityResult run_priority(const AnalysisConfig& given, const PriorityConfig& priority, const ProgressFn& progress) {
    const AnalysisConfig config = priority_analysis_config(given, priority);
    return run_priority(config, priority,
                        config.inputs.empty() ? load_without_inputs(config, progress) : run_analysis(config, AnalysisScope::join, progress), progress);
}

PriorityResult run_priority(const AnalysisConfig& given, const PriorityConfig& priority, AnalysisResult analysis, const ProgressFn& progress) {
    const AnalysisConfig config = priority_analysis_config(given, priority);
    PriorityResult p;
    p.config = priority;
    p.config.enabled = true;
    const CompositeSpec spec = composite_spec_for(p.config);
    p.analysis = std::move(analysis);
    p.layer = layer_index(p.analysis, p.config.layer);
    RunReport& report = p.analysis.report;
    {
        StepTimer timer(report, "priority_indicators");
        progress("indicators", 0.0);
        p.indicators = build_indicators(p.analysis, p.layer, ordered_indicators(p.config), config.attributes);
    }
    report_choices(p, report);
    {
        StepTimer timer(report, "priority_risks");
        progress("over-representation", 0.2);
        priority_risks(p, effective_threads(config.threads));
    }
    {
        StepTimer timer(report, "priority_index");
        progress("index", 0.4);
        CompositeInput in;
        in.area_ids = p.indicators.area_ids;
        for (const auto& v : p.indicators.indicators) in.indicator_names.push_back(v.spec.name), in.values.push_back(v.value);
        p.composite = composite_index(in, spec);
        for (const auto& n : p.composite.notes) report.add("parameter", "priority index", n);
        for (const auto& w : p.composite.warnings) report.add("warning", "priority index", w);
        report.count("priority areas_indexed", p.composite.index.size() - p.composite.dropped.size());
        report.count("priority areas_dropped", p.composite.dropped.size());
    }
    {
        StepTimer timer(report, "priority_hierarchy");
        progress("hierarchy", 0.6);
        priority_hierarchy(p, config);
        priority_deprivation(p, config);
    }
    if (p.config.grid_cell_m > 0) {
        StepTimer timer(report, "priority_grid");
        progress("grid", 0.8);
        priority_grid(p, spec, effective_threads(config.threads));
    }
    return p;
}

}  // namespace hotspot
