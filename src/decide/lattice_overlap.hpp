#pragma once
// How much of each square cell of a lattice each polygon of an area layer covers, fast enough
// for a million cells: a cell touched by none of the polygon's edges is wholly inside or wholly
// outside it (decided by an even-odd scanline at the row's centre), and only cells an edge
// touches are clipped exactly: each ring by Sutherland-Hodgman to the row, then to the cell,
// holes subtracted (GEOSClipByRect gave wrong areas where a hole touches a cell corner, and
// GEOS's general overlay is ten times slower; tests compare with the overlay cell by cell).
#include "hotspot/geo/areas.hpp"

#include <cstdint>
#include <vector>

namespace hotspot::detail {

struct Lattice {
    double min_x = 0, min_y = 0, cell_m = 0;  // south-west corner of column 0, row 0
    std::size_t nx = 0, ny = 0;
};

struct LatticeOverlap {
    std::uint64_t cell = 0;  // row * nx + col
    std::uint32_t area = 0;
    double overlap_m2 = 0;   // > 0
};

// Every (cell, area) pair with a positive overlap, ordered by cell, then area. Parts of
// polygons outside the lattice are not listed.
std::vector<LatticeOverlap> lattice_overlaps(const Lattice& lattice, const AreaLayer& areas, unsigned threads);

}  // namespace hotspot::detail
