// Attribute tables moved between area vintages (workflow/attribute_vintage) and absent areas given
// 0, on hand-made layers whose expected values are worked out below by hand.
#include "hotspot/base/errors.hpp"
#include "hotspot/workflow/attribute_config.hpp"
#include "hotspot/workflow/attribute_vintage.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

std::string square(double x0) {
    const std::string a = std::to_string(x0), b = std::to_string(x0 + 10);
    return "POLYGON((" + a + " 0," + b + " 0," + b + " 10," + a + " 10," + a + " 0))";
}

// New vintage: N1, N2 (O1 split in two: residents 100 and 300), N3 (O2 and O3 merged), N4 (O4 recoded).
AreaLayer new_layer() {
    return AreaLayer::from_wkt("lsoa", {"N1", "N2", "N3", "N4"}, {square(0), square(10), square(20), square(30)},
                               {100.0, 300.0, 200.0, 50.0});
}

struct Files {
    fs::path dir = fs::temp_directory_path() / "hotspot_test_attribute_vintage";
    Files() {
        fs::create_directories(dir);
        write("lookup.csv", "OLD,NEW\nO1,N1\nO1,N2\nO2,N3\nO3,N3\nO4,N4\n");
    }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name) << text;
        return (dir / name).string();
    }
};

AttributeTableSpec plain_spec(const std::string& path, const std::string& key, const std::string& field) {
    AttributeTableSpec s;
    s.name = "t";
    s.layer = "lsoa";
    s.path = path;
    s.key = key;
    s.fields = {{field, AttributeType::real}};
    return s;
}

AttributeTableSpec spec_for(const Files& f, const std::string& table, const std::string& move) {
    AttributeTableSpec s = plain_spec(f.write("table.csv", table), "code", "v");
    s.vintage_lookup = (f.dir / "lookup.csv").string();
    s.vintage_from = "OLD";
    s.vintage_to = "NEW";
    s.move = move;
    return s;
}

std::optional<double> value_of(const AttributeTable& t, const std::string& id) {
    const auto row = t.row_of.find(id);
    return row == t.row_of.end() ? std::nullopt : t.columns[0].number[row->second];
}

}  // namespace

TEST_CASE("counts moved by a lookup table: splits by residents, merges add, the total is kept", "[vintage]") {
    const Files f;
    const AreaLayer layer = new_layer();
    const auto on = read_attribute_table_on(spec_for(f, "code,v\nO1,8\nO2,3\nO3,4\nO4,5\nO9,7\n", "counts"), layer);
    REQUIRE(on.moved);
    CHECK(*value_of(on.table, "N1") == Approx(2.0));  // 8 * 100 / 400
    CHECK(*value_of(on.table, "N2") == Approx(6.0));  // 8 * 300 / 400
    CHECK(*value_of(on.table, "N3") == 7.0);          // 3 + 4
    CHECK(*value_of(on.table, "N4") == 5.0);
    CHECK(on.moved->keys_without_link == std::vector<std::string>{"O9"});
    CHECK(on.moved->source_rows == 5);
    REQUIRE(on.moved->totals.size() == 1);
    CHECK(on.moved->totals[0].total_moved == Approx(20.0));
    CHECK(on.moved->totals[0].total_in == on.moved->totals[0].total_moved + on.moved->totals[0].total_not_moved);
}

TEST_CASE("scores moved: copied to both halves of a split, averaged in a merge", "[vintage]") {
    const Files f;
    const auto on = read_attribute_table_on(spec_for(f, "code,v\nO1,8\nO2,3\nO3,4\nO4,5\n", "scores"), new_layer());
    CHECK(*value_of(on.table, "N1") == 8.0);
    CHECK(*value_of(on.table, "N2") == 8.0);
    CHECK(*value_of(on.table, "N3") == 3.5);
}

TEST_CASE("an old area without a row: its new area has no value, unless absent = zero", "[vintage]") {
    const Files f;
    AttributeTableSpec s = spec_for(f, "code,v\nO1,8\nO2,3\nO4,5\n", "counts");
    const auto missing = read_attribute_table_on(s, new_layer());
    CHECK_FALSE(value_of(missing.table, "N3"));  // O3 has no row
    CHECK(missing.moved->areas_without_value == std::vector<std::string>{"N3"});
    s.absent_is_zero = true;
    const auto zero = read_attribute_table_on(s, new_layer());
    CHECK(*value_of(zero.table, "N3") == 3.0);
    CHECK(zero.absent_given_zero == std::vector<std::string>{"O3"});
    CHECK(zero.moved->source_rows == 3);
}

TEST_CASE("absent = zero without a vintage fills the layer's areas without a row", "[vintage]") {
    const Files f;
    AttributeTableSpec s = plain_spec(f.write("plain.csv", "code,v\nN1,4\nN3,1\n"), "code", "v");
    s.absent_is_zero = true;
    const auto on = read_attribute_table_on(s, new_layer());
    CHECK_FALSE(on.moved);
    CHECK(*value_of(on.table, "N2") == 0.0);
    CHECK(*value_of(on.table, "N4") == 0.0);
    CHECK(on.absent_given_zero == std::vector<std::string>{"N2", "N4"});
    CHECK(on.table.rows_read == 4);
}

TEST_CASE("text fields and unstated moves are refused", "[vintage]") {
    const Files f;
    AttributeTableSpec s = spec_for(f, "code,v\nO1,a\n", "counts");
    s.fields = {{"v", AttributeType::text}};
    CHECK_THROWS_WITH(read_attribute_table_on(s, new_layer()), Catch::Contains("cannot be moved between vintages"));
    AttributeTableSpec unstated = spec_for(f, "code,v\nO1,1\n", "");
    CHECK_THROWS_WITH(validate_attributes({unstated}, {"lsoa"}), Catch::Contains("move = counts"));
    AttributeTableSpec both = spec_for(f, "code,v\nO1,1\n", "counts");
    both.vintage_areas = "x.gpkg";
    CHECK_THROWS_WITH(validate_attributes({both}, {"lsoa"}), Catch::Contains("not both"));
}

TEST_CASE("a table from SQL: a long table summed per area for one category", "[vintage]") {
    const Files f;
    AttributeTableSpec s =
        plain_spec(f.write("long.csv", "month,area,code,n\n2020-01,N1,A,2\n2020-02,N1,A,3\n2020-02,N1,B,9\n2019-12,N2,A,4\n2020-03,N3,A,1\n"), "area", "v");
    s.sql = "SELECT area, SUM(CAST(n AS INTEGER)) AS v FROM long WHERE code = 'A' AND month >= '2020-01' GROUP BY area";
    const auto on = read_attribute_table_on(s, new_layer());
    CHECK(*value_of(on.table, "N1") == 5.0);
    CHECK(*value_of(on.table, "N3") == 1.0);
    CHECK_FALSE(value_of(on.table, "N2"));
    s.sql = "SELECT nothing FROM nowhere";
    CHECK_THROWS_WITH(read_attribute_table_on(s, new_layer()), Catch::Contains("its tables: 'long'"));
}
