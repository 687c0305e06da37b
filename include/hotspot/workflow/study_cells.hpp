#pragma once
// Square cells over the study area, shared by the commands that count incidents per cell and
// period (evaluate, emerging): a grid from a north-west corner, and the cells whose centre lies
// inside the study area (its layer's polygons, or the --extent box), numbered row-major from
// the north-west.
#include "hotspot/workflow/pipeline.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct StudyCells {
    double cell_m = 0;
    double origin_x = 0, origin_y = 0;  // the grid's north-west corner
    std::size_t columns = 0, rows = 0;  // of the grid
    std::string origin_source;          // "given (--grid-origin)" or "the study area's extent snapped out to ..."
    std::vector<double> x, y;           // centres of the study cells
    std::vector<std::int64_t> cell_of;  // grid position (row-major) -> study cell, or -1

    // The study cell holding a point (a cell is [x0, x0 + s) x (y0 - s, y0]), or -1.
    std::int64_t cell_at(double px, double py) const;
};

// Refuses (ConfigError) no study area, a given origin east or south of the study area's
// north-west corner (part of it would have no cells), and a study area no cell centre falls in.
StudyCells make_study_cells(const AnalysisResult& analysis, double cell_m, std::optional<double> origin_x, std::optional<double> origin_y,
                            const std::string& command);

}  // namespace hotspot
