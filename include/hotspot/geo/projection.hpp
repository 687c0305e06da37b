#pragma once
// Coordinate transformation with PROJ. Axis order is fixed here, once: every CRS is used
// in "GIS order" (longitude/easting first), whatever its official axis order says.
#include <cstdint>
#include <string>
#include <vector>

namespace hotspot {

struct CrsInfo {
    std::string definition;  // as the user gave it, e.g. "EPSG:27700"
    std::string name;        // PROJ's name, e.g. "OSGB36 / British National Grid"
    bool projected = false;
    std::string unit;        // "metre" for projected CRSs we accept
};

CrsInfo describe_crs(const std::string& definition);

// Throws CrsError unless the CRS is projected with metre units: distances in degrees
// are meaningless, so geographic CRSs are refused for analysis.
CrsInfo require_metric_crs(const std::string& definition);

struct ProjectionStats {
    std::string operation;  // the coordinate operation PROJ chose, e.g. "OSGB36 to WGS 84 (6) ..."
    std::string accuracy;   // its stated accuracy in metres, or "unknown"
    std::uint64_t failed = 0;
};

// Builds the operation from source to target now (~30 ms of proj.db queries) and keeps it for
// the next transform_in_place of the same pair, so a step running beside the read can take that
// cost off the critical path. Errors are not raised here: transform_in_place raises them in
// their usual place.
void prepare_transform(const std::string& source_crs, const std::string& target_crs);

// Transforms x/y in place from source to target; ok[i] = 0 where PROJ could not
// transform the point (PROJ leaves HUGE_VAL there). Uses up to `threads`
// threads, each with its own PROJ context.
ProjectionStats transform_in_place(const std::string& source_crs, const std::string& target_crs, double* x, double* y,
                                   std::size_t n, std::uint8_t* ok, unsigned threads);

}  // namespace hotspot
