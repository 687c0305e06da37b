#pragma once
// Writing sites and hotspots: a styled GeoPackage (site circles, hotspot polygons, run
// report) and a CSV table for the tasking meeting. Each is written at `path`, the temporary
// of an OutputSet's `target` (named in errors).
#include "hotspot/base/run_report.hpp"
#include "hotspot/workflow/sites_workflow.hpp"

#include <string>

namespace hotspot {

void write_sites_geopackage(const SitesResult& r, const SitesConfig& c, const std::string& crs, const RunReport& report,
                            const std::string& path, const std::string& target);
void write_sites_csv(const SitesResult& r, const std::string& path, const std::string& target);

// The classed surface (top 1 %, 5 %, ... of cells) as a styled polygon layer "density_classes".
void write_surface_classes(const std::vector<SurfaceClass>& classes, const std::string& crs,
                           const std::vector<std::pair<std::string, std::string>>& parameters, const std::string& path,
                           const std::string& target);

}  // namespace hotspot
