// Harm weights (measure/harm_weights): the table's checks and the weights multiplied into the
// incidents, against values worked out by hand.
#include "hotspot/base/errors.hpp"
#include "hotspot/measure/harm_weights.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

std::string table_file(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / "hotspot_test_harm";
    fs::create_directories(dir);
    std::ofstream(dir / name) << text;
    return (dir / name).string();
}

// Rows: Robbery x2 (input weight 1), Burglary x1 (input weight 2), Drugs x1.
IncidentTable incidents() {
    IncidentTable t;
    for (const auto& [category, weight] : std::vector<std::pair<std::string, double>>{{"Robbery", 1}, {"Burglary", 2}, {"Robbery", 1}, {"Drugs", 1}}) {
        t.x.push_back(0), t.y.push_back(0), t.month.push_back(0);
        t.category.push_back(t.categories.intern(category));
        t.weight.push_back(weight);
    }
    return t;
}

}  // namespace

TEST_CASE("harm weights multiply the input weights, per category", "[harm]") {
    const HarmTable h = read_harm_table(table_file("ok.csv", "category,weight,source\nRobbery,746,test\nBurglary,438,test\nDrugs,9,test\nArson,837,test\n"));
    IncidentTable t = incidents();
    const HarmSummary s = apply_harm(t, h, HarmMissing::error);
    CHECK(t.weight == std::vector<double>{746, 876, 746, 9});
    REQUIRE(s.categories.size() == 3);
    CHECK(s.categories[0].category == "Robbery");
    CHECK(s.categories[0].rows == 2);
    CHECK(s.categories[0].harm == 1492);
    CHECK(s.categories[1].harm == 876);
    CHECK(s.unused == std::vector<std::string>{"Arson"});
    CHECK(s.rows_missing == 0);
}

TEST_CASE("a category the harm table lacks: refused, or weighted one or zero", "[harm]") {
    const HarmTable h = read_harm_table(table_file("partial.csv", "category,weight\nRobbery,746\n"));
    IncidentTable refused = incidents();
    CHECK_THROWS_WITH(apply_harm(refused, h, HarmMissing::error),
                      Catch::Contains("'Burglary' (1 rows)") && Catch::Contains("'Drugs' (1 rows)") && Catch::Contains("harm.missing"));
    IncidentTable one = incidents();
    const HarmSummary s = apply_harm(one, h, HarmMissing::one);
    CHECK(one.weight == std::vector<double>{746, 2, 746, 1});
    CHECK(s.rows_missing == 2);
    CHECK_FALSE(s.categories[1].in_table);
    IncidentTable zero = incidents();
    apply_harm(zero, h, HarmMissing::zero);
    CHECK(zero.weight == std::vector<double>{746, 0, 746, 0});
}

TEST_CASE("a bad harm table is refused naming file, line and value", "[harm]") {
    CHECK_THROWS_WITH(read_harm_table(table_file("zero.csv", "category,weight\nRobbery,746\nDrugs,0\n")),
                      Catch::Contains("zero.csv line 3") && Catch::Contains("'Drugs' is 0"));
    CHECK_THROWS_WITH(read_harm_table(table_file("negative.csv", "category,weight\nDrugs,-3\n")), Catch::Contains("is -3"));
    CHECK_THROWS_AS(read_harm_table(table_file("text.csv", "category,weight\nDrugs,lots\n")), InputError);
    CHECK_THROWS_AS(read_harm_table(table_file("twice.csv", "category,weight\nDrugs,3\nDrugs,4\n")), InputError);
    CHECK_THROWS_WITH(read_harm_table(table_file("nocat.csv", "category,weight\n,3\n")), Catch::Contains("without a category"));
    CHECK_THROWS_AS(read_harm_table(table_file("nocol.csv", "type,weight\nDrugs,3\n")), ConfigError);
    CHECK_THROWS_WITH(parse_harm_missing("maybe"), Catch::Contains("error") && Catch::Contains("zero"));
}
