// `hotspot sites` on an Analysis without writing: the ranked sites (peaks of the weighted surface
// inside the chosen areas, kept apart) and the hotspot polygons, with the surface itself.
#include "analysis.hpp"
#include "arrays.hpp"
#include "bindings.hpp"
#include "options.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/workflow/sites_workflow.hpp"

#include <pybind11/stl.h>

namespace hotspot::python {

namespace {

py::dict summary_dict(const PlaceSummary& s) {
    return py::dict(py::arg("incidents") = s.incidents, py::arg("weighted") = s.weighted, py::arg("by_source") = s.by_source,
                    py::arg("by_category") = s.by_category, py::arg("place_name") = s.place_name, py::arg("areas") = s.areas);
}

py::dict sites_of(const Analysis& a, const py::object& within, const py::object& count, const py::object& separation, const py::object& radius,
                  const py::object& bandwidth, const py::object& cell, const std::string& kernel, const py::object& threshold_percentile,
                  const py::object& threshold_sd, const py::object& threshold_gistar, const py::object& categories, const py::object& period) {
    SitesConfig s;
    s.categories = categories_arg(categories);
    s.period = period_arg(period);
    if (!within.is_none()) parse_within(within.cast<std::string>(), s, "within");
    s.sites.count = count_arg("count", count, ranges::sites);
    s.sites.min_separation_m = real_arg("separation", separation, ranges::distance_or_zero_m);
    s.sites.radius_m = real_arg("radius", radius, ranges::distance_m);
    s.density.bandwidth_m = real_arg("bandwidth", bandwidth, ranges::distance_m);
    s.density.cell_m = real_arg("cell", cell, ranges::cell_m);
    s.density.kernel = parse_kernel(kernel);
    s.density.threads = a.config.threads;
    if (!threshold_percentile.is_none() + !threshold_sd.is_none() + !threshold_gistar.is_none() > 1)
        throw ConfigError("give one of threshold_percentile, threshold_sd and threshold_gistar");
    if (!threshold_percentile.is_none())
        s.threshold = {ThresholdRule::percentile, real_arg("threshold_percentile", threshold_percentile, ranges::percent_open)};
    if (!threshold_sd.is_none()) s.threshold = {ThresholdRule::mean_plus_sd, real_arg("threshold_sd", threshold_sd, ranges::threshold_sd)};
    if (!threshold_gistar.is_none()) {
        const double confidence = real_arg("threshold_gistar", threshold_gistar, ranges::percent_open);
        if (confidence != 90 && confidence != 95 && confidence != 99)
            throw ConfigError("threshold_gistar " + py::repr(threshold_gistar).cast<std::string>() + " is not a confidence level: 90, 95 or 99");
        s.threshold = {ThresholdRule::gistar, confidence, s.density.bandwidth_m};
    }
    SitesResult r;
    {
        py::gil_scoped_release release;
        r = run_sites(a.result, s);
    }
    py::list sites;
    for (const Site& x : r.sites)
        sites.append(py::dict(py::arg("rank") = x.rank, py::arg("x") = x.x, py::arg("y") = x.y, py::arg("peak") = x.peak,
                              py::arg("share_pct") = x.share_pct, py::arg("area_m2") = x.area_m2, py::arg("centre_area") = x.centre_area,
                              py::arg("why") = x.why, py::arg("summary") = summary_dict(x.summary), py::arg("wkb") = py::bytes(x.wkb)));
    py::list hotspots;
    for (const Hotspot& h : r.hotspots.hotspots)
        hotspots.append(py::dict(py::arg("id") = h.id, py::arg("rank") = h.rank, py::arg("cells") = h.cells, py::arg("area_m2") = h.area_m2,
                                 py::arg("peak") = h.peak, py::arg("peak_x") = h.peak_x, py::arg("peak_y") = h.peak_y,
                                 py::arg("share_pct") = h.share_pct, py::arg("pai") = h.pai, py::arg("summary") = summary_dict(h.summary),
                                 py::arg("wkb") = py::bytes(h.wkb)));
    py::list without;
    for (const auto& w : r.areas_without_site)
        without.append(py::dict(py::arg("layer") = w.layer, py::arg("id") = w.id, py::arg("name") = w.name, py::arg("incidents") = w.incidents,
                                py::arg("peak") = w.peak, py::arg("reason") = w.reason));
    const Grid& g = r.surface.grid;
    py::dict d;
    d["sites"] = sites;
    d["hotspots"] = hotspots;
    d["threshold"] = r.hotspots.threshold;
    d["threshold_detail"] = r.hotspots.threshold_detail;
    d["areas_without_site"] = without;
    d["incidents_counted"] = r.incidents_counted;
    d["incidents_inside"] = r.incidents_inside;
    d["within"] = r.within_description;
    d["geotransform"] = py::make_tuple(g.min_x, g.cell_m, 0.0, g.max_y, 0.0, -g.cell_m);
    const auto ny = static_cast<py::ssize_t>(g.ny), nx = static_cast<py::ssize_t>(g.nx);
    d["surface"] = owned(std::move(r.surface.grid.values), {ny, nx});
    return d;
}

}  // namespace

void bind_sites(py::module_& m) {
    m.def("sites", &sites_of, py::arg("analysis"), py::kw_only(), py::arg("within") = py::none(), py::arg("count") = 26,
          py::arg("separation") = 300, py::arg("radius") = 150, py::arg("bandwidth") = 150, py::arg("cell") = 10, py::arg("kernel") = "quartic",
          py::arg("threshold_percentile") = py::none(), py::arg("threshold_sd") = py::none(), py::arg("threshold_gistar") = py::none(),
          py::arg("categories") = py::none(), py::arg("period") = py::none(),
          "`hotspot sites` on an Analysis without writing (defaults as its flags; within=\"wards=Ashcombe;Ladymead\").\n"
          "Returns the ranked sites, the hotspots (WKB polygons in the analysis CRS) and the surface.");
}

}  // namespace hotspot::python
