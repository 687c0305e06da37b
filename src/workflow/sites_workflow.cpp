#include "hotspot/workflow/sites_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/measure/selection.hpp"


namespace hotspot {

void parse_within(const std::string& text, SitesConfig& c) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) throw ConfigError("--within " + quote_value(text) + ": expected LAYER=NAME;NAME;...");
    c.within_layer = text.substr(0, eq);
    c.within.clear();
    for (const auto& n : split(std::string_view(text).substr(eq + 1), ';'))
        if (!trim(n).empty()) c.within.emplace_back(trim(n));
    if (c.within.empty()) throw ConfigError("--within " + quote_value(text) + " names no area");
}

SitesResult run_sites(const AnalysisResult& a, const SitesConfig& c) {
    const IncidentTable& t = a.incidents;
    SitesResult out;
    const SelectedPoints counted = select_points(t, c.categories, c.period);
    out.incidents_counted = counted.x.size();
    out.surface = kernel_density(counted.x.data(), counted.y.data(), counted.w.data(), counted.x.size(), c.density);
    const Grid& g = out.surface.grid;

    // Cells allowed: centre inside one of the named areas (all cells when none named).
    out.allowed.assign(g.values.size(), c.within_layer.empty() ? 1 : 0);
    std::vector<const AreaLayer*> layers;
    std::vector<const std::vector<std::int32_t>*> assignments;
    for (std::size_t l = 0; l < a.layers.size(); ++l) {
        layers.push_back(&a.layers[l]);
        assignments.push_back(&a.assignments[l].area);
    }
    if (!c.within_layer.empty()) {
        const AreaLayer* layer = nullptr;
        for (const auto& l : a.layers)
            if (l.name() == c.within_layer) layer = &l;
        if (!layer) throw ConfigError("--within: there is no area layer " + quote_value(c.within_layer));
        std::vector<std::uint8_t> chosen(layer->size(), 0);
        for (const auto& name : c.within) {
            bool found = false;
            for (std::size_t k = 0; k < layer->size(); ++k)
                if (layer->label(k) == name || layer->id(k) == name) chosen[k] = 1, found = true;
            if (!found) {
                std::vector<std::string> known;
                for (std::size_t k = 0; k < layer->size(); ++k) known.push_back(layer->label(k));
                throw ConfigError("--within: no area named " + quote_value(name) + " in " + c.within_layer +
                                  closest_suffix(closest_names(name, known)));
            }
            out.within_description += (out.within_description.empty() ? "" : ", ") + name;
        }
        std::vector<std::size_t> cells;
        std::vector<double> cx, cy;
        for (std::size_t k = 0; k < g.values.size(); ++k)
            if (g.values[k] > 0 && g.values[k] != Grid::nodata) {
                cells.push_back(k);
                cx.push_back(g.centre_x(k % g.nx));
                cy.push_back(g.centre_y(k / g.nx));
            }
        const Assignment in = assign_points(*layer, cx.data(), cy.data(), cx.size(), c.density.threads ? c.density.threads : 2);
        for (std::size_t j = 0; j < cells.size(); ++j)
            if (in.area[j] >= 0 && chosen[static_cast<std::size_t>(in.area[j])]) out.allowed[cells[j]] = 1;
        out.within_description = c.within_layer + ": " + out.within_description;
    } else {
        out.within_description = "the whole surface";
    }
    IncidentView view{&t, counted.include, &layers, &assignments};
    out.sites = select_sites(g, out.allowed, view, c.sites);
    double study_area = 0;
    if (!a.layers.empty())
        for (std::size_t k = 0; k < a.layers.front().size(); ++k) study_area += a.layers.front().area_m2(k);
    else
        study_area = static_cast<double>(g.nx * g.ny) * g.cell_m * g.cell_m;
    out.hotspots = extract_hotspots(g, c.threshold, view, study_area);
    return out;
}

}  // namespace hotspot
