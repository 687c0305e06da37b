// Reading incidents, alone (read_incidents: the readers' rows and rejects, coordinates as given)
// or as the command line's join (hotspot.join -> Analysis: read, project, study area, assign).
#include "analysis.hpp"
#include "arrays.hpp"
#include "bindings.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/inputs.hpp"

#include <pybind11/stl.h>

namespace hotspot::python {

AnalysisConfig make_config(const py::object& config_file, const std::vector<std::string>& police,
                           const std::map<std::string, std::string>& settings, unsigned threads) {
    AnalysisConfig c = config_file.is_none() ? AnalysisConfig{} : load_config_file(py::str(config_file).cast<std::string>());
    for (const auto& p : police) {  // as --police PATH
        apply_setting(c, "input.police.format", "police.uk", "");
        apply_setting(c, "input.police.path", p, "");
    }
    for (const auto& [key, value] : settings) apply_setting(c, key, value, "");
    c.threads = threads;
    return c;
}

std::size_t layer_index(const AnalysisResult& r, const std::string& name) {
    std::string names;
    for (std::size_t l = 0; l < r.layers.size(); ++l) {
        if (r.layers[l].name() == name) return l;
        names += (names.empty() ? "" : ", ") + r.layers[l].name();
    }
    throw ConfigError("there is no area layer " + quote_value(name) + (names.empty() ? " (no area layers)" : " (layers: " + names + ")"));
}

py::list file_list(const std::vector<SourceFile>& files) {
    py::list out;
    for (const auto& f : files)
        out.append(py::dict(py::arg("path") = f.path, py::arg("source") = f.source, py::arg("format") = f.format, py::arg("crs") = f.crs,
                            py::arg("sha256") = f.sha256, py::arg("bytes") = f.bytes, py::arg("rows_read") = f.rows_read));
    return out;
}

py::list reject_list(const std::vector<Reject>& rejects, const std::vector<SourceFile>& files) {
    py::list out;
    for (const auto& r : rejects)
        out.append(py::dict(py::arg("file") = r.file < files.size() ? files[r.file].path : std::string(), py::arg("line") = r.line,
                            py::arg("reason") = r.reason, py::arg("detail") = r.detail));
    return out;
}

namespace {

// Columns of the table, each array owning the moved vector (no copy).
py::dict incident_columns(IncidentTable&& t) {
    py::dict d;
    d["categories"] = t.categories.values();
    d["files"] = file_list(t.files);
    d["x"] = owned(std::move(t.x));
    d["y"] = owned(std::move(t.y));
    d["month"] = owned(std::move(t.month));
    if (!t.day.empty()) d["day"] = owned(std::move(t.day));
    d["category"] = owned(std::move(t.category));
    d["weight"] = owned(std::move(t.weight));
    d["file"] = owned(std::move(t.file));
    d["line"] = owned(std::move(t.line));
    return d;
}

py::dict read_incidents(const py::object& config_file, const std::vector<std::string>& police,
                        const std::map<std::string, std::string>& settings, unsigned threads) {
    const AnalysisConfig c = make_config(config_file, police, settings, threads);
    if (c.inputs.empty()) throw ConfigError("no inputs: give at least one [input.NAME] section or --police/--input");
    std::vector<InputSpec> inputs = c.inputs;
    for (auto& in : inputs) in.months = c.months;  // as run_analysis reads them
    ReadResult read;
    {
        py::gil_scoped_release release;
        read = read_inputs(inputs, effective_threads(c.threads));
    }
    std::uint64_t rows_read = 0;
    for (const auto& f : read.incidents.files) rows_read += f.rows_read;
    py::dict by_reason;
    for (const auto& r : read.rejects) by_reason[py::str(r.reason)] = by_reason.attr("get")(r.reason, 0).cast<std::uint64_t>() + 1;
    py::list rejects = reject_list(read.rejects, read.incidents.files);
    const std::size_t accepted = read.incidents.size();
    py::dict out = incident_columns(std::move(read.incidents));
    out["rejects"] = rejects;
    out["account"] = py::dict(py::arg("rows_read") = rows_read, py::arg("accepted") = accepted,
                              py::arg("rejected") = read.rejects.size(), py::arg("rejected_by_reason") = by_reason);
    return out;
}

}  // namespace

void bind_read(py::module_& m) {
    m.def("read_incidents", &read_incidents, py::arg("config") = py::none(), py::arg("police") = std::vector<std::string>{},
          py::arg("settings") = std::map<std::string, std::string>{}, py::arg("threads") = 0u,
          "Reads the inputs of an INI file and/or police.uk paths: columns as arrays (coordinates as given), the\n"
          "files with their checksums, the rejected rows and the account (rows_read == accepted + rejected).");
}

}  // namespace hotspot::python
