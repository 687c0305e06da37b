// The names of scalings, combinations, missing policies and the ArcGIS presets.
#include "hotspot/decide/composite_index.hpp"

#include "hotspot/base/errors.hpp"

#include <array>
#include <utility>

namespace hotspot {

namespace {

constexpr std::array<std::pair<Scaling, const char*>, 6> scaling_names{
    {{Scaling::minmax, "minmax"}, {Scaling::zscore, "zscore"}, {Scaling::percentile, "percentile"},
     {Scaling::rank, "rank"}, {Scaling::flag, "flag"}, {Scaling::raw, "raw"}}};
constexpr std::array<std::pair<Combine, const char*>, 3> combine_names{
    {{Combine::sum, "sum"}, {Combine::mean, "mean"}, {Combine::geomean, "geomean"}}};
constexpr std::array<std::pair<MissingPolicy, const char*>, 3> missing_names{
    {{MissingPolicy::drop, "drop"}, {MissingPolicy::mean, "mean"}, {MissingPolicy::zero, "zero"}}};

template <typename E, std::size_t N>
const char* name_of(const std::array<std::pair<E, const char*>, N>& names, E value) {
    for (const auto& [e, name] : names)
        if (e == value) return name;
    return "?";
}

template <typename E, std::size_t N>
E parse_name(const std::array<std::pair<E, const char*>, N>& names, const std::string& text, const char* what) {
    std::string known;
    for (const auto& [e, name] : names) {
        if (text == name) return e;
        known += (known.empty() ? "" : ", ") + std::string(name);
    }
    throw ConfigError("unknown " + std::string(what) + " '" + text + "' (" + known + ")");
}

}  // namespace

const char* to_string(Scaling s) { return name_of(scaling_names, s); }
const char* to_string(Combine c) { return name_of(combine_names, c); }
const char* to_string(MissingPolicy m) { return name_of(missing_names, m); }
Scaling parse_scaling(const std::string& text) { return parse_name(scaling_names, text, "scaling"); }
Combine parse_combine(const std::string& text) { return parse_name(combine_names, text, "combination"); }
MissingPolicy parse_missing_policy(const std::string& text) { return parse_name(missing_names, text, "missing-value policy"); }

CompositeSpec composite_preset(const std::string& preset, const std::vector<std::string>& indicator_names) {
    struct Preset {
        const char* name;
        Scaling scaling;
        Combine combine;
    };
    static constexpr std::array<Preset, 7> presets{{{"meanScaled", Scaling::minmax, Combine::mean},
                                                    {"meanPercentile", Scaling::percentile, Combine::mean},
                                                    {"meanRaw", Scaling::raw, Combine::mean},
                                                    {"geomeanScaled", Scaling::minmax, Combine::geomean},
                                                    {"geomeanPercentile", Scaling::percentile, Combine::geomean},
                                                    {"geomeanRaw", Scaling::raw, Combine::geomean},
                                                    {"sumFlagsPercentile", Scaling::flag, Combine::sum}}};
    std::string known;
    for (const auto& p : presets) {
        known += (known.empty() ? "" : ", ") + std::string(p.name);
        if (preset != p.name) continue;
        CompositeSpec spec;
        spec.preset = p.name;
        spec.combine = p.combine;
        for (const auto& name : indicator_names) {
            IndicatorScaling ind;
            ind.name = name;
            ind.scaling = p.scaling;
            // sumFlagsPercentile: 1 where the percentile is above 0.9 (ArcGIS's "count above the
            // 90th percentile" recipe); the defaults of IndicatorScaling are exactly that.
            spec.indicators.push_back(ind);
        }
        // Counts of flags tie often: the higher mean min-max scaled value ranks first, then the area id.
        spec.tie_break_mean_minmax = p.scaling == Scaling::flag;
        return spec;
    }
    throw ConfigError("unknown composite index preset '" + preset + "' (" + known + ")");
}

}  // namespace hotspot
