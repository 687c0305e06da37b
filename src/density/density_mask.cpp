#include "hotspot/density/density_mask.hpp"

#include "hotspot/base/parallel.hpp"
#include "hotspot/geo/point_index.hpp"

namespace hotspot {

namespace {

// Contributors of the cells where `only` holds (others 0), rows on all cores.
template <class Only>
std::vector<std::uint32_t> count_contributors(const Grid& grid, const double* x, const double* y, std::size_t n, double radius_m, Only only) {
    std::vector<std::uint32_t> out(grid.nx * grid.ny, 0);
    if (n == 0) return out;
    const PointIndex index(x, y, n);
    parallel_blocks(grid.ny, 0, 8, [&](std::size_t begin, std::size_t end) {
        for (std::size_t row = begin; row < end; ++row)
            for (std::size_t col = 0; col < grid.nx; ++col)
                if (only(row * grid.nx + col))
                    out[row * grid.nx + col] = static_cast<std::uint32_t>(index.within(grid.centre_x(col), grid.centre_y(row), radius_m).size());
    });
    return out;
}

}  // namespace

std::vector<std::uint32_t> contributors_per_cell(const Grid& grid, const double* x, const double* y, std::size_t n, double radius_m) {
    return count_contributors(grid, x, y, n, radius_m, [](std::size_t) { return true; });
}

std::size_t mask_sparse_cells(Grid& grid, const double* x, const double* y, std::size_t n, double radius_m, std::size_t k) {
    // A cell no incident reaches within the kernel's radius holds 0 (or nodata): only the others are counted.
    const auto shows_something = [&](std::size_t i) { return grid.values[i] != 0.0f && grid.values[i] != Grid::nodata; };
    const auto contributors = count_contributors(grid, x, y, n, radius_m, shows_something);
    std::size_t masked = 0;
    for (std::size_t i = 0; i < contributors.size(); ++i)
        if (shows_something(i) && contributors[i] < k) {
            grid.values[i] = Grid::nodata;
            ++masked;
        }
    return masked;
}

}  // namespace hotspot
