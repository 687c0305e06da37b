// Kernel density: of any points (kernel_density) or of an Analysis's selected incidents exactly as
// `hotspot density` computes it (density: same selection, QGIS extent and grid over the study area).
#include "analysis.hpp"
#include "arrays.hpp"
#include "bindings.hpp"
#include "options.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/density/density.hpp"
#include "hotspot/density/qgis_extent.hpp"
#include "hotspot/measure/selection.hpp"

#include <pybind11/stl.h>

namespace hotspot::python {

namespace {

// The options as `hotspot density` reads them (same ranges and rules, keywords instead of --flags).
DensityOptions density_options(const py::kwargs& kw, unsigned threads) {
    const auto get = [&](const char* k, py::object fallback) { return kw.contains(k) ? py::object(kw[k]) : fallback; };
    static const std::vector<std::string> known{"bandwidth", "cell", "kernel", "values", "align", "bandwidth_rule", "knn",
                                                "decay", "gaussian_support", "extent", "cover", "qgis_extent"};
    for (const auto& item : kw) {
        const auto key = item.first.cast<std::string>();
        if (std::find(known.begin(), known.end(), key) == known.end())
            throw ConfigError("unknown density option " + quote_value(key) + " (options: bandwidth, cell, kernel, values, align, "
                              "bandwidth_rule, knn, decay, gaussian_support, extent, cover, qgis_extent)");
    }
    DensityOptions o;
    o.kernel = parse_kernel(get("kernel", py::str("quartic")).cast<std::string>());
    o.bandwidth_rule = parse_bandwidth_rule(get("bandwidth_rule", py::str("fixed")).cast<std::string>());
    if (o.bandwidth_rule == BandwidthRule::fixed) {
        if (get("bandwidth", py::none()).is_none()) throw ConfigError("density needs bandwidth=METRES (or bandwidth_rule=silverman|scott|arcgis|adaptive)");
        o.bandwidth_m = real_arg("bandwidth", kw["bandwidth"], ranges::distance_m);
    }
    if (get("cell", py::none()).is_none()) throw ConfigError("density needs cell=METRES");
    o.cell_m = real_arg("cell", kw["cell"], ranges::cell_m);
    o.knn_k = count_arg("knn", get("knn", py::int_(10)), ranges::neighbours_k);
    o.values = parse_density_values(get("values", py::str("per_km2")).cast<std::string>());
    const std::string align = lowercase(get("align", py::str("hotspot")).cast<std::string>());
    if (align != "hotspot" && align != "qgis") throw ConfigError("align must be hotspot or qgis");
    o.alignment = align == "qgis" ? GridAlignment::qgis : GridAlignment::hotspot;
    o.decay = real_arg("decay", get("decay", py::int_(0)), ranges::unit_interval);
    o.gaussian_support_sd = real_arg("gaussian_support", get("gaussian_support", py::int_(3)), ranges::gaussian_support_sd);
    o.extent = extent_arg("extent", get("extent", py::none()));
    o.cover = extent_arg("cover", get("cover", py::none()));
    o.qgis_extent = extent_arg("qgis_extent", get("qgis_extent", py::none()));
    o.threads = threads;
    return o;
}

// (values[ny, nx] float32 owning the grid's buffer, GDAL geotransform, report).
py::tuple surface(DensityResult&& d) {
    const Grid& g = d.grid;
    const DensityReport& r = d.report;
    py::dict report(py::arg("bandwidth_m") = r.bandwidth_m, py::arg("bandwidth_detail") = r.bandwidth_detail,
                    py::arg("support_m") = r.support_m, py::arg("weight_total") = r.weight_total,
                    py::arg("weight_not_on_grid") = r.weight_not_on_grid, py::arg("points") = r.points,
                    py::arg("qgis_edge_skipped") = r.qgis_edge_skipped, py::arg("warnings") = r.warnings,
                    py::arg("nodata") = Grid::nodata);
    py::tuple geotransform = py::make_tuple(g.min_x, g.cell_m, 0.0, g.max_y, 0.0, -g.cell_m);
    const auto ny = static_cast<py::ssize_t>(g.ny), nx = static_cast<py::ssize_t>(g.nx);
    return py::make_tuple(owned(std::move(d.grid.values), {ny, nx}), geotransform, report);
}

py::tuple kernel_density_of(const In<double>& x, const In<double>& y, const std::optional<In<double>>& w, unsigned threads,
                            const py::kwargs& kw) {
    const std::size_t n = same_length(x, y, "kernel_density");
    if (w && (w->ndim() != 1 || static_cast<std::size_t>(w->size()) != n))
        throw py::value_error("kernel_density: weights must be a 1-D array as long as x and y");
    const DensityOptions o = density_options(kw, threads);
    DensityResult d;
    {
        py::gil_scoped_release release;
        d = kernel_density(x.data(), y.data(), w ? w->data() : nullptr, n, o);
    }
    return surface(std::move(d));
}

py::tuple density_of(const Analysis& a, const py::object& categories, const py::object& period, const py::kwargs& kw) {
    DensityOptions o = density_options(kw, a.config.threads);
    const std::vector<std::string> cats = categories_arg(categories);
    const std::optional<Period> p = period_arg(period);
    DensityResult d;
    std::string grid_covers;
    {
        py::gil_scoped_release release;
        const IncidentTable& t = a.result.incidents;
        const SelectedPoints counted = select_points(t, cats, p);
        if (o.alignment == GridAlignment::qgis && !o.qgis_extent)
            o.qgis_extent = qgis_extent_for(t, counted.x.data(), counted.y.data(), counted.x.size()).extent;
        grid_covers = grid_over_study_area(o, a.result.study_area);
        d = kernel_density(counted.x.data(), counted.y.data(), counted.w.data(), counted.x.size(), o);
    }
    py::tuple out = surface(std::move(d));
    py::dict report = out[2];
    report["grid_covers"] = grid_covers;
    return out;
}

}  // namespace

void bind_density(py::module_& m) {
    m.def("kernel_density", &kernel_density_of, py::arg("x"), py::arg("y"), py::arg("weights") = py::none(), py::kw_only(),
          py::arg("threads") = 0u,
          "Kernel density of points (metres). Keywords as `hotspot density`: bandwidth, cell, kernel, values (per_km2, raw,\n"
          "qgis_scaled), align (hotspot, qgis), bandwidth_rule, knn, decay, gaussian_support, extent (the grid's box),\n"
          "cover (a box the default grid also covers), qgis_extent. Returns (values[row, col] float32, row 0 north;\n"
          "GDAL geotransform; report).");
    m.def("density", &density_of, py::arg("analysis"), py::arg("categories") = py::none(), py::arg("period") = py::none(),
          "`hotspot density` on an Analysis: the selected incidents' surface on the same grid as the command line\n"
          "(over the study area's envelope unless extent is given). Keywords as kernel_density.");
}

}  // namespace hotspot::python
