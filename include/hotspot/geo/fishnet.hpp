#pragma once
// A fishnet: square cells of a given size holding incident counts, the units of a grid
// Gi* or LISA. Cells are aligned to multiples of the cell size. Which cells take part is a
// stated choice: every cell of the extent, only cells holding incidents, or only cells whose
// centre lies in the study areas. Incidents in cells that do not take part are counted.
#include "hotspot/geo/areas.hpp"
#include "hotspot/geo/neighbours.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

// overlapping_areas: every cell covering part of an area (decide/priority_grid's study_grid).
enum class FishnetCells { extent, occupied, inside_areas, overlapping_areas };
const char* to_string(FishnetCells c);
FishnetCells parse_fishnet_cells(const std::string& s);

struct Fishnet {
    double min_x = 0, min_y = 0, cell_m = 0;  // south-west corner of column 0, row 0
    std::size_t nx = 0, ny = 0;
    FishnetCells cells = FishnetCells::extent;
    std::vector<std::uint32_t> col, row;   // per cell taking part (row 0 = south)
    std::vector<double> count, weighted;   // incidents and their weights per cell
    std::vector<std::int64_t> cell_at;     // nx * ny: index of the cell at (row, col), or -1
    std::uint64_t points_in_cells = 0, points_outside_cells = 0;

    std::size_t size() const { return col.size(); }
    double centre_x(std::size_t i) const { return min_x + (col[i] + 0.5) * cell_m; }
    double centre_y(std::size_t i) const { return min_y + (row[i] + 0.5) * cell_m; }
    std::vector<double> centres_x() const;
    std::vector<double> centres_y() const;
    std::string describe() const;
};

// A fishnet's lattice without its cells: the corner and size every tile of a tiled Gi* shares.
struct FishnetLattice {
    double min_x = 0, min_y = 0, cell_m = 0;
    std::size_t nx = 0, ny = 0;
};
// The lattice build_fishnet would use (refusals as build_fishnet's).
FishnetLattice fishnet_lattice(std::span<const double> x, std::span<const double> y, double cell_m, const AreaLayer* areas,
                               std::size_t max_cells = 50'000'000);
// The cell (column, row from the south) build_fishnet puts a point of its extent in.
struct LatticeCell {
    std::size_t col, row;
};
LatticeCell lattice_cell(const FishnetLattice& l, double x, double y);

// Refuses a cell size that is not positive, no points, or more than max_cells cells.
Fishnet build_fishnet(std::span<const double> x, std::span<const double> y, std::span<const double> w, double cell_m,
                      FishnetCells cells, const AreaLayer* areas, std::size_t max_cells = 50'000'000);

// The part of the fishnet on lattice l inside columns [col0, col0 + nx) and rows [row0, row0 + ny)
// (rows from the south), from the points in it (others are ignored, not counted): cells numbered
// from the window's corner, each with the count and weight build_fishnet gives it. extent and
// occupied cells only (areas would need the area layer in every tile).
Fishnet build_fishnet_window(std::span<const double> x, std::span<const double> y, std::span<const double> w, const FishnetLattice& l,
                             std::size_t col0, std::size_t row0, std::size_t nx, std::size_t ny, FishnetCells cells);

// The cells within band_m of each cell (centre to centre, inclusive; itself excluded),
// decided on the cell lattice: the same neighbourhoods as distance_band() on the centres where
// the cell size is round, and free of coordinate rounding where it is not.
Neighbours band_neighbours(const Fishnet& f, double band_m, unsigned threads);

// Per cell, the sum of v over the same neighbourhoods and their number, from row prefix sums,
// without listing them.
struct BandSums {
    std::vector<double> sum;
    std::vector<std::uint32_t> count;
};
BandSums band_sums(const Fishnet& f, std::span<const double> v, double band_m, unsigned threads);
// How many cells a band reaches along a row or column (a tile's halo in cells).
std::size_t band_reach_cells(double cell_m, double band_m);

}  // namespace hotspot
