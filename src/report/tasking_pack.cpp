// The tasking pack: bottom line, ranked sites, maps, time profile, then the later sections
// (pack_sections.cpp), in the order a tasking meeting reads them (docs/OUTPUTS).
#include "hotspot/report/tasking_pack.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/report/disclosure_check.hpp"
#include "pack_chart.hpp"
#include "pack_html.hpp"
#include "hotspot/report/svg_map.hpp"

#include <algorithm>
#include <sstream>

namespace hotspot::report {

namespace {

// Print: A4, a page per section and per site, the running header (classification, title, data
// period) and page numbers in @page margin boxes (Chromium >= 131 prints them); on screen the
// same header sits at the top.
constexpr const char* css = R"(
body { font: 10.5pt/1.4 "DejaVu Sans", Arial, sans-serif; margin: 0 auto; max-width: 190mm; color: #111; }
.classification { font-weight: bold; text-align: center; border: 2px solid #000; padding: 2px; }
header.running { font-size: 9pt; color: #333; border-bottom: 1px solid #999; margin-bottom: 6px; }
h1 { font-size: 18pt; margin: 8px 0 4px; } h2 { font-size: 14pt; border-bottom: 2px solid #b00020; padding-bottom: 2px; }
h3 { font-size: 11pt; }
.bottom-line { background: #fdf1f2; border-left: 5px solid #b00020; padding: 6px 12px; font-size: 11.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin: 6px 0; }
table.ranked { font-size: 7.5pt; } table.ranked th { font-weight: 600; }
table.ranked th, table.ranked td { padding: 1px 2px; } /* with 6.5pt in print: fits A4 with the Gi* and emerging columns */
th, td { border: 1px solid #bbb; padding: 2px 4px; vertical-align: top; text-align: left; }
thead th { background: #eee; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
svg { width: 100%; height: auto; display: block; }
.map-legend, .note { font-size: 8.5pt; color: #444; }
.hash { font-family: monospace; font-size: 7pt; word-break: break-all; }
#run-inputs td { font-size: 7pt; word-break: break-all; } #run-inputs td:first-child { width: 40%; }
.warning { color: #8a1c00; }
.dormant { font-size: 7pt; color: #8a1c00; }
#disclosure { break-inside: avoid; }
.public-notice { border: 1px solid #555; padding: 4px 8px; font-size: 9.5pt; }
.key { display: inline-block; width: 10px; height: 10px; border-radius: 5px; vertical-align: middle; }
@media print { table.ranked { font-size: 6.5pt; } section.page, section.site-page { break-before: page; } tr, .map, .chart { break-inside: avoid; } header.running { display: none; } }
)";

// A CSS string literal: backslash and quote escaped, line breaks dropped.
std::string css_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '<') out += "\\3C ";  // never "</style>" inside the style element
        else if (c == '\\' || c == '"') out += std::string("\\") + c;
        else if (c != '\n' && c != '\r') out += c;
    }
    return out + "\"";
}

// The running header (classification, title, periods) and page numbers in @page margin boxes.
std::string page_rule(const std::string& classification, const std::string& running) {
    return "@page { size: A4; margin: 20mm 14mm 16mm 14mm;\n  @top-center { content: " + css_string(running) +
           "; font: 8.5pt sans-serif; color: #333; }\n  @bottom-left { content: " + css_string(classification) +
           "; font: bold 8.5pt sans-serif; }\n  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); font: 8.5pt sans-serif; } }\n";
}

std::string range_words(MonthIndex first, MonthIndex last) {
    return month_short_name(first) + " " + std::to_string(year_of(first)) + " to " + month_short_name(last) + " " + std::to_string(year_of(last));
}

std::string site_name(const PackSite& s) { return s.place.empty() ? "(no street name)" : s.place; }

std::string bottom_line(const TaskingPack& p) {
    const PackFigures& f = p.figures;
    const PackProtection& pr = p.protection;
    const std::vector<PackSite>& sites = p.inputs.sites.sites;
    std::string cats;
    for (const std::string& c : f.categories) cats += (cats.empty() ? "" : ", ") + c;
    std::ostringstream o;
    o << "<div class=\"bottom-line\" id=\"bottom-line\"><p>";
    o << "In " << pack_period_label(f.window) << " (the latest " << f.window.months << " months of the data) the run recorded "
      << count_html(f.selection_now, pr.selection_now) << " incidents of " << html_escape(cats.empty() ? "all categories" : cats) << " in its study area, "
      << change_html(f.selection_now, pr.selection_now, f.selection_before, pr.selection_before) << " on the " << f.window.months << " months before ("
      << count_html(f.selection_before, pr.selection_before) << "). ";
    if (!sites.empty()) {
        o << "The top sites are ";
        for (std::size_t k = 0; k < std::min<std::size_t>(3, sites.size()); ++k)
            o << (k ? (k + 1 == std::min<std::size_t>(3, sites.size()) ? " and " : ", ") : "") << sites[k].rank << ". " << html_escape(site_name(sites[k]))
              << " (" << html_escape(sites[k].wards) << ": " << count_html(f.sites[k].now, pr.sites[k].now) << " incidents in the pack period, "
              << count_html(f.sites[k].before, pr.sites[k].before) << " before)";
        o << ". ";
        // Rises and falls of the sites whose two counts are shown (a withheld count has no direction).
        long long up = 0, down = 0, shown = 0;
        std::size_t rise = sites.size();
        for (std::size_t k = 0; k < sites.size(); ++k) {
            if (pr.sites[k].now || pr.sites[k].before) continue;
            const long long d = f.sites[k].now - f.sites[k].before;
            ++shown, up += d > 0, down += d < 0;
            if (rise == sites.size() || d > f.sites[rise].now - f.sites[rise].before) rise = k;
        }
        if (shown == 0)
            o << "No site has both its counts shown, so rises and falls are not given";
        else
            o << "Of the " << (shown == static_cast<long long>(sites.size()) ? "" : std::to_string(shown) + " of the ") << sites.size() << " sites"
              << (shown == static_cast<long long>(sites.size()) ? "" : " whose counts are shown") << ", " << up << " rose and " << down
              << " fell on the previous period";
        if (rise < sites.size() && f.sites[rise].now > f.sites[rise].before)
            o << "; the largest rise is site " << sites[rise].rank << ", " << html_escape(site_name(sites[rise])) << " ("
              << count_html(f.sites[rise].before, false) << " to " << count_html(f.sites[rise].now, false) << ")";
        o << ". ";
        if (!pr.active) {  // hot months are analyst only (pack_disclosure.hpp)
            long long persistent = 0;
            for (const SiteFigures& s : f.sites) persistent += s.hot_streak >= std::min(3, f.window.months);
            o << persistent << (persistent == 1 ? " site was" : " sites were") << " above its own monthly mean in each of the last "
              << std::min(3, f.window.months) << " months. ";
        }
        long long dormant = 0;
        for (const SiteFigures& s : f.sites) dormant += s.now == 0;
        if (dormant > 0)
            o << dormant << (dormant == 1 ? " site had" : " sites had") << " no incident in the pack period (ranked on earlier months). ";
    }
    if (p.inputs.previous) {
        long long still = 0;
        for (const PreviousSiteFigures& s : f.previous) still += s.current_rank > 0;
        o << still << " of the " << f.previous.size() << " sites of the last pack are still sites.";
    }
    o << "</p></div>\n";
    return o.str();
}

// The period of the sites layer's counts, from its share denominator "N incidents (CATEGORIES, PERIOD) inside ...".
std::string sites_layer_period(const SourceFile& sites) {
    const std::string d = sites.get("parameter", "share_pct_denominator");
    const auto close = d.find(") inside ");
    const auto comma = close == std::string::npos ? std::string::npos : d.rfind(", ", close);
    return comma == std::string::npos ? "the sites run's period" : d.substr(comma + 2, close - comma - 2);
}

// "Belvoir Crescent" for police.uk's "On or near Belvoir Crescent" (said once, in the note).
std::string short_place(const PackSite& s) {
    const std::string n = site_name(s);
    return n.starts_with("On or near ") ? n.substr(11) : n;
}

// The analyst table has the sites layer's counts (another period, another geometry: the radius in
// the chosen areas) and the hot months; the public one leaves both out, because each gives an
// attacker relations between counts (sums to the share denominator, bounds from "above the mean")
// that the protected table does not hold. Nor does it show a site's whole-period count: the pack
// and previous periods are parts of it, a bound (now + before <= total) the table does not hold.
std::string sites_table(const TaskingPack& p) {
    const PackFigures& f = p.figures;
    const PackWindow& w = f.window;
    const PackProtection& pr = p.protection;
    const bool analyst = !pr.active, emerging = p.inputs.emerging.has_value();
    const std::string layer_period = sites_layer_period(p.inputs.sites.source);
    std::ostringstream o;
    o << "<section id=\"sites\"><h2>Ranked sites</h2>\n<table class=\"ranked\" id=\"sites-table\"><thead><tr><th rowspan=\"2\">Rank</th>"
      << "<th rowspan=\"2\">Site (on or near)</th><th rowspan=\"2\">Ward</th><th colspan=\"3\">Incidents inside the site</th>"
      << (analyst ? "<th colspan=\"3\">Sites layer, " + html_escape(layer_period) + "</th>" : "") << "<th rowspan=\"2\">Confidence (Gi* bin)</th>"
      << (analyst ? "<th colspan=\"2\">Hot months</th>" : "") << (emerging ? "<th rowspan=\"2\">Emerging pattern</th>" : "") << "</tr>\n<tr><th>"
      << month_range_label(w.now_first, w.last) << "</th><th>" << month_range_label(w.before_first, w.now_first - 1) << "</th><th>change</th>"
      << (analyst ? "<th>incidents</th><th>weighted score</th><th>% of chosen areas'</th><th>of the last 12</th><th>in a row to " + month_label(w.last) + "</th>"
                  : "")
      << "</tr></thead><tbody>\n";
    for (std::size_t k = 0; k < f.sites.size(); ++k) {
        const PackSite& s = p.inputs.sites.sites[k];
        const SiteFigures& x = f.sites[k];
        const PackProtection::SiteCells& c = pr.sites[k];
        o << "<tr data-rank=\"" << s.rank << "\" data-now=\"" << count_text(x.now, c.now) << "\" data-before=\"" << count_text(x.before, c.before) << "\"";
        if (analyst) o << " data-total=\"" << x.total << "\" data-hot12=\"" << x.hot_last12 << "\" data-streak=\"" << x.hot_streak << "\"";
        o << " data-gi=\"" << html_escape(x.gi_bin) << "\" data-emerging=\"" << html_escape(x.emerging) << "\"><td class=\"n\">" << s.rank
          << "</td><td><a href=\"#site-" << s.rank << "\">" << html_escape(short_place(s)) << "</a>"
          << (x.now == 0 ? "<br><span class=\"dormant\">none in the pack period</span>" : "") << "</td><td>" << html_escape(s.wards) << "</td><td class=\"n\">"
          << count_html(x.now, c.now) << "</td><td class=\"n\">" << count_html(x.before, c.before) << "</td><td class=\"n\">"
          << change_html(x.now, c.now, x.before, c.before) << "</td>";
        if (analyst)
            o << "<td class=\"n\">" << count_html(s.incidents, false) << "</td><td class=\"n\">" << format_fixed(s.weighted, 1) << "</td><td class=\"n\">"
              << format_fixed(s.share_pct, 1) << "</td><td>" << html_escape(x.confidence) << "</td><td class=\"n\">" << x.hot_last12
              << "</td><td class=\"n\">" << x.hot_streak << "</td>";
        else
            o << "<td>" << html_escape(x.confidence) << "</td>";
        o << (emerging ? "<td>" + html_escape(x.emerging.empty() ? "no pattern at the centre" : x.emerging) + "</td>" : "") << "</tr>\n";
    }
    o << "</tbody></table>\n<p class=\"note\">Rank: the sites layer's order, by the peak of its weighted density surface over "
      << html_escape(layer_period) << ", not by the pack period's counts; a site marked \"none in the pack period\" ranks on its earlier months. "
      << "Incidents inside the site: this run's incidents (accepted records, unweighted) of the categories inside the site polygon, in the pack "
         "period (" << pack_period_label(w) << ") and the previous period (" << previous_period_label(w) << ")"
      << ". ";
    if (analyst)
        o << "Sites layer: incidents within the radius and the chosen areas over " << html_escape(layer_period) << ", the same times the inputs' "
          << "weights, and the share of " << html_escape(p.inputs.sites.source.get("parameter", "share_pct_denominator")) << ". Hot month: the site's "
          << "count above its own monthly mean over the " << w.data_months() << " months of the data. ";
    o << "Site names are police.uk's \"On or near\" street of the snapped points.</p></section>\n";
    return o.str();
}

std::string map_legend(const std::string& extra) {
    return "<p class=\"map-legend\"><span class=\"key\" style=\"background:#b00020\"></span> site (numbered by rank) &nbsp; <span class=\"key\" "
           "style=\"background:#f39c12\"></span> hotspot polygon (density above the threshold) &nbsp; grey lines: area boundaries" + extra +
           ". Grid north up (British National Grid metres); no basemap.</p>\n";
}

std::string site_pages(const TaskingPack& p) {
    const PackFigures& f = p.figures;
    const bool dots = !p.protection.active;  // a public pack draws no incident locations
    std::ostringstream o;
    for (std::size_t k = 0; k < f.sites.size(); ++k) {
        const PackSite& s = p.inputs.sites.sites[k];
        const SiteFigures& x = f.sites[k];
        const PackProtection::SiteCells& c = p.protection.sites[k];
        o << "<section class=\"site-page\" id=\"site-" << s.rank << "\"><h2>Site " << s.rank << ": " << html_escape(site_name(s)) << "</h2>\n"
          << "<p>" << html_escape(s.wards) << (s.neighbourhoods.empty() ? "" : " / " + html_escape(s.neighbourhoods)) << "; centre "
          << format_fixed(s.easting, 0) << " E, " << format_fixed(s.northing, 0) << " N, radius " << format_fixed(s.radius_m, 0) << " m.</p>\n"
          << site_map(p.inputs, f, k, dots)
          << map_legend(dots ? " &nbsp; <span class=\"key\" style=\"background:#d7191c\"></span> incidents in the pack period &nbsp; <span class=\"key\" "
                               "style=\"background:#7f7f7f\"></span> earlier months (dot area: incidents at that snapped location, capped at 31)"
                             : "; incident locations are not drawn in the public version")
          << "<table class=\"facts\"><tr><th>Incidents, pack period (" << pack_period_label(f.window) << ")</th><td>" << count_html(x.now, c.now)
          << "</td></tr><tr><th>Incidents, previous period (" << previous_period_label(f.window) << ")</th><td>" << count_html(x.before, c.before)
          << " (change " << change_html(x.now, c.now, x.before, c.before) << ")</td></tr>";
        if (dots)  // analyst only: the mean and hot months bound the monthly counts; by category lists small ones
            o << "<tr><th>Monthly mean over the data period</th><td>" << format_fixed(x.monthly_mean, 1) << " incidents per month</td></tr>"
              << "<tr><th>Hot months of the last 12 / in a row</th><td>" << x.hot_last12 << " / " << x.hot_streak << "</td></tr><tr><th>By category, "
              << "whole data period (sites layer)</th><td>" << html_escape(s.by_category) << "</td></tr>";
        o << "<tr><th>Confidence (Gi* bin)</th><td>"
          << html_escape(x.confidence) << "</td></tr>" << (x.emerging.empty() ? "" : "<tr><th>Emerging pattern</th><td>" + html_escape(x.emerging) + "</td></tr>")
          << "</table></section>\n";
    }
    return o.str();
}

// A public pack shows another GeoPackage's table only when that file passes check-disclosure
// itself: the pack does not protect tables it did not count.
bool publishable(const TaskingPack& p, const std::string& path) {
    if (!p.protection.active) return true;
    const DisclosureCheck c = check_disclosure(path, p.protection.rule);
    return c.checked && c.breaches.empty();
}

std::string withheld_table_note(const std::string& what, const std::string& path) {
    return "<p class=\"note withheld-table\">" + html_escape(what) + ": not in the public version, because " + html_escape(path) +
           " is not a public output (hotspot check-disclosure finds counts it would disclose).</p>\n";
}

// The seasonal table's field names as a meeting reads them (the GeoPackage's descriptions say the same).
PlainTable seasonal_for_paper(PlainTable t) {
    static const std::vector<std::pair<std::string, std::string>> headings = {
        {"area_name", "area"}, {"month_name", "month"}, {"seasonal_index", "seasonal index (1 = an average month)"},
        {"years", "years averaged"}, {"p_above", "p (one-sided t-test, index above 1)"}, {"above_average", "above average (1 = yes, p < 0.05)"}};
    for (std::string& c : t.columns)
        for (const auto& [field, heading] : headings)
            if (c == field) c = heading;
    return t;
}

std::string time_profile(const TaskingPack& p) {
    const PackFigures& f = p.figures;
    std::string what;
    for (const std::string& c : f.categories) what += (what.empty() ? "" : ", ") + c;
    if (what.empty()) what = "all categories";
    std::ostringstream o;
    o << "<section id=\"time\" class=\"page\"><h2>Time profile</h2>\n"
      << monthly_chart("selection", "Incidents of " + what + " per month, the run's study area", "incidents per month", f.window.first,
                       f.selection_monthly, f.window.now_first, p.protection.selection_monthly)
      << monthly_chart("sites", "Incidents of " + what + " per month inside any of the " + std::to_string(f.sites.size()) + " sites",
                       "incidents per month", f.window.first, f.sites_monthly, f.window.now_first, p.protection.sites_monthly);
    const PackProtection& pr = p.protection;
    o << "<p class=\"note\" id=\"inside-sites\">Incidents inside any site (counted once where sites overlap): " << count_html(f.sites_now, pr.sites_now)
      << " in the pack period, " << count_html(f.sites_before, pr.sites_before) << " in the previous period, " << count_html(f.sites_total, pr.sites_total)
      << " over the data period (" << month_range_label(f.window.first, f.window.last) << ").</p>\n";
    if (p.inputs.seasonal && !publishable(p, p.inputs.trend->path))
        o << withheld_table_note("Seasonality", p.inputs.trend->path);
    else if (p.inputs.seasonal)
        o << html_table(seasonal_for_paper(pick_columns(*p.inputs.seasonal, {"category", "area_name", "month_name", "seasonal_index", "years", "p_above", "above_average"})),
                        "Seasonality (hotspot trend, layer trend_seasonal of " + p.inputs.trend->path + "): " + p.inputs.seasonal->description, 72);
    else
        o << "<p class=\"note\">Seasonality: no trend GeoPackage was given (hotspot trend); the monthly counts above are the time profile. Day and "
             "hour cannot be shown: police.uk dates are months only.</p>\n";
    o << "</section>\n";
    return o.str();
}

std::string public_notice(const TaskingPack& p) {
    const int k = p.protection.rule.min_count;
    return "<p class=\"public-notice\" id=\"public-notice\"><b>Public version.</b> Counts from 1 to " + std::to_string(k - 1) +
           " are withheld and shown as [c], and so are the counts that would let one be worked out from a total; a change is withheld "
           "with either of its counts. Incident locations are not drawn. What was withheld, and what this version leaves out, is "
           "summarised under Disclosure control.</p>\n";
}

std::string disclosure_section(const TaskingPack& p) {
    const DisclosureSummary& s = p.protection.summary;
    const int k = p.protection.rule.min_count;
    std::ostringstream o;
    o << "<section id=\"disclosure\"><h2>Disclosure control</h2>\n<table class=\"facts\" id=\"disclosure-summary\">"
      << "<tr><th>Rule</th><td>counts 1 to " << k - 1 << " withheld (ONS output checking uses 10); a withheld count's range, given every total the "
      << "pack shows, is at least " << format_fixed(p.protection.rule.width(), 0) << " wide (checked by linear programming)</td></tr>"
      << "<tr><th>Distinct counts in the pack</th><td>" << s.cells << " (some are shown in more than one place)</td></tr><tr><th>Withheld as small</th><td>"
      << s.primary << "</td></tr>"
      << "<tr><th>Withheld so that a small one cannot be worked out</th><td>" << s.secondary << "</td></tr>"
      << (s.unprotected > 0 ? "<tr><th class=\"warning\">Still narrower than the rule</th><td class=\"warning\">" + std::to_string(s.unprotected) + "</td></tr>" : "")
      << "<tr><th>Not shown at all</th><td>incident locations (the site maps show sites, hotspots and areas only); counts by category at a site; "
      << "a site's count over the whole data period, hot months and monthly means; the sites layer's counts, weighted scores and shares; the rejected rows by reason; the run's "
      << "warnings</td></tr></table>\n<p class=\"note\">Totals that link the counts: the study area's and the "
      << "sites' period counts are sums of their monthly bars, and \"inside any site\" is the sum of the single sites' counts when no incident lies "
      << "in two sites. The audit assumes nothing else about the counts; the pack therefore shows no hot months, monthly means or counts of "
      << "the sites layer, which would relate them in other ways. <code>hotspot check-disclosure</code> on this file checks that no count "
      << "below " << k << " is shown and no incident drawn; it cannot repeat the audit, which needs the withheld values.</p></section>\n";
    return o.str();
}

std::string optional_tables(const TaskingPack& p) {
    // A table not shown (not given, or not public) is a line that flows on, not a page of its own.
    const bool performance = p.inputs.performance && publishable(p, p.inputs.table->path);
    std::ostringstream o;
    o << "<section id=\"performance\"" << (performance ? " class=\"page\"" : "") << "><h2>Partnership performance table</h2>\n";
    if (p.inputs.performance && !performance) o << withheld_table_note("The performance table", p.inputs.table->path);
    else if (performance) o << performance_summary(*p.inputs.performance, p.inputs.table->path);
    else o << "<p>No table GeoPackage was given (hotspot table): not included.</p>\n";
    o << "</section>\n<section id=\"priority\"><h2>Priority neighbourhoods</h2>\n";
    if (p.inputs.priority_top && !publishable(p, p.inputs.priority->path))
        o << withheld_table_note("Priority neighbourhoods", p.inputs.priority->path);
    else if (p.inputs.priority_top)
        o << html_table(pick_columns(*p.inputs.priority_top, {"rank", "area_id", "area_name", "composite_index", "top_contributors", "over_represented",
                                                              "loo_rank_min", "loo_rank_max"}),
                        p.inputs.priority_top->description + " (" + p.inputs.priority->path + ")", 40);
    else o << "<p>No priority GeoPackage was given (hotspot priority): not included.</p>\n";
    o << "</section>\n";
    return o.str();
}

}  // namespace

std::string pack_period_label(const PackWindow& w) { return range_words(w.now_first, w.last); }
std::string previous_period_label(const PackWindow& w) { return range_words(w.before_first, w.now_first - 1); }

TaskingPack build_tasking_pack(const PackOptions& options) {
    TaskingPack p;
    p.inputs = read_pack_inputs(options.inputs, options.previous);
    p.figures = compute_pack_figures(p.inputs, options.period_months);
    const bool public_pack = options.audience == Audience::public_;
    p.protection = public_pack ? protect_pack(p.inputs, p.figures, options.rule) : unprotected_pack(p.figures);
    const PackWindow& w = p.figures.window;
    const std::string running = options.classification + " · " + options.title + " · data " + month_range_label(w.first, w.last) + " · pack period " +
                                pack_period_label(w);
    std::ostringstream o;
    o << tasking_pack_html_start << "\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>" << html_escape(options.title) << "</title>\n"
      << "<meta name=\"generator\" content=\"hotspot report " << html_escape(p.inputs.run.get("run", "hotspot_version")) << "\">\n"
      << "<meta name=\"hotspot-audience\" content=\"" << (public_pack ? "public" : "analyst") << "\">\n"
      << (public_pack ? "<meta name=\"hotspot-min-count\" content=\"" + std::to_string(options.rule.min_count) + "\">\n" : std::string()) << "<style>" << page_rule(options.classification, running) << css
      << "</style></head><body>\n<div class=\"classification\">" << html_escape(options.classification) << "</div>\n<header class=\"running\">"
      << html_escape(running) << "</header>\n<h1>" << html_escape(options.title) << "</h1>\n<p class=\"note\">Data " << month_range_label(w.first, w.last)
      << "; pack period " << pack_period_label(w) << ", compared with " << previous_period_label(w) << ". Counts are incidents (accepted records) of the "
      << "sites' categories.</p>\n" << (public_pack ? public_notice(p) : std::string()) << "<h2>Bottom line</h2>\n" << bottom_line(p) << sites_table(p) << "<section id=\"overview\" class=\"page\"><h2>Overview map</h2>\n"
      << overview_map(p.inputs) << map_legend("") << "</section>\n" << site_pages(p) << time_profile(p) << previous_sites_section(p) << optional_tables(p)
      << method_section(p) << (public_pack ? disclosure_section(p) : std::string()) << provenance_section(p) << "</body></html>\n";
    p.html = o.str();
    return p;
}

}  // namespace hotspot::report
