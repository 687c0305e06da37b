// The exact outline of an edge-connected set of grid cells, traced on the lattice in whole
// cells (no floating-point overlay): every cell side not shared with another cell of the set is
// a boundary edge, directed with the set on its left, and edges are chained into rings.
#include "detail/geos_context.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/priority_grid.hpp"

#include <algorithm>
#include <cstdint>

namespace hotspot {

namespace {

struct LatticeEdge {
    std::int64_t x0, y0, x1, y1;  // lattice corners (column, row)
};

std::uint64_t key(std::int64_t x, std::int64_t y) { return (static_cast<std::uint64_t>(y) << 32) | static_cast<std::uint64_t>(x); }

// Rings of lattice corners (closed: the first corner repeated), only where the direction turns.
std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> trace(const std::vector<LatticeEdge>& edges) {
    std::vector<std::size_t> by_start(edges.size());
    for (std::size_t i = 0; i < edges.size(); ++i) by_start[i] = i;
    const auto start = [&](std::size_t i) { return key(edges[i].x0, edges[i].y0); };
    std::sort(by_start.begin(), by_start.end(), [&](std::size_t a, std::size_t b) { return start(a) < start(b); });
    // The edge after e: at a corner where two cells of the set meet only diagonally, two edges
    // leave; turning right keeps the same region outside the ring, so each ring bounds one
    // region (the outside, or one hole) and rings meet at such corners without crossing.
    const auto next = [&](std::size_t e) {
        const LatticeEdge& a = edges[e];
        const std::uint64_t k = key(a.x1, a.y1);
        auto it = std::lower_bound(by_start.begin(), by_start.end(), k, [&](std::size_t i, std::uint64_t v) { return start(i) < v; });
        std::size_t chosen = edges.size();
        const std::int64_t dx = a.x1 - a.x0, dy = a.y1 - a.y0;
        for (; it != by_start.end() && start(*it) == k; ++it) {
            const LatticeEdge& b = edges[*it];
            const bool right_turn = b.x1 - b.x0 == dy && b.y1 - b.y0 == -dx;
            if (chosen == edges.size() || right_turn) chosen = *it;
        }
        if (chosen == edges.size()) throw Error("cell outline: an open boundary (internal error)");
        return chosen;
    };
    std::vector<std::uint8_t> used(edges.size(), 0);
    std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> rings;
    for (std::size_t first = 0; first < edges.size(); ++first) {
        if (used[first]) continue;
        std::vector<std::pair<std::int64_t, std::int64_t>> ring;
        std::size_t e = first;
        do {
            used[e] = 1;
            const std::size_t n = next(e);
            const bool turns = (edges[n].x1 - edges[n].x0) != (edges[e].x1 - edges[e].x0) || (edges[n].y1 - edges[n].y0) != (edges[e].y1 - edges[e].y0);
            if (turns) ring.emplace_back(edges[e].x1, edges[e].y1);
            e = n;
        } while (e != first);
        ring.push_back(ring.front());
        rings.push_back(std::move(ring));
    }
    return rings;
}

}  // namespace

std::string cells_outline_wkb(const Fishnet& grid, std::span<const std::size_t> cells) {
    if (cells.empty()) throw Error("cell outline: no cells");
    std::vector<std::uint64_t> in;
    in.reserve(cells.size());
    for (const std::size_t i : cells) in.push_back(key(grid.col[i], grid.row[i]));
    std::sort(in.begin(), in.end());
    const auto member = [&](std::int64_t c, std::int64_t r) { return c >= 0 && r >= 0 && std::binary_search(in.begin(), in.end(), key(c, r)); };
    {  // edge-connected, or the outline would be several polygons (or one touching itself)
        std::vector<std::uint8_t> seen(in.size(), 0);
        std::vector<std::size_t> stack = {0};
        seen[0] = 1;
        std::size_t reached = 1;
        while (!stack.empty()) {
            const std::uint64_t k = in[stack.back()];
            stack.pop_back();
            const auto c = static_cast<std::int64_t>(k & 0xffffffffu), r = static_cast<std::int64_t>(k >> 32);
            for (const auto& [dc, dr] : {std::pair{1, 0}, std::pair{-1, 0}, std::pair{0, 1}, std::pair{0, -1}}) {
                if (!member(c + dc, r + dr)) continue;
                const auto j = static_cast<std::size_t>(std::lower_bound(in.begin(), in.end(), key(c + dc, r + dr)) - in.begin());
                if (!seen[j]) seen[j] = 1, ++reached, stack.push_back(j);
            }
        }
        if (reached != in.size())
            throw Error("cell outline: the " + std::to_string(in.size()) + " cells are not all joined by shared edges");
    }
    std::vector<LatticeEdge> edges;
    for (const std::size_t i : cells) {
        const std::int64_t c = grid.col[i], r = grid.row[i];
        if (!member(c, r - 1)) edges.push_back({c, r, c + 1, r});              // bottom, eastwards
        if (!member(c + 1, r)) edges.push_back({c + 1, r, c + 1, r + 1});      // right, northwards
        if (!member(c, r + 1)) edges.push_back({c + 1, r + 1, c, r + 1});      // top, westwards
        if (!member(c - 1, r)) edges.push_back({c, r + 1, c, r});              // left, southwards
    }
    auto rings = trace(edges);
    // With the set on the left, the outer ring runs anticlockwise (positive area), holes clockwise.
    const auto twice_area = [](const auto& ring) {
        std::int64_t s = 0;
        for (std::size_t k = 0; k + 1 < ring.size(); ++k) s += ring[k].first * ring[k + 1].second - ring[k + 1].first * ring[k].second;
        return s;
    };
    std::stable_partition(rings.begin(), rings.end(), [&](const auto& r) { return twice_area(r) > 0; });
    if (twice_area(rings[0]) <= 0 || (rings.size() > 1 && twice_area(rings[1]) > 0)) throw Error("cell outline: not one outer ring (internal error)");

    auto* ctx = detail::geos_context();
    std::vector<GEOSGeometry*> linear;
    for (const auto& ring : rings) {
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(ring.size()), 2);
        for (std::size_t k = 0; k < ring.size(); ++k)
            GEOSCoordSeq_setXY_r(ctx, seq, static_cast<unsigned>(k), grid.min_x + static_cast<double>(ring[k].first) * grid.cell_m,
                                 grid.min_y + static_cast<double>(ring[k].second) * grid.cell_m);
        linear.push_back(GEOSGeom_createLinearRing_r(ctx, seq));
    }
    GEOSGeometry* polygon = GEOSGeom_createPolygon_r(ctx, linear[0], linear.data() + 1, static_cast<unsigned>(linear.size() - 1));
    detail::GeosGeometryPtr multi(GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, &polygon, 1));
    if (!multi) throw Error("GEOS could not build a priority zone's polygon: " + detail::last_geos_message());
    return detail::to_wkb(multi.get());
}

}  // namespace hotspot
