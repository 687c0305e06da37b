// Tiled surfaces against the one-shot computation on a grid that fits both ways: density bit for
// bit (kernel_density over the whole grid), Gi* z to 1e-12 (build_fishnet + band_sums + gi_star,
// the path verified against spdep). Tiles far smaller than the halo and odd-sized edge tiles are
// the hard cases.
#include "hotspot/density/density.hpp"
#include "hotspot/geo/fishnet.hpp"
#include "hotspot/stats/gistar.hpp"
#include "hotspot/workflow/tile_compute.hpp"
#include "hotspot/workflow/tile_plan.hpp"
#include "hotspot/workflow/tile_points.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

using namespace hotspot;

namespace {

struct Points {
    std::vector<double> x, y, w;
};

// Incidents on snap points (as police.uk publishes them) plus scattered ones, in British
// National Grid-sized coordinates with fractional parts, weights not all 1.
Points snapped(std::size_t n, std::uint64_t seed, bool weighted) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> any(0.0, 4000.0), weight(0.5, 3.0);
    std::normal_distribution<double> near(0.0, 300.0);
    std::vector<double> sx, sy;
    for (int s = 0; s < 300; ++s) {
        sx.push_back(401234.567 + 2000.0 + near(rng));
        sy.push_back(287654.321 + 2000.0 + near(rng));
    }
    Points p;
    for (std::size_t i = 0; i < n; ++i) {
        if (i % 4 == 0) {
            p.x.push_back(401234.567 + any(rng));
            p.y.push_back(287654.321 + any(rng));
        } else {
            const std::size_t s = rng() % sx.size();
            p.x.push_back(sx[s]);
            p.y.push_back(sy[s]);
        }
        p.w.push_back(weighted ? std::round(weight(rng) * 4.0) / 4.0 : 1.0);
    }
    return p;
}

struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& name) : path(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

TilePlan density_plan(const Points& p, const DensityOptions& given, std::size_t tile_cells, const TempDir& dir) {
    TilePlan plan;
    plan.surface = TiledSurface::density;
    plan.crs = "EPSG:27700";
    plan.density = given;
    const double support = given.kernel == Kernel::gaussian ? given.gaussian_support_sd * given.bandwidth_m : given.bandwidth_m;
    plan.density.extent = default_density_extent(p.x.data(), p.y.data(), p.x.size(), support, given.cell_m, std::nullopt);
    plan.density.merge_places = density_merges_places(p.x.data(), p.y.data(), p.x.size());
    plan.grid.min_x = plan.density.extent->min_x;
    plan.grid.max_y = plan.density.extent->max_y;
    plan.grid.cell_m = given.cell_m;
    plan.grid.nx = static_cast<std::size_t>(std::ceil((plan.density.extent->max_x - plan.density.extent->min_x) / given.cell_m));
    plan.grid.ny = static_cast<std::size_t>(std::ceil((plan.density.extent->max_y - plan.density.extent->min_y) / given.cell_m));
    plan.halo_m = support;
    plan.tile_cells = tile_cells;
    plan.tiles = tile_layout(plan.grid.nx, plan.grid.ny, tile_cells);
    plan.work_dir = dir.path.string();
    plan.points_file = (dir.path / "points.bin").string();
    plan.points = p.x.size();
    plan.points_sha256 = write_tile_points(plan.points_file, p.x, p.y, p.w);
    return plan;
}

}  // namespace

TEST_CASE("tiled density equals the one-shot surface bit for bit") {
    const TempDir dir("hotspot-tiled-density");
    struct Case {
        Kernel kernel;
        DensityValues values;
        double bandwidth, cell;
        std::size_t tile;
        bool weighted;
        std::size_t points;
    };
    const Case cases[] = {
        {Kernel::quartic, DensityValues::per_km2, 400, 25, 16, false, 20000},    // tiles narrower than the halo
        {Kernel::quartic, DensityValues::raw, 250, 10, 37, true, 5000},          // odd tile size, weights
        {Kernel::gaussian, DensityValues::per_km2, 120, 30, 16, true, 3000},     // support 3 sigma
        {Kernel::triangular, DensityValues::raw, 300, 12.5, 64, false, 8000},    // a cell size that is not whole
        {Kernel::epanechnikov, DensityValues::per_km2, 500, 40, 200, false, 3},  // one tile holds the whole grid
    };
    for (const Case& c : cases) {
        Points p = snapped(c.points, 11 + c.points, c.weighted);
        DensityOptions o;
        o.kernel = c.kernel;
        o.values = c.values;
        o.bandwidth_m = c.bandwidth;
        o.cell_m = c.cell;
        o.decay = c.kernel == Kernel::triangular ? 0.25 : 0.0;
        o.threads = 2;
        const TilePlan plan = density_plan(p, o, c.tile, dir);
        DensityOptions whole_options = o;
        whole_options.extent = plan.density.extent;
        const DensityResult whole = kernel_density(p.x.data(), p.y.data(), p.w.data(), p.x.size(), whole_options);
        REQUIRE(whole.grid.nx == plan.grid.nx);
        REQUIRE(whole.grid.ny == plan.grid.ny);
        std::size_t differing = 0, nonzero = 0;
        for (const PlanTile& t : plan.tiles) {
            const Grid g = density_tile(plan, t, 1);
            REQUIRE(g.nx == t.cells.nx);
            REQUIRE(g.ny == t.cells.ny);
            for (std::size_t r = 0; r < g.ny; ++r)
                for (std::size_t col = 0; col < g.nx; ++col) {
                    const float a = g.at(r, col), b = whole.grid.at(t.cells.row0 + r, t.cells.col0 + col);
                    differing += std::memcmp(&a, &b, sizeof a) != 0;
                    nonzero += b != 0.0f;
                }
        }
        INFO(to_string(c.kernel) << " " << c.bandwidth << " m, cells " << c.cell << " m, tiles of " << c.tile << ": " << plan.tiles.size() << " tiles");
        CHECK(nonzero > 100);
        CHECK(differing == 0);
        std::filesystem::remove(plan.points_file);
    }
}

TEST_CASE("a density window refuses what a tile cannot know") {
    Points p = snapped(100, 3, false);
    DensityOptions o;
    o.bandwidth_m = 200, o.cell_m = 20, o.window = GridWindow{0, 0, 4, 4};
    CHECK_THROWS_WITH(kernel_density(p.x.data(), p.y.data(), nullptr, p.x.size(), o), Catch::Contains("needs the whole grid's extent"));
    o.extent = Envelope{401000, 287000, 406000, 292000};
    o.bandwidth_rule = BandwidthRule::silverman;
    CHECK_THROWS_WITH(kernel_density(p.x.data(), p.y.data(), nullptr, p.x.size(), o), Catch::Contains("fixed bandwidth"));
    o.bandwidth_rule = BandwidthRule::fixed;
    o.window = GridWindow{240, 0, 20, 4};  // 250 columns: 240 + 20 is beyond
    CHECK_THROWS_WITH(kernel_density(p.x.data(), p.y.data(), nullptr, p.x.size(), o), Catch::Contains("not inside"));
}

TEST_CASE("tiled Gi* equals the one-shot grid to 1e-12") {
    const TempDir dir("hotspot-tiled-gistar");
    struct Case {
        double cell, band;
        FishnetCells cells;
        std::size_t tile;
        bool weighted;
    };
    const Case cases[] = {
        {100, 300, FishnetCells::extent, 16, false},     // band of exactly 3 cells (inclusive)
        {100, 250, FishnetCells::occupied, 16, true},    // occupied cells, weights
        {77.7, 400, FishnetCells::extent, 19, false},    // a cell size that is not whole, odd tiles
        {150, 1200, FishnetCells::extent, 6, false},     // a halo (8 cells) wider than the tile
    };
    for (const Case& c : cases) {
        Points p = snapped(20000, 29, c.weighted);
        const Fishnet f = build_fishnet(p.x, p.y, p.w, c.cell, c.cells, nullptr);
        const std::vector<double>& value = c.weighted ? f.weighted : f.count;
        const BandSums sums = band_sums(f, value, c.band, 1);
        const GiStarResult one = gi_star(value, sums.sum, sums.count, GiStarFdr::skip);

        TilePlan plan;
        plan.surface = TiledSurface::gistar;
        plan.band_m = c.band;
        plan.cells = c.cells;
        plan.weighted = c.weighted;
        plan.lattice = fishnet_lattice(p.x, p.y, c.cell, nullptr);
        plan.grid = gistar_grid(plan.lattice);
        plan.tile_cells = c.tile;
        plan.tiles = tile_layout(plan.grid.nx, plan.grid.ny, c.tile);
        plan.points_file = (dir.path / "points.bin").string();
        plan.points_sha256 = write_tile_points(plan.points_file, p.x, p.y, p.w);
        REQUIRE(plan.lattice.nx == f.nx);
        REQUIRE(plan.lattice.ny == f.ny);
        REQUIRE(plan.tiles.size() > 4);

        GiStarMoments whole;
        for (const PlanTile& t : plan.tiles) whole = combine(whole, gistar_tile_moments(plan, t));
        CHECK(whole.n == static_cast<double>(f.size()));
        CHECK(whole.mean() == one.mean);  // counts and whole-number weights: the sums are exact
        CHECK(whole.sd() == Approx(one.sd).epsilon(1e-12));

        std::vector<double> tiled(f.nx * f.ny, std::nan(""));  // north up
        for (const PlanTile& t : plan.tiles) {
            const std::vector<double> z = gistar_tile_z(plan, t, whole, 2);
            for (std::size_t r = 0; r < t.cells.ny; ++r)
                for (std::size_t col = 0; col < t.cells.nx; ++col) tiled[(t.cells.row0 + r) * f.nx + t.cells.col0 + col] = z[r * t.cells.nx + col];
        }
        double worst = 0;
        std::size_t with_z = 0, mismatched_missing = 0;
        std::vector<bool> seen(f.nx * f.ny, false);
        for (std::size_t i = 0; i < f.size(); ++i) {
            const std::size_t k = (f.ny - 1 - f.row[i]) * f.nx + f.col[i];
            seen[k] = true;
            if (!one.z[i]) {
                mismatched_missing += !std::isnan(tiled[k]);
                continue;
            }
            ++with_z;
            if (std::isnan(tiled[k])) ++mismatched_missing;
            else worst = std::max(worst, std::abs(tiled[k] - *one.z[i]));
        }
        for (std::size_t k = 0; k < seen.size(); ++k)
            if (!seen[k]) mismatched_missing += !std::isnan(tiled[k]);  // cells not taking part stay empty
        INFO("cells " << c.cell << " m, band " << c.band << " m, " << to_string(c.cells) << ", tiles of " << c.tile << ": worst |dz| " << worst);
        CHECK(with_z > f.size() / 2);
        CHECK(mismatched_missing == 0);
        CHECK(worst <= 1e-12);
        std::filesystem::remove(plan.points_file);
    }
}

TEST_CASE("a tile plan reads back as written, to the last bit") {
    const TempDir dir("hotspot-plan-json");
    Points p = snapped(500, 5, true);
    DensityOptions o;
    o.kernel = Kernel::gaussian;
    o.bandwidth_m = 123.456789012345;
    o.cell_m = 7.3;
    const TilePlan plan = [&] {
        TilePlan t = density_plan(p, o, 50, dir);
        t.output = (dir.path / "out \"quoted\".tif").string();
        t.metadata = {{"bandwidth_detail", "silverman: sigma = 1.5 m\nsecond line"}};
        return t;
    }();
    const std::string path = (dir.path / "plan.json").string();
    {
        std::ofstream out(path);
        out << plan_to_json(plan);
    }
    const TilePlan back = read_tile_plan(path);
    CHECK(back.density.bandwidth_m == plan.density.bandwidth_m);
    CHECK(back.density.extent->min_x == plan.density.extent->min_x);
    CHECK(back.density.extent->max_y == plan.density.extent->max_y);
    CHECK(back.density.kernel == Kernel::gaussian);
    CHECK(back.density.merge_places == plan.density.merge_places);
    CHECK(back.grid.nx == plan.grid.nx);
    CHECK(back.output == plan.output);
    CHECK(back.metadata == plan.metadata);
    REQUIRE(back.tiles.size() == plan.tiles.size());
    CHECK(back.tiles.back().id == plan.tiles.back().id);
    CHECK(back.tiles.back().cells.col0 == plan.tiles.back().cells.col0);
    CHECK(back.points_sha256 == plan.points_sha256);

    {  // a points file that changed since the plan is refused by the tasks, even after a task in
       // this process has checked it (the check is remembered while the file stays as it was)
        namespace fs = std::filesystem;
        fs::last_write_time(plan.points_file, fs::file_time_type::clock::now() - std::chrono::hours(1));
        CHECK_NOTHROW(density_tile(back, back.tiles.front(), 1));
        std::fstream same_size(plan.points_file, std::ios::in | std::ios::out | std::ios::binary);
        same_size.seekp(-1, std::ios::end);
        same_size.put('\x7f');
        same_size.close();
        fs::last_write_time(plan.points_file, fs::file_time_type::clock::now() - std::chrono::minutes(30));
        CHECK_THROWS_WITH(density_tile(back, back.tiles.front(), 1), Catch::Contains("not the one the plan was made with"));
    }
    {
        std::ofstream touch(plan.points_file, std::ios::app | std::ios::binary);
        touch << "x";
    }
    CHECK_THROWS_WITH(density_tile(back, back.tiles.front(), 1), Catch::Contains("not the one the plan was made with"));
    {
        std::ofstream broken(path);
        broken << "{\"hotspot_plan\": 1, \"surface\": \"density\"}";
    }
    CHECK_THROWS_WITH(read_tile_plan(path), Catch::Contains("field 'crs'"));
}

TEST_CASE("the points file reads back the band of rows asked for, in north-to-south order") {
    const TempDir dir("hotspot-tile-points");
    const std::vector<double> x = {5, 1, 3, 2, 4, 1}, y = {10, 30, 20, 30, 0, 20}, w = {1, 2, 3, 4, 5, 6};
    const std::string path = (dir.path / "p.bin").string();
    write_tile_points(path, x, y, w);
    const PointSlice all = read_tile_points(path, -1e9, 1e9);
    CHECK(all.y == std::vector<double>{30, 30, 20, 20, 10, 0});
    CHECK(all.x == std::vector<double>{1, 2, 1, 3, 5, 4});
    CHECK(all.w == std::vector<double>{2, 4, 6, 3, 1, 5});
    const PointSlice mid = read_tile_points(path, 10, 20);
    CHECK(mid.y == std::vector<double>{20, 20, 10});
    CHECK(read_tile_points(path, 40, 50).x.empty());
    CHECK(read_tile_points(path, -5, -1).x.empty());
}
