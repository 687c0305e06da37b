// Config files: sections, relative paths, errors, and the INI written back.
#include "hotspot/base/errors.hpp"
#include "hotspot/workflow/config.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {
std::string write_ini(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / "hotspot_test_cfg";
    fs::create_directories(dir);
    const auto path = (dir / name).string();
    std::ofstream(path) << text;
    return path;
}
}  // namespace

TEST_CASE("an INI file describes inputs, areas, measures and outputs", "[config]") {
    const auto path = write_ini("a.ini", R"(# comment
[analysis]
t_srs = EPSG:27700
drop_duplicate_ids = true
[input.police]
format = police.uk
path = police/*.csv.gz
[input.flytipping]
format = csv
path = /abs/fly.csv
s_srs = EPSG:27700
x = easting
y = northing
date = date_reported
date_format = DD/MM/YYYY
fixed_category = Fly-tipping
[area.wards]
path = boundaries.gpkg
layer = wards
id = ward_code
population = population
[measures]
categories = Anti-social behaviour; Criminal damage and arson
base_period = 2023/24
current_period = 2024/25
[output]
gpkg = out/run.gpkg
)");
    const AnalysisConfig c = load_config_file(path);
    REQUIRE(c.inputs.size() == 2);
    CHECK(c.inputs[0].name == "police");
    CHECK(c.inputs[0].paths[0] == (fs::path(path).parent_path() / "police/*.csv.gz").string());
    CHECK(c.inputs[1].format == InputFormat::csv);
    CHECK(c.inputs[1].paths[0] == "/abs/fly.csv");
    CHECK(c.inputs[1].columns.date_format == "DD/MM/YYYY");
    REQUIRE(c.areas.size() == 1);
    CHECK(c.areas[0].id_field == "ward_code");
    CHECK(c.measures.categories == std::vector<std::string>{"Anti-social behaviour", "Criminal damage and arson"});
    CHECK(c.measures.base->label == "2023/24");
    CHECK(c.drop_duplicate_ids);
    CHECK_NOTHROW(validate(c));
}

TEST_CASE("the INI written back reads as the same configuration", "[config]") {
    const auto path = write_ini("b.ini", "[input.p]\npath = /x/*.csv\n[area.w]\npath = /w.gpkg\nid = code\n[measures]\nbase_period = 2023\ncurrent_period = 2024\n");
    const AnalysisConfig c = load_config_file(path);
    const auto again_path = write_ini("b_again.ini", to_ini(c));
    const AnalysisConfig again = load_config_file(again_path);
    CHECK(to_ini(again) == to_ini(c));
    CHECK(again.areas[0].id_field == "code");
    CHECK(again.measures.current->first == c.measures.current->first);
}

TEST_CASE("unknown settings and bad values name the setting", "[config]") {
    CHECK_THROWS_WITH(load_config_file(write_ini("c.ini", "[analysis]\ncolour = red\n")), Catch::Contains("analysis.colour"));
    CHECK_THROWS_AS(load_config_file(write_ini("d.ini", "[analysis]\nthreads = many\n")), ConfigError);
    CHECK_THROWS_AS(load_config_file(write_ini("e.ini", "[measures]\nbase_period = last year\n")), ConfigError);
    CHECK_THROWS_AS(load_config_file("/no/such/config.ini"), ConfigError);
}

TEST_CASE("validation refuses half a comparison and missing inputs", "[config]") {
    AnalysisConfig c;
    CHECK_THROWS_AS(validate(c), ConfigError);
    apply_setting(c, "input.p.path", "/x.csv", "");
    apply_setting(c, "measures.base_period", "2023", "");
    CHECK_THROWS_AS(validate(c), ConfigError);
}

TEST_CASE("analysis.min_month and max_month set the months a run accepts", "[config]") {
    AnalysisConfig c;
    apply_setting(c, "analysis.min_month", "2019-04", "");
    apply_setting(c, "analysis.max_month", "2025-03", "");
    CHECK(c.months.label() == "2019-04..2025-03");
    CHECK_THAT(to_ini(c), Catch::Contains("min_month = 2019-04") && Catch::Contains("max_month = 2025-03"));
    CHECK_THROWS_WITH(apply_setting(c, "analysis.min_month", "2019-13", ""), Catch::Contains("analysis.min_month"));
    apply_setting(c, "input.police.path", "x.csv", "");
    apply_setting(c, "analysis.min_month", "2026-01", "");
    CHECK_THROWS_AS(validate(c), ConfigError);
}
