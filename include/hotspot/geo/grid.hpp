#pragma once
// A regular grid of float values in the analysis CRS, row 0 at the top (north), as
// GeoTIFF stores it. One type for density surfaces, Gi* grids and fishnet counts.
#include <cstddef>
#include <vector>

namespace hotspot {

struct Grid {
    static constexpr float nodata = -9999.0f;  // cells no kernel touched (QGIS's convention)
    double min_x = 0, max_y = 0;  // top-left corner
    double cell_m = 0;
    std::size_t nx = 0, ny = 0;   // columns, rows
    std::vector<float> values;    // row-major: values[row * nx + col]

    double centre_x(std::size_t col) const { return min_x + (static_cast<double>(col) + 0.5) * cell_m; }
    double centre_y(std::size_t row) const { return max_y - (static_cast<double>(row) + 0.5) * cell_m; }
    double min_y() const { return max_y - static_cast<double>(ny) * cell_m; }
    double max_x() const { return min_x + static_cast<double>(nx) * cell_m; }
    float& at(std::size_t row, std::size_t col) { return values[row * nx + col]; }
    float at(std::size_t row, std::size_t col) const { return values[row * nx + col]; }
};

// A rectangle of a larger grid's cells (columns col0..col0+nx-1, rows row0..row0+ny-1, row 0
// at the top): the part one tile task computes of a surface too large for one go.
struct GridWindow {
    std::size_t col0 = 0, row0 = 0, nx = 0, ny = 0;
};

}  // namespace hotspot
