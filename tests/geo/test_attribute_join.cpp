// Attribute tables by area code: reading, typing, the join both ways, and the errors for a
// duplicate key, a bad population and a bad stated number, each naming file, line and value.
#include "hotspot/base/errors.hpp"
#include "hotspot/geo/attribute_join.hpp"
#include "hotspot/read/attribute_table.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace hotspot;

namespace {

std::string write_temp(const std::string& name, const std::string& content) {
    const auto path = (std::filesystem::temp_directory_path() / ("hotspot_test_attr_" + name)).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

AttributeTableSpec spec_for(const std::string& path, std::vector<AttributeField> fields, const std::string& population = "") {
    AttributeTableSpec s;
    s.name = "t";
    s.layer = "wards";
    s.path = path;
    s.key = "code";
    s.fields = std::move(fields);
    s.population = population;
    return s;
}

std::string square(double x, double y) {
    return "POLYGON((" + std::to_string(x) + " " + std::to_string(y) + "," + std::to_string(x + 10) + " " + std::to_string(y) + "," +
           std::to_string(x + 10) + " " + std::to_string(y + 10) + "," + std::to_string(x) + " " + std::to_string(y + 10) + "," +
           std::to_string(x) + " " + std::to_string(y) + "))";
}

template <class F>
std::string error_of(F f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("attribute table: a missing and an extra key are listed both ways, values typed by content", "[attributes]") {
    // Areas A, B, C; the table has A, C (B missing), Z (no such area), a keyless footer line.
    const std::string path = write_temp("join.csv",
                                        "\xEF\xBB\xBF" "code,residents,score,decile,label\n"
                                        "A,1000,12.5,007,North\n"
                                        "C,250,,3,\"South, east\"\n"
                                        "Z,99,1.0,1,Nowhere\n"
                                        ",,,,footnote\n");
    const AttributeTable t = read_attribute_table(
        spec_for(path, {{"score", AttributeType::automatic}, {"decile", AttributeType::automatic}, {"label", AttributeType::automatic}}, "residents"));
    CHECK(t.rows_read == 4);
    REQUIRE(t.rows_without_key == std::vector<std::uint64_t>{5});
    REQUIRE(t.columns.size() == 3);
    CHECK(t.columns[0].type == AttributeType::real);   // 12.5, empty, 1.0
    CHECK(t.columns[1].type == AttributeType::text);   // "007" is a code, not 7
    CHECK(t.columns[2].type == AttributeType::text);

    AreaLayer layer = AreaLayer::from_wkt("wards", {"A", "B", "C"}, {square(0, 0), square(10, 0), square(20, 0)});
    CHECK_FALSE(layer.has_population());
    const AttributeJoinSummary s = join_attributes(layer, t);
    CHECK(s.rows_matched == 2);
    CHECK(s.areas_without_row == std::vector<std::string>{"B"});
    CHECK(s.keys_without_area == std::vector<std::string>{"Z"});
    CHECK(s.rows_matched + s.keys_without_area.size() + s.rows_without_key.size() == s.rows_read);

    REQUIRE(layer.has_population());
    CHECK(layer.population(0) == 1000.0);
    CHECK_FALSE(layer.population(1).has_value());
    CHECK(layer.population(2) == 250.0);
    const auto& extra = layer.extra_attributes();
    REQUIRE(extra.size() == 3);
    CHECK(extra[0].number[0] == 12.5);
    CHECK_FALSE(extra[0].number[1].has_value());  // B: no row
    CHECK_FALSE(extra[0].number[2].has_value());  // C: empty cell
    CHECK(extra[1].text[0] == std::optional<std::string>("007"));
    CHECK(extra[2].text[2] == std::optional<std::string>("South, east"));
}

TEST_CASE("attribute table: stated types are kept, integers by content", "[attributes]") {
    const std::string path = write_temp("types.csv", "code,n,m\nA,12,3\nB,-4,5\n");
    const AttributeTable t = read_attribute_table(spec_for(path, {{"n", AttributeType::automatic}, {"m", AttributeType::text}}));
    CHECK(t.columns[0].type == AttributeType::integer);
    CHECK(t.columns[0].number[1] == -4.0);
    CHECK(t.columns[1].type == AttributeType::text);
    CHECK(t.columns[1].text[0] == std::optional<std::string>("3"));
}

TEST_CASE("attribute table: a duplicate key is an error naming file, line and value", "[attributes]") {
    const std::string path = write_temp("dup.csv", "code,x\nA,1\nB,2\nA,3\n");
    const std::string e = error_of([&] { read_attribute_table(spec_for(path, {{"x", AttributeType::automatic}})); });
    CHECK_THAT(e, Catch::Contains(path + " line 4") && Catch::Contains("duplicate key") && Catch::Contains("A") &&
                      Catch::Contains("first on line 2"));
}

TEST_CASE("attribute table: a bad population is an error naming file, line and value", "[attributes]") {
    const std::string path = write_temp("badpop.csv", "code,pop\nA,100\nB,1 2\nC,-5\n");
    const std::string e = error_of([&] { read_attribute_table(spec_for(path, {}, "pop")); });
    CHECK_THAT(e, Catch::Contains(path + " line 3") && Catch::Contains("'1 2'") && Catch::Contains("population"));
    const std::string neg = write_temp("negpop.csv", "code,pop\nA,100\nC,-5\n");
    CHECK_THAT(error_of([&] { read_attribute_table(spec_for(neg, {}, "pop")); }), Catch::Contains(neg + " line 3") && Catch::Contains("-5"));
    const std::string empty = write_temp("emptypop.csv", "code,pop\nA,\n");
    CHECK_THAT(error_of([&] { read_attribute_table(spec_for(empty, {}, "pop")); }), Catch::Contains(empty + " line 2"));
}

TEST_CASE("attribute table: a stated integer that is not one, a missing column, a short row", "[attributes]") {
    const std::string path = write_temp("badint.csv", "code,n\nA,1\nB,2.5\n");
    CHECK_THAT(error_of([&] { read_attribute_table(spec_for(path, {{"n", AttributeType::integer}})); }),
               Catch::Contains(path + " line 3") && Catch::Contains("2.5") && Catch::Contains("integer"));
    CHECK_THAT(error_of([&] { read_attribute_table(spec_for(path, {{"nope", AttributeType::automatic}})); }),
               Catch::Contains("'nope'") && Catch::Contains("columns: code, n"));
    const std::string short_row = write_temp("short.csv", "code,n\nA,1\nB\n");
    CHECK_THAT(error_of([&] { read_attribute_table(spec_for(short_row, {{"n", AttributeType::automatic}})); }),
               Catch::Contains(short_row + " line 3") && Catch::Contains("1 fields where the header has 2"));
}

TEST_CASE("attribute table: a population for a layer that has one is refused", "[attributes]") {
    const std::string path = write_temp("pop2.csv", "code,pop\nA,5\n");
    const AttributeTable t = read_attribute_table(spec_for(path, {}, "pop"));
    AreaLayer layer = AreaLayer::from_wkt("wards", {"A"}, {square(0, 0)}, {std::optional<double>(7.0)});
    CHECK_THROWS_AS(join_attributes(layer, t), ConfigError);
}
