#include "hotspot/workflow/sites_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/measure/selection.hpp"
#include "workflow/chosen_areas.hpp"

#include <algorithm>


namespace hotspot {

void parse_within(const std::string& text, SitesConfig& c, const std::string& option) {
    const auto eq = text.find('=');
    if (eq == 0 || trim(text).empty()) throw ConfigError(option + " " + quote_value(text) + ": expected LAYER or LAYER=NAME;NAME;...");
    c.within.clear();
    if (eq == std::string::npos) {  // the whole layer
        c.within_layer = std::string(trim(text));
        return;
    }
    c.within_layer = text.substr(0, eq);
    for (const auto& n : split(std::string_view(text).substr(eq + 1), ';'))
        if (!trim(n).empty()) c.within.emplace_back(trim(n));
    if (c.within.empty()) throw ConfigError(option + " " + quote_value(text) + " names no area");
}

namespace {

// "1,234 incidents (all categories, 2022-10..2025-01) inside wards: Ladywood, Aston".
std::string denominator_words(const IncidentTable& t, const IncidentView& v, const SitesConfig& c, std::uint64_t n,
                              const std::string& where) {
    std::string period;
    if (c.period) period = c.period->label;
    else {
        MonthIndex first = 0, last = 0;
        bool any = false;
        for (std::size_t i = 0; i < t.size(); ++i)
            if (v.include[i]) {
                first = any ? std::min(first, t.month[i]) : t.month[i];
                last = any ? std::max(last, t.month[i]) : t.month[i];
                any = true;
            }
        period = !any ? "no month" : month_range_label(first, last);
    }
    std::string categories;
    for (const auto& k : c.categories) categories += (categories.empty() ? "" : "; ") + k;
    return std::to_string(n) + " incidents (" + (categories.empty() ? "all categories" : categories) + ", " + period + ") inside " + where;
}

}  // namespace

SitesResult run_sites(const AnalysisResult& a, const SitesConfig& c) {
    const IncidentTable& t = a.incidents;
    SitesResult out;
    const ChosenAreaSet set = resolve_chosen_areas(a, c);
    out.within_description = set.description;
    std::vector<const AreaLayer*> layers;
    std::vector<const std::vector<std::int32_t>*> assignments;
    for (std::size_t l = 0; l < a.layers.size(); ++l) {
        layers.push_back(&a.layers[l]);
        assignments.push_back(&a.assignments[l].area);
    }
    // Counted: categories and period, and inside the chosen areas. The surface is theirs too, so
    // incidents just outside (a station across the boundary) make no peak inside.
    IncidentView view{&t, select_points(t, c.categories, c.period).include, &layers, &assignments};
    std::uint64_t anywhere = 0;
    for (std::uint8_t in : view.include) anywhere += in;
    std::vector<double> xs, ys, ws;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (view.include[i] && set.layer) {
            const std::int32_t k = a.assignments[*set.layer].area[i];
            view.include[i] = k >= 0 && set.chosen[static_cast<std::size_t>(k)];
        }
        if (!view.include[i]) continue;
        xs.push_back(t.x[i]);
        ys.push_back(t.y[i]);
        ws.push_back(t.weight[i]);
    }
    out.incidents_counted = anywhere;
    out.incidents_inside = xs.size();
    out.share_denominator = denominator_words(t, view, c, out.incidents_inside, out.within_description);
    if (xs.empty()) throw ConfigError("sites: no counted incident inside " + out.within_description + " (" + std::to_string(anywhere) + " anywhere)");
    out.surface = kernel_density(xs.data(), ys.data(), ws.data(), xs.size(), c.density);
    const Grid& g = out.surface.grid;

    std::optional<Region> region;
    std::vector<std::int32_t> cell_area(g.values.size(), -1);
    if (!set.layer) {
        out.allowed.assign(g.values.size(), 1);
    } else {
        // Cells allowed: centre inside a chosen area.
        const AreaLayer& layer = a.layers[*set.layer];
        out.allowed.assign(g.values.size(), 0);
        std::vector<std::size_t> cells;
        std::vector<double> cx, cy;
        for (std::size_t k = 0; k < g.values.size(); ++k)
            if (g.values[k] > 0 && g.values[k] != Grid::nodata) {
                cells.push_back(k);
                cx.push_back(g.centre_x(k % g.nx));
                cy.push_back(g.centre_y(k / g.nx));
            }
        const Assignment in = assign_points(layer, cx.data(), cy.data(), cx.size(), c.density.threads ? c.density.threads : 2);
        for (std::size_t j = 0; j < cells.size(); ++j)
            if (in.area[j] >= 0 && set.chosen[static_cast<std::size_t>(in.area[j])]) {
                out.allowed[cells[j]] = 1;
                cell_area[cells[j]] = in.area[j];
            }
        std::vector<std::size_t> indices;
        for (std::size_t k = 0; k < set.chosen.size(); ++k)
            if (set.chosen[k]) indices.push_back(k);
        region = Region::of_areas(layer, indices);
        out.chosen_area_m2 = region->area_m2();
    }
    const ChosenAreas chosen{region ? &*region : nullptr, &out.allowed};
    out.sites = select_sites(g, chosen, view, c.sites);
    const double study_area = region ? region->area_m2() : static_cast<double>(g.nx * g.ny) * g.cell_m * g.cell_m;
    out.hotspots = extract_hotspots(g, c.threshold, view, study_area, chosen);
    out.areas_without_site = areas_without_site(a, set, out, cell_area, view.include, c.sites);
    return out;
}

}  // namespace hotspot
