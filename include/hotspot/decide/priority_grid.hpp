#pragma once
// The priority index beyond administrative boundaries: indicators on a fine grid (e.g. 250 m
// cells), area attributes apportioned to cells by area share, then Gi* on the cells' index
// (FDR) and the significant hot cells dissolved into priority zones, with how much of each
// zone falls in each ward and LSOA.
#include "hotspot/geo/areas.hpp"
#include "hotspot/geo/fishnet.hpp"
#include "hotspot/stats/gistar.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

// Square cells over the study layer: every cell (aligned to multiples of cell_m) whose overlap
// with at least one area is positive (touching an edge or corner is not enough); cells are
// whole, so those on the layer's edge stick out past it. Refuses cell_m <= 0 and more than
// max_cells cells (ConfigError). Uses every core; study_grid_with_overlaps takes a thread count.
Fishnet study_grid(const AreaLayer& study, double cell_m, std::size_t max_cells = 50'000'000);

// Per cell, the areas it overlaps (in area order) and the overlap in m2: the whole cell for a
// cell no edge of the area touches, an exact clip of the area's rings to the cell otherwise
// (checked against GEOS overlay). Parts of areas outside the grid's cells are not listed.
struct CellOverlaps {
    std::vector<std::uint64_t> offsets{0};
    std::vector<std::uint32_t> area;
    std::vector<double> overlap_m2;
    std::size_t size() const { return offsets.size() - 1; }
};
CellOverlaps cell_overlaps(const Fishnet& grid, const AreaLayer& areas, unsigned threads);

// study_grid and cell_overlaps(grid, study) from one pass over the polygons.
struct StudyGrid {
    Fishnet grid;
    CellOverlaps overlaps;
};
StudyGrid study_grid_with_overlaps(const AreaLayer& study, double cell_m, unsigned threads, std::size_t max_cells = 50'000'000);

// Counts and populations (extensive): value x overlap / area. nullopt where an overlapping
// area has no value.
std::vector<std::optional<double>> apportion_counts(const CellOverlaps& o, const AreaLayer& areas,
                                                    std::span<const std::optional<double>> per_area);
// Scores and rates (intensive): the overlap-weighted mean of the areas' values; nullopt where
// an overlapping area has no value or the cell overlaps no area.
std::vector<std::optional<double>> apportion_scores(const CellOverlaps& o, std::span<const std::optional<double>> per_area);

// One zone x area of an overlay layer (only pairs that overlap), and per zone and layer one row
// with an empty area_id for the part of the zone outside every area of the layer (cells stick
// out past its edge; share_of_area_pct 0 there): a zone's rows for a layer add up to 100 %.
struct ZoneShare {
    std::size_t zone = 0;
    std::string layer, area_id, area_name;
    double overlap_m2 = 0;
    double share_of_zone_pct = 0;   // of the zone's area
    double share_of_area_pct = 0;   // of the area's area
};

struct PriorityZones {
    GiStarResult gi;                           // on the cells' index
    double band_m = 0;
    int min_bin = 2;                           // hot cells: FDR bin >= min_bin
    std::vector<std::int64_t> zone_of_cell;    // -1 when not in a zone
    std::vector<std::string> zone_wkb;         // ISO WKB MultiPolygon per zone (analysis CRS)
    std::vector<double> zone_area_m2;
    std::vector<std::size_t> zone_cells;
    std::vector<ZoneShare> shares;             // zone x area of every overlay layer
};

// The exact union of grid cells joined by shared edges, as ISO WKB MultiPolygon (one polygon,
// holes where the cells enclose others; a hole may touch the outline at a corner). Refuses
// cells that are not edge-connected.
std::string cells_outline_wkb(const Fishnet& grid, std::span<const std::size_t> cells);

// Gi* with the band_m neighbourhood on the cells' index, hot cells dissolved by shared edges
// into zones (largest first), then overlaid with each layer.
PriorityZones priority_zones(const Fishnet& grid, std::span<const double> index, double band_m, int min_bin,
                             const std::vector<const AreaLayer*>& overlay, unsigned threads);
// The same, reusing each overlay layer's cell_overlaps on this grid where already computed
// (e.g. for apportionment): overlay_overlaps[k] for overlay[k], nullptr to compute it here.
PriorityZones priority_zones(const Fishnet& grid, std::span<const double> index, double band_m, int min_bin,
                             const std::vector<const AreaLayer*>& overlay,
                             const std::vector<const CellOverlaps*>& overlay_overlaps, unsigned threads);

}  // namespace hotspot
