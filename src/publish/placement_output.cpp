#include "hotspot/publish/placement_output.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/styles.hpp"
#include "publish/csv_text.hpp"
#include "publish/gpkg_writer.hpp"

#include <ogr_spatialref.h>

#include <sstream>

namespace hotspot {

using detail::csv_field;
using detail::LayerWriter;

namespace {

// One row per chosen site, in explanation order; every value a string, for both writers.
struct SiteRow {
    int rank;
    const SiteExplanation& e;
    double x, y;
    std::uint64_t incidents_within;  // rows within the radius of this site alone
};

std::vector<SiteRow> site_rows(const PlaceResult& r) {
    std::vector<SiteRow> rows;
    int rank = 0;
    for (const SiteExplanation& e : r.placement.explanation) {
        std::uint64_t within = 0;
        for (std::uint32_t i : r.model.covers[e.site]) within += r.demand_incidents[i];
        rows.push_back({++rank, e, r.candidate_x[e.site], r.candidate_y[e.site], within});
    }
    return rows;
}

std::string why(const PlaceResult& r, const SiteExplanation& e) {
    if (e.existing) return "existing site, kept; it adds " + format_fixed(e.gain, 1) + " after the existing sites above it";
    std::string s = "adds " + format_fixed(e.gain, 1) + " after the sites ranked above it";
    if (e.next_best != no_candidate) {
        std::string other = "(";  // built by appending: gcc 12 warns (-Wrestrict, falsely) on "(" + std::string
        other += format_fixed(r.candidate_x[static_cast<std::size_t>(e.next_best)], 1);
        other += ", " + format_fixed(r.candidate_y[static_cast<std::size_t>(e.next_best)], 1) + ")";
        s += e.next_best_gain == e.gain ? "; it ties with " + other + ", which would add as much (either serves)"
                                        : "; the best candidate left out " + other + " would add " + format_fixed(e.next_best_gain, 1);
    }
    return s + "; removing it loses " + format_fixed(e.loss_if_removed, 1);
}

// What one candidate covers on its own (its list has no repeats): no pass over all demand.
double covers_alone(const CoverageModel& model, std::size_t j) {
    double w = 0.0;
    for (std::uint32_t i : model.covers[j]) w += model.demand_weight[i];
    return w;
}

// covered_incidents (the demand points covered, with the site serving them) and candidate_gains
// (what each candidate would cover alone: the first greedy step's gains, a map of where a camera pays).
void write_point_layers(GDALDataset& ds, const OGRSpatialReference& srs, const PlaceResult& r, const PlaceConfig& c,
                        const std::vector<double>& alone) {
    LayerWriter cov(ds, "covered_incidents", wkbPoint, &srs,
                    "Locations covered by the chosen sites (distance <= " + format_fixed(c.radius_m, 0) + " m): incidents = rows of " +
                        r.incidents_label + " there, weight = their " + r.demand_description + ", served_by_rank = the nearest chosen site");
    cov.field("incidents", OFTInteger64);
    cov.field("weight", OFTReal);
    cov.field("served_by_rank", OFTInteger);
    cov.begin();
    for (std::size_t i = 0; i < r.served_by.size(); ++i) {
        if (r.served_by[i] < 0) continue;
        OGRFeature& f = cov.row();
        f.SetField("incidents", static_cast<GIntBig>(r.demand_incidents[i]));
        f.SetField("weight", r.model.demand_weight[i]);
        f.SetField("served_by_rank", r.served_by[i] + 1);
        OGRPoint pt(r.demand_x[i], r.demand_y[i]);
        f.SetGeometry(&pt);
        cov.commit();
    }
    cov.end();
    std::vector<int> rank(r.model.candidate_count(), 0);
    for (std::size_t k = 0; k < r.placement.explanation.size(); ++k) rank[r.placement.explanation[k].site] = static_cast<int>(k + 1);
    LayerWriter gains(ds, "candidate_gains", wkbPoint, &srs,
                      "Every candidate site: covers_alone = what it would cover on its own within " + format_fixed(c.radius_m, 0) +
                          " m; chosen_rank = its rank when chosen (0: not chosen), existing = 1 for a site in place; in " + r.incidents_label + " (" + r.demand_description + ")");
    gains.field("candidate", OFTInteger);
    gains.field("covers_alone", OFTReal);
    gains.field("chosen_rank", OFTInteger);
    gains.field("existing", OFTInteger);
    gains.begin();
    for (std::size_t j = 0; j < r.model.candidate_count(); ++j) {
        OGRFeature& f = gains.row();
        f.SetField("candidate", static_cast<int>(j));
        f.SetField("covers_alone", alone[j]);
        f.SetField("chosen_rank", rank[j]);
        f.SetField("existing", j >= r.first_existing ? 1 : 0);
        OGRPoint pt(r.candidate_x[j], r.candidate_y[j]);
        f.SetGeometry(&pt);
        gains.commit();
    }
    gains.end();
}

}  // namespace

void add_placement_report(const PlaceResult& r, const PlaceConfig& c, RunReport& report) {
    const PlacementResult& p = r.placement;
    report.add("parameter", "place_count", std::to_string(c.placement.count));
    report.add("parameter", "place_radius_m", format_fixed(c.radius_m, 1) + " (covered when distance <= radius)");
    const CandidateSet& cs = r.candidate_set;
    report.add("parameter", "place_within", r.within_description + " (demand and candidates)");
    report.add("parameter", "place_candidates", cs.description + ": " + std::to_string(r.first_existing) + " kept of " +
                                                    std::to_string(cs.considered) + " considered, and " +
                                                    std::to_string(r.candidate_x.size() - r.first_existing) + " existing sites");
    report.add("place", "candidates_outside_areas", std::to_string(cs.outside_areas));
    for (std::size_t k = 0; k < c.exclusions.size(); ++k)
        report.add("place", "candidates_excluded_by_" + std::to_string(k + 1),
                   std::to_string(cs.excluded[k]) + " inside " + c.exclusions[k].path +
                       (c.exclusions[k].layer.empty() ? "" : ", layer " + c.exclusions[k].layer) + " (sha256 " +
                       sha256_file(c.exclusions[k].path) + ")");
    if (c.candidates.source == CandidateSource::layer)
        report.add("input", "candidate_layer", c.candidates.path + " (sha256 " + sha256_file(c.candidates.path) + ")");
    report.add("place", "incidents_outside_areas", std::to_string(r.incidents_outside_areas) + " counted incidents outside " +
                                                       r.within_description + ", not demand");
    if (c.patrol_minutes > 0)
        report.add("parameter", "patrol_minutes", std::to_string(c.patrol_minutes) +
                                                      " shared among the sites in proportion to the demand weight each serves (covered "
                                                      "locations given to their nearest site), whole minutes by largest remainder");
    report.add("parameter", "place_existing_mode",
               c.placement.existing_mode == ExistingMode::within ? "within (existing sites count in --count)" : "on-top (--count new sites besides them)");
    for (const RedeployStep& m : r.redeploy)
        report.add("redeploy", "move_up_to_" + std::to_string(m.max_moves),
                   format_fixed(m.objective, 2) + " (+" + format_fixed(m.gain, 2) + ", " + status_name(m.status) + "), " +
                       std::to_string(m.moved_from.size()) + " moved");
    report.add("parameter", "place_demand", r.demand_description + ": " + r.incidents_label);
    report.add("parameter", "place_separation_m", c.separation_m > 0.0 ? format_fixed(c.separation_m, 1) + " (sites at least this far apart)" : "none");
    report.add("parameter", "place_time_limit_s", format_fixed(c.placement.time_limit_s, 1));
    report.add("parameter", "place_gap_target", format_fixed(c.placement.relative_gap, 6));
    report.add("place", "solver", p.solver);
    report.add("place", "status", status_name(p.status));
    report.add("place", "objective_covered_weight", format_fixed(p.objective, 2));
    report.add("place", "bound", format_fixed(p.bound, 2) + " (" + p.bound_source + ")");
    report.add("place", "gap_pct", format_fixed(100.0 * p.gap, 4));
    report.add("place", "greedy_objective", format_fixed(p.greedy.objective, 2));
    if (!p.method.empty()) report.add("place", "method", p.method);
    if (p.lp_seconds > 0.0) {
        report.add("place", "lp_bound", format_fixed(p.lp_bound, 2) + " (the LP relaxation's optimum: no placement covers more)");
        report.add("place", "lp_rounding_objective", format_fixed(p.lp_rounding, 2));
        report.add("place", "lp_seconds", format_fixed(p.lp_seconds, 2));
    }
    report.add("place", "seconds", format_fixed(p.seconds, 2));
    report.add("place", "nodes", std::to_string(p.nodes));
    report.add("place", "covered_weight_pct", format_fixed(p.covered_weight_pct, 4) + " of " + format_fixed(p.total_weight, 2));
    report.add("place", "covered_locations", std::to_string(p.covered_points) + " of " + std::to_string(p.demand_points) + " (" +
                                                 format_fixed(p.covered_points_pct, 4) + " %)");
    report.add("place", "covered_incidents", std::to_string(r.incidents_covered) + " of " + std::to_string(r.incidents_counted) + " " +
                                                 r.incidents_label + " (" + format_fixed(r.incidents_covered_pct, 4) + " %)");
}

void write_placement_csv(const PlaceResult& r, const std::string& path, const std::string& target) {
    std::ostringstream out;
    out << placement_csv_header_start
        << "gain,cumulative,cumulative_pct,incidents_within_radius,next_best_candidate,next_best_gain,loss_if_removed,weight_of,area,"
           "served_weight,patrol_minutes,why\n";
    for (const SiteRow& s : site_rows(r)) {
        const std::size_t k = static_cast<std::size_t>(s.rank - 1);
        const double pct = r.placement.total_weight > 0 ? 100.0 * s.e.cumulative / r.placement.total_weight : 0.0;
        out << s.rank << "," << s.e.site << "," << format_fixed(s.x, 1) << "," << format_fixed(s.y, 1) << "," << (s.e.existing ? "yes" : "no")
            << "," << format_fixed(s.e.gain, 2) << "," << format_fixed(s.e.cumulative, 2) << "," << format_fixed(pct, 4) << ","
            << s.incidents_within << "," << (s.e.next_best == no_candidate ? "" : std::to_string(s.e.next_best)) << ","
            << format_fixed(s.e.next_best_gain, 2) << "," << format_fixed(s.e.loss_if_removed, 2) << "," << csv_field(r.incidents_label)
            << "," << csv_field(r.site_area[k]) << "," << format_fixed(r.served_weight[k], 2) << ","
            << (r.patrol_minutes.empty() ? std::string() : std::to_string(r.patrol_minutes[k])) << "," << csv_field(why(r, s.e)) << "\n";
    }
    write_text_file(path, out.str(), target);
}

void write_placement_geopackage(const PlaceResult& r, const PlaceConfig& c, const std::string& crs, const RunReport& report,
                                const std::string& path, const std::string& target) {
    const std::vector<SiteRow> rows = site_rows(r);
    detail::write_gpkg(path, target, crs, [&](GDALDataset& ds, const OGRSpatialReference& srs) {
        const std::string of = "; gain, cumulative, loss_if_removed and served_weight are " + r.incidents_label + " covered (" +
                               r.demand_description + "), served_weight counting each covered location once, at its nearest site" +
                               (r.patrol_minutes.empty() ? std::string()
                                                         : "; patrol_minutes: " + std::to_string(c.patrol_minutes) +
                                                               " minutes shared by served_weight (largest remainder)");
        for (const bool circles : {false, true}) {
            LayerWriter w(ds, circles ? "placement_coverage" : "placement_sites", circles ? wkbPolygon : wkbPoint, &srs,
                          (circles ? "Coverage circles of " + format_fixed(c.radius_m, 0) + " m around the chosen sites"
                                   : std::string("Chosen sites, ranked by what each adds after those above it")) +
                              " (" + status_name(r.placement.status) + ", " + r.placement.solver + ")" + of);
            w.field("rank", OFTInteger);
            w.field("candidate", OFTInteger);
            w.field("existing", OFTInteger);
            w.field("gain", OFTReal);
            w.field("cumulative", OFTReal);
            w.field("incidents_within_radius", OFTInteger64);
            w.field("next_best_gain", OFTReal);
            w.field("loss_if_removed", OFTReal);
            w.field("area", OFTString);
            w.field("served_weight", OFTReal);
            if (!r.patrol_minutes.empty()) w.field("patrol_minutes", OFTInteger64);
            w.field("why", OFTString);
            w.begin();
            for (const SiteRow& s : rows) {
                OGRFeature& f = w.row();
                f.SetField("rank", s.rank);
                f.SetField("candidate", static_cast<int>(s.e.site));
                f.SetField("existing", s.e.existing ? 1 : 0);
                f.SetField("gain", s.e.gain);
                f.SetField("cumulative", s.e.cumulative);
                f.SetField("incidents_within_radius", static_cast<GIntBig>(s.incidents_within));
                f.SetField("next_best_gain", s.e.next_best_gain);
                f.SetField("loss_if_removed", s.e.loss_if_removed);
                const std::size_t k = static_cast<std::size_t>(s.rank - 1);
                f.SetField("area", r.site_area[k].c_str());
                f.SetField("served_weight", r.served_weight[k]);
                if (!r.patrol_minutes.empty()) f.SetField("patrol_minutes", static_cast<GIntBig>(r.patrol_minutes[k]));
                f.SetField("why", why(r, s.e).c_str());
                OGRPoint centre(s.x, s.y);
                if (circles) f.SetGeometryDirectly(centre.Buffer(c.radius_m, 16));
                else f.SetGeometry(&centre);
                w.commit();
            }
            w.end();
        }
        if (!r.redeploy.empty()) {
            LayerWriter m(ds, "placement_moves", wkbNone, nullptr,
                          "Moving up to k existing sites (their number kept): the best coverage, its gain over k - 1, and which move where" + of);
            m.field("max_moves", OFTInteger);
            m.field("covered", OFTReal);
            m.field("gain", OFTReal);
            m.field("status", OFTString);
            m.field("moved_from", OFTString);
            m.field("moved_to", OFTString);
            m.begin();
            const auto places = [&](const std::vector<std::uint32_t>& sites) {
                std::string t;
                for (std::uint32_t j : sites)
                    t += (t.empty() ? "" : "; ") + format_fixed(r.candidate_x[j], 1) + " " + format_fixed(r.candidate_y[j], 1);
                return t;
            };
            for (const RedeployStep& step : r.redeploy) {
                OGRFeature& f = m.row();
                f.SetField("max_moves", static_cast<int>(step.max_moves));
                f.SetField("covered", step.objective);
                f.SetField("gain", step.gain);
                f.SetField("status", status_name(step.status));
                f.SetField("moved_from", places(step.moved_from).c_str());
                f.SetField("moved_to", places(step.moved_to).c_str());
                m.commit();
            }
            m.end();
        }
        std::vector<double> gains, covered_weight, alone;
        for (std::size_t j = 0; j < r.model.candidate_count(); ++j) alone.push_back(covers_alone(r.model, j));  // layer and style
        write_point_layers(ds, srs, r, c, alone);
        for (const SiteRow& s : rows) gains.push_back(s.e.gain);
        for (std::size_t i = 0; i < r.served_by.size(); ++i)
            if (r.served_by[i] >= 0) covered_weight.push_back(r.model.demand_weight[i]);
        const std::string within = " within " + format_fixed(c.radius_m, 0) + " m";
        auto points = [](std::string attribute, std::string title, std::string label) {
            ChoroplethStyle st;
            st.marker_mm = label.empty() ? 2.6 : 5.0;  // room for the rank inside the marker
            st.attribute = std::move(attribute);
            st.title = std::move(title);
            st.label_field = std::move(label);
            st.points = true;
            return st;
        };
        detail::write_layer_styles(
            ds, {{"placement_sites", areas_qml(points("gain", "gain: " + r.incidents_label + " each site adds" + within + " (labels: rank)", "rank"), gains)},
                 {"placement_coverage", sites_qml("rank")},
                 {"covered_incidents", areas_qml(points("weight", "weight: covered " + r.incidents_label + " at each location", ""), covered_weight)},
                 {"candidate_gains", areas_qml(points("covers_alone", "covers_alone: " + r.incidents_label + within + " of each candidate on its own", ""), alone)}});
        std::vector<detail::ReportRow> report_rows;
        for (const auto& e : report.entries()) report_rows.push_back({e.section, e.key, e.value});
        detail::write_report_table(ds, report_rows, "Inputs, parameters, counters and version of this run");
    });
}

}  // namespace hotspot
