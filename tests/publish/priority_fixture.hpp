#pragma once
// A priority result built by hand (five 1 km squares, two indicators, one count indicator's
// over-representation and Empirical Bayes rates, IMD, a three-level hierarchy, a dashboard and
// a 2 x 2 grid with one zone), so every output field can be checked against the value put in.
#include "hotspot/workflow/priority_workflow.hpp"

namespace hotspot::test {

PriorityResult hand_priority_result();
// A GeoPackage as the run leaves it before the priority layers: an empty area layer `layer`
// (EPSG:27700) and a layer_styles table already holding a style for it.
void make_run_gpkg(const std::string& path, const std::string& layer);
// ISO WKB of the square [x0, x0 + size] x [y0, y0 + size] as a MultiPolygon.
std::string square_wkb(double x0, double y0, double size);

}  // namespace hotspot::test
