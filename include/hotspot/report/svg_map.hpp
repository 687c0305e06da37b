#pragma once
// Maps of a tasking pack as inline SVG, drawn from our own geometries in the analysis CRS
// (metres, grid north up): areas, hotspot polygons, site polygons and the incidents as dots
// (one dot per distinct location, its area proportional to the incidents there), with a scale
// bar and a north arrow. No basemap: nothing is fetched.
#include "hotspot/report/pack_figures.hpp"

#include <string>

namespace hotspot::report {

// The overview: every site (numbered by rank) and hotspot over the run's areas.
std::string overview_map(const PackInputs& in);
// One site at street level: its polygon, the hotspots and areas around it, and the incidents of
// the categories (pack period in red over earlier months in grey) unless `incidents` is false (a
// public pack).
std::string site_map(const PackInputs& in, const PackFigures& f, std::size_t site, bool incidents = true);

// A round length for a scale bar about a fifth of `view_m` metres: 1, 2 or 5 times a power of ten.
double scale_bar_length(double view_m);

}  // namespace hotspot::report
