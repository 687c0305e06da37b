// The engine's exceptions as Python classes with the same names and the same message text:
// hotspot.Error and its subclasses ConfigError, InputError, CrsError, GeometryError, OutputError.
#include "bindings.hpp"

#include "hotspot/base/errors.hpp"

namespace hotspot::python {

void bind_errors(py::module_& m) {
    // Static: pybind11's translators outlive this function, and the classes live as long as the module.
    static py::exception<Error> error(m, "Error");
    static py::exception<ConfigError> config_error(m, "ConfigError", error.ptr());
    static py::exception<InputError> input_error(m, "InputError", error.ptr());
    static py::exception<CrsError> crs_error(m, "CrsError", error.ptr());
    static py::exception<GeometryError> geometry_error(m, "GeometryError", error.ptr());
    static py::exception<OutputError> output_error(m, "OutputError", error.ptr());
    // The most derived class first: a translator sees the exception once, in registration order reversed.
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const ConfigError& e) {
            config_error(e.what());
        } catch (const InputError& e) {
            input_error(e.what());
        } catch (const CrsError& e) {
            crs_error(e.what());
        } catch (const GeometryError& e) {
            geometry_error(e.what());
        } catch (const OutputError& e) {
            output_error(e.what());
        } catch (const Error& e) {
            error(e.what());
        }
    });
}

}  // namespace hotspot::python
