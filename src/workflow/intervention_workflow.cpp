#include "hotspot/workflow/intervention_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/region.hpp"
#include "hotspot/measure/selection.hpp"
#include "workflow/chosen_areas.hpp"

#include <set>

namespace hotspot {

namespace {

// The chosen areas of one layer: a per-incident test through the layer's assignment.
struct ChosenZone {
    ChosenAreaSet set;
    const std::vector<std::int32_t>* assigned = nullptr;
    bool contains(std::size_t i) const {
        const std::int32_t k = (*assigned)[i];
        return k >= 0 && set.chosen[static_cast<std::size_t>(k)];
    }
};

ChosenZone choose(const AnalysisResult& a, const AreaChoice& c, const std::string& option, bool whole_layer_allowed) {
    if (c.layer.empty()) throw ConfigError(option + " needs an area layer: LAYER=NAME;NAME (load the layer with --area)");
    if (c.names.empty() && !whole_layer_allowed) throw ConfigError(option + " " + c.layer + " names no area: give LAYER=NAME;NAME");
    ChosenZone z;
    z.set = resolve_chosen_areas(a, c.layer, c.names, option);
    z.assigned = &a.assignments.at(*z.set.layer).area;
    return z;
}

std::vector<std::size_t> chosen_indices(const ChosenAreaSet& s) {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < s.chosen.size(); ++k)
        if (s.chosen[k]) out.push_back(k);
    return out;
}

// Months with any row of the inputs: accepted, listed as rejected, or counted outside the study area.
std::set<MonthIndex> months_with_rows(const AnalysisResult& a) {
    std::set<MonthIndex> m(a.incidents.month.begin(), a.incidents.month.end());
    for (const OutsideCount& o : a.outside_counted) m.insert(o.month);
    return m;
}

void require_covered(const AnalysisResult& a, const InterventionResult& r) {
    const std::set<MonthIndex> have = months_with_rows(a);
    std::string missing;
    std::size_t n = 0;
    for (MonthIndex m = r.before_first; m <= r.after_last; ++m)
        if (m != r.config.month && !have.count(m)) missing += (n++ ? ", " : "") + month_label(m);
    if (n == 0) return;
    std::string range = have.empty() ? "no month" : month_range_label(*have.begin(), *have.rbegin());
    throw ConfigError("the windows " + month_range_label(r.before_first, r.before_last) + " and " +
                      month_range_label(r.after_first, r.after_last) + " (" + std::to_string(r.config.months) +
                      " months either side of " + month_label(r.config.month) + ") are not covered by the data: " + std::to_string(n) +
                      " month(s) without any input row: " + missing + " (the inputs have rows in " + range +
                      "); choose another --date or fewer --months");
}

// The study area's polygons as one region; none for a box or without a study area.
std::optional<Region> study_region(const AnalysisResult& a) {
    if (!a.study_area.layer) return std::nullopt;
    const AreaLayer& layer = a.layers[*a.study_area.layer];
    std::vector<std::size_t> all(layer.size());
    for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
    return Region::of_areas(layer, all);
}

// Incidents outside the study area were rejected on reading, so the part of a zone beyond it
// counts nothing: the map shows the counted part and the report says how much was cut.
std::string counted_part(const AnalysisResult& a, const Region& study, const std::string& wkb, const std::string& what, InterventionResult& r) {
    std::string inside = study.clip(wkb);
    const double whole_m2 = wkb_area_m2(wkb), inside_m2 = wkb_area_m2(inside);
    if (whole_m2 - inside_m2 > 1e-3 * whole_m2)
        r.warnings.push_back(format_fixed((whole_m2 - inside_m2) / 1e6, 3) + " km2 (" + format_fixed(100.0 * (whole_m2 - inside_m2) / whole_m2, 1) +
                             " %) of the " + what + " lies outside the study area (" + a.study_area.description +
                             "): incidents there are not counted (rejected as outside the study area)");
    return inside;
}

// The zones as drawn in the GeoPackage and their areas: each the part where its incidents are
// counted (treatment, then buffer without the treatment, then control without both).
void draw_zones(const AnalysisResult& a, const Region& treated, bool treatment_is_study_layer, const std::optional<Region>& buffer_areas,
                const std::optional<Region>& control_areas, InterventionResult& r) {
    const std::optional<Region> study = study_region(a);
    r.treatment_wkb = treated.wkb();
    if (study && !treatment_is_study_layer)  // e.g. a PSPO polygon file loaded as a layer
        r.treatment_wkb = counted_part(a, *study, r.treatment_wkb, "treatment (" + r.zone_description[0] + ")", r);
    if (buffer_areas) {
        r.buffer_wkb = wkb_difference(buffer_areas->wkb(), treated.wkb());
    } else if (r.config.buffer_m > 0) {
        r.buffer_wkb = treated.ring(r.config.buffer_m);
        if (study) r.buffer_wkb = counted_part(a, *study, r.buffer_wkb, format_fixed(r.config.buffer_m, 0) + " m buffer ring", r);
    }
    if (control_areas || study) {
        const std::string whole = control_areas ? control_areas->wkb() : study->wkb();
        r.control_wkb = wkb_difference(wkb_difference(whole, treated.wkb()), r.buffer_wkb);
    }
    r.zone_area_m2[0] = wkb_area_m2(r.treatment_wkb);
    r.zone_area_m2[1] = wkb_area_m2(r.buffer_wkb);
    r.zone_area_m2[2] = wkb_area_m2(r.control_wkb);
}

}  // namespace

InterventionResult run_intervention(const AnalysisResult& a, const InterventionConfig& config) {
    if (config.months < 1) throw ConfigError("--months must be at least 1");
    InterventionResult r;
    r.config = config;
    r.before_first = config.month - config.months;
    r.before_last = config.month - 1;
    r.after_first = config.month + 1;
    r.after_last = config.month + config.months;
    require_covered(a, r);

    const ChosenZone treatment = choose(a, config.treatment, "--treatment", false);
    const Region treated = Region::of_areas(a.layers[*treatment.set.layer], chosen_indices(treatment.set));
    r.zone_description[0] = treatment.set.description;
    std::optional<ChosenZone> buffer_areas, control_areas;
    std::optional<Region> buffer_region, control_region;
    if (!config.buffer_areas.layer.empty()) {
        buffer_areas = choose(a, config.buffer_areas, "--buffer-area", false);
        buffer_region = Region::of_areas(a.layers[*buffer_areas->set.layer], chosen_indices(buffer_areas->set));
        r.zone_description[1] = buffer_areas->set.description + ", without the treatment";
    } else if (config.buffer_m > 0) {
        r.zone_description[1] = "ring of " + format_fixed(config.buffer_m, 0) + " m around the treatment (distance to its edge <= " +
                                format_fixed(config.buffer_m, 0) + " m), without the treatment";
    } else {
        r.zone_description[1] = "none";
    }
    if (config.control_rest) {
        r.zone_description[2] = "the rest of the study area (" + a.study_area.description + "), without treatment and buffer";
    } else {
        control_areas = choose(a, config.control, "--control", true);
        control_region = Region::of_areas(a.layers[*control_areas->set.layer], chosen_indices(control_areas->set));
        r.zone_description[2] = control_areas->set.description + ", without treatment and buffer";
    }
    draw_zones(a, treated, a.study_area.layer == treatment.set.layer, buffer_region, control_region, r);

    const IncidentTable& t = a.incidents;
    const std::vector<std::uint8_t> category = category_mask(t, config.categories);
    InterventionAccount& acc = r.account;
    acc.accepted = t.size();
    acc.outside_study_area = total_rows(a.outside_counted);
    acc.other_rejects = a.rejects.size();
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!category[t.category[i]]) { ++acc.other_category; continue; }
        const MonthIndex m = t.month[i];
        if (m == config.month) { ++acc.intervention_month; continue; }
        if (m < r.before_first) { ++acc.before_the_windows; continue; }
        if (m > r.after_last) { ++acc.after_the_windows; continue; }
        const int w = m < config.month ? 0 : 1;
        Zone z = Zone::none;
        if (treatment.contains(i)) z = Zone::treatment;
        else if (buffer_areas ? buffer_areas->contains(i) : config.buffer_m > 0 && treated.within_distance(t.x[i], t.y[i], config.buffer_m))
            z = Zone::buffer;
        else if (!control_areas || control_areas->contains(i)) z = Zone::control;
        if (z == Zone::none) ++acc.outside_zones[w];
        else ++acc.in_zone[w][static_cast<int>(z)];
    }
    const auto pair = [&](int zone) { return BeforeAfter{static_cast<std::int64_t>(acc.in_zone[0][zone]), static_cast<std::int64_t>(acc.in_zone[1][zone])}; };
    r.counts.treatment = pair(0);
    r.counts.buffer = pair(1);
    r.counts.control = pair(2);
    r.counts.months = config.months;
    r.wdq = weighted_displacement_quotient(r.counts);
    r.wdd = weighted_displacement_difference(r.counts);
    r.rate_ratio = rate_ratio_test(r.counts);
    r.wdd_note = wdd_control_size_note(r.counts);
    if (config.categories.empty()) r.categories_label = "all categories";
    else
        for (const std::string& c : config.categories) r.categories_label += (r.categories_label.empty() ? "" : "; ") + c;
    return r;
}

}  // namespace hotspot
