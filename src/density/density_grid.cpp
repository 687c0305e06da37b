#include "density/density_grid.hpp"

#include "hotspot/base/checked_conversion.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <unistd.h>

namespace hotspot::detail {

namespace {

std::size_t default_max_cells() {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    const double bytes = pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) : 8e9;
    return static_cast<std::size_t>(bytes / 4.0 / 12.0);  // a quarter of memory; 12 bytes a cell while computing
}

}  // namespace

std::pair<std::size_t, std::size_t> grid_size(double nx, double ny, const DensityOptions& o) {
    const std::size_t limit = o.max_cells ? o.max_cells : default_max_cells();
    nx = std::max(nx, 1.0);
    ny = std::max(ny, 1.0);
    const double cells = nx * ny;
    const auto x = whole_to<int>(nx), y = whole_to<int>(ny);  // GDAL rasters take int sizes
    if (!(cells <= static_cast<double>(limit)) || !x || !y)  // NaN and infinity fail too
        throw ConfigError("the density grid would have " + format_plain(cells) + " cells (" + format_plain(nx) + " x " + format_plain(ny) +
                          " of " + format_exact(o.cell_m) + " m), more than the " + std::to_string(limit) +
                          " that fit in memory here: use a larger cell size, a smaller bandwidth or a smaller extent");
    return {static_cast<std::size_t>(*x), static_cast<std::size_t>(*y)};
}

Bounds envelope_of(const double* x, const double* y, std::size_t n) {
    Bounds b{x[0], y[0], x[0], y[0]};
    for (std::size_t i = 1; i < n; ++i) {
        b.min_x = std::min(b.min_x, x[i]);
        b.max_x = std::max(b.max_x, x[i]);
        b.min_y = std::min(b.min_y, y[i]);
        b.max_y = std::max(b.max_y, y[i]);
    }
    return b;
}

}  // namespace hotspot::detail
