// Disclosure control of density surfaces (issue 14): a cell is masked (nodata) where fewer than k
// incidents contribute to it, a contributor being an incident within the kernel's radius of the
// cell centre (counted with the k-d tree). Cells no incident reaches stay as they are (0 shows
// no one).
#pragma once

#include "hotspot/geo/grid.hpp"

#include <cstdint>
#include <vector>

namespace hotspot {

// Incidents within radius_m (inclusive) of each cell centre, row-major as grid.values.
std::vector<std::uint32_t> contributors_per_cell(const Grid& grid, const double* x, const double* y, std::size_t n, double radius_m);

// Sets the cells that show a value (not 0, not nodata) with fewer than k contributors to
// Grid::nodata; returns how many were masked.
std::size_t mask_sparse_cells(Grid& grid, const double* x, const double* y, std::size_t n, double radius_m, std::size_t k);

}  // namespace hotspot
