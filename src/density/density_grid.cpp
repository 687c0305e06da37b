#include "density/density_grid.hpp"

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

void check_grid_size(std::size_t nx, std::size_t ny, const DensityOptions& o) {
    const std::size_t limit = o.max_cells ? o.max_cells : default_max_cells();
    const double cells = static_cast<double>(nx) * static_cast<double>(ny);
    if (cells > static_cast<double>(limit))
        throw ConfigError("the density grid would have " + format_fixed(cells, 0) + " cells (" + std::to_string(nx) + " x " +
                          std::to_string(ny) + " of " + format_fixed(o.cell_m, 2) + " m), more than the " +
                          std::to_string(limit) + " that fit in memory here: use a larger cell size or a smaller extent");
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
