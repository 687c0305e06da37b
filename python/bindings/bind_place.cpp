// `hotspot place` on an Analysis without writing: where `count` cameras or patrol points cover the
// most incidents within `radius` (MCLP, CBC or greedy), each site explained.
#include "analysis.hpp"
#include "arrays.hpp"
#include "bindings.hpp"
#include "options.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/workflow/place_workflow.hpp"
#include "hotspot/workflow/sites_workflow.hpp"

#include <pybind11/stl.h>

namespace hotspot::python {

namespace {

constexpr RealRange time_limit_s{0, 604800, true, false};  // as `hotspot place`
constexpr RealRange relative_gap{0, 1, false, true};
constexpr CountRange patrol_minutes{1, 10'000'000};

py::dict place_of(const Analysis& a, const py::object& count, const py::object& radius, const std::string& candidates, const py::object& within,
                  const std::vector<std::string>& exclude, const py::object& minutes, const std::string& solver, const py::object& time_limit,
                  const py::object& gap, const py::object& separation, const py::object& categories, const py::object& period) {
    PlaceConfig p;
    p.categories = categories_arg(categories);
    p.period = period_arg(period);
    p.candidates = parse_candidates(candidates);
    p.crs = a.config.t_srs;
    if (!within.is_none()) {
        SitesConfig w;
        parse_within(within.cast<std::string>(), w, "within");
        p.within_layer = w.within_layer;
        p.within = w.within;
    }
    for (const auto& e : exclude) p.exclusions.push_back(parse_exclusion(e));
    if (!minutes.is_none()) p.patrol_minutes = count_arg("patrol_minutes", minutes, patrol_minutes);
    p.radius_m = real_arg("radius", radius, ranges::distance_m);
    p.placement.count = count_arg("count", count, ranges::sites);
    if (solver != "cbc" && solver != "greedy") throw ConfigError("solver " + quote_value(solver) + ": expected cbc or greedy");
    p.placement.solver = solver == "cbc" ? PlacementSolver::cbc : PlacementSolver::greedy;
    p.placement.time_limit_s = real_arg("time_limit", time_limit, time_limit_s);
    p.placement.relative_gap = real_arg("gap", gap, relative_gap);
    p.separation_m = real_arg("separation", separation, ranges::distance_or_zero_m);
    PlaceResult r;
    {
        py::gil_scoped_release release;
        r = run_place(a.result, p);
    }
    const PlacementResult& pr = r.placement;
    py::list sites;  // in explanation order, as the command line lists them
    for (std::size_t k = 0; k < pr.explanation.size(); ++k) {
        const SiteExplanation& e = pr.explanation[k];
        py::dict s(py::arg("candidate") = e.site, py::arg("x") = r.candidate_x[e.site], py::arg("y") = r.candidate_y[e.site],
                   py::arg("existing") = e.existing, py::arg("gain") = e.gain, py::arg("cumulative") = e.cumulative,
                   py::arg("next_best") = e.next_best, py::arg("next_best_gain") = e.next_best_gain,
                   py::arg("loss_if_removed") = e.loss_if_removed);
        if (k < r.site_area.size()) s["area"] = r.site_area[k];
        if (k < r.served_weight.size()) s["served_weight"] = r.served_weight[k];
        if (k < r.patrol_minutes.size()) s["patrol_minutes"] = r.patrol_minutes[k];
        sites.append(s);
    }
    py::dict d;
    d["sites"] = sites;
    d["status"] = status_name(pr.status);
    d["solver"] = pr.solver;
    d["objective"] = pr.objective;
    d["bound"] = pr.bound;
    d["gap"] = pr.gap;
    d["total_weight"] = pr.total_weight;
    d["covered_weight_pct"] = pr.covered_weight_pct;
    d["incidents_counted"] = r.incidents_counted;
    d["incidents_covered"] = r.incidents_covered;
    d["incidents_covered_pct"] = r.incidents_covered_pct;
    d["within"] = r.within_description;
    d["demand_x"] = owned(std::move(r.demand_x));
    d["demand_y"] = owned(std::move(r.demand_y));
    d["demand_incidents"] = owned(std::move(r.demand_incidents));
    d["served_by"] = owned(std::move(r.served_by));
    d["candidate_x"] = owned(std::move(r.candidate_x));
    d["candidate_y"] = owned(std::move(r.candidate_y));
    return d;
}

}  // namespace

void bind_place(py::module_& m) {
    m.def("place", &place_of, py::arg("analysis"), py::kw_only(), py::arg("count") = 11, py::arg("radius") = 150,
          py::arg("candidates") = "incidents", py::arg("within") = py::none(), py::arg("exclude") = std::vector<std::string>{},
          py::arg("patrol_minutes") = py::none(), py::arg("solver") = "cbc", py::arg("time_limit") = 60, py::arg("gap") = 0,
          py::arg("separation") = 0, py::arg("categories") = py::none(), py::arg("period") = py::none(),
          "`hotspot place` on an Analysis without writing (defaults as its flags): the chosen sites in explanation order\n"
          "with their gains, the objective, its bound and gap, and the demand points.");
}

}  // namespace hotspot::python
