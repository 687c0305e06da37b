// Emerging Hot Spot Analysis (time/emerging) on a planted cube: a cluster hot throughout and
// growing (intensifying), one hot only in the last three steps (consecutive), one hot in every
// step but the last (historical); every location's trend recomputed here from its z series by
// the Mann-Kendall formula (pairs enumerated, ties by brute force), its bins from the FDR bins,
// and its pattern from those; and the refusals (too few steps, an alpha that is not an FDR level).
#include "hotspot/base/errors.hpp"
#include "hotspot/time/emerging.hpp"
#include "hotspot/time/space_time_gistar.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <random>
#include <vector>

using namespace hotspot;

namespace {

// Mann-Kendall Z and two-sided p by enumeration: S over all pairs, Var(S) with ties counted directly.
std::pair<double, double> brute_mk(const std::vector<double>& x) {
    const double n = static_cast<double>(x.size());
    double s = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j) s += (x[j] > x[i]) - (x[j] < x[i]);
    std::map<double, double> groups;
    for (double v : x) groups[v] += 1;
    double ties = 0;
    for (const auto& [v, t] : groups) ties += t * (t - 1) * (2 * t + 5);
    const double var = (n * (n - 1) * (2 * n + 5) - ties) / 18;
    const double z = s == 0 || var <= 0 ? 0 : (s - (s > 0 ? 1 : -1)) / std::sqrt(var);
    return {z, std::erfc(std::fabs(z) / std::sqrt(2.0))};
}

std::string name_of_pattern(const EmergingResult& r, std::size_t location) { return emerging_pattern_name(r.at[location].pattern); }

}  // namespace

TEST_CASE("emerging hot spots: planted clusters land in their patterns; every location follows its bins and trend", "[emerging]") {
    constexpr std::size_t nx = 12, ny = 10, steps = 20, n = nx * ny;
    std::vector<double> x, y;
    for (std::size_t r = 0; r < ny; ++r)
        for (std::size_t c = 0; c < nx; ++c) x.push_back(100.0 * static_cast<double>(c)), y.push_back(100.0 * static_cast<double>(r));
    const auto in_block = [&](std::size_t i, std::size_t c0, std::size_t r0) {
        return i % nx >= c0 && i % nx < c0 + 3 && i / nx >= r0 && i / nx < r0 + 3;
    };
    std::mt19937 rng(11);
    std::vector<double> counts(steps * n);
    for (std::size_t t = 0; t < steps; ++t)
        for (std::size_t i = 0; i < n; ++i) {
            double rate = 2;
            if (in_block(i, 0, 0)) rate = 8 + 1.5 * static_cast<double>(t);      // growing throughout: intensifying
            if (in_block(i, 8, 0) && t >= steps - 3) rate = 25;                 // the last three steps: consecutive
            if (in_block(i, 4, 6) && t < steps - 2) rate = 16;                  // all but the last two steps (the window
                                                                                // of 1 keeps the 19th hot): historical
            std::poisson_distribution<int> pois(rate);
            counts[t * n + i] = pois(rng);
        }
    const Neighbours nb = distance_band(x.data(), y.data(), n, 150, 1);
    EmergingOptions o;
    o.threads = 2;
    const EmergingResult r = emerging_hot_spots(counts, n, nb, o);
    CHECK(name_of_pattern(r, 1 * nx + 1) == "Intensifying Hot Spot");
    CHECK(name_of_pattern(r, 1 * nx + 9) == "Consecutive Hot Spot");
    CHECK(name_of_pattern(r, 7 * nx + 5) == "Historical Hot Spot");
    const GiStarResult g = space_time_gi_star(counts, n, nb, 1);
    std::size_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<double> z, c;
        std::vector<BinSignificance> bins;
        for (std::size_t t = 0; t < steps; ++t) {
            const std::size_t b = t * n + i;
            if (g.z[b]) z.push_back(*g.z[b]);
            c.push_back(counts[b]);
            const int level = g.bin_fdr[b] ? *g.bin_fdr[b] : 0;
            bins.push_back(level >= 2 ? BinSignificance::hot : level <= -2 ? BinSignificance::cold : BinSignificance::none);
        }
        const auto [zz, zp] = brute_mk(z);
        const auto [cz, cp] = brute_mk(c);
        const EmergingLocation& at = r.at[i];
        INFO("location " << i);
        CHECK(at.z_trend_z == Approx(zz).margin(1e-12));
        CHECK(at.z_trend_p == Approx(zp).margin(1e-12));
        CHECK(at.count_trend_z == Approx(cz).margin(1e-12));
        CHECK(at.count_trend_p == Approx(cp).margin(1e-12));
        const TrendDirection d = zp < 0.05 && zz != 0 ? (zz > 0 ? TrendDirection::up : TrendDirection::down) : TrendDirection::none;
        CHECK(at.pattern.code() == classify_emerging(bins, d).code());
        std::size_t hot = 0;
        for (BinSignificance s : bins) hot += s == BinSignificance::hot;
        CHECK(at.hot_steps == hot);
        total += 1;
    }
    std::size_t counted = 0;
    for (std::size_t k : r.pattern_count) counted += k;
    CHECK(counted == total);
    // Refusals: fewer than 10 steps; a level that is not one of Gi*'s FDR levels.
    CHECK_THROWS_WITH(emerging_hot_spots(std::vector<double>(counts.begin(), counts.begin() + 9 * n), n, nb, o),
                      Catch::Contains("at least 10 time steps") && Catch::Contains("has 9"));
    o.alpha = 0.02;
    CHECK_THROWS_AS(emerging_hot_spots(counts, n, nb, o), ConfigError);
}
