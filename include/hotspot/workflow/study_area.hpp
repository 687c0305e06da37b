#pragma once
// The study area: the union of one area layer's polygons (analysis.study_area, default the
// first layer), or an explicit box (analysis.extent). A point is inside it iff the layer's
// point-in-polygon lookup finds a polygon for it (AreaLayer::locate: closed polygons, so a
// point on an edge, shared or not, is inside; a point in a gap or sliver between polygons is
// outside). The assignment to that layer therefore never leaves an accepted point unassigned.
#include "hotspot/base/incidents.hpp"
#include "hotspot/density/density.hpp"
#include "hotspot/geo/areas.hpp"
#include "hotspot/geo/unique_points.hpp"
#include "hotspot/workflow/config.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct StudyArea {
    std::optional<std::size_t> layer;  // index into the result's layers; none: a box or no study area
    bool is_box = false;               // analysis.extent was given
    Envelope envelope;                 // of the box, or of the layer's polygons
    std::string description;           // "union of 69 polygons of layer wards", for the report
    bool defined() const { return layer.has_value() || is_box; }
};

// Rows outside the study area that were counted but not listed in rejects (no raw text):
// one entry per source file and month, in file then month order.
struct OutsideCount {
    std::uint32_t file = 0;
    MonthIndex month = 0;
    std::uint64_t rows = 0;
};

// The study area a configuration asks for; throws ConfigError when analysis.study_area names
// no loaded layer (with the closest names).
StudyArea choose_study_area(const std::vector<AreaLayer>& layers, const AnalysisConfig& config);

// 1 for each row of `t` inside the study area (all rows when it is not defined). `locations`,
// if given, are the distinct locations of t's rows (else they are found here).
std::vector<std::uint8_t> inside_study_area(const StudyArea& study, const std::vector<AreaLayer>& layers, const IncidentTable& t,
                                            unsigned threads, const UniquePoints* locations = nullptr);

// The rows with inside[i] == 0, counted per file and month.
std::vector<OutsideCount> count_outside(const IncidentTable& t, const std::vector<std::uint8_t>& inside);

std::uint64_t total_rows(const std::vector<OutsideCount>& counts);

// A density surface covers the study area: with hotspot's own grid and no grid extent given,
// the grid covers the study area's envelope as well as the points +- kernel radius (no kernel
// mass is cut off). The QGIS grid is always the points' extent + radius. Returns what the
// grid covers, for the report.
std::string grid_over_study_area(DensityOptions& o, const StudyArea& study);

}  // namespace hotspot
