// Masking density cells with fewer than k contributing incidents (density/density_mask) against
// brute force: every cell centre against every point.
#include "hotspot/density/density_mask.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace hotspot;

TEST_CASE("density mask: contributors per cell equal a brute-force count", "[density_mask]") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> coord(0.0, 1000.0);
    std::vector<double> x(400), y(400);
    for (std::size_t i = 0; i < x.size(); ++i) {
        x[i] = coord(rng);
        y[i] = coord(rng) * 0.5;  // denser in the south half of the grid
    }
    x.push_back(505.0);  // a point exactly at a cell centre's radius: inclusive
    y.push_back(705.0 + 120.0);
    Grid g;
    g.min_x = 0;
    g.max_y = 1000;
    g.cell_m = 10;
    g.nx = g.ny = 100;
    g.values.assign(g.nx * g.ny, 1.0f);
    for (std::size_t i = 0; i < g.values.size(); i += 7) g.values[i] = 0.0f;  // cells showing nothing are never masked
    const double radius = 120.0;
    const auto counted = contributors_per_cell(g, x.data(), y.data(), x.size(), radius);
    std::vector<std::uint32_t> brute(g.values.size(), 0);
    for (std::size_t row = 0; row < g.ny; ++row)
        for (std::size_t col = 0; col < g.nx; ++col)
            for (std::size_t i = 0; i < x.size(); ++i) {
                const double dx = x[i] - g.centre_x(col), dy = y[i] - g.centre_y(row);
                if (dx * dx + dy * dy <= radius * radius) ++brute[row * g.nx + col];
            }
    CHECK(counted == brute);
    CHECK(brute[(100 - 1 - 70) * g.nx + 50] >= 1);  // the planted point on the circle counts

    const std::size_t k = 10;
    Grid masked = g;
    const std::size_t n_masked = mask_sparse_cells(masked, x.data(), y.data(), x.size(), radius, k);
    std::size_t expected = 0;
    for (std::size_t i = 0; i < g.values.size(); ++i) {
        const bool should = g.values[i] != 0.0f && brute[i] < k;
        expected += should;
        CHECK((masked.values[i] == Grid::nodata) == should);
    }
    CHECK(n_masked == expected);
    CHECK(expected > 100);  // the sparse north half is masked
    CHECK(expected < g.values.size() / 2);
}
