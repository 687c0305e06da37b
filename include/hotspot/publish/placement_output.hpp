#pragma once
// Writing a placement (hotspot place): a GeoPackage (placement_sites points in explanation
// order, placement_coverage circles of the radius, run_report) and a CSV of the sites. Each is
// written at `path`, the temporary of an OutputSet's `target` (named in errors).
#include "hotspot/base/run_report.hpp"
#include "hotspot/workflow/place_workflow.hpp"

#include <string>
#include <string_view>

namespace hotspot {

// How the placement CSV begins: the output set recognises its own table by it (--overwrite).
inline constexpr std::string_view placement_csv_header_start = "rank,candidate,easting,northing,existing,";

void write_placement_geopackage(const PlaceResult& r, const PlaceConfig& c, const std::string& crs, const RunReport& report,
                                const std::string& path, const std::string& target);
void write_placement_csv(const PlaceResult& r, const std::string& path, const std::string& target);

// The run report's lines for a placement: solver, status, objective, bound, gap, coverage.
void add_placement_report(const PlaceResult& r, const PlaceConfig& c, RunReport& report);

}  // namespace hotspot
