// The columns a where filter names are kept per row when reading; a file without one holds no value.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/row_filter.hpp"
#include "hotspot/read/inputs.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace hotspot;

namespace {

// A CSV input with columns x, y (EPSG:27700) and date, every row of one category.
InputSpec xy_csv(const std::string& name, const std::string& category) {
    InputSpec spec;
    spec.name = name;
    spec.format = InputFormat::csv;
    spec.s_srs = "EPSG:27700";
    spec.columns.x = "x";
    spec.columns.y = "y";
    spec.columns.date = "date";
    spec.columns.fixed_category = category;
    return spec;
}

}  // namespace

TEST_CASE("a CSV input keeps the columns a filter names; a file without one holds no value", "[row_filter][csv]") {
    const auto dir = std::filesystem::temp_directory_path() / "hotspot_test_where";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "a.csv") << "x,y,date,weapon,age\n1,2,2024-01-05,knife,17\n3,4,2024-02-01, none ,\n";
    std::ofstream(dir / "b.csv") << "x,y,date,age\n5,6,2024-03-01,40\n";
    InputSpec spec = xy_csv("health", "Assault");
    spec.kept_columns = {"weapon", "age"};
    ReadResult a = read_csv_file((dir / "a.csv").string(), spec);
    a.append(read_csv_file((dir / "b.csv").string(), spec));
    const IncidentTable& t = a.incidents;
    REQUIRE(t.size() == 3);
    const KeptColumn* weapon = t.kept_column("weapon");
    const KeptColumn* age = t.kept_column("age");
    REQUIRE(weapon);
    REQUIRE(age);
    CHECK(weapon->values.at(weapon->value[0]) == "knife");
    CHECK(weapon->values.at(weapon->value[1]) == "none");  // trimmed
    CHECK(weapon->value[2] == KeptColumn::absent_value);
    CHECK(age->values.at(age->value[1]).empty());
    CHECK(age->values.at(age->value[2]) == "40");
    CHECK(t.files[1].columns == std::vector<std::string>{"x", "y", "date", "age"});
    const std::vector<std::uint8_t> all(3, 1);
    CHECK(apply_row_filter(RowFilter::parse("age >= 17", "m"), t, all, "m").keep == std::vector<std::uint8_t>{1, 0, 1});
    std::string error;
    try {
        apply_row_filter(RowFilter::parse("weapon = knife", "m"), t, all, "measure 'M'");
    } catch (const ConfigError& e) {
        error = e.what();
    }
    CHECK(error.find("which input 'health' does not have in every file (" + (dir / "b.csv").string() + "; its columns: x, y, date, age)") != std::string::npos);
    // Only the rows of a.csv in scope: the filter applies.
    CHECK(apply_row_filter(RowFilter::parse("weapon = knife", "m"), t, {1, 1, 0}, "m").keep == std::vector<std::uint8_t>{1, 0, 0});
    IncidentTable copy = t;
    copy.keep_rows({0, 1, 1});
    CHECK(copy.kept_column("age")->value.size() == 2);
    CHECK(copy.kept_column("weapon")->value[1] == KeptColumn::absent_value);
}

TEST_CASE("a kept value that is not text is stored escaped, and the row is accepted as without the filter", "[row_filter][csv]") {
    const auto dir = std::filesystem::temp_directory_path() / "hotspot_test_where_bytes";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "a.csv", std::ios::binary) << "x,y,date,note\n1,2,2024-01-05,caf\xE9\n3,4,2024-02-01,ok\n";
    InputSpec spec = xy_csv("council", "Graffiti");
    const ReadResult plain = read_csv_file((dir / "a.csv").string(), spec);
    spec.kept_columns = {"note"};
    const ReadResult kept = read_csv_file((dir / "a.csv").string(), spec);
    CHECK(plain.incidents.size() == 2);
    CHECK(kept.incidents.size() == 2);
    CHECK(kept.rejects.empty());
    const KeptColumn* note = kept.incidents.kept_column("note");
    REQUIRE(note);
    CHECK(note->values.at(note->value[0]) == "caf\\xE9");
}
