// Kernel density: normalisation, an independent k-d-tree gather oracle, bandwidth rules,
// the QGIS grid, and refusals.
#include "hotspot/base/errors.hpp"
#include "hotspot/density/density.hpp"
#include "hotspot/geo/point_index.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace hotspot;

namespace {

struct Points {
    std::vector<double> x, y, w;
};

Points clustered(std::size_t n, std::uint64_t seed) {
    Points p;
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> near(0.0, 60.0);
    std::uniform_real_distribution<double> any(0.0, 3000.0), weight(0.5, 2.0);
    for (std::size_t i = 0; i < n; ++i) {
        const bool cluster = i % 3 != 0;
        p.x.push_back(cluster ? 1500.0 + near(rng) : any(rng) + 400000.0 - 400000.0);
        p.y.push_back(cluster ? 1500.0 + near(rng) : any(rng));
        p.w.push_back(weight(rng));
    }
    return p;
}

DensityOptions options(Kernel k, DensityValues v, double h, double cell) {
    DensityOptions o;
    o.kernel = k;
    o.values = v;
    o.bandwidth_m = h;
    o.cell_m = cell;
    o.threads = 2;
    return o;
}

const Kernel all_kernels[] = {Kernel::quartic, Kernel::triweight, Kernel::epanechnikov, Kernel::triangular, Kernel::uniform, Kernel::gaussian};

}  // namespace

TEST_CASE("a per-km2 surface integrates to the weighted count, for every kernel", "[density]") {
    const Points p = clustered(500, 11);
    for (Kernel k : all_kernels) {
        DensityOptions o = options(k, DensityValues::per_km2, 150.0, 5.0);
        o.decay = 0.3;
        const DensityResult r = kernel_density(p.x.data(), p.y.data(), p.w.data(), p.x.size(), o);
        double sum = 0;
        for (float v : r.grid.values) sum += v;
        const double total = sum * 5.0 * 5.0 / 1e6;
        INFO(to_string(k));
        CHECK(total == Approx(r.report.weight_total).epsilon(0.005));  // discretisation only: the grid covers every kernel
    }
}

TEST_CASE("the surface equals a per-cell gather through the k-d tree", "[density]") {
    const Points p = clustered(400, 5);
    const double h = 120.0;
    for (Kernel k : all_kernels) {
        DensityOptions o = options(k, DensityValues::per_km2, h, 20.0);
        o.decay = 0.25;
        const DensityResult r = kernel_density(p.x.data(), p.y.data(), p.w.data(), p.x.size(), o);
        const double support = k == Kernel::gaussian ? 3.0 * h : h;
        const PointIndex index(p.x.data(), p.y.data(), p.x.size());
        double worst = 0;
        for (std::size_t row = 0; row < r.grid.ny; row += 3)
            for (std::size_t col = 0; col < r.grid.nx; col += 3) {
                double expected = 0;
                for (const Neighbour& nb : index.within(r.grid.centre_x(col), r.grid.centre_y(row), support))
                    expected += p.w[nb.index] * kernel_value(k, DensityValues::per_km2, nb.distance_m / h, h, 0.25, 3.0);
                const double got = r.grid.at(row, col);
                worst = std::max(worst, std::abs(got - expected) / std::max(1.0, std::abs(expected)));
            }
        INFO(to_string(k));
        CHECK(worst < 1e-5);  // the grid stores float32
    }
}

TEST_CASE("raw values are 1 at a lone point's cell centre and QGIS-scaled keeps QGIS's constants", "[density]") {
    const std::vector<double> x{1005.0}, y{1005.0};  // on a cell centre of a 10 m grid
    const DensityResult raw = kernel_density(x.data(), y.data(), nullptr, 1, options(Kernel::quartic, DensityValues::raw, 100.0, 10.0));
    float peak = 0;
    for (float v : raw.grid.values) peak = std::max(peak, v);
    CHECK(peak == Approx(1.0));
    const DensityResult scaled = kernel_density(x.data(), y.data(), nullptr, 1, options(Kernel::quartic, DensityValues::qgis_scaled, 100.0, 10.0));
    float top = 0;
    double sum = 0;
    for (float v : scaled.grid.values) top = std::max(top, v), sum += v;
    CHECK(top == Approx(116.0 / (5.0 * M_PI * 100.0 * 100.0) * 15.0 / 16.0).epsilon(1e-6));
    CHECK(sum * 100.0 == Approx(7.25).epsilon(0.01));  // QGIS's quartic integrates to 7.25 (METHODS.md)
}

TEST_CASE("data-driven bandwidths follow their formulas", "[density]") {
    const std::vector<double> x{0, 2, 0, 2}, y{0, 0, 2, 2};
    std::string detail;
    // sigma = 1 on both axes, n = 4: h = 4^(-1/6).
    CHECK(choose_bandwidth(BandwidthRule::silverman, x.data(), y.data(), nullptr, 4, &detail) == Approx(std::pow(4.0, -1.0 / 6.0)));
    CHECK(choose_bandwidth(BandwidthRule::scott, x.data(), y.data(), nullptr, 4, &detail) == Approx(std::pow(4.0, -1.0 / 6.0)));
    // SD = sqrt(2), Dm = sqrt(2): h = 0.9 * min(sqrt 2, 1.2011 * sqrt 2) * 4^-0.2.
    CHECK(choose_bandwidth(BandwidthRule::arcgis, x.data(), y.data(), nullptr, 4, &detail) == Approx(0.9 * std::sqrt(2.0) * std::pow(4.0, -0.2)));
    CHECK_THAT(detail, Catch::Contains("Dm"));
}

TEST_CASE("an adaptive bandwidth is the distance to the k-th neighbour", "[density]") {
    std::vector<double> x, y;
    for (int i = 0; i < 20; ++i) x.push_back(i * 30.0), y.push_back(0.0);
    DensityOptions o = options(Kernel::quartic, DensityValues::per_km2, 0, 5.0);
    o.bandwidth_rule = BandwidthRule::adaptive_knn;
    o.knn_k = 4;
    const DensityResult r = kernel_density(x.data(), y.data(), nullptr, x.size(), o);
    CHECK(r.report.bandwidth_m == Approx(60.0));  // interior points: the 4th neighbour is 2 steps away
    CHECK_THAT(r.report.bandwidth_detail, Catch::Contains("4th nearest"));
}

namespace {

// Snapped incidents: `places` random locations, each repeated 1 to 40 times, rows shuffled.
Points snapped(std::size_t places, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> any(0.0, 2000.0);
    std::uniform_int_distribution<int> repeats(1, 40);
    Points p;
    for (std::size_t j = 0; j < places; ++j) {
        const double x = std::round(any(rng)), y = std::round(any(rng));  // whole metres: ties happen
        for (int r = repeats(rng); r > 0; --r) p.x.push_back(x), p.y.push_back(y);
    }
    std::vector<std::size_t> order(p.x.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    Points out;
    for (const std::size_t i : order) out.x.push_back(p.x[i]), out.y.push_back(p.y[i]);
    return out;
}

// Brute force: the sorted distances from a row's location to every other distinct location.
double kth_distinct_distance(const Points& p, std::size_t row, std::size_t k) {
    std::vector<std::pair<double, double>> others;
    for (std::size_t i = 0; i < p.x.size(); ++i)
        if (p.x[i] != p.x[row] || p.y[i] != p.y[row]) others.emplace_back(p.x[i], p.y[i]);
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    std::vector<double> d;
    for (const auto& [ox, oy] : others) d.push_back(std::hypot(ox - p.x[row], oy - p.y[row]));
    std::sort(d.begin(), d.end());
    return d.at(k - 1);
}

}  // namespace

TEST_CASE("adaptive bandwidths count distinct locations, not incidents (brute-force oracle)", "[density]") {
    const Points p = snapped(300, 11);
    REQUIRE(p.x.size() > 300 * 10);  // most places hold more than k incidents
    for (const std::size_t k : {1u, 5u, 10u, 30u}) {
        std::size_t places = 0;
        const std::vector<double> h = adaptive_bandwidths(p.x.data(), p.y.data(), p.x.size(), k, &places);
        CHECK(places == 300);
        for (std::size_t i = 0; i < p.x.size(); i += 7) {
            INFO("k = " << k << ", row " << i);
            REQUIRE(h[i] == Approx(kth_distinct_distance(p, i, k)).epsilon(1e-12));
        }
    }
    CHECK_THROWS_AS(adaptive_bandwidths(p.x.data(), p.y.data(), p.x.size(), 300, nullptr), ConfigError);
}

TEST_CASE("an adaptive surface on snapped incidents runs and weighs each place by its count", "[density]") {
    const Points p = snapped(200, 5);
    DensityOptions o = options(Kernel::quartic, DensityValues::per_km2, 0, 5.0);
    o.bandwidth_rule = BandwidthRule::adaptive_knn;
    o.knn_k = 8;
    const DensityResult r = kernel_density(p.x.data(), p.y.data(), nullptr, p.x.size(), o);
    CHECK_THAT(r.report.bandwidth_detail, Catch::Contains("8th nearest distinct location (200 locations)"));
    // per_km2 integrates to the incident count (not the place count), edges aside.
    double mass = 0;
    for (const float v : r.grid.values) mass += v;
    CHECK(mass * 25.0 / 1e6 + r.report.weight_not_on_grid == Approx(static_cast<double>(p.x.size())).epsilon(1e-4));
    CHECK(r.report.weight_not_on_grid < 0.01 * static_cast<double>(p.x.size()));
}

TEST_CASE("the QGIS grid is the points' extent plus the radius, ceil + 1 cells", "[density]") {
    const std::vector<double> x{1000.0, 1333.0}, y{2000.0, 2101.0};
    DensityOptions o = options(Kernel::quartic, DensityValues::raw, 100.0, 10.0);
    o.alignment = GridAlignment::qgis;
    const DensityResult r = kernel_density(x.data(), y.data(), nullptr, 2, o);
    CHECK(r.grid.min_x == 900.0);
    CHECK(r.grid.max_y == 2201.0);
    CHECK(r.grid.nx == static_cast<std::size_t>(std::ceil(533.0 / 10.0) + 1));
    CHECK(r.grid.ny == static_cast<std::size_t>(std::ceil(301.0 / 10.0) + 1));
    std::size_t nodata = 0;
    for (float v : r.grid.values) nodata += v == Grid::nodata;
    CHECK(nodata > 0);  // untouched pixels are NoData, as in QGIS
}

TEST_CASE("impossible density requests are refused with a reason", "[density]") {
    const std::vector<double> x{1.0, 1.0, 1.0}, y{2.0, 2.0, 2.0};
    CHECK_THROWS_WITH(kernel_density(x.data(), y.data(), nullptr, 0, options(Kernel::quartic, DensityValues::raw, 100, 10)),
                      Catch::Contains("no incidents"));
    CHECK_THROWS_WITH(kernel_density(x.data(), y.data(), nullptr, 3, options(Kernel::quartic, DensityValues::raw, 5, 10)),
                      Catch::Contains("smaller than the cell size"));
    DensityOptions silverman = options(Kernel::quartic, DensityValues::raw, 0, 10);
    silverman.bandwidth_rule = BandwidthRule::silverman;
    CHECK_THROWS_WITH(kernel_density(x.data(), y.data(), nullptr, 3, silverman), Catch::Contains("same place"));
    DensityOptions huge = options(Kernel::quartic, DensityValues::raw, 100, 10);
    huge.extent = Envelope{0, 0, 1e8, 1e8};
    CHECK_THROWS_WITH(kernel_density(x.data(), y.data(), nullptr, 3, huge), Catch::Contains("fit in memory"));
    const std::vector<double> bad_w{1.0, -2.0, 1.0};
    CHECK_THROWS_AS(kernel_density(x.data(), y.data(), bad_w.data(), 3, options(Kernel::quartic, DensityValues::raw, 100, 10)), ConfigError);
    CHECK_THROWS_AS(kernel_density(x.data(), y.data(), nullptr, 3, options(Kernel::gaussian, DensityValues::qgis_scaled, 100, 10)), ConfigError);
}

TEST_CASE("identical points with a fixed bandwidth give the kernel itself", "[density]") {
    const std::vector<double> x(50, 500.0), y(50, 500.0);
    const DensityResult r = kernel_density(x.data(), y.data(), nullptr, 50, options(Kernel::epanechnikov, DensityValues::raw, 40, 2));
    float peak = 0;
    for (float v : r.grid.values) peak = std::max(peak, v);
    CHECK(peak == Approx(50.0).epsilon(0.01));  // 50 points x K(~0) ~ 1
}

TEST_CASE("the k-d tree radius search is inclusive and matches brute force", "[density][kdtree]") {
    const Points p = clustered(2000, 3);
    const PointIndex index(p.x.data(), p.y.data(), p.x.size());
    for (std::size_t q = 0; q < 50; ++q) {
        const double qx = p.x[q * 7], qy = p.y[q * 7], r = 80.0;
        std::size_t brute = 0;
        for (std::size_t i = 0; i < p.x.size(); ++i) brute += std::hypot(p.x[i] - qx, p.y[i] - qy) <= r;
        CHECK(index.within(qx, qy, r).size() == brute);
    }
    const std::vector<double> line_x{0, 3, 4}, line_y{0, 0, 0};
    const PointIndex exact(line_x.data(), line_y.data(), 3);
    CHECK(exact.within(0, 0, 3.0).size() == 2);  // the point at exactly 3 m is included
    CHECK(exact.nearest(0, 0, 2).back().distance_m == 3.0);
}

TEST_CASE("a bandwidth wider than the data is reported, not silent", "[density]") {
    const std::vector<double> x{0, 100, 50}, y{0, 0, 80};
    const DensityResult r = kernel_density(x.data(), y.data(), nullptr, 3, options(Kernel::quartic, DensityValues::raw, 1000, 20));
    REQUIRE(r.report.warnings.size() == 1);
    CHECK_THAT(r.report.warnings[0], Catch::Contains("larger than the data's extent"));
}
