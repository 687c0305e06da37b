// `hotspot stats` on the embedded city against planted ground truth: the 26 planted ASB
// hotspots must come out as significant Gi* hot spots and High-High LISA cells, and every
// selected incident is either in a unit or counted outside.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/workflow/stats_workflow.hpp"

#include "../city_fixture.hpp"

#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

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

TEST_CASE("stats on rates: incidents per 1,000 residents, areas without residents left out and counted", "[stats_rate]") {
    // The city's wards without their population field; residents given afresh, read here with
    // OGR, except a ward with 0 and one with none, which must be left out and counted.
    AnalysisResult a;
    a.incidents.append(city().incidents);
    AreaSpec spec;
    spec.name = "wards";
    spec.path = geodata + "/boundaries.gpkg";
    spec.layer = "wards";
    spec.id_field = "ward_code";
    AreaLayer wards = AreaLayer::load(spec, "EPSG:27700");
    std::map<std::string, double> residents;
    {
        GDALAllRegister();
        GDALDatasetUniquePtr ds(GDALDataset::Open(spec.path.c_str(), GDAL_OF_VECTOR));
        for (auto& f : *ds->GetLayerByName("wards")) residents[f->GetFieldAsString("ward_code")] = f->GetFieldAsDouble("population");
    }
    REQUIRE(wards.size() == 52);
    std::vector<std::optional<double>> population;
    for (std::size_t i = 0; i < wards.size(); ++i) population.emplace_back(residents.at(wards.id(i)));
    population[3] = 0.0;
    population[7].reset();
    const std::string zero = wards.id(3), none = wards.id(7);
    wards.set_population(population, "test");
    a.layers.push_back(std::move(wards));
    REQUIRE(city().layers[0].name() == "wards");
    a.assignments.push_back(city().assignments[0]);

    StatsConfig c;
    c.units = "wards";
    parse_neighbour_rule("knn:5", c);
    c.lisa_options.permutations = 0;
    const StatsResult counts = run_stats(a, c);
    c.value = StatsValue::rate;
    const StatsResult r = run_stats(a, c);
    CHECK(r.units.value_measure == "rate_per_1000");
    CHECK_THAT(r.units.value_description, Catch::Contains("per 1,000 residents") && Catch::Contains("not annualised"));
    REQUIRE(r.units.id.size() == 50);
    CHECK(r.units.excluded == std::vector<std::string>{zero, none});
    std::map<std::string, double> count_of;
    for (std::size_t k = 0; k < counts.units.id.size(); ++k) count_of[counts.units.id[k]] = counts.units.incidents[k];
    CHECK(r.units.incidents_in_excluded == static_cast<std::uint64_t>(count_of[zero] + count_of[none]));
    double in_units = 0, worst = 0;
    for (std::size_t k = 0; k < r.units.id.size(); ++k) {
        in_units += r.units.incidents[k];
        CHECK(r.units.incidents[k] == count_of[r.units.id[k]]);
        worst = std::max(worst, std::abs(r.units.value[k] - count_of[r.units.id[k]] * 1000.0 / residents.at(r.units.id[k])));
    }
    CHECK(worst < 1e-12);
    CHECK(in_units + static_cast<double>(r.units.incidents_outside + r.units.incidents_in_excluded) == static_cast<double>(r.incidents_selected));
    CHECK(r.warnings.size() >= 1);
    // Concentration stays on incidents: the same as the counts' over the kept units' incidents.
    CHECK(r.concentration->incidents == in_units);

    StatsConfig grid;
    grid.cell_m = 250;
    parse_neighbour_rule("band:750", grid);
    grid.value = StatsValue::rate;
    CHECK_THROWS_WITH(run_stats(a, grid), Catch::Contains("--value rate"));
    CHECK_THROWS_AS(parse_stats_value("rates"), ConfigError);
}
