#pragma once
// Keyword arguments checked as the command line checks its options (base/option_values: the same
// ranges and messages, naming the keyword), and the Python forms of extents, periods and categories.
#include "hotspot/base/option_values.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/geo/areas.hpp"

#include <pybind11/pybind11.h>

#include <optional>
#include <string>
#include <vector>

namespace hotspot::python {

namespace py = pybind11;

// A finite number in range, refused (ConfigError) like the command line's --NAME.
double real_arg(const char* name, const py::handle& value, const RealRange& range);
std::uint64_t count_arg(const char* name, const py::handle& value, const CountRange& range);
// (xmin, ymin, xmax, ymax) in metres, or None.
std::optional<Envelope> extent_arg(const char* name, const py::handle& value);
// "2024-03", "2023/24", "2023-04..2024-03" ... or None (every month).
std::optional<Period> period_arg(const py::handle& value);
// None: every category; a string: one; a list: several.
std::vector<std::string> categories_arg(const py::handle& value);

}  // namespace hotspot::python
