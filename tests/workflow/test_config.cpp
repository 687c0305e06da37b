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

TEST_CASE("config files as editors save them: BOM, CRLF, path lists", "[config]") {
    const auto path = write_ini("bom.ini", "\xEF\xBB\xBF[analysis]\r\nthreads = 2\r\n[input.police]\r\npath = a.csv; b/*.csv.gz\r\n");
    const AnalysisConfig c = load_config_file(path);
    CHECK(c.threads == 2);
    REQUIRE(c.inputs.size() == 1);
    REQUIRE(c.inputs[0].paths.size() == 2);
    CHECK(c.inputs[0].paths[1] == (fs::path(path).parent_path() / "b/*.csv.gz").string());
    // Several paths are written back as one key, so the INI read again is the same.
    const AnalysisConfig again = load_config_file(write_ini("bom_again.ini", to_ini(c)));
    CHECK(again.inputs[0].paths == c.inputs[0].paths);
}

TEST_CASE("config file errors name the file, line, section and key", "[config]") {
    const auto dup = write_ini("dup.ini", "[input.police]\npath = a.csv\npath = a.csv\n");
    CHECK_THROWS_WITH(load_config_file(dup), Catch::Contains(dup + ":3: key 'path' is given twice in [input.police] (first on line 2)"));
    CHECK_THROWS_WITH(load_config_file(write_ini("sec.ini", "[output]\n[outptu]\n")), Catch::Contains("sec.ini:2: unknown section [outptu]"));
    CHECK_THROWS_WITH(load_config_file(write_ini("noname.ini", "[input]\npath = a\n")), Catch::Contains("needs one name: [input.NAME]"));
    CHECK_THROWS_WITH(load_config_file(write_ini("zoom.ini", "[output]\nmin_zoom = 4294967296\n")),
                      Catch::Contains("zoom.ini:2: setting output.min_zoom = '4294967296' is not a whole number from 0 to 22"));
    CHECK_THROWS_WITH(load_config_file(write_ini("cell.ini", "[density]\n\ncell_m =\n")),
                      Catch::Contains("cell.ini:3: setting density.cell_m = '' is not a number >= 0.001 and <= 1000000 (it is empty)"));
    CHECK_THROWS_WITH(load_config_file(write_ini("threads.ini", "[analysis]\nthreads = -1\n")), Catch::Contains("(it is negative)"));
    CHECK_THROWS_WITH(load_config_file(write_ini("nopath.ini", "[input.police]\npath =\n")), Catch::Contains("give a file, folder or glob"));
    CHECK_THROWS_WITH(load_config_file(fs::temp_directory_path().string()), Catch::Contains("is a folder"));
    // An empty input section is not ignored: it has no path.
    CHECK_THROWS_WITH(validate(load_config_file(write_ini("empty.ini", "[input.police]\n"))), Catch::Contains("input 'police' has no path"));
}

TEST_CASE("extents are four numbers with min below max", "[config]") {
    const Envelope e = parse_extent("--extent", "1,2,3,4");
    CHECK(e.min_x == 1);
    CHECK(e.max_y == 4);
    CHECK_THROWS_WITH(parse_extent("--grid-extent", "10,0,0,10"), "--grid-extent '10,0,0,10': xmin (10) must be less than xmax (0)");
    CHECK_THROWS_WITH(parse_extent("--grid-extent", "0,5,10,5"), Catch::Contains("ymin (5) must be less than ymax (5)"));
    CHECK_THROWS_WITH(parse_extent("--extent", "0,0,1e300,1"), Catch::Contains("--extent xmax '1e300' is not a number >= -100000000"));
    CHECK_THROWS_WITH(parse_extent("--extent", "0,0,1"), Catch::Contains("expected xmin,ymin,xmax,ymax"));
    CHECK(parse_classes("--classes", "1, 5,10") == std::vector<double>{1, 5, 10});
    CHECK(parse_classes("--classes", "").empty());
    CHECK_THROWS_WITH(parse_classes("--classes", "1,100"), Catch::Contains("--classes class '100' is not a number > 0 and < 100"));
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

TEST_CASE("[attributes.NAME] sections read, write back and name a loaded area layer", "[config][attributes]") {
    const auto path = write_ini("attr.ini",
                                "[input.p]\npath = /x/*.csv\n[area.w]\npath = /w.gpkg\nid = code\n"
                                "[attributes.pop]\nlayer = w\npath = pop.csv.gz\nkey = WD22CD\nfields = WD22NM;n:integer;score:real\n"
                                "population = residents\n");
    const AnalysisConfig c = load_config_file(path);
    REQUIRE(c.attributes.size() == 1);
    const AttributeTableSpec& a = c.attributes[0];
    CHECK(a.layer == "w");
    CHECK(a.path == (std::filesystem::path(path).parent_path() / "pop.csv.gz").string());  // relative to the INI
    REQUIRE(a.fields.size() == 3);
    CHECK(a.fields[1].column == "n");
    CHECK(a.fields[1].type == AttributeType::integer);
    CHECK(a.fields[2].type == AttributeType::real);
    CHECK(a.population == "residents");
    validate(c);
    const AnalysisConfig again = load_config_file(write_ini("attr_again.ini", to_ini(c)));
    REQUIRE(again.attributes.size() == 1);
    CHECK(again.attributes[0].path == a.path);
    CHECK(again.attributes[0].fields[2].column == "score");
    CHECK(again.attributes[0].fields[2].type == AttributeType::real);

    CHECK_THROWS_WITH(validate(load_config_file(write_ini("attr_bad.ini", "[input.p]\npath = /x.csv\n[area.w]\npath = /w.gpkg\n"
                                                                           "[attributes.pop]\nlayer = wards\npath = p.csv\nkey = k\nfields = a\n"))),
                      Catch::Contains("'wards' is not an area layer") && Catch::Contains("area layers: w"));
    CHECK_THROWS_WITH(load_config_file(write_ini("attr_type.ini", "[attributes.pop]\nfields = a:number\n")), Catch::Contains("integer, real, text"));
    CHECK_THROWS_WITH(load_config_file(write_ini("attr_key.ini", "[attributes.pop]\ncolumn = a\n")), Catch::Contains("attributes.pop.column"));
}
