#include "hotspot/workflow/tile_compute.hpp"

#include "hotspot/workflow/tile_points.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hotspot {

namespace {

// Rows of the lattice (from the south) that a north-up window of the plan's grid covers.
struct LatticeRows {
    std::size_t first, count;
};
LatticeRows lattice_rows(const FishnetLattice& l, const GridWindow& w) { return {l.ny - w.row0 - w.ny, w.ny}; }

// The points whose lattice rows [row0, row1) can hold, with a cell to spare on each side
// (build_fishnet_window then places each exactly).
PointSlice lattice_band(const TilePlan& plan, std::size_t row0, std::size_t row1) {
    const FishnetLattice& l = plan.lattice;
    return read_tile_points(plan.points_file, l.min_y + (static_cast<double>(row0) - 1.0) * l.cell_m,
                            l.min_y + (static_cast<double>(row1) + 1.0) * l.cell_m, plan.points_sha256);
}

}  // namespace

Grid density_tile(const TilePlan& plan, const PlanTile& tile, unsigned threads) {
    const Grid& g = plan.grid;
    const GridWindow& w = tile.cells;
    // The kernel reaches halo_m from a point; a cell more guards the comparisons' rounding (a
    // point beyond the support adds nothing, so extra points change no bit).
    const double reach = plan.halo_m + g.cell_m;
    const double top = g.max_y - static_cast<double>(w.row0) * g.cell_m, bottom = top - static_cast<double>(w.ny) * g.cell_m;
    const double left = g.min_x + static_cast<double>(w.col0) * g.cell_m, right = left + static_cast<double>(w.nx) * g.cell_m;
    PointSlice band = read_tile_points(plan.points_file, bottom - reach, top + reach, plan.points_sha256);
    PointSlice in;  // the band's points within reach east and west, in file order
    for (std::size_t i = 0; i < band.x.size(); ++i)
        if (band.x[i] >= left - reach && band.x[i] <= right + reach) {
            in.x.push_back(band.x[i]);
            in.y.push_back(band.y[i]);
            in.w.push_back(band.w[i]);
        }
    if (in.x.empty()) {  // no kernel reaches the tile: zeros, as the whole grid has there
        Grid empty;
        empty.min_x = left, empty.max_y = top, empty.cell_m = g.cell_m, empty.nx = w.nx, empty.ny = w.ny;
        empty.values.assign(w.nx * w.ny, 0.0f);
        return empty;
    }
    DensityOptions o = plan.density;
    o.window = w;
    o.threads = threads;
    return kernel_density(in.x.data(), in.y.data(), in.w.data(), in.x.size(), o).grid;
}

GiStarMoments gistar_tile_moments(const TilePlan& plan, const PlanTile& tile) {
    const LatticeRows rows = lattice_rows(plan.lattice, tile.cells);
    const PointSlice p = lattice_band(plan, rows.first, rows.first + rows.count);
    const Fishnet f = build_fishnet_window(p.x, p.y, p.w, plan.lattice, tile.cells.col0, rows.first, tile.cells.nx, rows.count, plan.cells);
    return moments_of(plan.weighted ? f.weighted : f.count);
}

std::vector<double> gistar_tile_z(const TilePlan& plan, const PlanTile& tile, const GiStarMoments& whole, unsigned threads) {
    const FishnetLattice& l = plan.lattice;
    const LatticeRows rows = lattice_rows(l, tile.cells);
    const std::size_t reach = band_reach_cells(l.cell_m, plan.band_m);
    // The tile and its halo: every cell within the band of a tile cell.
    const std::size_t r0 = rows.first - std::min(rows.first, reach), r1 = std::min(l.ny, rows.first + rows.count + reach);
    const std::size_t c0 = tile.cells.col0 - std::min(tile.cells.col0, reach), c1 = std::min(l.nx, tile.cells.col0 + tile.cells.nx + reach);
    const PointSlice p = lattice_band(plan, r0, r1);
    const Fishnet f = build_fishnet_window(p.x, p.y, p.w, l, c0, r0, c1 - c0, r1 - r0, plan.cells);
    std::vector<double> z(tile.cells.nx * tile.cells.ny, std::numeric_limits<double>::quiet_NaN());
    if (f.size() == 0) return z;
    const std::vector<double>& value = plan.weighted ? f.weighted : f.count;
    const BandSums sums = band_sums(f, value, plan.band_m, threads);
    const GiStarResult g = gi_star_with_moments(value, sums.sum, sums.count, whole);
    for (std::size_t i = 0; i < f.size(); ++i) {
        const std::size_t col = c0 + f.col[i], row = r0 + f.row[i];  // lattice
        if (col < tile.cells.col0 || col >= tile.cells.col0 + tile.cells.nx || row < rows.first || row >= rows.first + rows.count) continue;
        if (!g.z[i]) continue;
        const std::size_t raster_row = (rows.first + rows.count - 1) - row;  // north up within the tile
        z[raster_row * tile.cells.nx + (col - tile.cells.col0)] = *g.z[i];
    }
    return z;
}

}  // namespace hotspot
