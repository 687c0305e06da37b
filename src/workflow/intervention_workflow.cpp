#include "hotspot/workflow/intervention_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/region.hpp"
#include "hotspot/geo/zone_file.hpp"
#include "hotspot/measure/selection.hpp"
#include "hotspot/workflow/input_months.hpp"
#include "workflow/chosen_areas.hpp"
#include "workflow/intervention_population.hpp"

#include <optional>
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

// A zone as counted: chosen areas of a layer (through the layer's assignment) or a polygon file.
struct ZoneShape {
    std::optional<ChosenZone> areas;
    std::optional<Region> areas_region;  // the chosen areas' union
    std::optional<ZoneFile> file;
    const Region& region() const { return file ? *file->region : *areas_region; }
    bool contains(const IncidentTable& t, std::size_t i) const { return areas ? areas->contains(i) : file->contains(t.x[i], t.y[i]); }
};

ZoneShape zone_shape(const AnalysisResult& a, const AreaChoice& c, const ZoneFileChoice& f, const std::string& option, bool whole_layer_allowed,
                     std::size_t zone, InterventionResult& r) {
    ZoneShape s;
    if (f.given()) {
        if (r.config.analysis_crs.empty()) throw Error("internal error: " + option + " is a file but the analysis CRS is not set");
        s.file = load_zone_file(f.path, f.layer, r.config.analysis_crs, option);
        r.zone_description[zone] = s.file->description();
        r.zone_file[zone] = s.file->provenance();
    } else {
        s.areas = choose(a, c, option, whole_layer_allowed);
        s.areas_region = Region::of_areas(a.layers[*s.areas->set.layer], chosen_indices(s.areas->set));
        r.zone_description[zone] = s.areas->set.description;
    }
    return s;
}

// The zones as drawn in the GeoPackage and their areas: each the part where its incidents are
// counted (treatment, then buffer without the treatment, then control without both). A zone not
// made of the study layer's own areas may reach past the study area: that part is cut and warned.
void draw_zones(const AnalysisResult& a, const ZoneShape& treatment, const ZoneShape* buffer, const ZoneShape* control, InterventionResult& r) {
    const std::optional<Region> study = study_region(a);
    const Region& treated = treatment.region();
    r.treatment_wkb = treated.wkb();
    const bool treatment_is_study_layer = treatment.areas && a.study_area.layer == treatment.areas->set.layer;
    if (study && !treatment_is_study_layer)  // e.g. a PSPO polygon file
        r.treatment_wkb = counted_part(a, *study, r.treatment_wkb, "treatment (" + r.zone_description[0] + ")", r);
    if (buffer) {
        r.buffer_wkb = wkb_difference(buffer->region().wkb(), treated.wkb());
        if (study && buffer->file) r.buffer_wkb = counted_part(a, *study, r.buffer_wkb, "buffer (" + r.zone_description[1] + ")", r);
    } else if (r.config.buffer_m > 0) {
        r.buffer_wkb = treated.ring(r.config.buffer_m);
        if (study) r.buffer_wkb = counted_part(a, *study, r.buffer_wkb, format_fixed(r.config.buffer_m, 0) + " m buffer ring", r);
    }
    if (control || study) {
        std::string whole = control ? control->region().wkb() : study->wkb();
        if (study && control && control->file) whole = counted_part(a, *study, whole, "control (" + r.zone_description[2] + ")", r);
        r.control_wkb = wkb_difference(wkb_difference(whole, treated.wkb()), r.buffer_wkb);
    }
    r.zone_area_m2[0] = wkb_area_m2(r.treatment_wkb);
    r.zone_area_m2[1] = wkb_area_m2(r.buffer_wkb);
    r.zone_area_m2[2] = wkb_area_m2(r.control_wkb);
}

// What each zone is made of, for its residents (workflow/intervention_population).
std::vector<ZoneMakeup> zone_makeups(const AnalysisResult& a, const ZoneShape& treatment, const ZoneShape* buffer, const ZoneShape* control,
                                     const InterventionResult& r) {
    const char* names[3] = {"treatment", "buffer", "control"};
    const ZoneShape* shapes[3] = {&treatment, buffer, control};
    std::vector<ZoneMakeup> m(3);
    for (std::size_t z = 0; z < 3; ++z) {
        m[z].name = names[z];
        m[z].option = "--" + m[z].name + "-population";
        m[z].given = r.config.residents[z];
        m[z].counted_m2 = r.zone_area_m2[z];
        if (const ZoneShape* s = shapes[z]) {
            if (s->areas) m[z].layer = &a.layers[*s->areas->set.layer], m[z].areas = s->areas->set.chosen;
            else m[z].what = "a polygon file (" + s->file->path + ")";
        }
    }
    if (!buffer) {
        m[1].present = r.config.buffer_m > 0;
        m[1].what = "a ring of " + format_fixed(r.config.buffer_m, 0) + " m around the treatment";
    }
    if (!control) {
        if (a.study_area.layer) {
            m[2].layer = &a.layers[*a.study_area.layer];
            m[2].areas.assign(m[2].layer->size(), 1);
        } else {
            m[2].what = "the rest of the study area (" + a.study_area.description + ")";
        }
    }
    return m;
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
    {
        // Each police.uk input on its own: one that lacks a window's month (BTP ends 2025-01) would
        // count as zero there and fake a fall. Only inputs with a row of the categories count.
        const std::vector<std::uint8_t> cats = category_mask(a.incidents, config.categories);
        std::vector<std::uint8_t> selected(a.incidents.size());
        for (std::size_t i = 0; i < selected.size(); ++i) selected[i] = cats[a.incidents.category[i]];
        const std::string gaps = police_source_gaps(a.incidents, r.before_first, r.after_last, &selected);
        if (!gaps.empty())
            throw ConfigError("no police.uk file for " + gaps + " inside the windows " + month_range_label(r.before_first, r.before_last) +
                              " and " + month_range_label(r.after_first, r.after_last) +
                              ": that input's incidents would count as zero there and fake a change; choose another --date or fewer --months, "
                              "or leave that input out");
    }

    const ZoneShape treatment = zone_shape(a, config.treatment, config.treatment_file, "--treatment", false, 0, r);
    std::optional<ZoneShape> buffer, control;
    if (!config.buffer_areas.layer.empty() || config.buffer_file.given()) {
        buffer = zone_shape(a, config.buffer_areas, config.buffer_file, "--buffer-area", false, 1, r);
        r.zone_description[1] += ", without the treatment";
    } else if (config.buffer_m > 0) {
        r.zone_description[1] = "ring of " + format_fixed(config.buffer_m, 0) + " m around the treatment (distance to its edge <= " +
                                format_fixed(config.buffer_m, 0) + " m), without the treatment";
    } else {
        r.zone_description[1] = "none";
    }
    if (config.control_rest) {
        r.zone_description[2] = "the rest of the study area (" + a.study_area.description + "), without treatment and buffer";
    } else {
        control = zone_shape(a, config.control, config.control_file, "--control", true, 2, r);
        r.zone_description[2] += ", without treatment and buffer";
    }
    draw_zones(a, treatment, buffer ? &*buffer : nullptr, control ? &*control : nullptr, r);
    const std::vector<ZonePopulation> residents = zone_populations(zone_makeups(a, treatment, buffer ? &*buffer : nullptr, control ? &*control : nullptr, r));
    for (std::size_t z = 0; z < 3; ++z) r.zone_residents[z] = residents[z].residents, r.residents_source[z] = residents[z].source;

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
        if (treatment.contains(t, i)) z = Zone::treatment;
        else if (buffer ? buffer->contains(t, i) : config.buffer_m > 0 && treatment.region().within_distance(t.x[i], t.y[i], config.buffer_m))
            z = Zone::buffer;
        else if (!control || control->contains(t, i)) z = Zone::control;
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
