// Gi* and Local Moran's I: on values with neighbours by distance band or k nearest (gistar,
// local_moran), and as `hotspot stats` on an Analysis (stats: grid cells or an area layer).
#include "analysis.hpp"
#include "arrays.hpp"
#include "bindings.hpp"
#include "options.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/geo/neighbours.hpp"
#include "hotspot/stats/gistar.hpp"
#include "hotspot/stats/moran.hpp"
#include "hotspot/workflow/stats_workflow.hpp"

#include <pybind11/stl.h>

namespace hotspot::python {

namespace {

py::dict gistar_dict(const GiStarResult& g) {
    std::vector<std::int8_t> bin = g.bin;
    std::vector<double> bin_fdr(g.bin_fdr.size());
    for (std::size_t i = 0; i < bin_fdr.size(); ++i) bin_fdr[i] = g.bin_fdr[i] ? *g.bin_fdr[i] : std::nan("");
    std::vector<std::uint32_t> nb = g.neighbours;
    return py::dict(py::arg("z") = with_nan(g.z), py::arg("p") = with_nan(g.p), py::arg("bin") = owned(std::move(bin)),
                    py::arg("bin_fdr") = owned(std::move(bin_fdr)), py::arg("neighbours") = owned(std::move(nb)),
                    py::arg("without_neighbours") = g.without_neighbours, py::arg("everyone_neighbours") = g.everyone_neighbours,
                    py::arg("mean") = g.mean, py::arg("sd") = g.sd);
}

py::dict lisa_dict(const LocalMoranResult& l) {
    std::vector<std::string> quadrant;
    for (auto q : l.quadrant) quadrant.emplace_back(to_string(q));
    std::vector<double> lag = l.lag;
    return py::dict(py::arg("i") = with_nan(l.i), py::arg("expected") = with_nan(l.expected), py::arg("variance") = with_nan(l.variance),
                    py::arg("z") = with_nan(l.z), py::arg("p") = with_nan(l.p), py::arg("p_sim") = with_nan(l.p_sim),
                    py::arg("lag") = owned(std::move(lag)), py::arg("quadrant") = quadrant, py::arg("cluster") = l.cluster,
                    py::arg("cluster_fdr") = l.cluster_fdr, py::arg("p_used") = l.p_used,
                    py::arg("without_neighbours") = l.without_neighbours, py::arg("at_mean") = l.at_mean);
}

// Neighbours of points: band (metres, inclusive) or knn, exactly one of them.
Neighbours point_neighbours(const In<double>& x, const In<double>& y, const py::object& band, const py::object& knn, unsigned threads) {
    const std::size_t n = same_length(x, y, "neighbours");
    if (band.is_none() == knn.is_none()) throw ConfigError("give one of band=METRES and knn=K");
    if (!band.is_none()) {
        const double b = real_arg("band", band, ranges::distance_m);
        py::gil_scoped_release release;
        return distance_band(x.data(), y.data(), n, b, threads);
    }
    const auto k = count_arg("knn", knn, ranges::neighbours_k);
    py::gil_scoped_release release;
    return k_nearest(x.data(), y.data(), n, k, threads);
}

std::span<const double> values_span(const In<double>& v, std::size_t n, const char* what) {
    if (v.ndim() != 1 || static_cast<std::size_t>(v.size()) != n) throw py::value_error(std::string(what) + ": values must be 1-D and as long as x and y");
    return {v.data(), n};
}

py::dict gistar_points(const In<double>& values, const In<double>& x, const In<double>& y, const py::object& band, const py::object& knn,
                       unsigned threads) {
    const Neighbours nb = point_neighbours(x, y, band, knn, effective_threads(threads));
    const auto v = values_span(values, nb.size(), "gistar");
    GiStarResult g;
    {
        py::gil_scoped_release release;
        g = gi_star(v, nb);
    }
    py::dict d = gistar_dict(g);
    d["rule"] = nb.rule;
    return d;
}

LocalMoranOptions lisa_options(const std::string& weights, const std::string& scaling, const py::object& permutations, const py::object& seed,
                               const py::object& alpha, unsigned threads) {
    LocalMoranOptions o;
    o.style = parse_weight_style(weights);
    o.scaling = parse_moran_scaling(scaling);
    o.permutations = count_arg("permutations", permutations, ranges::permutations);
    o.seed = count_arg("seed", seed, ranges::seed);
    o.alpha = real_arg("alpha", alpha, ranges::probability_open);
    o.threads = threads;
    return o;
}

py::dict local_moran_points(const In<double>& values, const In<double>& x, const In<double>& y, const py::object& band, const py::object& knn,
                            const std::string& weights, const std::string& scaling, const py::object& permutations, const py::object& seed,
                            const py::object& alpha, unsigned threads) {
    const LocalMoranOptions o = lisa_options(weights, scaling, permutations, seed, alpha, threads);
    const Neighbours nb = point_neighbours(x, y, band, knn, effective_threads(threads));
    const auto v = values_span(values, nb.size(), "local_moran");
    LocalMoranResult l;
    {
        py::gil_scoped_release release;
        l = local_moran(v, nb, o);
    }
    py::dict d = lisa_dict(l);
    d["rule"] = nb.rule;
    return d;
}

// `hotspot stats` without writing: options named as its flags (neighbours="band:750", units="wards", ...).
py::dict stats_of(const Analysis& a, const std::string& units, const py::object& cell, const py::object& neighbours, const py::object& fishnet_cells,
                  const py::object& snap, const std::string& statistics, bool weighted, const std::string& value, bool auto_scale,
                  const std::string& lisa_weights, const std::string& scaling, const py::object& permutations, const py::object& seed,
                  const py::object& alpha, const py::object& categories, const py::object& period) {
    StatsConfig s;
    s.categories = categories_arg(categories);
    s.period = period_arg(period);
    s.units = units;
    if (!cell.is_none()) s.cell_m = real_arg("cell", cell, ranges::cell_m);
    if (!fishnet_cells.is_none()) s.cells = parse_fishnet_cells(fishnet_cells.cast<std::string>());
    s.auto_scale = auto_scale;
    if (auto_scale && (!cell.is_none() || !neighbours.is_none()))
        throw ConfigError("auto chooses the cell size and distance band: give neither cell nor neighbours with it");
    if (!neighbours.is_none()) parse_neighbour_rule(neighbours.cast<std::string>(), s);
    s.snap_m = real_arg("snap", snap, ranges::distance_or_zero_m);
    parse_statistics(statistics, s);
    s.weighted = weighted;
    s.value = parse_stats_value(value);
    s.lisa_options = lisa_options(lisa_weights, scaling, permutations, seed, alpha, a.config.threads);
    s.threads = a.config.threads;
    StatsResult r;
    {
        py::gil_scoped_release release;
        r = run_stats(a.result, s);
    }
    const StatsUnits& u = r.units;
    py::dict d;
    d["kind"] = u.kind;
    d["description"] = u.description;
    std::vector<std::string> ids, names;
    ids.reserve(u.size());
    names.reserve(u.size());
    for (std::size_t i = 0; i < u.size(); ++i) ids.push_back(u.unit_id(i)), names.push_back(u.unit_name(i));
    d["ids"] = std::move(ids);
    d["names"] = std::move(names);
    d["x"] = owned(std::vector<double>(u.cx));
    d["y"] = owned(std::vector<double>(u.cy));
    d["value"] = owned(std::vector<double>(u.value));
    d["incidents"] = owned(std::vector<double>(u.incidents));
    d["value_measure"] = u.value_measure;
    d["neighbours_rule"] = r.neighbours_rule;
    d["neighbour_count"] = owned(std::vector<std::uint32_t>(r.neighbour_count));
    if (r.gistar) d["gistar"] = gistar_dict(*r.gistar);
    if (r.lisa) d["lisa"] = lisa_dict(*r.lisa);
    if (r.moran)
        d["moran"] = py::dict(py::arg("i") = r.moran->i, py::arg("expected") = r.moran->expected, py::arg("variance") = r.moran->variance,
                              py::arg("z") = r.moran->z, py::arg("p_two_sided") = r.moran->p_two_sided, py::arg("features") = r.moran->features);
    d["incidents_selected"] = r.incidents_selected;
    d["incidents_outside"] = u.incidents_outside;
    d["excluded"] = u.excluded;
    d["parameters"] = r.parameters;
    d["warnings"] = r.warnings;
    return d;
}

}  // namespace

void bind_stats(py::module_& m) {
    m.def("gistar", &gistar_points, py::arg("values"), py::arg("x"), py::arg("y"), py::kw_only(), py::arg("band") = py::none(),
          py::arg("knn") = py::none(), py::arg("threads") = 0u,
          "Getis-Ord Gi* (binary weights, self included; spdep localG) of values at points, neighbours within band\n"
          "metres or the knn nearest. Returns z, p (NaN where undefined), bin (+-1..3), bin_fdr, neighbours per point.");
    m.def("local_moran", &local_moran_points, py::arg("values"), py::arg("x"), py::arg("y"), py::kw_only(), py::arg("band") = py::none(),
          py::arg("knn") = py::none(), py::arg("weights") = "W", py::arg("scaling") = "spdep", py::arg("permutations") = 999,
          py::arg("seed") = 20260401, py::arg("alpha") = 0.05, py::arg("threads") = 0u,
          "Local Moran's I (spdep localmoran moments; conditional permutations with seed, the same for any thread count).");
    m.def("stats", &stats_of, py::arg("analysis"), py::kw_only(), py::arg("units") = "grid", py::arg("cell") = py::none(),
          py::arg("neighbours") = py::none(), py::arg("fishnet_cells") = py::none(), py::arg("snap") = 0, py::arg("statistics") = "all",
          py::arg("weighted") = false, py::arg("value") = "count", py::arg("auto") = false, py::arg("lisa_weights") = "W",
          py::arg("scaling") = "spdep", py::arg("permutations") = 999, py::arg("seed") = 20260401, py::arg("alpha") = 0.05,
          py::arg("categories") = py::none(), py::arg("period") = py::none(),
          "`hotspot stats` on an Analysis without writing: options as its flags (units=\"grid\" with cell=250, or an area\n"
          "layer; neighbours=\"band:750\", \"knn:8\" or \"queen\"). Returns the units and their Gi*, Local and global Moran's I.");
}

}  // namespace hotspot::python
