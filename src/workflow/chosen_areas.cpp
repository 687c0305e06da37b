#include "workflow/chosen_areas.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>

namespace hotspot {

ChosenAreaSet resolve_chosen_areas(const AnalysisResult& a, const std::string& within_layer, const std::vector<std::string>& within,
                                   const std::string& option) {
    ChosenAreaSet out;
    if (a.layers.empty()) {
        if (!within_layer.empty()) throw ConfigError(option + ": there is no area layer " + quote_value(within_layer));
        out.description = "the whole surface (no area layer)";
        return out;
    }
    std::size_t li = a.study_area.layer.value_or(0);  // default: the study area's layer (else the first), whole
    if (!within_layer.empty()) {
        std::vector<std::string> names;
        for (const auto& l : a.layers) names.push_back(l.name());
        const auto it = std::find(names.begin(), names.end(), within_layer);
        if (it == names.end())
            throw ConfigError(option + ": there is no area layer " + quote_value(within_layer) + closest_suffix(closest_names(within_layer, names)));
        li = static_cast<std::size_t>(it - names.begin());
    }
    const AreaLayer& layer = a.layers[li];
    out.layer = li;
    out.chosen.assign(layer.size(), within.empty() ? 1 : 0);
    if (within.empty()) {
        out.description = layer.name() + " (all " + std::to_string(layer.size()) + " areas)";
        return out;
    }
    std::string names;
    for (const auto& name : within) {
        bool found = false;
        for (std::size_t k = 0; k < layer.size(); ++k)
            if (layer.label(k) == name || layer.id(k) == name) out.chosen[k] = 1, found = true;
        if (!found) {
            std::vector<std::string> known;
            for (std::size_t k = 0; k < layer.size(); ++k) known.push_back(layer.label(k));
            throw ConfigError(option + ": no area named " + quote_value(name) + " in " + layer.name() + closest_suffix(closest_names(name, known)));
        }
        names += (names.empty() ? "" : ", ") + name;
    }
    out.description = layer.name() + ": " + names;
    return out;
}

std::vector<AreaWithoutSite> areas_without_site(const AnalysisResult& a, const ChosenAreaSet& set, const SitesResult& r,
                                                const std::vector<std::int32_t>& cell_area, const std::vector<std::uint8_t>& include,
                                                const SiteOptions& o) {
    std::vector<AreaWithoutSite> out;
    if (!set.layer) return out;
    const AreaLayer& layer = a.layers[*set.layer];
    const auto& assigned = a.assignments[*set.layer].area;
    std::vector<std::uint8_t> has_site(layer.size(), 0);
    for (const Site& s : r.sites)
        if (const auto k = layer.locate(s.x, s.y)) has_site[*k] = 1;
    std::vector<std::uint64_t> incidents(layer.size(), 0);
    for (std::size_t i = 0; i < include.size(); ++i)
        if (include[i] && assigned[i] >= 0) ++incidents[static_cast<std::size_t>(assigned[i])];
    std::vector<double> peak(layer.size(), 0.0);
    const Grid& g = r.surface.grid;
    for (std::size_t k = 0; k < cell_area.size(); ++k)
        if (cell_area[k] >= 0 && g.values[k] != Grid::nodata)
            peak[static_cast<std::size_t>(cell_area[k])] = std::max(peak[static_cast<std::size_t>(cell_area[k])], static_cast<double>(g.values[k]));
    const double last_peak = r.sites.empty() ? 0.0 : r.sites.back().peak;
    for (std::size_t k = 0; k < layer.size(); ++k) {
        if (!set.chosen[k] || has_site[k]) continue;
        AreaWithoutSite w{layer.name(), layer.id(k), layer.label(k), incidents[k], peak[k], {}};
        if (incidents[k] == 0)  // any density there spills over from neighbours
            w.reason = "no counted incident inside " + w.name;
        else if (!(peak[k] > 0))
            w.reason = "no density cell above zero with its centre inside " + w.name + " (" + std::to_string(incidents[k]) + " incidents)";
        else if (r.sites.size() == o.count && peak[k] < last_peak)
            w.reason = "its highest density cell (" + format_fixed(peak[k], 2) + " per km2) is below the peak of site " +
                       std::to_string(r.sites.size()) + " (" + format_fixed(last_peak, 2) + ")";
        else
            w.reason = "its density cells (highest " + format_fixed(peak[k], 2) + " per km2) all lie within " +
                       format_fixed(o.min_separation_m, 0) + " m of a higher site";
        out.push_back(std::move(w));
    }
    return out;
}

}  // namespace hotspot
