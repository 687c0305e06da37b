#include "hotspot/workflow/place_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/unique_points.hpp"
#include "hotspot/decide/patrol_minutes.hpp"
#include "hotspot/measure/selection.hpp"
#include "workflow/chosen_areas.hpp"

#include <algorithm>

namespace hotspot {

namespace {

// "incidents (Burglary; Robbery, 2022-10..2025-09)": what every count and weight here is of.
std::string incidents_label(const IncidentTable& t, const SelectedPoints& sel, const PlaceConfig& c) {
    std::string period;
    if (c.period) {
        period = c.period->label;
    } else {
        bool any = false;
        MonthIndex first = 0, last = 0;
        for (std::size_t i = 0; i < t.size(); ++i)
            if (sel.include[i]) {
                first = any ? std::min(first, t.month[i]) : t.month[i];
                last = any ? std::max(last, t.month[i]) : t.month[i];
                any = true;
            }
        period = any ? month_range_label(first, last) : "no month";
    }
    std::string categories;
    for (const auto& k : c.categories) categories += (categories.empty() ? "" : "; ") + k;
    return "incidents (" + (categories.empty() ? std::string("all categories") : categories) + ", " + period + ")";
}

// Each covered demand point goes to its nearest chosen site (ties: the higher-ranked), so the
// weights served add up to the objective with nothing counted twice.
void assign_served(PlaceResult& r) {
    const auto& e = r.placement.explanation;
    std::vector<double> best_d2(r.model.demand_count(), -1.0);
    r.served_by.assign(r.model.demand_count(), -1);
    for (std::size_t s = 0; s < e.size(); ++s) {
        const double cx = r.candidate_x[e[s].site], cy = r.candidate_y[e[s].site];
        for (std::uint32_t i : r.model.covers[e[s].site]) {
            const double dx = r.demand_x[i] - cx, dy = r.demand_y[i] - cy, d2 = dx * dx + dy * dy;
            if (best_d2[i] < 0.0 || d2 < best_d2[i]) best_d2[i] = d2, r.served_by[i] = static_cast<std::int32_t>(s);
        }
    }
    r.served_weight.assign(e.size(), 0.0);
    for (std::size_t i = 0; i < r.served_by.size(); ++i)
        if (r.served_by[i] >= 0) r.served_weight[static_cast<std::size_t>(r.served_by[i])] += r.model.demand_weight[i];
}

}  // namespace

PlaceResult run_place(const AnalysisResult& analysis, const PlaceConfig& config) {
    SelectedPoints sel = select_points(analysis.incidents, config.categories, config.period);
    PlaceResult out;
    out.incidents_label = incidents_label(analysis.incidents, sel, config);
    const ChosenAreaSet set = resolve_chosen_areas(analysis, config.within_layer, config.within);
    PlaceArea area;
    area.description = out.within_description = set.description;
    if (set.layer) {  // demand: the counted incidents inside the chosen areas (issue 10's rule for sites)
        area.layer = &analysis.layers[*set.layer];
        area.chosen = set.chosen;
        const auto& assigned = analysis.assignments[*set.layer].area;
        SelectedPoints inside;
        inside.include = sel.include;
        for (std::size_t i = 0, r = 0; i < sel.include.size(); ++i) {
            if (!sel.include[i]) continue;
            const std::int32_t k = assigned[i];
            if (k >= 0 && set.chosen[static_cast<std::size_t>(k)]) {
                inside.x.push_back(sel.x[r]);
                inside.y.push_back(sel.y[r]);
                inside.w.push_back(sel.w[r]);
            } else {
                inside.include[i] = 0;
                ++out.incidents_outside_areas;
            }
            ++r;
        }
        sel = std::move(inside);
    }
    out.incidents_counted = sel.x.size();
    if (sel.x.empty()) throw ConfigError("place: no incidents of the chosen categories and period inside " + set.description + " to cover");
    const UniquePoints points = unique_points(sel.x, sel.y);
    out.demand_x = points.x;
    out.demand_y = points.y;
    out.demand_incidents.assign(points.x.size(), 0);
    std::vector<double> weight(points.x.size(), 0.0);
    bool weighted = false;
    for (std::size_t r = 0; r < sel.x.size(); ++r) {
        weight[points.of_row[r]] += sel.w[r];
        ++out.demand_incidents[points.of_row[r]];
        weighted = weighted || sel.w[r] != 1.0;
    }
    out.demand_description = weighted ? "weighted incidents (input weights) at each distinct location"
                                      : "incidents at each distinct location (count)";
    out.candidate_set = make_candidates(config.candidates, area, out.demand_x, out.demand_y, config.exclusions, config.crs);
    out.candidate_x = std::move(out.candidate_set.x);
    out.candidate_y = std::move(out.candidate_set.y);
    out.candidate_set.x.clear();
    out.candidate_set.y.clear();
    out.first_existing = out.candidate_x.size();
    PlacementOptions options = config.placement;
    options.existing.clear();
    for (std::size_t k = 0; k < config.existing_x.size(); ++k) {  // an existing site is a candidate of its own, kept
        options.existing.push_back(static_cast<std::uint32_t>(out.candidate_x.size()));
        out.candidate_x.push_back(config.existing_x[k]);
        out.candidate_y.push_back(config.existing_y[k]);
    }
    out.model = coverage_from_points(out.demand_x, out.demand_y, weight, out.candidate_x, out.candidate_y, config.radius_m);
    if (config.separation_m > 0.0) add_separation(out.model, out.candidate_x, out.candidate_y, config.separation_m);
    out.placement = place_sites(out.model, options);
    if (out.placement.status == PlacementStatus::infeasible)
        throw ConfigError("place: no " + std::to_string(options.count) + " sites" +
                          (config.separation_m > 0.0 ? " at least " + format_fixed(config.separation_m, 1) + " m apart" : std::string()) +
                          " exist among the " + std::to_string(out.candidate_x.size()) + " candidates (CBC proved it infeasible)");
    if (config.redeploy > 0) out.redeploy = redeploy_curve(out.model, options.existing, config.redeploy, options);
    std::vector<char> covered(out.model.demand_count(), 0);
    for (std::uint32_t j : out.placement.sites)
        for (std::uint32_t i : out.model.covers[j]) covered[i] = 1;
    for (std::size_t i = 0; i < covered.size(); ++i)
        if (covered[i]) out.incidents_covered += out.demand_incidents[i];
    out.incidents_covered_pct = 100.0 * static_cast<double>(out.incidents_covered) / static_cast<double>(out.incidents_counted);
    for (const SiteExplanation& e : out.placement.explanation) {
        const auto k = area.layer ? area.layer->locate(out.candidate_x[e.site], out.candidate_y[e.site]) : std::nullopt;
        out.site_area.push_back(k ? area.layer->label(*k) : std::string());
    }
    assign_served(out);
    if (config.patrol_minutes > 0) out.patrol_minutes = allocate_minutes(out.served_weight, config.patrol_minutes);
    return out;
}

}  // namespace hotspot
