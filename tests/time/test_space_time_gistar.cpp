// Space-time Gi* (time/space_time_gistar) against the textbook formula evaluated bin by bin
// over the whole cube: a bin's neighbours found by enumerating every other bin (distance <= band
// at the same step or the `window` steps before it), the mean and population standard deviation
// over all bins; windows 0, 1 and 3, on 1 and 2 threads.
#include "hotspot/base/errors.hpp"
#include "hotspot/time/space_time_gistar.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace hotspot;

TEST_CASE("space-time Gi*: every bin's z equals the formula over neighbours found by enumeration", "[emerging]") {
    constexpr std::size_t nx = 6, ny = 5, steps = 11, locations = nx * ny;
    std::vector<double> x, y;
    for (std::size_t r = 0; r < ny; ++r)
        for (std::size_t c = 0; c < nx; ++c) x.push_back(100.0 * static_cast<double>(c)), y.push_back(100.0 * static_cast<double>(r));
    std::mt19937 rng(5);
    std::vector<double> counts(steps * locations);
    for (std::size_t t = 0; t < steps; ++t)
        for (std::size_t i = 0; i < locations; ++i) {
            const bool cluster_a = i % nx < 3 && i / nx < 3;                                 // 3 x 3 hot throughout
            const bool cluster_b = i % nx >= 3 && i / nx >= 2 && t > 5;                      // 3 x 3 hot from step 6
            std::poisson_distribution<int> pois(cluster_a || cluster_b ? 9.0 : 1.5);
            counts[t * locations + i] = pois(rng);
        }
    const double band = 150;  // 4-neighbours and diagonals (141 m)
    const Neighbours nb = distance_band(x.data(), y.data(), locations, band, 1);
    const double n = static_cast<double>(counts.size());
    double mean = 0, ss = 0;
    for (double v : counts) mean += v / n;
    for (double v : counts) ss += (v - mean) * (v - mean);
    const double sd = std::sqrt(ss / n);
    for (std::size_t window : {0u, 1u, 3u})
        for (unsigned threads : {1u, 2u}) {
            const GiStarResult g = space_time_gi_star(counts, locations, nb, window, GiStarFdr::compute, threads);
            REQUIRE(g.z.size() == counts.size());
            CHECK(g.mean == Approx(mean));
            for (std::size_t t = 0; t < steps; ++t)
                for (std::size_t i = 0; i < locations; ++i) {
                    double wx = 0, w = 0;
                    for (std::size_t s = 0; s < steps; ++s)
                        for (std::size_t j = 0; j < locations; ++j)
                            if (s <= t && s + window >= t && std::hypot(x[i] - x[j], y[i] - y[j]) <= band) wx += counts[s * locations + j], w += 1;
                    const double z = (wx - mean * w) / (sd * std::sqrt((n * w - w * w) / (n - 1)));
                    INFO("window " << window << " location " << i << " step " << t);
                    REQUIRE(g.z[t * locations + i]);
                    CHECK(*g.z[t * locations + i] == Approx(z).epsilon(1e-12).margin(1e-12));
                    CHECK(g.neighbours[t * locations + i] == static_cast<std::uint32_t>(w - 1));
                }
            CHECK(g.bin_fdr.size() == counts.size());
        }
    // The planted clusters: 3 x 3 around location 7 hot throughout, 3 x 3 around 22 from step 6.
    const GiStarResult g = space_time_gi_star(counts, locations, nb, 1);
    CHECK(*g.bin_fdr[10 * locations + 7] >= 2);
    CHECK(*g.bin_fdr[10 * locations + 22] >= 2);
    CHECK(*g.bin_fdr[2 * locations + 22] <= 0);
    CHECK_THROWS_AS(space_time_gi_star(std::vector<double>(locations * 3, 2.0), locations, nb, 1), InputError);
    CHECK_THROWS_AS(space_time_gi_star(std::vector<double>(locations * 3 + 1, 2.0), locations, nb, 1), Error);
}
