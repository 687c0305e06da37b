// The tasking pack's later sections: the last period's sites, method and caveats, provenance.
#include "pack_html.hpp"

#include "hotspot/base/text.hpp"
#include "publish/svg_text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace hotspot::report {

// The same five characters as in SVG text (& < > " and nothing else needs escaping in our HTML).
std::string html_escape(const std::string& s) { return detail::svg_escape(s); }

std::string html_table(const PlainTable& t, const std::string& caption, std::size_t max_rows) {
    std::ostringstream o;
    o << "<table class=\"plain\" data-layer=\"" << html_escape(t.layer) << "\"><caption>" << html_escape(caption) << "</caption><thead><tr>";
    for (const std::string& c : t.columns) o << "<th>" << html_escape(c) << "</th>";
    o << "</tr></thead><tbody>\n";
    for (std::size_t r = 0; r < t.rows.size() && r < max_rows; ++r) {
        o << "<tr>";
        for (const std::string& v : t.rows[r]) o << "<td>" << html_escape(v) << "</td>";
        o << "</tr>\n";
    }
    o << "</tbody></table>\n";
    if (t.rows.size() > max_rows)
        o << "<p class=\"note\">The first " << max_rows << " of " << t.rows.size() << " rows; all are in layer " << html_escape(t.layer) << ".</p>\n";
    return o.str();
}

PlainTable pick_columns(const PlainTable& t, const std::vector<std::string>& names) {
    PlainTable out{t.layer, t.description, {}, {}};
    std::vector<std::size_t> keep;
    for (const std::string& n : names) {
        const auto it = std::find(t.columns.begin(), t.columns.end(), n);
        if (it != t.columns.end()) keep.push_back(static_cast<std::size_t>(it - t.columns.begin())), out.columns.push_back(n);
    }
    for (const auto& r : t.rows) {
        std::vector<std::string> row;
        for (std::size_t k : keep) {
            const auto v = parse_finite_double(r[k]);
            row.push_back(v && r[k].find('.') != std::string::npos ? format_fixed(*v, 2) : r[k]);
        }
        out.rows.push_back(std::move(row));
    }
    // A column empty in every row (area_name of series not split by area) says nothing on paper.
    for (std::size_t c = out.columns.size(); c-- > 0;) {
        if (!std::all_of(out.rows.begin(), out.rows.end(), [&](const auto& row) { return row[c].empty(); })) continue;
        out.columns.erase(out.columns.begin() + static_cast<std::ptrdiff_t>(c));
        for (auto& row : out.rows) row.erase(row.begin() + static_cast<std::ptrdiff_t>(c));
    }
    return out;
}

std::string performance_summary(const PlainTable& t, const std::string& file) {
    const auto col = [&](const std::string& name) {
        const auto it = std::find(t.columns.begin(), t.columns.end(), name);
        return it == t.columns.end() ? std::string::npos : static_cast<std::size_t>(it - t.columns.begin());
    };
    // Count columns, each headed by the period its *_period column names.
    const std::vector<std::string> counts{"q_last_year", "q_previous", "q_latest", "ytd_last_year", "ytd"};
    std::vector<std::size_t> shown{col("measure")};
    PlainTable out{t.layer, t.description, {"Measure"}, {}};
    const std::size_t layer_col = col("area_layer");
    std::vector<const std::vector<std::string>*> rows;
    for (const auto& r : t.rows)
        if (layer_col != std::string::npos && r[layer_col] == "study area") rows.push_back(&r);
    if (rows.empty() || shown[0] == std::string::npos) return html_table(t, t.description + " (" + file + ")", 40);
    for (const std::string& c : counts) {
        const std::size_t k = col(c), period = col(c + "_period");
        if (k == std::string::npos || period == std::string::npos) continue;
        shown.push_back(k);
        out.columns.push_back("Incidents, " + (*rows.front())[period]);
    }
    for (const auto& [name, title] : std::vector<std::pair<std::string, std::string>>{
             {"difference", "Difference, YTD on last year"}, {"difference_pct", "Difference, %"}, {"direction", "Direction"},
             {"rate_per_1000_ytd", "Rate per 1,000 residents, YTD"}})
        if (col(name) != std::string::npos) shown.push_back(col(name)), out.columns.push_back(title);
    for (const auto* r : rows) {
        std::vector<std::string> row;
        for (std::size_t k : shown) {
            const auto v = parse_finite_double((*r)[k]);
            const bool real = v && (*r)[k].find('.') != std::string::npos;
            row.push_back(real ? format_fixed(*v, 1) : (*r)[k]);
        }
        out.rows.push_back(std::move(row));
    }
    return html_table(out, "The whole study area, per measure (" + t.description + ")", out.rows.size()) + "<p class=\"note\">The " +
           std::to_string(t.rows.size() - rows.size()) + " rows per area are in layer " + t.layer + " of " + html_escape(file) + ".</p>\n";
}

std::string previous_sites_section(const TaskingPack& p) {
    const PackFigures& f = p.figures;
    std::ostringstream o;
    o << "<section id=\"previous\"" << (p.inputs.previous ? " class=\"page\"" : "") << "><h2>What happened to the last period's sites</h2>\n";
    if (!p.inputs.previous) {
        o << "<p>No previous pack was given (--previous OLD_SITES.gpkg): not assessed.</p></section>\n";
        return o.str();
    }
    long long still = 0;
    for (const PreviousSiteFigures& s : f.previous) still += s.current_rank > 0;
    o << "<p>The " << f.previous.size() << " sites of " << html_escape(p.inputs.previous->source.path) << " (run "
      << html_escape(p.inputs.previous->source.get("run", "run_id")) << "), counted in this run's incidents of the same categories inside each old "
      << "site's polygon: " << still << " are still a site now (a current site's centre lies within the old site's radius).</p>\n"
      << "<table class=\"ranked\" id=\"previous-sites\"><thead><tr><th>Old rank</th><th>Site</th><th>Ward</th><th>Incidents, previous period<br>("
      << html_escape(previous_period_label(f.window)) << ")</th><th>Incidents, pack period<br>(" << html_escape(pack_period_label(f.window))
      << ")</th><th>Change</th><th>Still a site?</th></tr></thead><tbody>\n";
    for (std::size_t k = 0; k < f.previous.size(); ++k) {
        const PreviousSiteFigures& s = f.previous[k];
        const PackProtection::SiteCells& c = p.protection.previous[k];
        o << "<tr data-old-rank=\"" << s.rank << "\" data-now=\"" << count_text(s.now, c.now) << "\" data-before=\""
          << count_text(s.before, c.before) << "\"><td>" << s.rank << "</td><td>" << html_escape(s.place) << "</td><td>" << html_escape(s.wards)
          << "</td><td>" << count_html(s.before, c.before) << "</td><td>" << count_html(s.now, c.now) << "</td><td>" << change_html(s.now, c.now, s.before, c.before)
          << "</td><td>" << (s.current_rank ? "yes: site " + std::to_string(s.current_rank) : std::string("no"))
          << "</td></tr>\n";
    }
    o << "</tbody></table></section>\n";
    return o.str();
}

namespace {

long long counter(const SourceFile& s, const std::string& key) { return parse_integer(s.get("counter", key)).value_or(0); }

void parameter_row(std::ostream& o, const std::string& what, const std::string& value) {
    if (!value.empty()) o << "<tr><th>" << html_escape(what) << "</th><td>" << html_escape(value) << "</td></tr>\n";
}

}  // namespace

std::string method_section(const TaskingPack& p) {
    const SourceFile& run = p.inputs.run;
    const SourceFile& sites = p.inputs.sites.source;
    const PackFigures& f = p.figures;
    const long long accepted = counter(run, "accepted"), rejected = counter(run, "rejected");
    std::ostringstream o;
    o << "<section id=\"method\" class=\"page\"><h2>Method, parameters and caveats</h2>\n<table class=\"facts\">\n";
    parameter_row(o, "Data period", month_range_label(f.window.first, f.window.last) + " (" + std::to_string(f.window.data_months()) +
                                         " months with incidents of the categories in the run)");
    parameter_row(o, "Pack period / previous period", pack_period_label(f.window) + " / " + previous_period_label(f.window) + " (" +
                                                          std::to_string(f.window.months) + " months each, the latest of the data)");
    std::string cats;
    for (const std::string& c : f.categories) cats += (cats.empty() ? "" : "; ") + c;
    parameter_row(o, "Categories", cats.empty() ? "all" : cats);
    // Rows outside the study area were located, just elsewhere (national BTP files hold every
    // station): they are not part of the share of records the analysis could use.
    const long long outside = counter(run, "rejected outside_study_area"), unusable = rejected - outside;
    const bool public_pack = p.protection.active;  // no record counts by reason, no warnings (they name values)
    if (public_pack && accepted + unusable > 0)
        parameter_row(o, "Records used", format_fixed(100.0 * static_cast<double>(accepted) / static_cast<double>(accepted + unusable), 1) +
                                             " % of the rows read that did not lie outside the study area (the rest had a missing or bad location, "
                                             "date or row)");
    else if (accepted + unusable > 0)
        parameter_row(o, "Records used", format_fixed(100.0 * static_cast<double>(accepted) / static_cast<double>(accepted + unusable), 2) + " % (" +
                                             std::to_string(accepted) + " of the " + std::to_string(accepted + unusable) +
                                             " rows read that did not lie outside the study area; " + std::to_string(unusable) +
                                             " rejected for a missing or bad location, date or row, listed in the run's rejects layer)");
    if (outside > 0 && !public_pack)
        parameter_row(o, "Outside the study area", std::to_string(outside) + " rows with a location outside the study area (counted per file and "
                                                   "month in the run's outside_study_area table; not part of the pack)");
    for (const ReportEntry& e : run.report)
        if (!public_pack && e.section == "counter" && e.key.starts_with("rejected ")) parameter_row(o, "Rejected: " + e.key.substr(9), e.value + " rows");
    parameter_row(o, "Study area", run.get("parameter", "study_area"));
    parameter_row(o, "Sites chosen in", sites.get("parameter", "sites_within"));
    parameter_row(o, "Sites", sites.get("parameter", "sites_count") + " asked for, at least " + sites.get("parameter", "sites_separation_m") +
                                  " m apart; a site is the circle of " + sites.get("parameter", "sites_radius_m") +
                                  " m around a peak of the density surface, clipped to the chosen areas");
    parameter_row(o, "Density surface of the sites", sites.get("parameter", "density"));
    parameter_row(o, "Hotspot threshold", sites.get("parameter", "hotspot_threshold"));
    if (!public_pack) parameter_row(o, "Share % denominator (sites layer)", sites.get("parameter", "share_pct_denominator"));
    o << "</table>\n<h3>How the pack's numbers are made</h3><ul>\n"
      << "<li><b>Incidents, pack period / previous period</b>: this run's incidents of the categories whose point lies inside the site's polygon "
         "(the circle clipped to the chosen areas), in the last " << f.window.months << " months of the data and in the " << f.window.months
      << " months before; unweighted, one per accepted record.</li>\n";
    if (!public_pack)
        o << "<li><b>Whole data period</b> and <b>weighted score</b> are the sites layer's: incidents within the radius and the chosen areas over the "
             "sites run's period, and the same times each input's weight (and harm weight where the run had a [harm] table).</li>\n"
          << "<li><b>Hot months</b>: a month is hot for a site when the site's count that month is above its own monthly mean over the "
          << f.window.data_months() << " months of the data. The table gives the hot months among the last 12 and how many consecutive months up to "
          << month_label(f.window.last) << " were hot (0: the last month was not). A site with under one incident a month on average is hot in "
          << "every month with an incident.</li>\n";
    o
      << "<li><b>Confidence</b>: the Gi* bin (after FDR where computed) of the stats unit holding the site's centre, when a stats GeoPackage is "
         "given; otherwise \"not computed\".</li>\n"
      << "<li><b>Still a site</b> (last period's sites): a current site's centre lies within the old site's radius.</li></ul>\n"
      << "<h3>Caveats</h3><ul>\n"
      << "<li>police.uk locations are snapped to anonymous map points (street centres, stations, parks) and dates are months only: a dot is a "
         "snap point, not an address, and counts by day or hour cannot be made from these files.</li>\n"
      << "<li>Sites and hotspots depend on the thresholds above (radius, separation, bandwidth, percentile): other settings rank other places.</li>\n"
      << "<li>Short periods hold few incidents per site: a change of a few incidents is within ordinary month-to-month variation.</li>\n";
    if (!f.same_inputs)
        o << "<li class=\"warning\"><b>The run and the sites GeoPackages read different input files</b> (their run reports list different files or "
             "checksums): the pack's counts come from the run, the sites' own figures from the sites run.</li>\n";
    for (const ReportEntry& e : run.report)
        if (!public_pack && e.section == "warning") o << "<li>Run warning (" << html_escape(e.key) << "): " << html_escape(e.value) << "</li>\n";
    o << "</ul></section>\n";
    return o.str();
}

std::string provenance_section(const TaskingPack& p) {
    std::vector<const SourceFile*> files{&p.inputs.run, &p.inputs.sites.source};
    for (const auto* s : {&p.inputs.stats, &p.inputs.emerging, &p.inputs.table, &p.inputs.priority, &p.inputs.trend})
        if (*s) files.push_back(&**s);
    if (p.inputs.previous) files.push_back(&p.inputs.previous->source);
    std::ostringstream o;
    o << "<section id=\"provenance\" class=\"page\"><h2>Provenance</h2>\n<p>This pack was built by <code>hotspot report</code> only from the "
         "GeoPackages below; running it again on them gives the same pack.</p>\n<table class=\"facts\" id=\"pack-inputs\"><thead><tr><th>GeoPackage"
         "</th><th>Kind</th><th>hotspot version</th><th>Run id</th><th>SHA-256</th></tr></thead><tbody>\n";
    const SourceFile* previous = p.inputs.previous ? &p.inputs.previous->source : nullptr;
    for (const SourceFile* s : files)
        o << "<tr><td>" << html_escape(s->path) << "</td><td>" << (s == previous ? "previous sites" : to_string(s->kind))
          << "</td><td>" << html_escape(s->get("run", "hotspot_version")) << "</td><td>" << html_escape(s->get("run", "run_id")) << "</td><td class=\"hash\">"
          << s->sha256 << "</td></tr>\n";
    o << "</tbody></table>\n<h3>Files the runs read (from their run reports)</h3>\n<table class=\"facts\" id=\"run-inputs\"><tbody>\n";
    std::vector<std::string> seen;
    bool seed = false;
    for (const SourceFile* s : files)
        for (const ReportEntry& e : s->report) {
            if (lowercase(e.key).find("seed") != std::string::npos) seed = true;
            if (e.section != "input") continue;
            const std::string row = e.key + "\t" + e.value;
            if (std::find(seen.begin(), seen.end(), row) != seen.end()) continue;
            seen.push_back(row);
            o << "<tr><td>" << html_escape(e.key) << "</td><td>" << html_escape(e.value) << "</td></tr>\n";
        }
    o << "</tbody></table>\n<h3>Random seeds</h3><ul>\n";
    for (const SourceFile* s : files)
        for (const ReportEntry& e : s->report)
            if (lowercase(e.key).find("seed") != std::string::npos)
                o << "<li>" << html_escape(s->path) << ": " << html_escape(e.key) << " = " << html_escape(e.value) << "</li>\n";
    if (!seed) o << "<li>None: no run behind this pack drew random numbers (no seed in their run reports).</li>\n";
    o << "</ul></section>\n";
    return o.str();
}

}  // namespace hotspot::report
