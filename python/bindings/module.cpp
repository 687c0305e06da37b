// hotspot._hotspot: the engine for Python. Each topic binds itself in its own file.
#include "bindings.hpp"

#include "hotspot/base/version.hpp"

PYBIND11_MODULE(_hotspot, m) {
    namespace hp = hotspot::python;
    m.doc() = "hotspot's engine (C++), used through the hotspot package";
    m.def("version", [] { return std::string(hotspot::version_string); }, "hotspot's version, as `hotspot --version` prints it");
    hp::bind_errors(m);
    hp::bind_read(m);
    hp::bind_analysis(m);
    hp::bind_geo(m);
    hp::bind_density(m);
    hp::bind_stats(m);
    hp::bind_sites(m);
    hp::bind_place(m);
    hp::bind_plan(m);
}
