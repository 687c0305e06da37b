// `hotspot stats` on the embedded city against planted ground truth: the 26 planted ASB
// hotspots must come out as significant Gi* hot spots and High-High LISA cells, and every
// selected incident is either in a unit or counted outside.
#include "hotspot/errors.hpp"
#include "hotspot/stats_output.hpp"
#include "hotspot/stats_workflow.hpp"
#include "hotspot/text.hpp"

#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace hotspot;

namespace {

const std::string geodata = HOTSPOT_GEODATA;

std::vector<std::pair<double, double>> planted_centres() {
    std::ifstream in(geodata + "/ground_truth/planted_hotspots.csv");
    std::string line;
    std::getline(in, line);
    const auto header = split(line, ',');
    std::size_t ex = 0, ny = 0;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == "easting") ex = i;
        if (header[i] == "northing") ny = i;
    }
    std::vector<std::pair<double, double>> out;
    while (std::getline(in, line)) {
        const auto c = split(line, ',');
        out.emplace_back(std::stod(c[ex]), std::stod(c[ny]));
    }
    return out;
}

const AnalysisResult& city() {
    static const AnalysisResult r = [] {
        AnalysisConfig c = load_config_file(geodata + "/hotspot.ini");
        c.output = OutputOptions{};
        return run_analysis(c, AnalysisScope::join, [](const std::string&, double) {});
    }();
    return r;
}

}  // namespace

TEST_CASE("Gi* and LISA on a 100 m grid find the 26 planted ASB hotspots") {
    StatsConfig c;
    c.categories = {"Anti-social behaviour"};
    c.cell_m = 100;
    parse_neighbour_rule("band:300", c);
    c.lisa_options.permutations = 199;
    const StatsResult r = run_stats(city(), c);
    const Fishnet& f = *r.units.fishnet;
    CHECK(r.units.incidents_outside + f.points_in_cells == r.incidents_selected);
    const auto centres = planted_centres();
    REQUIRE(centres.size() == 26);
    int hot = 0, high_high = 0;
    for (const auto& [x, y] : centres) {
        const auto col = static_cast<std::size_t>((x - f.min_x) / f.cell_m), row = static_cast<std::size_t>((y - f.min_y) / f.cell_m);
        const std::int64_t at = f.cell_at[row * f.nx + col];
        REQUIRE(at >= 0);
        const auto i = static_cast<std::size_t>(at);
        hot += r.gistar->bin_fdr[i] && *r.gistar->bin_fdr[i] >= 2;
        high_high += r.lisa->cluster[i] == "HH";
    }
    INFO("planted centres in FDR 95 % Gi* hot cells: " << hot << ", in HH cells: " << high_high);
    CHECK(hot >= 24);  // at least 90 %
    CHECK(high_high >= 24);
    CHECK(r.moran->z > 3);  // ASB clusters: positive spatial autocorrelation
}

TEST_CASE("stats on neighbourhoods: queen neighbours, every incident counted") {
    StatsConfig c;
    c.units = "neighbourhoods";
    parse_neighbour_rule("queen", c);
    c.lisa_options.permutations = 0;
    const StatsResult r = run_stats(city(), c);
    REQUIRE(r.units.id.size() == 362);
    double in_units = 0;
    for (double v : r.units.incidents) in_units += v;
    CHECK(in_units + static_cast<double>(r.units.incidents_outside) == static_cast<double>(r.incidents_selected));
    CHECK(r.gistar->without_neighbours == 0);
    for (std::uint32_t k : r.neighbour_count) CHECK(k >= 1);
    REQUIRE(r.nni.size() == 2);  // all incidents, then the distinct (snapped) locations
    CHECK(r.nni[0].coincident > 0);
    CHECK(r.nni[1].coincident == 0);
    CHECK(r.nni[0].area_source.find("neighbourhoods") != std::string::npos);
}

TEST_CASE("stats refuses unknown units, missing parameters and --auto on areas") {
    StatsConfig c;
    c.units = "parishes";
    parse_neighbour_rule("queen", c);
    CHECK_THROWS_WITH(run_stats(city(), c), Catch::Contains("wards"));
    StatsConfig g;
    parse_neighbour_rule("band:300", g);
    CHECK_THROWS_WITH(run_stats(city(), g), Catch::Contains("--cell"));
    StatsConfig a;
    a.units = "wards";
    a.auto_scale = true;
    CHECK_THROWS_AS(run_stats(city(), a), ConfigError);
    CHECK_THROWS_AS(parse_neighbour_rule("band:-3", g), ConfigError);
    CHECK_THROWS_AS(parse_neighbour_rule("knn:2.5", g), ConfigError);
    CHECK_THROWS_AS(parse_statistics("gistar,foo", g), ConfigError);
}

TEST_CASE("grid Gi* as rasters: every cell holds its z and bin, cells left out are nodata") {
    StatsConfig c;
    c.cell_m = 250;
    parse_neighbour_rule("band:750", c);
    parse_statistics("gistar", c);
    parse_grid_output("raster", c);
    c.fdr = true;
    const StatsResult r = run_stats(city(), c);
    const std::string dir = std::filesystem::temp_directory_path() / ("hotspot-gi-raster-" + std::to_string(::getpid()));
    const auto paths = write_gistar_rasters(r, c, "EPSG:27700", dir + "/city.gpkg");
    REQUIRE(paths.size() == 2);
    GDALAllRegister();
    for (int k = 0; k < 2; ++k) {
        GDALDatasetUniquePtr ds(GDALDataset::Open(paths[static_cast<std::size_t>(k)].c_str(), GDAL_OF_RASTER));
        REQUIRE(ds);
        const Fishnet& f = *r.units.fishnet;
        double gt[6];
        REQUIRE(ds->GetGeoTransform(gt) == CE_None);
        // An independent check of orientation: the pixel under the first cell's centre.
        const auto px = static_cast<int>(std::floor((r.units.cx[0] - gt[0]) / gt[1]));
        const auto py = static_cast<int>(std::floor((r.units.cy[0] - gt[3]) / gt[5]));
        float first = 0;
        REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Read, px, py, 1, 1, &first, 1, 1, GDT_Float32, 0, 0, nullptr) == CE_None);
        CHECK(first == (k == 0 ? static_cast<float>(*r.gistar->z[0]) : static_cast<float>(*r.gistar->bin_fdr[0])));
        REQUIRE(ds->GetRasterXSize() == static_cast<int>(f.nx));
        REQUIRE(ds->GetRasterYSize() == static_cast<int>(f.ny));
        std::vector<float> v(f.nx * f.ny);
        REQUIRE(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, static_cast<int>(f.nx), static_cast<int>(f.ny), v.data(), static_cast<int>(f.nx),
                                               static_cast<int>(f.ny), GDT_Float32, 0, 0, nullptr) == CE_None);
        std::size_t nodata = 0;
        for (float x : v) nodata += x == Grid::nodata;
        CHECK(nodata == f.nx * f.ny - f.size());  // every cell of the band has neighbours here
        for (std::size_t i = 0; i < f.size(); ++i) {
            const float got = v[(f.ny - 1 - f.row[i]) * f.nx + f.col[i]];
            const float want = k == 0 ? static_cast<float>(*r.gistar->z[i]) : static_cast<float>(*r.gistar->bin_fdr[i]);
            REQUIRE(got == want);
        }
        CHECK(std::filesystem::exists(std::filesystem::path(paths[static_cast<std::size_t>(k)]).replace_extension(".qml")));
    }
    std::filesystem::remove_all(dir);
}
