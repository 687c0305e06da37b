#pragma once
// hotspot.Analysis: the configuration and the result of the command line's first steps (read,
// project, study area, duplicate IDs, assign: `hotspot join`), which stats, sites and place start from.
#include "hotspot/workflow/config.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <pybind11/pybind11.h>

#include <map>
#include <string>
#include <vector>

namespace hotspot::python {

namespace py = pybind11;

struct Analysis {
    AnalysisConfig config;
    AnalysisResult result;
};

// The configuration as the command line builds it from -c FILE, --police PATH ..., --category and
// --set KEY=VALUE (the INI's own vocabulary, e.g. {"analysis.study_area": "wards"}).
AnalysisConfig make_config(const py::object& config_file, const std::vector<std::string>& police,
                           const std::map<std::string, std::string>& settings, unsigned threads);

// The index of the area layer called `name` (ConfigError naming the layers there are).
std::size_t layer_index(const AnalysisResult& r, const std::string& name);

// The input files (path, source, format, crs, sha256, bytes, rows_read) and rejected rows (file, line,
// reason, detail) as lists of dicts.
py::list file_list(const std::vector<SourceFile>& files);
py::list reject_list(const std::vector<Reject>& rejects, const std::vector<SourceFile>& files);

}  // namespace hotspot::python
