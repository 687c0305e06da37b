// Optimized Hot Spot-style scale choice: the cell size formula on hand-worked distances, and a
// planted cluster found at the chosen band.
#include "hotspot/base/errors.hpp"
#include "hotspot/stats/auto_scale.hpp"
#include "hotspot/stats/gistar.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace hotspot;

TEST_CASE("cell size: max(mean, median NN distance) x max(2, their ratio), over distinct locations") {
    // Locations 0, 1, 3, 6, 10 on a line: nearest-neighbour distances 1, 1, 2, 3, 4 (mean 2.2,
    // median 2), each location repeated 6 times as snapped data would be.
    std::vector<double> x, y;
    for (double p : {0.0, 1.0, 3.0, 6.0, 10.0})
        for (int k = 0; k < 6; ++k) x.push_back(p), y.push_back(0.0);
    std::string detail;
    CHECK(optimized_cell_size(x, y, 1, detail) == Approx(2.2 * 2.0));
    CHECK(detail.find("5 distinct locations") != std::string::npos);
    x.pop_back(), y.pop_back();
    CHECK_THROWS_AS(optimized_cell_size(x, y, 1, detail), InputError);  // 29 < 30 incidents
}

TEST_CASE("the chosen band finds a planted cluster") {
    std::mt19937_64 rng(2026);
    std::uniform_real_distribution<double> u(0, 5000);
    std::normal_distribution<double> near(0, 60);
    std::vector<double> x, y, w;
    for (int i = 0; i < 3000; ++i) x.push_back(u(rng)), y.push_back(u(rng));
    for (int i = 0; i < 600; ++i) x.push_back(1500 + near(rng)), y.push_back(3500 + near(rng));
    w.assign(x.size(), 1.0);
    std::string detail;
    const double cell = optimized_cell_size(x, y, 2, detail);
    CHECK(cell > 0);
    const Fishnet f = build_fishnet(x, y, w, cell, FishnetCells::extent, nullptr);
    CHECK(f.points_in_cells == x.size());
    const ChosenBand band = choose_band(f, f.count, 2);
    REQUIRE(band.curve.size() == 10);
    for (std::size_t k = 1; k < band.curve.size(); ++k) CHECK(band.curve[k].distance_m > band.curve[k - 1].distance_m);
    CHECK(band.band_m >= band.curve.front().distance_m);
    CHECK(!band.detail.empty());
    const BandSums sums = band_sums(f, f.count, band.band_m, 2);
    const GiStarResult g = gi_star(f.count, sums.sum, sums.count);
    // The cell holding the cluster's centre is a 99 % hot spot after FDR.
    const auto c = static_cast<std::size_t>((1500 - f.min_x) / f.cell_m), r = static_cast<std::size_t>((3500 - f.min_y) / f.cell_m);
    const std::int64_t at = f.cell_at[r * f.nx + c];
    REQUIRE(at >= 0);
    CHECK(*g.bin_fdr[static_cast<std::size_t>(at)] == 3);
}
