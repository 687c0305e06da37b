// decide/priority_grid: cell overlaps against GEOS's general overlay cell by cell, apportioned
// counts and scores against hand sums of those overlaps, and priority zones against planted
// hot blocks whose Gi* is decided by construction.
#include "grid_oracle.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/priority_grid.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <random>

using namespace hotspot;

namespace {

constexpr double X0 = 412300, Y0 = 287000;  // multiples of the cells: some edges lie on cell lines

std::string ring(const std::vector<std::pair<double, double>>& pts) {
    std::string s = "(";
    for (std::size_t i = 0; i <= pts.size(); ++i) {
        const auto& [x, y] = pts[i % pts.size()];
        s += (i ? ", " : "") + std::to_string(X0 + x) + " " + std::to_string(Y0 + y);
    }
    return s + ")";
}

// Shapes that exercise the scanline and the clip: a triangle, a hole, a concave U with edges
// on cell lines, a multipolygon, and a 64-vertex random star.
AreaLayer test_shapes() {
    std::vector<std::string> wkt = {
        "POLYGON(" + ring({{3, 3}, {97, 11}, {41, 88}}) + ")",
        "POLYGON(" + ring({{100, 0}, {180, 0}, {180, 70}, {100, 70}}) + ", " + ring({{120, 20}, {160, 20}, {140, 50}}) + ")",
        "POLYGON(" + ring({{0, 100}, {90, 100}, {90, 180}, {65, 180}, {65, 125}, {25, 125}, {25, 180}, {0, 180}}) + ")",
        "MULTIPOLYGON((" + ring({{110, 110}, {130, 110}, {130, 130}, {110, 130}}) + "), (" + ring({{150.5, 150.5}, {199.5, 151}, {175, 199.5}}) + "))",
    };
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> radius(30, 60);
    std::vector<std::pair<double, double>> star;
    for (int k = 0; k < 64; ++k) {
        const double a = 2 * M_PI * k / 64, r = radius(rng);
        star.emplace_back(260 + r * std::cos(a), 260 + r * std::sin(a));
    }
    wkt.push_back("POLYGON(" + ring(star) + ")");
    return AreaLayer::from_wkt("shapes", {"tri", "holed", "u", "multi", "star"}, wkt);
}

struct Oracle {
    grid_oracle::Geos geos;
    std::vector<grid_oracle::Geos::Ptr> areas;
    explicit Oracle(const AreaLayer& l) {
        for (std::size_t a = 0; a < l.size(); ++a) areas.push_back(geos.from_wkb(l.wkb(a)));
    }
    double overlap(const Fishnet& f, std::uint32_t row, std::uint32_t col, std::size_t a) const {
        const double x = f.min_x + col * f.cell_m, y = f.min_y + row * f.cell_m;
        return geos.overlap(geos.box(x, y, x + f.cell_m, y + f.cell_m).get(), areas[a].get());
    }
};

// cell index -> area -> overlap, from cell_overlaps.
std::vector<std::map<std::uint32_t, double>> as_maps(const CellOverlaps& o) {
    std::vector<std::map<std::uint32_t, double>> m(o.size());
    for (std::size_t c = 0; c < o.size(); ++c)
        for (auto k = o.offsets[c]; k < o.offsets[c + 1]; ++k) m[c][o.area[k]] = o.overlap_m2[k];
    return m;
}

}  // namespace

TEST_CASE("study_grid keeps exactly the cells overlapping an area; cell_overlaps equals GEOS overlay per cell", "[priority_grid]") {
    const AreaLayer shapes = test_shapes();
    const Fishnet grid = study_grid(shapes, 10.0);
    const Oracle oracle(shapes);
    CHECK(grid.cells == FishnetCells::overlapping_areas);
    CHECK(grid.min_x == X0);
    CHECK(grid.min_y == Y0);
    const unsigned threads = GENERATE(1u, 2u);
    const CellOverlaps o = cell_overlaps(grid, shapes, threads);
    REQUIRE(o.size() == grid.size());
    const auto got = as_maps(o);
    std::size_t pairs = 0, cells_expected = 0;
    double worst = 0;
    for (std::uint32_t r = 0; r < grid.ny; ++r)
        for (std::uint32_t c = 0; c < grid.nx; ++c) {
            const std::int64_t i = grid.cell_at[r * grid.nx + c];
            bool any = false;
            for (std::size_t a = 0; a < shapes.size(); ++a) {
                const double want = oracle.overlap(grid, r, c, a);
                if (want <= 0) {
                    if (i >= 0) CHECK(got[static_cast<std::size_t>(i)].count(static_cast<std::uint32_t>(a)) == 0);
                    continue;
                }
                any = true;
                ++pairs;
                REQUIRE(i >= 0);
                const auto& m = got[static_cast<std::size_t>(i)];
                const auto it = m.find(static_cast<std::uint32_t>(a));
                REQUIRE(it != m.end());
                worst = std::max(worst, std::abs(it->second - want));
            }
            cells_expected += any;
            if (!any) CHECK(i < 0);  // a kept cell overlaps something
        }
    CHECK(grid.size() == cells_expected);
    CHECK(o.area.size() == pairs);
    CHECK(worst < 1e-6);
    // Both in one pass: the same grid and overlaps.
    const StudyGrid both = study_grid_with_overlaps(shapes, 10.0, threads);
    CHECK(both.grid.col == grid.col);
    CHECK(both.grid.row == grid.row);
    CHECK(both.overlaps.offsets == o.offsets);
    CHECK(both.overlaps.area == o.area);
    CHECK(both.overlaps.overlap_m2 == o.overlap_m2);
    INFO(grid.size() << " cells, " << pairs << " cell x area pairs");
    CHECK(pairs > 250);
}

TEST_CASE("apportion_counts preserves each area's total and matches overlap shares; apportion_scores is the overlap-weighted mean",
          "[priority_grid]") {
    const AreaLayer shapes = test_shapes();
    const Fishnet grid = study_grid(shapes, 10.0);
    const CellOverlaps o = cell_overlaps(grid, shapes, 1);
    const Oracle oracle(shapes);
    const std::vector<std::optional<double>> counts = {100.0, 250.0, 40.0, 7.0, 1000.0};
    const auto per_cell = apportion_counts(o, shapes, counts);
    const auto score = apportion_scores(o, counts);
    double total = 0;
    for (std::size_t c = 0; c < grid.size(); ++c) {
        double want = 0, weighted = 0, covered = 0;
        for (std::size_t a = 0; a < shapes.size(); ++a) {
            const double ov = oracle.overlap(grid, grid.row[c], grid.col[c], a);
            want += *counts[a] * ov / oracle.geos.area(oracle.areas[a].get());
            weighted += *counts[a] * ov, covered += ov;
        }
        REQUIRE(per_cell[c]);
        CHECK(*per_cell[c] == Approx(want).epsilon(1e-9));
        REQUIRE(score[c]);
        CHECK(*score[c] == Approx(weighted / covered).epsilon(1e-9));
        total += *per_cell[c];
    }
    CHECK(total == Approx(1397.0).epsilon(1e-12));

    SECTION("an area without a value leaves its cells without one, and no other") {
        std::vector<std::optional<double>> gap = counts;
        gap[1].reset();
        const auto c2 = apportion_counts(o, shapes, gap);
        const auto s2 = apportion_scores(o, gap);
        for (std::size_t c = 0; c < grid.size(); ++c) {
            bool touches = false;
            for (auto k = o.offsets[c]; k < o.offsets[c + 1]; ++k) touches |= o.area[k] == 1;
            CHECK(c2[c].has_value() == !touches);
            CHECK(s2[c].has_value() == !touches);
        }
    }
    SECTION("the wrong number of values is refused") {
        CHECK_THROWS_AS(apportion_counts(o, shapes, std::vector<std::optional<double>>(3, 1.0)), Error);
        CHECK_THROWS_AS(apportion_scores(o, std::vector<std::optional<double>>(3, 1.0)), Error);
    }
}

TEST_CASE("apportioned counts on a grid covering part of a layer: the total minus the part outside the cells", "[priority_grid]") {
    const AreaLayer shapes = test_shapes();
    // The grid of one square over part of the shapes; the shapes' values spread onto it.
    const AreaLayer part = AreaLayer::from_wkt("part", {"p"}, {"POLYGON(" + ring({{0, 0}, {125, 0}, {125, 125}, {0, 125}}) + ")"});
    const Fishnet grid = study_grid(part, 10.0);
    CHECK(grid.size() == 13 * 13);
    const std::vector<std::optional<double>> counts = {100.0, 250.0, 40.0, 7.0, 1000.0};
    const auto per_cell = apportion_counts(cell_overlaps(grid, shapes, 2), shapes, counts);
    double total = 0;
    for (const auto& v : per_cell) total += v.value();
    // Oracle: each area's share inside the grid's 130 m square (cells 0..12 of 10 m).
    const grid_oracle::Geos g;
    const auto square = g.box(X0, Y0, X0 + 130, Y0 + 130);
    double want = 0;
    for (std::size_t a = 0; a < shapes.size(); ++a) {
        const auto poly = g.from_wkb(shapes.wkb(a));
        want += *counts[a] * g.overlap(poly.get(), square.get()) / g.area(poly.get());
    }
    CHECK(total == Approx(want).epsilon(1e-9));
    CHECK(total < 1397.0 - 1);
}

TEST_CASE("study_grid refuses a bad cell size and too many cells", "[priority_grid]") {
    const AreaLayer shapes = test_shapes();
    CHECK_THROWS_AS(study_grid(shapes, 0.0), ConfigError);
    CHECK_THROWS_AS(study_grid(shapes, -5.0), ConfigError);
    CHECK_THROWS_AS(study_grid(shapes, 10.0, 100), ConfigError);
}

namespace {

// A 40 x 40 grid of 100 m cells; hot blocks of 10 ringed (edge neighbours) by -5, so every
// cell outside a block has a rook-band sum <= 5 while every block cell has >= 20: with band
// 100 m only the blocks are hot, whatever the FDR details.
struct Planted {
    AreaLayer square = AreaLayer::from_wkt("square", {"sq"}, {"POLYGON(" + ring({{0, 0}, {4000, 0}, {4000, 4000}, {0, 4000}}) + ")"});
    Fishnet grid = study_grid(square, 100.0);
    std::vector<double> index = std::vector<double>(grid.size(), 0.0);
    std::vector<std::vector<std::pair<int, int>>> blocks;
    void block(int r0, int c0, int h, int w) {
        std::vector<std::pair<int, int>> cells;
        for (int r = r0; r < r0 + h; ++r)
            for (int c = c0; c < c0 + w; ++c) cells.emplace_back(r, c);
        blocks.push_back(cells);
    }
    std::size_t at(int r, int c) const { return static_cast<std::size_t>(grid.cell_at[static_cast<std::size_t>(r) * grid.nx + static_cast<std::size_t>(c)]); }
    void plant() {
        for (const auto& b : blocks)
            for (const auto& [r, c] : b)
                for (const auto& [dr, dc] : {std::pair{1, 0}, std::pair{-1, 0}, std::pair{0, 1}, std::pair{0, -1}})
                    index[at(r + dr, c + dc)] = -5;
        for (const auto& b : blocks)
            for (const auto& [r, c] : b) index[at(r, c)] = 10;
    }
};

}  // namespace

TEST_CASE("priority_zones: planted hot blocks become the zones, largest first; corner contact does not join", "[priority_grid]") {
    Planted p;
    REQUIRE(p.grid.size() == 1600);
    p.block(5, 5, 6, 6);    // A: 36 cells, x 500..1100, y 500..1100
    p.block(30, 5, 2, 2);   // C: 4 cells, touching D at one corner only
    p.block(32, 7, 2, 2);   // D
    p.block(25, 28, 3, 3);  // B: 9 cells
    p.plant();
    const AreaLayer halves = AreaLayer::from_wkt("halves", {"west", "east"},
        {"POLYGON(" + ring({{0, 0}, {750, 0}, {750, 4000}, {0, 4000}}) + ")", "POLYGON(" + ring({{750, 0}, {4000, 0}, {4000, 4000}, {750, 4000}}) + ")"});
    const AreaLayer wedge = AreaLayer::from_wkt("wedge", {"w"}, {"POLYGON(" + ring({{400, 400}, {1000, 600}, {600, 1200}}) + ")"});
    for (const int min_bin : {2, 3}) {
        const PriorityZones z = priority_zones(p.grid, p.index, 100.0, min_bin, {&halves, &wedge}, 2);
        REQUIRE(z.zone_cells == std::vector<std::size_t>{36, 9, 4, 4});
        const std::vector<std::size_t> order = {0, 3, 1, 2};  // blocks in zone order (C before D: lower cells)
        std::size_t hot = 0;
        for (std::size_t i = 0; i < p.grid.size(); ++i) hot += z.zone_of_cell[i] >= 0;
        CHECK(hot == 53);
        const grid_oracle::Geos g;
        for (std::size_t k = 0; k < 4; ++k) {
            const auto& b = p.blocks[order[k]];
            for (const auto& [r, c] : b) CHECK(z.zone_of_cell[p.at(r, c)] == static_cast<std::int64_t>(k));
            CHECK(z.zone_area_m2[k] == b.size() * 1e4);
            // The polygon is the block's rectangle exactly.
            const auto [r0, c0] = b.front();
            const auto [r1, c1] = b.back();
            const auto want = g.box(X0 + c0 * 100.0, Y0 + r0 * 100.0, X0 + (c1 + 1) * 100.0, Y0 + (r1 + 1) * 100.0);
            const auto got = g.from_wkb(z.zone_wkb[k]);
            CHECK(GEOSGeomTypeId_r(g.ctx, got.get()) == GEOS_MULTIPOLYGON);
            CHECK(g.area(got.get()) == Approx(z.zone_area_m2[k]).epsilon(1e-12));
            CHECK(g.area(g.own(GEOSSymDifference_r(g.ctx, got.get(), want.get())).get()) < 1e-6);
        }
        // Shares: hand-computed for the halves (A spans x 500..1100, the line is at 750), and
        // against GEOS overlay of the zone polygon for the wedge.
        std::map<std::pair<std::size_t, std::string>, ZoneShare> by;
        for (const auto& s : z.shares) by[{s.zone, s.layer + "/" + s.area_id}] = s;
        CHECK(by.at({0, "halves/west"}).overlap_m2 == Approx(250.0 * 600));
        CHECK(by.at({0, "halves/west"}).share_of_zone_pct == Approx(100.0 * 250 / 600));
        CHECK(by.at({0, "halves/west"}).share_of_area_pct == Approx(100.0 * 150000 / (750.0 * 4000)));
        CHECK(by.at({0, "halves/east"}).share_of_zone_pct == Approx(100.0 * 350 / 600));
        CHECK(by.at({1, "halves/east"}).share_of_zone_pct == Approx(100.0));
        CHECK(by.count({1, "halves/west"}) == 0);
        CHECK(by.count({0, "halves/"}) == 0);  // the halves cover every zone: no outside row
        const auto wedge_poly = g.from_wkb(wedge.wkb(0));
        for (std::size_t k = 0; k < 4; ++k) {
            double halves_sum = 0;
            for (const auto& s : z.shares)
                if (s.zone == k && s.layer == "halves") halves_sum += s.share_of_zone_pct;
            CHECK(halves_sum == Approx(100.0).epsilon(1e-12));
            const double want = g.overlap(g.from_wkb(z.zone_wkb[k]).get(), wedge_poly.get());
            if (want > 0) CHECK(by.at({k, "wedge/w"}).overlap_m2 == Approx(want).epsilon(1e-9));
            else CHECK(by.count({k, "wedge/w"}) == 0);
            // The rest of the zone is the explicit "outside" row.
            const double outside = z.zone_area_m2[k] - want;
            CHECK(by.at({k, "wedge/"}).overlap_m2 == Approx(outside).epsilon(1e-9));
            CHECK(by.at({k, "wedge/"}).area_name == "(outside every area of wedge)");
            CHECK(by.at({k, "wedge/"}).share_of_zone_pct + (want > 0 ? by.at({k, "wedge/w"}).share_of_zone_pct : 0) == Approx(100.0));
        }
        CHECK(by.at({0, "wedge/w"}).overlap_m2 > 0);
        // Shares listed zone by zone.
        for (std::size_t i = 1; i < z.shares.size(); ++i) CHECK(z.shares[i - 1].zone <= z.shares[i].zone);
        // Overlaps computed beforehand (as apportionment does) give the same shares.
        const CellOverlaps halves_overlaps = cell_overlaps(p.grid, halves, 1);
        const PriorityZones again = priority_zones(p.grid, p.index, 100.0, min_bin, {&halves, &wedge}, {&halves_overlaps, nullptr}, 1);
        REQUIRE(again.shares.size() == z.shares.size());
        for (std::size_t i = 0; i < z.shares.size(); ++i) {
            CHECK(again.shares[i].area_id == z.shares[i].area_id);
            CHECK(again.shares[i].overlap_m2 == z.shares[i].overlap_m2);
        }
    }
}

TEST_CASE("priority_zones refuses a bin outside 1..3 and an index of the wrong length", "[priority_grid]") {
    Planted p;
    p.block(5, 5, 3, 3);
    p.plant();
    CHECK_THROWS_AS(priority_zones(p.grid, p.index, 100.0, 0, {}, 1), ConfigError);
    CHECK_THROWS_AS(priority_zones(p.grid, p.index, 100.0, 4, {}, 1), ConfigError);
    CHECK_THROWS_AS(priority_zones(p.grid, std::vector<double>(10, 1.0), 100.0, 2, {}, 1), Error);
    const PriorityZones none = priority_zones(p.grid, std::vector<double>(p.index.rbegin(), p.index.rend()), 100.0, 2, {}, 1);
    CHECK(none.zone_cells.size() == 1);  // the same block, mirrored
}

TEST_CASE("cells_outline_wkb: the exact union of the cells, holes included, as GEOS's union of the squares", "[priority_grid]") {
    Planted p;  // only its 40 x 40 grid of 100 m cells
    const grid_oracle::Geos g;
    // A frame of 5 x 5 around a 1-cell hole, one cell hanging off a corner by an edge, and a
    // second hole that touches the frame's inside at one corner (cells (3,5) and (4,4)).
    const std::vector<std::pair<int, int>> cells = {
        {1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}, {2, 1}, {2, 5}, {3, 1}, {3, 2}, {3, 3}, {3, 5}, {4, 1}, {4, 4}, {4, 5},
        {5, 1}, {5, 2}, {5, 3}, {5, 4}, {5, 5}, {6, 5}, {2, 3}, {4, 3}};
    std::vector<std::size_t> idx;
    for (const auto& [r, c] : cells) idx.push_back(p.at(r, c));
    const auto got = g.from_wkb(cells_outline_wkb(p.grid, idx));
    std::vector<GEOSGeometry*> squares;
    for (const auto& [r, c] : cells) squares.push_back(GEOSGeom_createRectangle_r(g.ctx, X0 + c * 100.0, Y0 + r * 100.0, X0 + (c + 1) * 100.0, Y0 + (r + 1) * 100.0));
    const auto all = g.own(GEOSGeom_createCollection_r(g.ctx, GEOS_GEOMETRYCOLLECTION, squares.data(), static_cast<unsigned>(squares.size())));
    const auto want = g.own(GEOSUnaryUnion_r(g.ctx, all.get()));
    CHECK(GEOSisValid_r(g.ctx, got.get()) == 1);
    CHECK(GEOSGeomTypeId_r(g.ctx, got.get()) == GEOS_MULTIPOLYGON);
    CHECK(GEOSGetNumGeometries_r(g.ctx, got.get()) == 1);
    CHECK(GEOSGetNumInteriorRings_r(g.ctx, GEOSGetGeometryN_r(g.ctx, got.get(), 0)) == 3);
    CHECK(g.area(got.get()) == Approx(cells.size() * 1e4).epsilon(1e-12));
    CHECK(g.area(g.own(GEOSSymDifference_r(g.ctx, got.get(), want.get())).get()) < 1e-6);
    // Cells meeting only at a corner are not one zone.
    const std::vector<std::size_t> diagonal = {p.at(10, 10), p.at(11, 11)};
    CHECK_THROWS_AS(cells_outline_wkb(p.grid, diagonal), Error);
}
