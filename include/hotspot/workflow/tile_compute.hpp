#pragma once
// What one tile task computes: its cells of the plan's surface, from the points within its halo.
// Density is bit for bit the whole grid's (the same terms added in the same order); Gi* z equals
// the whole grid's to rounding of the combined moments (tests/workflow/test_tile_compute.cpp).
#include "hotspot/stats/gistar.hpp"
#include "hotspot/workflow/tile_plan.hpp"

#include <vector>

namespace hotspot {

// The tile's density cells (a Grid georeferenced at the tile), threads as DensityOptions.
Grid density_tile(const TilePlan& plan, const PlanTile& tile, unsigned threads);

// The tile's share of the study's moments: its taking-part cells' values (counts, or weights).
GiStarMoments gistar_tile_moments(const TilePlan& plan, const PlanTile& tile);

// The tile's Gi* z, north up, row-major (tile.cells.nx x tile.cells.ny), NaN where a cell does not
// take part or has no z (no neighbour but itself, or every cell a neighbour).
std::vector<double> gistar_tile_z(const TilePlan& plan, const PlanTile& tile, const GiStarMoments& whole, unsigned threads);

}  // namespace hotspot
