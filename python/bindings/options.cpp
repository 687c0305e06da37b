#include "options.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/workflow/config.hpp"

#include <pybind11/stl.h>

namespace hotspot::python {

namespace {
// The value as the command line would have received it: the text of a number, so one parser checks both.
std::string number_text(const char* name, const py::handle& value) {
    if (py::isinstance<py::bool_>(value) || !(py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value) || py::isinstance<py::str>(value)))
        throw ConfigError(std::string(name) + " " + py::repr(value).cast<std::string>() + ": expected a number");
    if (py::isinstance<py::float_>(value)) return py::repr(value).cast<std::string>();  // repr round-trips doubles
    return py::str(value).cast<std::string>();
}
}  // namespace

double real_arg(const char* name, const py::handle& value, const RealRange& range) {
    return parse_real(name, number_text(name, value), range);
}

std::uint64_t count_arg(const char* name, const py::handle& value, const CountRange& range) {
    return parse_count(name, number_text(name, value), range);
}

std::optional<Envelope> extent_arg(const char* name, const py::handle& value) {
    if (value.is_none()) return std::nullopt;
    const auto v = value.cast<std::vector<py::object>>();
    if (v.size() != 4) throw ConfigError(std::string(name) + ": expected (xmin, ymin, xmax, ymax) in metres");
    std::string text;
    for (const auto& c : v) text += (text.empty() ? "" : ",") + number_text(name, c);
    return parse_extent(name, text);
}

std::optional<Period> period_arg(const py::handle& value) {
    if (value.is_none()) return std::nullopt;
    return parse_period(value.cast<std::string>());
}

std::vector<std::string> categories_arg(const py::handle& value) {
    if (value.is_none()) return {};
    if (py::isinstance<py::str>(value)) return {value.cast<std::string>()};
    return value.cast<std::vector<std::string>>();
}

}  // namespace hotspot::python
