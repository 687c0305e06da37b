#include "hotspot/workflow/emerging_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/region.hpp"
#include "hotspot/measure/selection.hpp"
#include "hotspot/workflow/input_months.hpp"
#include "workflow/emerging_isolated.hpp"

#include <optional>
#include <set>

namespace hotspot {

std::string step_label(MonthIndex first, std::size_t months) {
    return months <= 1 ? month_label(first) : month_label(first) + ".." + month_label(first + static_cast<MonthIndex>(months) - 1);
}

EmergingRun run_emerging(const AnalysisResult& a, const EmergingConfig& c) {
    if (!(c.band_m > 0) && !(c.contiguity && !c.areas_layer.empty()))
        throw ConfigError("emerging needs a neighbourhood: --band METRES (between cell centres or area centroids), or --contiguity with --areas");
    EmergingRun r;
    r.study_area = a.study_area.description;
    std::optional<std::size_t> layer;
    if (!c.areas_layer.empty()) {
        std::string known;
        for (std::size_t l = 0; l < a.layers.size(); ++l) {
            if (a.layers[l].name() == c.areas_layer) layer = l;
            known += (known.empty() ? "" : ", ") + a.layers[l].name();
        }
        if (!layer)
            throw ConfigError("--areas " + quote_value(c.areas_layer) + ": no --area layer has that name (loaded: " + (known.empty() ? "none" : known) + ")");
        r.areas_layer = c.areas_layer;
        const AreaLayer& areas = a.layers[*layer];
        for (std::size_t i = 0; i < areas.size(); ++i)
            r.area_id.push_back(areas.id(i)), r.area_name.push_back(areas.label(i)), r.area_wkb.push_back(areas.wkb(i));
    } else {
        r.cells = make_study_cells(a, c.cell_m, c.origin_x, c.origin_y, "emerging");
    }
    const IncidentTable& t = a.incidents;
    const std::set<MonthIndex> have = months_with_input(t);
    if (have.empty()) throw ConfigError("emerging: no incidents in the input");
    const MonthIndex first = c.first.value_or(*have.begin()), last = c.last.value_or(*have.rbegin());
    if (last < first) throw ConfigError("emerging: the months " + month_label(first) + ".." + month_label(last) + " are empty");
    const auto months = static_cast<std::size_t>(last - first + 1);
    const std::string span = month_label(first) + ".." + month_label(last);
    if (months % c.step_months != 0)
        throw ConfigError("emerging: " + span + " is " + std::to_string(months) + " months, not whole quarters from " + month_label(first) +
                          "; choose --months FIRST..LAST of whole quarters");
    const SelectedPoints sel = select_points(t, c.categories, std::nullopt);
    refuse_months_without_input(t, first, last, &sel.include, "emerging", span, "add it or choose other --months",
                                "choose --months all sources cover");
    r.step_months = c.step_months;
    r.options = c.options;
    const std::size_t steps = months / c.step_months, n = r.locations();
    for (std::size_t s = 0; s < steps; ++s) r.steps.push_back(first + static_cast<MonthIndex>(s * c.step_months));
    if (steps < c.options.min_steps)
        throw ConfigError("emerging: " + span + " gives " + std::to_string(steps) + " " + (c.step_months == 1 ? "month" : "quarter") +
                          "s; a trend needs at least " + std::to_string(c.options.min_steps) + " steps");
    r.counts.assign(steps * n, 0.0);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!sel.include[i]) continue;
        ++r.rows_total;
        r.weighted = r.weighted || t.weight[i] != 1.0;
        if (t.month[i] < first || t.month[i] > last) {
            ++r.rows_outside_months;
            continue;
        }
        const std::int64_t cell = layer ? a.assignments[*layer].area[i] : r.cells.cell_at(t.x[i], t.y[i]);
        if (cell < 0) {
            ++r.rows_outside_locations;
            continue;
        }
        ++r.rows_in_locations;
        r.weight_in_locations += t.weight[i];
        const auto step = static_cast<std::size_t>(t.month[i] - first) / c.step_months;
        r.counts[step * n + static_cast<std::size_t>(cell)] += t.weight[i];
    }
    std::string categories;
    for (const auto& name : c.categories) categories += (categories.empty() ? "" : "; ") + name;
    r.harm = c.harm;
    r.incidents_label = std::string(c.harm ? "harm-weighted incidents" : r.weighted ? "weighted incidents (input weights)" : "incidents") + " (" +
                        (categories.empty() ? "all categories" : categories) + ", per " + (c.step_months == 1 ? "month" : "quarter") + ", in " +
                        (layer ? "the polygons of layer " + c.areas_layer : format_plain(c.cell_m) + " m cells") + ")";
    std::vector<double> cx, cy;  // area centroids
    if (layer && c.contiguity) {
        r.spatial = queen_contiguity(r.area_wkb, 0, c.options.threads);
    } else if (layer) {
        for (const std::string& wkb : r.area_wkb) {
            const auto [x, y] = wkb_centroid(wkb);
            cx.push_back(x), cy.push_back(y);
        }
        r.spatial = distance_band(cx.data(), cy.data(), n, c.band_m, c.options.threads);
        r.spatial.rule += " between area centroids";
    } else {
        r.spatial = distance_band(r.cells.x.data(), r.cells.y.data(), n, c.band_m, c.options.threads);
        r.spatial.rule += " between cell centres";
    }
    r.without_neighbour = r.spatial.without_neighbours();
    if (r.without_neighbour > 0) r.warnings.push_back(no_neighbour_warning(r, c, cx, cy));
    r.result = emerging_hot_spots(r.counts, n, r.spatial, c.options);
    return r;
}

}  // namespace hotspot
