// Projection (PROJ, the engine's axis order) and area layers with point-in-polygon assignment
// (GEOS, the engine's boundary rule: the first area in feature order).
#include "arrays.hpp"
#include "bindings.hpp"

#include "hotspot/geo/areas.hpp"
#include "hotspot/geo/projection.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <pybind11/stl.h>

#include <memory>

namespace hotspot::python {

namespace {

// New arrays (the inputs stay as they are); ok[i] == 0 where PROJ could not transform the point.
py::tuple project(const In<double>& x, const In<double>& y, const std::string& s_srs, const std::string& t_srs, unsigned threads) {
    const std::size_t n = same_length(x, y, "project");
    require_metric_crs(t_srs);  // as the command line: analysis happens in metres
    std::vector<double> px(x.data(), x.data() + n), py_(y.data(), y.data() + n);
    std::vector<std::uint8_t> ok(n, 1);
    ProjectionStats stats;
    {
        py::gil_scoped_release release;
        stats = transform_in_place(s_srs, t_srs, px.data(), py_.data(), n, ok.data(), effective_threads(threads));
    }
    py::dict info(py::arg("operation") = stats.operation, py::arg("accuracy") = stats.accuracy, py::arg("failed") = stats.failed);
    return py::make_tuple(owned(std::move(px)), owned(std::move(py_)), owned(std::move(ok)).attr("astype")("bool"), info);
}

std::shared_ptr<AreaLayer> load_areas(const std::string& path, const std::string& layer, const std::string& id_field,
                                      const std::string& name_field, const std::string& population_field, const std::string& crs,
                                      const std::string& name) {
    AreaSpec spec;
    spec.name = name;
    spec.path = path;
    spec.layer = layer;
    spec.id_field = id_field;
    spec.name_field = name_field;
    spec.population_field = population_field;
    require_metric_crs(crs);
    py::gil_scoped_release release;
    return std::make_shared<AreaLayer>(AreaLayer::load(spec, crs));
}

py::array_t<std::int32_t> assign(const AreaLayer& areas, const In<double>& x, const In<double>& y, unsigned threads) {
    const std::size_t n = same_length(x, y, "assign");
    Assignment a;
    {
        py::gil_scoped_release release;
        a = assign_points(areas, x.data(), y.data(), n, effective_threads(threads));
    }
    return owned(std::move(a.area));
}

}  // namespace

void bind_geo(py::module_& m) {
    m.def("project", &project, py::arg("x"), py::arg("y"), py::arg("s_srs") = "EPSG:4326", py::arg("t_srs") = "EPSG:27700",
          py::arg("threads") = 0u,
          "Transforms points (longitude/easting first) from s_srs to t_srs, which must be projected in metres.\n"
          "Returns (x, y, ok, info): new arrays, ok False where PROJ failed; info names the operation and its accuracy.");

    py::class_<AreaLayer, std::shared_ptr<AreaLayer>>(m, "Areas", "An area layer in the analysis CRS (polygons repaired and reported as the command line does).")
        .def_property_readonly("name", &AreaLayer::name)
        .def_property_readonly("crs", &AreaLayer::crs)
        .def_property_readonly("ids", [](const AreaLayer& l) {
            std::vector<std::string> v;
            for (std::size_t i = 0; i < l.size(); ++i) v.push_back(l.id(i));
            return v;
        })
        .def_property_readonly("names", [](const AreaLayer& l) {
            std::vector<std::string> v;
            for (std::size_t i = 0; i < l.size(); ++i) v.push_back(l.label(i));
            return v;
        })
        .def_property_readonly("area_m2", [](const AreaLayer& l) {
            std::vector<double> v;
            for (std::size_t i = 0; i < l.size(); ++i) v.push_back(l.area_m2(i));
            return owned(std::move(v));
        })
        .def_property_readonly("population", [](const AreaLayer& l) {
            std::vector<std::optional<double>> v;
            for (std::size_t i = 0; i < l.size(); ++i) v.push_back(l.population(i));
            return with_nan(v);
        }, "residents per area, NaN where unknown or without a population field")
        .def_property_readonly("problems", [](const AreaLayer& l) {
            py::list out;
            for (const auto& p : l.problems())
                out.append(py::dict(py::arg("fid") = p.fid, py::arg("area_id") = p.area_id, py::arg("problem") = p.problem,
                                    py::arg("detail") = p.detail, py::arg("action") = p.action));
            return out;
        })
        .def("assign", &assign, py::arg("x"), py::arg("y"), py::arg("threads") = 0u,
             "per point (analysis CRS), the index of the first area in feature order holding it; -1 outside every area")
        .def("__len__", &AreaLayer::size);

    m.def("load_areas", &load_areas, py::arg("path"), py::arg("layer") = "", py::arg("id_field") = "", py::arg("name_field") = "",
          py::arg("population_field") = "", py::arg("crs") = "EPSG:27700", py::arg("name") = "areas",
          "Loads polygons (any OGR source), reprojected to crs (projected, metres); id_field default: the FID.");
}

}  // namespace hotspot::python
