#pragma once
// The Python module hotspot._hotspot: one bind_<topic>() per file, all called from module.cpp.
#include <pybind11/pybind11.h>

namespace hotspot::python {

namespace py = pybind11;

void bind_errors(py::module_& m);    // hotspot.Error and its subclasses
void bind_read(py::module_& m);      // read_incidents
void bind_analysis(py::module_& m);  // join -> Analysis
void bind_geo(py::module_& m);       // project, load_areas -> Areas.assign
void bind_density(py::module_& m);   // kernel_density, density
void bind_stats(py::module_& m);     // gistar, local_moran, stats
void bind_sites(py::module_& m);     // sites
void bind_place(py::module_& m);     // place
void bind_plan(py::module_& m);      // plan_tiles, plan_task, plan_assemble (the Dask driver's steps)

}  // namespace hotspot::python
