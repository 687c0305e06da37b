// hotspot.join(...) -> Analysis: the command line's `hotspot join` without writing: incidents read,
// projected, checked against the study area and assigned to every area layer. Its columns are
// read-only views of the C++ table (the array's base keeps the Analysis alive: no copies).
#include "analysis.hpp"
#include "arrays.hpp"
#include "bindings.hpp"

#include <pybind11/stl.h>

#include <memory>

namespace hotspot::python {

namespace {

std::shared_ptr<Analysis> join(const py::object& config_file, const std::vector<std::string>& police,
                               const std::map<std::string, std::string>& settings, unsigned threads) {
    auto a = std::make_shared<Analysis>();
    a->config = make_config(config_file, police, settings, threads);
    {
        py::gil_scoped_release release;
        a->result = run_analysis(a->config, AnalysisScope::join, [](const std::string&, double) {});
        describe_rejects(a->result);
    }
    return a;
}

py::dict account(const AnalysisResult& r) {
    py::dict by_reason;
    std::uint64_t rows_read = 0;
    for (const auto& f : r.incidents.files) rows_read += f.rows_read;
    std::uint64_t outside = 0;
    for (const auto& o : r.outside_counted) outside += o.rows;
    for (const auto& e : r.report.entries())
        if (e.section == "counter" && e.key.rfind("rejected ", 0) == 0) by_reason[py::str(e.key.substr(9))] = std::stoull(e.value);
    return py::dict(py::arg("rows_read") = rows_read, py::arg("accepted") = r.incidents.size(), py::arg("rejected") = rejected_rows(r),
                    py::arg("rejected_listed") = r.rejects.size(), py::arg("outside_study_area_counted_only") = outside,
                    py::arg("rejected_by_reason") = by_reason);
}

template <class T>
auto column(std::vector<T> IncidentTable::*member) {
    return [member](py::object self) { return view(self.cast<Analysis&>().result.incidents.*member, self); };
}

}  // namespace

void bind_analysis(py::module_& m) {
    py::class_<Analysis, std::shared_ptr<Analysis>>(m, "Analysis",
        "The result of hotspot.join: accepted incidents (projected, metres), their areas per layer, the rejects and the run report.")
        .def_property_readonly("x", column(&IncidentTable::x), "easting, metres in the analysis CRS (read-only view)")
        .def_property_readonly("y", column(&IncidentTable::y), "northing, metres in the analysis CRS (read-only view)")
        .def_property_readonly("month", column(&IncidentTable::month), "month index: year * 12 + month - 1")
        .def_property_readonly("day", column(&IncidentTable::day), "days since 1970-01-01, or INT32_MIN where only the month is known")
        .def_property_readonly("category", column(&IncidentTable::category), "index into categories")
        .def_property_readonly("weight", column(&IncidentTable::weight))
        .def_property_readonly("file", column(&IncidentTable::file), "index into files")
        .def_property_readonly("line", column(&IncidentTable::line), "line of the input file where the row starts")
        .def_property_readonly("categories", [](const Analysis& a) { return a.result.incidents.categories.values(); })
        .def_property_readonly("files", [](const Analysis& a) { return file_list(a.result.incidents.files); })
        .def_property_readonly("rejects", [](const Analysis& a) { return reject_list(a.result.rejects, a.result.incidents.files); },
                               "rejected rows listed with their reason (rows outside the study area are counted only, see account)")
        .def_property_readonly("account", [](const Analysis& a) { return account(a.result); },
                               "rows_read == accepted + rejected, rejected by reason, as the run report counts them")
        .def_property_readonly("layers", [](const Analysis& a) {
            std::vector<std::string> names;
            for (const auto& l : a.result.layers) names.push_back(l.name());
            return names;
        })
        .def("area", [](py::object self, const std::string& layer) {
            const Analysis& a = self.cast<Analysis&>();
            return view(a.result.assignments[layer_index(a.result, layer)].area, self);
        }, py::arg("layer"), "per incident, the index of its area in `layer` (-1: in none), a read-only view")
        .def("area_ids", [](const Analysis& a, const std::string& layer) {
            const AreaLayer& l = a.result.layers[layer_index(a.result, layer)];
            std::vector<std::string> ids;
            for (std::size_t i = 0; i < l.size(); ++i) ids.push_back(l.id(i));
            return ids;
        }, py::arg("layer"))
        .def("area_names", [](const Analysis& a, const std::string& layer) {
            const AreaLayer& l = a.result.layers[layer_index(a.result, layer)];
            std::vector<std::string> names;
            for (std::size_t i = 0; i < l.size(); ++i) names.push_back(l.label(i));
            return names;
        }, py::arg("layer"))
        .def_property_readonly("study_area", [](const Analysis& a) {
            const StudyArea& s = a.result.study_area;
            return py::dict(py::arg("description") = s.description,
                            py::arg("envelope") = s.defined() ? py::make_tuple(s.envelope.min_x, s.envelope.min_y, s.envelope.max_x, s.envelope.max_y)
                                                              : py::object(py::none()));
        })
        .def_property_readonly("crs", [](const Analysis& a) { return a.config.t_srs; })
        .def_property_readonly("report", [](const Analysis& a) {
            py::list out;
            for (const auto& e : a.result.report.entries()) out.append(py::make_tuple(e.section, e.key, e.value));
            return out;
        }, "the run report: (section, key, value) rows, as the run_report table of the command line's outputs")
        .def("__len__", [](const Analysis& a) { return a.result.incidents.size(); });

    m.def("join", &join, py::arg("config") = py::none(), py::arg("police") = std::vector<std::string>{},
          py::arg("settings") = std::map<std::string, std::string>{}, py::arg("threads") = 0u,
          "`hotspot join` without writing: reads the inputs of an INI file (and/or police.uk paths), projects them,\n"
          "rejects rows outside the study area and assigns the rest to every area layer. settings: {\"section.key\": value}\n"
          "as --set. Returns an Analysis.");
}

}  // namespace hotspot::python
