#include "hotspot/publish/intervention_output.hpp"

#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/styles.hpp"
#include "publish/gpkg_writer.hpp"
#include "publish/priority_table.hpp"

#include <cmath>
#include <cstdio>
#include <optional>

namespace hotspot {

using detail::Cell;

namespace {

const char* const zone_names[3] = {"treatment", "buffer", "control"};

BeforeAfter zone_counts(const InterventionResult& r, std::size_t z) {
    return z == 0 ? r.counts.treatment : z == 1 ? r.counts.buffer : r.counts.control;
}

std::optional<double> change_pct(const BeforeAfter& c) {
    if (c.before == 0) return std::nullopt;
    return 100.0 * static_cast<double>(c.change()) / static_cast<double>(c.before);
}

std::string before_label(const InterventionResult& r) { return month_range_label(r.before_first, r.before_last); }
std::string after_label(const InterventionResult& r) { return month_range_label(r.after_first, r.after_last); }

// "Anti-social behaviour incidents (police.uk month), 6 months 2023-12..2024-05".
std::string what(const InterventionResult& r) { return "incidents of " + r.categories_label; }

std::string signed_text(double v, int decimals) { return (v > 0 ? "+" : "") + format_fixed(v, decimals); }

// Four significant digits (a p of 3e-12 stays visible).
std::string general_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

std::string p_text(double p) { return p < 0.001 ? "< 0.001" : "= " + format_fixed(p, 3); }

detail::PriorityTable zones_table(const InterventionResult& r) {
    const std::string months = std::to_string(r.config.months) + " months";
    const std::string b = " in the before window (" + before_label(r) + ", " + months + ")";
    const std::string a = " in the after window (" + after_label(r) + ", " + months + ")";
    detail::PriorityTable t;
    t.name = "intervention_zones";
    t.description = "Treatment, buffer and control zones of the intervention of " + month_label(r.config.month) + ": " + what(r) +
                    " before and after (the intervention month in neither window)";
    t.rows = 3;
    t.text("zone", "treatment, buffer or control (an incident is in one zone at most: treatment first, then buffer, then control)",
           [](std::size_t z) -> Cell { return std::string(zone_names[z]); });
    t.text("description", "Which areas form the zone", [&r](std::size_t z) -> Cell { return r.zone_description[z]; });
    t.text("window_before", "The before window, months (inclusive)", [&r](std::size_t) -> Cell { return before_label(r); });
    t.text("window_after", "The after window, months (inclusive)", [&r](std::size_t) -> Cell { return after_label(r); });
    t.real("area_km2", "Area of the zone where its incidents are counted, km2 (empty: not drawn, e.g. a box study area)", [&r](std::size_t z) -> Cell {
        return r.zone_area_m2[z] > 0 ? Cell(r.zone_area_m2[z] / 1e6) : Cell();
    });
    t.integer("incidents_before", "Count of " + what(r) + " in the zone" + b,
              [&r](std::size_t z) -> Cell { return zone_counts(r, z).before; });
    t.integer("incidents_after", "Count of " + what(r) + " in the zone" + a, [&r](std::size_t z) -> Cell { return zone_counts(r, z).after; });
    t.integer("change", "incidents_after - incidents_before (negative: fewer after)",
              [&r](std::size_t z) -> Cell { return zone_counts(r, z).change(); });
    t.real("change_pct", "change / incidents_before x 100, %; empty when none before",
           [&r](std::size_t z) -> Cell { return detail::cell(change_pct(zone_counts(r, z))); });
    t.real("per_month_before", "Incidents per month" + b + ": incidents_before / " + std::to_string(r.config.months),
           [&r](std::size_t z) -> Cell { return per_month(zone_counts(r, z).before, r.config.months); });
    t.real("per_month_after", "Incidents per month" + a + ": incidents_after / " + std::to_string(r.config.months),
           [&r](std::size_t z) -> Cell { return per_month(zone_counts(r, z).after, r.config.months); });
    const std::string per_year = " per 1,000 residents per year: incidents / residents x 1,000 x 12 / " + std::to_string(r.config.months) +
                                 "; empty when the zone's residents are not known (population_source says why)";
    t.real("residents", "Residents of the zone (the population the rates divide by); empty: not known",
           [&r](std::size_t z) -> Cell { return detail::cell(r.zone_residents[z]); });
    t.text("population_source", "Where residents comes from (layer and field or table, or the option that gave it), or why it is not known",
           [&r](std::size_t z) -> Cell { return r.residents_source[z]; });
    t.real("rate_per_1000_per_year_before", "Incidents" + b + per_year, [&r](std::size_t z) -> Cell {
        return detail::cell(per_1000_per_year(zone_counts(r, z).before, r.zone_residents[z], r.config.months));
    });
    t.real("rate_per_1000_per_year_after", "Incidents" + a + per_year, [&r](std::size_t z) -> Cell {
        return detail::cell(per_1000_per_year(zone_counts(r, z).after, r.zone_residents[z], r.config.months));
    });
    t.wkb = [&r](std::size_t z) -> std::string { return z == 0 ? r.treatment_wkb : z == 1 ? r.buffer_wkb : r.control_wkb; };
    return t;
}

struct Statistic {
    std::string name, unit, description;
    std::optional<double> value;
};

std::vector<Statistic> statistics(const InterventionResult& r) {
    const WdqResult& q = r.wdq;
    const WddResult& d = r.wdd;
    const RateRatioResult& k = r.rate_ratio;
    const std::string n = "incidents over " + std::to_string(r.config.months) + " months";
    const auto wdd_value = [&d](double v) { return d.refusal.empty() ? std::optional<double>(v) : std::nullopt; };
    return {
        {"success_measure", "ratio difference", "Treatment after / control after - treatment before / control before (< 0: the treatment fell relative to the control)", q.success_measure},
        {"buffer_displacement_measure", "ratio difference", "Buffer after / control after - buffer before / control before (> 0: possible displacement; < 0: possible diffusion)", q.buffer_measure},
        {"wdq", "quotient", "Weighted Displacement Quotient (Bowers and Johnson 2003) = buffer_displacement_measure / success_measure; " + wdq_reading_text(q), q.wdq},
        {"wdd", n, "Weighted Displacement Difference (Wheeler and Ratcliffe 2018) = change in treatment - change in control + change in buffer (no displacement control); negative: fewer incidents" + (r.wdd_note.empty() ? "" : "; CAUTION: " + r.wdd_note), wdd_value(d.wdd)},
        {"wdd_se", n, "Standard error of the WDD: square root of the sum of the six counts (Poisson)", wdd_value(d.se)},
        {"wdd_z", "standard normal z", "WDD / its standard error", wdd_value(d.z)},
        {"wdd_p", "probability", "Two-sided p of wdd_z", wdd_value(d.p_two_sided)},
        {"wdd_ci95_low", n, "WDD - 1.96 SE", wdd_value(d.ci_low)},
        {"wdd_ci95_high", n, "WDD + 1.96 SE", wdd_value(d.ci_high)},
        {"rate_ratio", "ratio", "Incidence rate ratio (treatment after / treatment before) / (control after / control before); below 1: the treatment fell relative to the control" + (k.refusal.empty() ? "" : "; not computed: " + k.refusal), k.irr},
        {"rate_ratio_ci95_low", "ratio", "exp(log rate ratio - 1.96 SE), SE = sqrt(1/Ta + 1/Tb + 1/Ca + 1/Cb)", k.ci_low},
        {"rate_ratio_ci95_high", "ratio", "exp(log rate ratio + 1.96 SE)", k.ci_high},
        {"rate_ratio_z", "standard normal z", "log rate ratio / SE (Wald; the period x group term of a Poisson model)", k.z},
        {"rate_ratio_p", "probability", "Two-sided p of rate_ratio_z", k.p_two_sided},
    };
}

detail::PriorityTable statistics_table(const std::vector<Statistic>& s) {
    detail::PriorityTable t;
    t.name = "intervention_statistics";
    t.description = "Weighted Displacement Quotient, Weighted Displacement Difference and the rate ratio of treatment against control";
    t.rows = s.size();
    t.text("statistic", "Name of the statistic", [&s](std::size_t i) -> Cell { return s[i].name; });
    t.real("value", "Its value; empty: not computed (the reason is in description)", [&s](std::size_t i) -> Cell { return detail::cell(s[i].value); });
    t.text("unit", "Unit of value", [&s](std::size_t i) -> Cell { return s[i].unit; });
    t.text("description", "What it is, how it is computed and its reading", [&s](std::size_t i) -> Cell { return s[i].description; });
    return t;
}

std::string rate_ratio_finding(const InterventionResult& r) {
    const RateRatioResult& k = r.rate_ratio;
    if (!k.irr) return "Rate ratio not computed: " + k.refusal;
    const double pct = 100.0 * (*k.irr - 1.0);
    return "Treatment against control: the treatment area's monthly count changed by " + signed_text(pct, 1) +
           " % relative to the control's change (rate ratio " + format_fixed(*k.irr, 3) + ", 95 % CI " + format_fixed(*k.ci_low, 3) + " to " +
           format_fixed(*k.ci_high, 3) + ", p " + p_text(*k.p_two_sided) + "): " +
           (*k.p_two_sided < 0.05 ? (*k.irr < 1 ? "a fall relative to the control unlikely to be chance"
                                                : "a rise relative to the control unlikely to be chance")
                                  : "a difference that chance alone could produce (p >= 0.05)");
}

std::string wdd_finding(const InterventionResult& r) {
    const WddResult& d = r.wdd;
    if (!d.refusal.empty()) return "WDD not computed: " + d.refusal;
    const std::string months = std::to_string(r.config.months) + " months";
    const std::string size = d.wdd < 0 ? format_fixed(-d.wdd, 0) + " fewer" : d.wdd > 0 ? format_fixed(d.wdd, 0) + " more" : "no change in";
    const std::string figures = "WDD " + format_fixed(d.wdd, 0) + ", SE " + format_fixed(d.se, 1) + ", 95 % CI " + format_fixed(d.ci_low, 0) +
                                " to " + format_fixed(d.ci_high, 0) + ", z " + format_fixed(d.z, 2) + ", p " + p_text(d.p_two_sided);
    // A control far from the treatment's size makes the WDD's counts meaningless as an effect: it is
    // then not stated as a finding (a meeting would quote the number before the caution).
    if (!r.wdd_note.empty()) return "Net effect (WDD): not read as a finding here: " + r.wdd_note + " (for the record: " + figures + ")";
    return "Net effect (WDD): " + size + " incidents in the " + months + " after than the control's trend predicts, counting the buffer (" +
           figures + "): " + (d.p_two_sided < 0.05 ? "unlikely to be chance" : "chance alone could produce it (p >= 0.05)");
}

std::string md_number(const Cell& c) {
    if (std::holds_alternative<std::int64_t>(c)) return std::to_string(std::get<std::int64_t>(c));
    if (std::holds_alternative<double>(c)) return format_fixed(std::get<double>(c), 2);
    if (std::holds_alternative<std::string>(c)) return std::get<std::string>(c);
    return "";
}

// The report's counts table leaves out the long texts (stated above it).
bool in_markdown(const detail::TableColumn& c) {
    return c.name != "description" && c.name != "window_before" && c.name != "window_after" && c.name != "population_source";
}

std::vector<std::pair<std::string, std::uint64_t>> account_lines(const InterventionResult& r) {
    const InterventionAccount& a = r.account;
    const std::string b = " in the before window (" + before_label(r) + ")", af = " in the after window (" + after_label(r) + ")";
    return {{"accepted in the study area (all categories and months)", a.accepted},
            {"other categories than " + r.categories_label, a.other_category},
            {"in the intervention month " + month_label(r.config.month) + " (in neither window)", a.intervention_month},
            {"before " + month_label(r.before_first) + " (outside the windows)", a.before_the_windows},
            {"after " + month_label(r.after_last) + " (outside the windows)", a.after_the_windows},
            {"treatment" + b, a.in_zone[0][0]}, {"buffer" + b, a.in_zone[0][1]}, {"control" + b, a.in_zone[0][2]},
            {"in no zone" + b + " (outside the chosen control)", a.outside_zones[0]},
            {"treatment" + af, a.in_zone[1][0]}, {"buffer" + af, a.in_zone[1][1]}, {"control" + af, a.in_zone[1][2]},
            {"in no zone" + af + " (outside the chosen control)", a.outside_zones[1]},
            {"rows outside the study area (not accepted; counted per file and month in the run report)", a.outside_study_area},
            {"rows rejected for another reason (listed with their reason in the run report)", a.other_rejects}};
}

}  // namespace

std::vector<std::string> intervention_findings(const InterventionResult& r) {
    std::string wdq = wdq_reading_text(r.wdq);
    // The WDQ divides by the success measure: a fall relative to the control that chance could
    // produce makes any reading of it fragile (12.1 on Liverpool's city centre with p = 0.38).
    const RateRatioResult& k = r.rate_ratio;
    if (r.wdq.wdq && k.p_two_sided && *k.p_two_sided >= 0.05)
        wdq += "; CAUTION: the treatment's fall relative to the control could be chance (rate ratio p " + p_text(*k.p_two_sided) +
               "), so there may be no effect to displace or diffuse";
    return {rate_ratio_finding(r), wdd_finding(r), wdq};
}

std::string intervention_residents(const InterventionResult& r) {
    std::string out;
    for (std::size_t z = 0; z < 3; ++z)
        out += std::string(z ? "; " : "") + zone_names[z] + " " +
               (r.zone_residents[z] ? format_fixed(*r.zone_residents[z], 0) + " (" + r.residents_source[z] + ")"
                                    : "not known (" + r.residents_source[z] + ")");
    return out;
}

void add_intervention_report(const InterventionResult& r, RunReport& report) {
    report.add("parameter", "intervention_month", month_label(r.config.month) + " (in neither window)");
    report.add("parameter", "intervention_windows", before_label(r) + " before, " + after_label(r) + " after (" +
                                                        std::to_string(r.config.months) + " months each)");
    report.add("parameter", "intervention_categories", r.categories_label);
    for (std::size_t z = 0; z < 3; ++z) {
        report.add("parameter", std::string("intervention_") + zone_names[z], r.zone_description[z]);
        if (!r.zone_file[z].empty()) report.add("input", std::string("intervention_") + zone_names[z] + "_file", r.zone_file[z]);
        report.add("parameter", std::string("intervention_") + zone_names[z] + "_residents",
                   r.zone_residents[z] ? format_fixed(*r.zone_residents[z], 0) + " (" + r.residents_source[z] + ")" : "not known: " + r.residents_source[z]);
    }
    for (const auto& [what, n] : account_lines(r)) report.add("intervention_account", what, std::to_string(n));
    for (const Statistic& s : statistics(r))
        report.add("intervention", s.name, s.value ? format_fixed(*s.value, 6) + " (" + s.unit + ")" : "not computed");
}

void write_intervention_csv(const InterventionResult& r, const std::string& path, const std::string& target) {
    write_text_file(path, detail::table_csv(zones_table(r)), target);
}

void write_intervention_report(const InterventionResult& r, const RunReport& report, const std::string& path, const std::string& target) {
    std::string md(intervention_report_start);
    md += ": " + r.categories_label + ", intervention month " + month_label(r.config.month) + "\n\n";
    md += "- Treatment: " + r.zone_description[0] + "\n- Buffer: " + r.zone_description[1] + "\n- Control: " + r.zone_description[2] + "\n";
    md += "- Windows: before " + before_label(r) + ", after " + after_label(r) + " (" + std::to_string(r.config.months) +
          " months each); the intervention month " + month_label(r.config.month) + " is in neither (" +
          std::to_string(r.account.intervention_month) + " incidents of " + r.categories_label + " that month, not counted)\n\n";
    md += "## Findings\n\n";
    for (const std::string& f : intervention_findings(r)) md += "- " + f + "\n";
    for (const std::string& w : r.warnings) md.append("- Warning: ").append(w).append("\n");
    const detail::PriorityTable z = zones_table(r);
    md += "\n## Counts (" + what(r) + "; per_month: incidents per month of the window; rate_per_1000_per_year: incidents per 1,000 residents per "
          "year of the window)\n\nResidents: " + intervention_residents(r) + "\n\n|";
    std::string rule = "|";
    for (const auto& c : z.columns)
        if (in_markdown(c)) md.append(" ").append(c.name).append(" |"), rule += " --- |";
    md += "\n" + rule + "\n";
    for (std::size_t row = 0; row < z.rows; ++row) {
        md += "|";
        for (const auto& c : z.columns)
            if (in_markdown(c)) md.append(" ").append(md_number(c.value(row))).append(" |");
        md += "\n";
    }
    md += "\n## Statistics\n\n| statistic | value | unit | what it is |\n| --- | --- | --- | --- |\n";
    for (const Statistic& s : statistics(r))
        md += "| " + s.name + " | " + (s.value ? general_text(*s.value) : "not computed") + " | " + s.unit + " | " + s.description + " |\n";
    md += "\n## Every row accounted for\n\n| rows | count |\n| --- | --- |\n";
    for (const auto& [what, n] : account_lines(r)) md += "| " + what + " | " + std::to_string(n) + " |\n";
    md += "\n## Inputs\n\n";
    for (const auto& e : report.entries())
        if (e.section == "input") md += "- " + e.key + ": " + e.value + "\n";
    write_text_file(path, md, target);
}

void write_intervention_geopackage(const InterventionResult& r, const std::string& crs, const RunReport& report, const std::string& path,
                                   const std::string& target) {
    detail::write_gpkg(path, target, crs, [&](GDALDataset& ds, const OGRSpatialReference& srs) {
        detail::write_table_layer(ds, zones_table(r), &srs);
        detail::write_table_layer(ds, statistics_table(statistics(r)), nullptr);
        std::vector<detail::ReportRow> rows;
        for (const auto& e : report.entries()) rows.push_back({e.section, e.key, e.value});
        detail::write_report_table(ds, rows, "Inputs, parameters, counters and version of this run");
        detail::write_layer_styles(ds, {{"intervention_zones", categorized_fill_qml("zone", {{"treatment", "Treatment area", "215,48,39,160"},
                                                                                               {"buffer", "Displacement buffer", "253,174,97,140"},
                                                                                               {"control", "Control", "69,117,181,120"}})}});
    });
}

}  // namespace hotspot
