#include "hotspot/geo/fishnet.hpp"

#include "hotspot/base/checked_conversion.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/parallel.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hotspot {

const char* to_string(FishnetCells c) {
    switch (c) {
        case FishnetCells::extent: return "extent";
        case FishnetCells::occupied: return "occupied";
        case FishnetCells::inside_areas: return "areas";
        case FishnetCells::overlapping_areas: return "overlapping areas";
    }
    return "?";
}

FishnetCells parse_fishnet_cells(const std::string& s) {
    const std::string v = lowercase(trim(s));
    if (v == "extent") return FishnetCells::extent;
    if (v == "occupied") return FishnetCells::occupied;
    if (v == "areas") return FishnetCells::inside_areas;
    throw ConfigError("fishnet cells must be extent, occupied or areas, not " + quote_value(s));
}

std::vector<double> Fishnet::centres_x() const {
    std::vector<double> v(size());
    for (std::size_t i = 0; i < size(); ++i) v[i] = centre_x(i);
    return v;
}

std::vector<double> Fishnet::centres_y() const {
    std::vector<double> v(size());
    for (std::size_t i = 0; i < size(); ++i) v[i] = centre_y(i);
    return v;
}

std::string Fishnet::describe() const {
    std::string s = std::to_string(size()) + " cells of " + format_exact(cell_m) + " m (";
    switch (cells) {
        case FishnetCells::extent: s += "every cell of the incidents' extent"; break;
        case FishnetCells::occupied: s += "only cells holding incidents"; break;
        case FishnetCells::inside_areas: s += "cells whose centre lies in the study areas"; break;
        case FishnetCells::overlapping_areas: s += "every cell covering part of an area"; break;
    }
    s += "), " + std::to_string(nx) + " x " + std::to_string(ny) + " grid";
    if (points_outside_cells) s += "; " + std::to_string(points_outside_cells) + " incidents in cells left out";
    return s;
}

FishnetLattice fishnet_lattice(std::span<const double> x, std::span<const double> y, double cell_m, const AreaLayer* areas, std::size_t max_cells) {
    if (!(cell_m > 0) || !std::isfinite(cell_m)) throw ConfigError("fishnet cell size must be a positive number of metres, not " + format_exact(cell_m));
    if (x.empty()) throw InputError("fishnet: there are no incidents to count");
    double x0 = x[0], x1 = x[0], y0 = y[0], y1 = y[0];
    for (std::size_t i = 0; i < x.size(); ++i) {
        x0 = std::min(x0, x[i]);
        x1 = std::max(x1, x[i]);
        y0 = std::min(y0, y[i]);
        y1 = std::max(y1, y[i]);
    }
    if (areas) {  // the grid covers the areas too, so empty cells inside them take part
        const Envelope e = areas->envelope();
        x0 = std::min(x0, e.min_x), x1 = std::max(x1, e.max_x), y0 = std::min(y0, e.min_y), y1 = std::max(y1, e.max_y);
    }
    FishnetLattice f;
    f.cell_m = cell_m;
    f.min_x = std::floor(x0 / cell_m) * cell_m;
    f.min_y = std::floor(y0 / cell_m) * cell_m;
    // Counted in double and checked before they become integers: a tiny cell makes them
    // larger than any integer type.
    const double nx = std::floor((x1 - f.min_x) / cell_m) + 1, ny = std::floor((y1 - f.min_y) / cell_m) + 1;
    const auto nx_int = whole_to<std::size_t>(nx), ny_int = whole_to<std::size_t>(ny);
    if (!(nx * ny <= static_cast<double>(max_cells)) || !nx_int || !ny_int)
        throw ConfigError("fishnet of " + format_exact(cell_m) + " m cells would have " + format_plain(nx) + " x " + format_plain(ny) +
                          " cells, more than the limit of " + std::to_string(max_cells) + "; use larger cells");
    f.nx = *nx_int;
    f.ny = *ny_int;
    return f;
}

LatticeCell lattice_cell(const FishnetLattice& l, double x, double y) {
    return {std::min(l.nx - 1, static_cast<std::size_t>((x - l.min_x) / l.cell_m)), std::min(l.ny - 1, static_cast<std::size_t>((y - l.min_y) / l.cell_m))};
}

Fishnet build_fishnet_window(std::span<const double> x, std::span<const double> y, std::span<const double> w, const FishnetLattice& l,
                             std::size_t col0, std::size_t row0, std::size_t nx, std::size_t ny, FishnetCells cells) {
    if (cells != FishnetCells::extent && cells != FishnetCells::occupied)
        throw ConfigError("a tiled fishnet takes extent or occupied cells, not " + std::string(to_string(cells)));
    if (nx == 0 || ny == 0 || col0 + nx > l.nx || row0 + ny > l.ny) throw ConfigError("fishnet window outside its lattice");
    Fishnet f;
    f.cell_m = l.cell_m;
    f.cells = cells;
    f.min_x = l.min_x + static_cast<double>(col0) * l.cell_m;
    f.min_y = l.min_y + static_cast<double>(row0) * l.cell_m;
    f.nx = nx;
    f.ny = ny;
    std::vector<double> count(nx * ny, 0.0), weighted(nx * ny, 0.0);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const LatticeCell g = lattice_cell(l, x[i], y[i]);
        if (g.col < col0 || g.col >= col0 + nx || g.row < row0 || g.row >= row0 + ny) continue;
        const std::size_t k = (g.row - row0) * nx + (g.col - col0);
        count[k] += 1.0;
        weighted[k] += w.empty() ? 1.0 : w[i];
    }
    f.cell_at.assign(nx * ny, -1);
    for (std::size_t k = 0; k < nx * ny; ++k) {
        if (cells == FishnetCells::occupied && !(count[k] > 0)) continue;
        f.cell_at[k] = static_cast<std::int64_t>(f.size());
        f.col.push_back(static_cast<std::uint32_t>(k % nx));
        f.row.push_back(static_cast<std::uint32_t>(k / nx));
        f.count.push_back(count[k]);
        f.weighted.push_back(weighted[k]);
        f.points_in_cells += static_cast<std::uint64_t>(count[k]);
    }
    return f;
}

Fishnet build_fishnet(std::span<const double> x, std::span<const double> y, std::span<const double> w, double cell_m,
                      FishnetCells cells, const AreaLayer* areas, std::size_t max_cells) {
    if (cells == FishnetCells::inside_areas && !areas) throw ConfigError("fishnet cells inside areas need an area layer");
    const FishnetLattice l = fishnet_lattice(x, y, cell_m, areas, max_cells);
    Fishnet f;
    f.cell_m = cell_m;
    f.cells = cells;
    f.min_x = l.min_x;
    f.min_y = l.min_y;
    f.nx = l.nx;
    f.ny = l.ny;
    std::vector<double> count(f.nx * f.ny, 0.0), weighted(f.nx * f.ny, 0.0);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const auto [c, r] = lattice_cell(l, x[i], y[i]);
        count[r * f.nx + c] += 1.0;
        weighted[r * f.nx + c] += w.empty() ? 1.0 : w[i];
    }
    f.cell_at.assign(f.nx * f.ny, -1);
    for (std::size_t r = 0; r < f.ny; ++r)
        for (std::size_t c = 0; c < f.nx; ++c) {
            const std::size_t k = r * f.nx + c;
            bool keep = true;
            if (cells == FishnetCells::occupied) keep = count[k] > 0;
            if (cells == FishnetCells::inside_areas)
                keep = areas->locate(f.min_x + (static_cast<double>(c) + 0.5) * cell_m, f.min_y + (static_cast<double>(r) + 0.5) * cell_m).has_value();
            if (!keep) {
                f.points_outside_cells += static_cast<std::uint64_t>(count[k]);
                continue;
            }
            f.cell_at[k] = static_cast<std::int64_t>(f.size());
            f.col.push_back(static_cast<std::uint32_t>(c));
            f.row.push_back(static_cast<std::uint32_t>(r));
            f.count.push_back(count[k]);
            f.weighted.push_back(weighted[k]);
            f.points_in_cells += static_cast<std::uint64_t>(count[k]);
        }
    if (f.size() == 0) throw InputError("fishnet: no cell takes part (" + std::string(to_string(cells)) + ")");
    return f;
}

namespace {

// The cells within band_m of a cell, as half-widths per row offset: offset (dx, dy) is inside
// when dx^2 + dy^2 <= (band / cell)^2. Cell centres sit on an exact lattice in cells, so the
// comparison is made in cells, the same for every cell whatever the rounding of its
// coordinates; the tiny tolerance keeps exact multiples (300 m = 3 cells of 100 m) inside, as
// dnearneigh does on round centres.
std::vector<std::int64_t> disc_half_widths(const Fishnet& f, double band_m) {
    if (!(band_m > 0) || !std::isfinite(band_m)) throw ConfigError("distance band must be a positive number of metres, not " + format_exact(band_m));
    const double reach2 = (band_m / f.cell_m) * (band_m / f.cell_m) * (1.0 + 1e-12);
    // No offset beyond the grid's larger side reaches a cell: clamping there changes nothing,
    // keeps the table small for a band far wider than the grid, and the conversions defined.
    const double widest = static_cast<double>(std::max(f.nx, f.ny));
    const auto cells = [&](double d) { return static_cast<std::int64_t>(std::min(std::floor(std::sqrt(d)), widest)); };
    const std::int64_t reach = cells(reach2);
    std::vector<std::int64_t> half(static_cast<std::size_t>(reach) + 1);
    for (std::int64_t dy = 0; dy <= reach; ++dy) half[static_cast<std::size_t>(dy)] = cells(reach2 - static_cast<double>(dy * dy));
    return half;
}

}  // namespace

std::size_t band_reach_cells(double cell_m, double band_m) {
    Fishnet one;  // the reach does not depend on the cells, only on band / cell
    one.cell_m = cell_m;
    one.nx = one.ny = std::numeric_limits<std::uint32_t>::max();
    return disc_half_widths(one, band_m).size() - 1;
}

Neighbours band_neighbours(const Fishnet& f, double band_m, unsigned threads) {
    {  // Counted first (cheap, no lists): a band far wider than the cells lists every pair.
        const std::vector<double> zero(f.size(), 0.0);
        const BandSums sums = band_sums(f, zero, band_m, threads);
        double pairs = 0;
        for (const std::uint32_t k : sums.count) pairs += k;
        constexpr double max_pairs = 250'000'000;  // 1 GB of neighbour indices, twice while built
        if (pairs > max_pairs)
            throw ConfigError("a distance band of " + format_plain(band_m) + " m on " + std::to_string(f.size()) + " cells of " +
                              format_exact(f.cell_m) + " m gives " + format_plain(pairs) + " neighbour pairs, more than the limit of " +
                              format_plain(max_pairs) + ": use a smaller band or larger cells");
    }
    const std::vector<std::int64_t> half = disc_half_widths(f, band_m);
    const auto reach = static_cast<std::int64_t>(half.size()) - 1;
    const auto ny = static_cast<std::int64_t>(f.ny), nx = static_cast<std::int64_t>(f.nx);
    std::vector<std::vector<std::uint32_t>> lists(f.size());
    parallel_blocks(f.size(), threads, 4096, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const std::int64_t r = f.row[i], c = f.col[i];
            for (std::int64_t dy = -reach; dy <= reach; ++dy) {
                const std::int64_t rr = r + dy;
                if (rr < 0 || rr >= ny) continue;
                const std::int64_t h = half[static_cast<std::size_t>(dy < 0 ? -dy : dy)];
                for (std::int64_t cc = std::max<std::int64_t>(0, c - h); cc <= std::min<std::int64_t>(nx - 1, c + h); ++cc) {
                    const std::int64_t j = f.cell_at[static_cast<std::size_t>(rr * nx + cc)];
                    if (j >= 0 && static_cast<std::size_t>(j) != i) lists[i].push_back(static_cast<std::uint32_t>(j));
                }
            }
        }
    });
    return Neighbours::from_lists(lists, "distance band " + format_exact(band_m) + " m (inclusive), cell centres");
}

BandSums band_sums(const Fishnet& f, std::span<const double> v, double band_m, unsigned threads) {
    const std::vector<std::int64_t> half = disc_half_widths(f, band_m);
    const auto reach = static_cast<std::int64_t>(half.size()) - 1;

    // Prefix sums per row: P[r][c] = sum of cells 0..c-1 of row r (absent cells hold 0).
    const std::size_t stride = f.nx + 1;
    std::vector<double> value_prefix(f.ny * stride, 0.0), present_prefix(f.ny * stride, 0.0);
    std::vector<double> dense(f.nx * f.ny, 0.0), present(f.nx * f.ny, 0.0);
    for (std::size_t i = 0; i < f.size(); ++i) {
        dense[f.row[i] * f.nx + f.col[i]] = v[i];
        present[f.row[i] * f.nx + f.col[i]] = 1.0;
    }
    for (std::size_t r = 0; r < f.ny; ++r)
        for (std::size_t c = 0; c < f.nx; ++c) {
            value_prefix[r * stride + c + 1] = value_prefix[r * stride + c] + dense[r * f.nx + c];
            present_prefix[r * stride + c + 1] = present_prefix[r * stride + c] + present[r * f.nx + c];
        }
    BandSums out;
    out.sum.resize(f.size());
    out.count.resize(f.size());
    const auto ny = static_cast<std::int64_t>(f.ny), nx = static_cast<std::int64_t>(f.nx);
    parallel_blocks(f.size(), threads, 16384, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const std::int64_t r = f.row[i], c = f.col[i];
            double s = 0, k = 0;
            for (std::int64_t dy = -reach; dy <= reach; ++dy) {
                const std::int64_t rr = r + dy;
                if (rr < 0 || rr >= ny) continue;
                const std::int64_t h = half[static_cast<std::size_t>(dy < 0 ? -dy : dy)];
                const auto lo = static_cast<std::size_t>(std::max<std::int64_t>(0, c - h));
                const auto hi = static_cast<std::size_t>(std::min<std::int64_t>(nx, c + h + 1));
                const std::size_t base = static_cast<std::size_t>(rr) * stride;
                s += value_prefix[base + hi] - value_prefix[base + lo];
                k += present_prefix[base + hi] - present_prefix[base + lo];
            }
            out.sum[i] = s - v[i];
            out.count[i] = static_cast<std::uint32_t>(k - 1.0);
        }
    });
    return out;
}

}  // namespace hotspot
