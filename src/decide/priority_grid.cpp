// The grid variant's cells and what they take from the areas: the study grid, each cell's
// overlap with each area, and area values apportioned to cells (priority_zones.cpp does Gi*).
#include "hotspot/decide/priority_grid.hpp"

#include "hotspot/base/checked_conversion.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "lattice_overlap.hpp"

#include <cmath>

namespace hotspot {

namespace {

detail::Lattice lattice_of(const Fishnet& f) { return {f.min_x, f.min_y, f.cell_m, f.nx, f.ny}; }

void require_values_per_area(std::size_t values, const AreaLayer* areas, std::size_t expected, const char* what) {
    if (values != expected)
        throw Error(std::string(what) + ": " + std::to_string(values) + " values for " + std::to_string(expected) + " areas" +
                    (areas ? " of layer " + areas->name() : std::string()));
}

}  // namespace

namespace {

// Per grid cell, its overlaps (from lattice order to the grid's cell order).
CellOverlaps by_cell(const Fishnet& grid, const std::vector<detail::LatticeOverlap>& o) {
    CellOverlaps out;
    out.offsets.assign(grid.size() + 1, 0);
    for (const auto& x : o)
        if (const std::int64_t c = grid.cell_at[x.cell]; c >= 0) ++out.offsets[static_cast<std::size_t>(c) + 1];
    for (std::size_t i = 0; i < grid.size(); ++i) out.offsets[i + 1] += out.offsets[i];
    out.area.resize(out.offsets.back());
    out.overlap_m2.resize(out.offsets.back());
    std::vector<std::uint64_t> next(out.offsets.begin(), out.offsets.end() - 1);
    for (const auto& x : o) {
        const std::int64_t c = grid.cell_at[x.cell];
        if (c < 0) continue;  // the area's part in a cell outside the grid
        const std::uint64_t k = next[static_cast<std::size_t>(c)]++;
        out.area[k] = x.area;
        out.overlap_m2[k] = x.overlap_m2;
    }
    return out;
}

}  // namespace

StudyGrid study_grid_with_overlaps(const AreaLayer& study, double cell_m, unsigned threads, std::size_t max_cells) {
    if (!(cell_m > 0) || !std::isfinite(cell_m)) throw ConfigError("grid cell size must be a positive number of metres, not " + format_exact(cell_m));
    if (study.size() == 0) throw InputError("grid: area layer " + study.name() + " has no areas");
    const Envelope e = study.envelope();
    Fishnet f;
    f.cell_m = cell_m;
    f.cells = FishnetCells::overlapping_areas;
    f.min_x = std::floor(e.min_x / cell_m) * cell_m;
    f.min_y = std::floor(e.min_y / cell_m) * cell_m;
    // Cells of [min, min + n cell_m) up to the envelope's far edge; a polygon ending exactly on
    // the last cell line overlaps no cell beyond it, so that cell simply takes no part.
    const double nx = std::floor((e.max_x - f.min_x) / cell_m) + 1, ny = std::floor((e.max_y - f.min_y) / cell_m) + 1;
    const auto nx_int = whole_to<std::size_t>(nx), ny_int = whole_to<std::size_t>(ny);
    if (!(nx * ny <= static_cast<double>(max_cells)) || !nx_int || !ny_int)
        throw ConfigError("a grid of " + format_exact(cell_m) + " m cells over layer " + study.name() + " would have " + format_plain(nx) + " x " +
                          format_plain(ny) + " cells, more than the limit of " + std::to_string(max_cells) + "; use larger cells");
    f.nx = *nx_int;
    f.ny = *ny_int;
    const std::vector<detail::LatticeOverlap> o = detail::lattice_overlaps(lattice_of(f), study, threads);
    f.cell_at.assign(f.nx * f.ny, -1);
    for (const auto& x : o) {
        if (f.cell_at[x.cell] >= 0) continue;  // listed in cell order: one cell per run
        f.cell_at[x.cell] = static_cast<std::int64_t>(f.col.size());
        f.col.push_back(static_cast<std::uint32_t>(x.cell % f.nx));
        f.row.push_back(static_cast<std::uint32_t>(x.cell / f.nx));
    }
    if (f.size() == 0) throw InputError("grid: no " + format_exact(cell_m) + " m cell overlaps an area of layer " + study.name());
    f.count.assign(f.size(), 0.0);  // no incidents are counted here
    f.weighted.assign(f.size(), 0.0);
    CellOverlaps overlaps = by_cell(f, o);
    return {std::move(f), std::move(overlaps)};
}

Fishnet study_grid(const AreaLayer& study, double cell_m, std::size_t max_cells) {
    return study_grid_with_overlaps(study, cell_m, 0, max_cells).grid;
}

CellOverlaps cell_overlaps(const Fishnet& grid, const AreaLayer& areas, unsigned threads) {
    // Lattice order (row-major) is the grid's cell order for study_grid and build_fishnet, but
    // a grid may hold its cells in any order: by_cell goes through cell_at.
    return by_cell(grid, detail::lattice_overlaps(lattice_of(grid), areas, threads));
}

std::vector<std::optional<double>> apportion_counts(const CellOverlaps& o, const AreaLayer& areas,
                                                    std::span<const std::optional<double>> per_area) {
    require_values_per_area(per_area.size(), &areas, areas.size(), "apportion counts");
    std::vector<std::optional<double>> out(o.size());
    for (std::size_t c = 0; c < o.size(); ++c) {
        double sum = 0;
        bool known = true;
        for (std::uint64_t k = o.offsets[c]; k < o.offsets[c + 1] && known; ++k) {
            const std::optional<double>& v = per_area[o.area[k]];
            known = v.has_value();
            if (known) sum += *v * o.overlap_m2[k] / areas.area_m2(o.area[k]);
        }
        if (known) out[c] = sum;  // a cell overlapping no area holds 0 of every area's count
    }
    return out;
}

std::vector<std::optional<double>> apportion_scores(const CellOverlaps& o, std::span<const std::optional<double>> per_area) {
    std::vector<std::optional<double>> out(o.size());
    for (std::size_t c = 0; c < o.size(); ++c) {
        double sum = 0, weight = 0;
        bool known = true;
        for (std::uint64_t k = o.offsets[c]; k < o.offsets[c + 1] && known; ++k) {
            if (o.area[k] >= per_area.size())
                throw Error("apportion scores: the overlaps name area " + std::to_string(o.area[k]) + " but only " +
                            std::to_string(per_area.size()) + " values were given");
            const std::optional<double>& v = per_area[o.area[k]];
            known = v.has_value();
            if (known) sum += *v * o.overlap_m2[k], weight += o.overlap_m2[k];
        }
        if (known && weight > 0) out[c] = sum / weight;  // no area, no score
    }
    return out;
}

}  // namespace hotspot
