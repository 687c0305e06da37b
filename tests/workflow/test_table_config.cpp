// [measure.NAME] and [table] sections: read, refused when wrong, and written back.
#include "hotspot/base/errors.hpp"
#include "hotspot/workflow/config.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {
std::string write_table_ini(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / "hotspot_test_table_cfg";
    fs::create_directories(dir);
    const auto path = (dir / name).string();
    std::ofstream(path) << "[input.police]\nformat = police.uk\npath = x.csv\n" << text;
    return path;
}
}  // namespace

TEST_CASE("measure and table sections are read and written back", "[config][performance_table]") {
    const auto path = write_table_ini("m.ini", "[measure.Total crime]\nexclude_categories = Anti-social behaviour\nsources = police\n"
                                               "[measure.Acquisitive]\ncategories = Burglary; Robbery ;\n"
                                               "[table]\nquarter = 2024/25 Q3\ncalendar_quarters = no\n");
    const AnalysisConfig c = load_config_file(path);
    REQUIRE(c.table.measures.size() == 2);
    CHECK(c.table.measures[0].name == "Total crime");
    CHECK(c.table.measures[0].exclude_categories == std::vector<std::string>{"Anti-social behaviour"});
    CHECK(c.table.measures[0].sources == std::vector<std::string>{"police"});
    CHECK(c.table.measures[1].categories == std::vector<std::string>{"Burglary", "Robbery"});
    CHECK(c.table.quarter == "2024/25 Q3");
    CHECK_FALSE(c.table.calendar_quarters);

    const auto again_path = write_table_ini("again.ini", "");
    std::ofstream(again_path) << to_ini(c);
    const AnalysisConfig again = load_config_file(again_path);
    REQUIRE(again.table.measures.size() == 2);
    CHECK(again.table.measures[1].name == "Acquisitive");
    CHECK(again.table.measures[1].categories == c.table.measures[1].categories);
    CHECK(again.table.measures[0].exclude_categories == c.table.measures[0].exclude_categories);
    CHECK(again.table.quarter == c.table.quarter);
}

TEST_CASE("a wrong measure or table setting names the setting", "[config][performance_table]") {
    CHECK_THROWS_WITH(load_config_file(write_table_ini("b.ini", "[measure.x]\ncategory = Burglary\n")), Catch::Contains("measure.x.category"));
    CHECK_THROWS_WITH(load_config_file(write_table_ini("c.ini", "[table]\nquater = 2024/25 Q3\n")), Catch::Contains("table.quater"));
    CHECK_THROWS_WITH(load_config_file(write_table_ini("d.ini", "[measure.a.b]\ncategories = Burglary\n")), Catch::Contains("[measure.NAME]"));
}
