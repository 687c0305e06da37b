#include "lattice_overlap.hpp"

#include "detail/geos_context.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/parallel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace hotspot::detail {

namespace {

// Edges are widened by this many cells when marking the cells they touch: a cell marked by
// rounding is only clipped exactly (still right), a touched cell never goes unmarked.
constexpr double touch_slack = 1e-7;

struct Point {
    double u, v;  // lattice units: u = (x - min_x) / cell_m
};
using Ring = std::vector<Point>;  // open: the last point joins the first

struct Rings {
    std::vector<Ring> rings;
    std::vector<std::uint8_t> hole;
};

// The polygon's rings in lattice units.
Rings lattice_rings(const Lattice& L, const GEOSGeometry* g) {
    auto* ctx = geos_context();
    Rings out;
    const auto add_ring = [&](const GEOSGeometry* ring, bool hole) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
        unsigned n = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(ctx, seq, &n) || n < 4) return;
        Ring r(n - 1);
        for (unsigned k = 0; k + 1 < n; ++k) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(ctx, seq, k, &x, &y);
            r[k] = {(x - L.min_x) / L.cell_m, (y - L.min_y) / L.cell_m};
        }
        out.rings.push_back(std::move(r));
        out.hole.push_back(hole);
    };
    const int parts = GEOSGetNumGeometries_r(ctx, g);
    for (int p = 0; p < parts; ++p) {
        const GEOSGeometry* poly = GEOSGetGeometryN_r(ctx, g, p);
        if (GEOSGeomTypeId_r(ctx, poly) != GEOS_POLYGON || GEOSisEmpty_r(ctx, poly)) continue;
        add_ring(GEOSGetExteriorRing_r(ctx, poly), false);
        for (int h = 0; h < GEOSGetNumInteriorRings_r(ctx, poly); ++h) add_ring(GEOSGetInteriorRingN_r(ctx, poly, h), true);
    }
    return out;
}

// Sutherland-Hodgman against one axis-parallel line: keeps the side where keep(point) holds.
// For a simple ring and a convex window the clipped ring's signed area is exactly that of the
// ring's part in the window (the degenerate edges it may add along the line enclose nothing).
template <bool along_u>
void clip_at(const Ring& in, Ring& out, double line, bool keep_above) {
    out.clear();
    if (in.empty()) return;
    const auto coord = [](const Point& p) { return along_u ? p.u : p.v; };
    const auto inside = [&](const Point& p) { return keep_above ? coord(p) >= line : coord(p) <= line; };
    const auto cross = [&](const Point& a, const Point& b) {
        if constexpr (along_u) return Point{line, a.v + (line - a.u) * (b.v - a.v) / (b.u - a.u)};
        else return Point{a.u + (line - a.v) * (b.u - a.u) / (b.v - a.v), line};
    };
    Point prev = in.back();
    bool prev_in = inside(prev);
    for (const Point& cur : in) {
        const bool cur_in = inside(cur);
        if (cur_in != prev_in) out.push_back(cross(prev, cur));
        if (cur_in) out.push_back(cur);
        prev = cur, prev_in = cur_in;
    }
}

// Twice the signed area, measured from (u0, v0) so rounding stays at the cell's scale.
double twice_area(const Ring& r, double u0, double v0) {
    double s = 0;
    for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
        s += (r[j].u - u0) * (r[i].v - v0) - (r[i].u - u0) * (r[j].v - v0);
    return s;
}

// The cells one polygon overlaps, appended to out.
void overlaps_of_area(const Lattice& L, const GEOSGeometry* g, std::uint32_t area, std::vector<LatticeOverlap>& out) {
    const Rings R = lattice_rings(L, g);
    if (R.rings.empty()) return;
    double umin = std::numeric_limits<double>::infinity(), vmin = umin, umax = -umin, vmax = -umin;
    for (const Ring& r : R.rings)
        for (const Point& p : r) umin = std::min(umin, p.u), umax = std::max(umax, p.u), vmin = std::min(vmin, p.v), vmax = std::max(vmax, p.v);
    const auto nx = static_cast<double>(L.nx), ny = static_cast<double>(L.ny);
    if (umax <= 0 || vmax <= 0 || umin >= nx || vmin >= ny) return;
    const auto first = [](double lo) { return static_cast<std::int64_t>(std::max(0.0, std::floor(lo))); };
    const auto last = [](double hi, double n) { return static_cast<std::int64_t>(std::min(n - 1, std::floor(hi))); };
    const std::int64_t c0 = first(umin), c1 = last(umax, nx), r0 = first(vmin), r1 = last(vmax, ny);
    const std::int64_t width = c1 - c0 + 1, height = r1 - r0 + 1;
    const auto clamp_col = [&](double u) { return std::clamp(static_cast<std::int64_t>(std::floor(u)), c0, c1); };
    const auto clamp_row = [&](double v) { return std::clamp(static_cast<std::int64_t>(std::floor(v)), r0, r1); };

    std::vector<std::uint8_t> touched(static_cast<std::size_t>(width * height), 0);
    std::vector<std::vector<double>> crossings(static_cast<std::size_t>(height));
    for (const Ring& ring : R.rings)
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const Point a = ring[j], b = ring[i];
            const double vlo = std::min(a.v, b.v), vhi = std::max(a.v, b.v);
            const auto u_at = [&](double v) { return a.v == b.v ? a.u : a.u + (v - a.v) * (b.u - a.u) / (b.v - a.v); };
            // Cells the edge touches, row by row, over the part of the edge within the row's band.
            for (std::int64_t r = clamp_row(vlo - touch_slack); r <= clamp_row(vhi + touch_slack); ++r) {
                const double lo_v = std::max(vlo, static_cast<double>(r) - touch_slack), hi_v = std::min(vhi, static_cast<double>(r) + 1 + touch_slack);
                if (lo_v > hi_v) continue;
                double ua = u_at(lo_v), ub = u_at(hi_v);
                if (a.v == b.v) ua = std::min(a.u, b.u), ub = std::max(a.u, b.u);
                const std::int64_t lo = clamp_col(std::min(ua, ub) - touch_slack), hi = clamp_col(std::max(ua, ub) + touch_slack);
                for (std::int64_t c = lo; c <= hi; ++c) touched[static_cast<std::size_t>((r - r0) * width + (c - c0))] = 1;
            }
            // Where the edge crosses each row's centre line (half-open, so a vertex on it counts once).
            const auto rlo = std::max(r0, static_cast<std::int64_t>(std::ceil(vlo - 0.5)));
            const auto rhi = std::min(r1, static_cast<std::int64_t>(std::ceil(vhi - 0.5)) - 1);
            for (std::int64_t r = rlo; r <= rhi; ++r) crossings[static_cast<std::size_t>(r - r0)].push_back(u_at(static_cast<double>(r) + 0.5));
        }

    const double cell_area = L.cell_m * L.cell_m;
    std::vector<Ring> strips(R.rings.size());
    Ring tmp, piece;
    for (std::int64_t r = r0; r <= r1; ++r) {
        const std::uint8_t* row_touched = &touched[static_cast<std::size_t>((r - r0) * width)];
        // Untouched cells: wholly inside when their centre is (even-odd along the centre line).
        std::vector<double>& xs = crossings[static_cast<std::size_t>(r - r0)];
        std::sort(xs.begin(), xs.end());
        for (std::size_t k = 0; k + 1 < xs.size(); k += 2)
            for (std::int64_t c = std::max(c0, static_cast<std::int64_t>(std::floor(xs[k] - 0.5)));
                 c <= c1 && static_cast<double>(c) + 0.5 < xs[k + 1]; ++c)
                if (static_cast<double>(c) + 0.5 > xs[k] && !row_touched[c - c0])
                    out.push_back({static_cast<std::uint64_t>(r) * L.nx + static_cast<std::uint64_t>(c), area, cell_area});
        // Touched cells: each ring clipped to the row's strip, then to the cell.
        if (std::none_of(row_touched, row_touched + width, [](std::uint8_t t) { return t != 0; })) continue;
        const auto rv = static_cast<double>(r);
        for (std::size_t k = 0; k < R.rings.size(); ++k) {
            clip_at<false>(R.rings[k], tmp, rv, true);
            clip_at<false>(tmp, strips[k], rv + 1, false);
        }
        for (std::int64_t c = c0; c <= c1; ++c) {
            if (!row_touched[c - c0]) continue;
            const auto cu = static_cast<double>(c);
            double twice = 0;
            for (std::size_t k = 0; k < R.rings.size(); ++k) {
                if (strips[k].size() < 3) continue;
                clip_at<true>(strips[k], tmp, cu, true);
                clip_at<true>(tmp, piece, cu + 1, false);
                if (piece.size() < 3) continue;
                const double a2 = std::abs(twice_area(piece, cu, rv));
                twice += R.hole[k] ? -a2 : a2;
            }
            // Below the rounding of the clip (1e-12 of a cell) a "part" is a touching line.
            const double share = std::min(1.0, twice / 2);
            if (share > 1e-12) out.push_back({static_cast<std::uint64_t>(r) * L.nx + static_cast<std::uint64_t>(c), area, share * cell_area});
        }
    }
}

}  // namespace

std::vector<LatticeOverlap> lattice_overlaps(const Lattice& lattice, const AreaLayer& areas, unsigned threads) {
    const std::size_t n = areas.size();
    std::vector<std::vector<LatticeOverlap>> per_area(n);
    std::vector<std::string> errors(n);
    parallel_blocks(n, threads, 8, [&](std::size_t begin, std::size_t end) {
        auto* ctx = geos_context();
        GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx);
        for (std::size_t i = begin; i < end; ++i) {
            try {
                const std::string wkb = areas.wkb(i);
                GeosGeometryPtr g(GEOSWKBReader_read_r(ctx, reader, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size()));
                if (!g) throw Error("GEOS could not read area " + areas.id(i) + " of layer " + areas.name() + ": " + last_geos_message());
                overlaps_of_area(lattice, g.get(), static_cast<std::uint32_t>(i), per_area[i]);
            } catch (const std::exception& e) {
                errors[i] = e.what();  // thrown below, on the calling thread
            }
        }
        GEOSWKBReader_destroy_r(ctx, reader);
    });
    for (const std::string& e : errors)
        if (!e.empty()) throw Error(e);
    // Merged in cell order: bucketed by row, then each row sorted by cell and area.
    std::vector<std::uint64_t> row_start(lattice.ny + 1, 0);
    for (const auto& v : per_area)
        for (const auto& x : v) ++row_start[x.cell / lattice.nx + 1];
    for (std::size_t r = 0; r < lattice.ny; ++r) row_start[r + 1] += row_start[r];
    std::vector<LatticeOverlap> all(row_start.back());
    std::vector<std::uint64_t> next(row_start.begin(), row_start.end() - 1);
    for (auto& v : per_area) {
        for (const auto& x : v) all[next[x.cell / lattice.nx]++] = x;
        std::vector<LatticeOverlap>().swap(v);
    }
    parallel_blocks(lattice.ny, threads, 64, [&](std::size_t begin, std::size_t end) {
        for (std::size_t r = begin; r < end; ++r)
            std::sort(all.begin() + static_cast<std::ptrdiff_t>(row_start[r]), all.begin() + static_cast<std::ptrdiff_t>(row_start[r + 1]),
                      [](const LatticeOverlap& x, const LatticeOverlap& y) { return x.cell != y.cell ? x.cell < y.cell : x.area < y.area; });
    });
    return all;
}

}  // namespace hotspot::detail
