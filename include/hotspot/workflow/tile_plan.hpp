#pragma once
// A surface too large for one go (a national 10 m density, a 100 m Gi* grid of a country) split
// into tile tasks and reduce steps, written as JSON by `hotspot plan` and run by anything that can
// run a task: `hotspot plan --run` on one machine, the Dask driver (python/hotspot/dask_driver.py)
// on many. Each task reads the plan and the points file it names, computes its tile's cells and
// writes them; the tiles then make one COG. docs/distributed.md describes the steps.
//
// Steps, in order (a step's tasks are independent of each other):
//   moments   (Gi* only) per tile: count, sum and squared deviations of its cells
//   reduce    (Gi* only) the study's moments from every tile's, combined in tile order
//   surface   per tile: its cells, from the points within the halo (kernel support or band)
//   assemble  the tiles as one tiled COG
#include "hotspot/density/density.hpp"
#include "hotspot/geo/fishnet.hpp"
#include "hotspot/geo/grid.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace hotspot {

enum class TiledSurface { density, gistar };
const char* to_string(TiledSurface s);

struct PlanTile {
    std::string id;     // "r0003_c0012": row and column of the tile in the tile layout
    GridWindow cells;   // the tile's cells in the whole grid (row 0 at the north)
};

struct TilePlan {
    static constexpr int format = 1;
    TiledSurface surface = TiledSurface::density;
    std::string crs;                 // the analysis CRS of the points and the grid
    std::string points_file;         // absolute path (tile_points.hpp), shared by every task
    std::string points_sha256;       // checked by every task before it reads the points
    std::uint64_t points = 0;
    Grid grid;                       // the whole grid's geometry (values empty)
    DensityOptions density;          // density: extent = the grid's, a fixed bandwidth, merge_places set
    double band_m = 0;               // Gi*: distance band (cell centre to centre, inclusive)
    FishnetCells cells = FishnetCells::extent;
    bool weighted = false;           // Gi*: cells hold incident weights, not counts (stats --weighted)
    FishnetLattice lattice;          // Gi*: the fishnet (rows from the south); the grid is its north-up view
    std::size_t tile_cells = 0;      // tile side in cells
    double halo_m = 0;               // what a tile reads beyond its edge: the kernel support or the band
    std::vector<PlanTile> tiles;     // row by row from the north-west
    std::string work_dir;            // absolute: tiles/, moments/ and the task ledger
    std::string output;              // the assembled COG
    bool overwrite = false;          // planned with --overwrite: assemble may replace the output
    std::vector<std::pair<std::string, std::string>> metadata;  // recorded in the COG (inputs, parameters)
};

// The tiles of a whole grid (nx x ny cells) of side tile_cells (the last row and column smaller).
std::vector<PlanTile> tile_layout(std::size_t nx, std::size_t ny, std::size_t tile_cells);

// The whole grid of a Gi* plan: the fishnet lattice seen north up (raster row 0 = lattice row ny - 1).
Grid gistar_grid(const FishnetLattice& l);

std::string plan_to_json(const TilePlan& plan);
// Reads a plan; InputError naming the file and the field when it is not one.
TilePlan read_tile_plan(const std::string& path);

// Where a plan's pieces go under work_dir.
std::string tile_raster_path(const TilePlan& plan, const PlanTile& tile);
std::string tile_moments_path(const TilePlan& plan, const PlanTile& tile);
std::string reduced_moments_path(const TilePlan& plan);
std::string task_ledger_path(const TilePlan& plan);
const PlanTile& find_tile(const TilePlan& plan, const std::string& id);

}  // namespace hotspot
