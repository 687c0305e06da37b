// police.uk street files: accepted rows, every reject reason, header checks.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/read/inputs.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace hotspot;

namespace {
const std::string data_dir = HOTSPOT_TEST_DATA;

InputSpec police_spec() {
    InputSpec s;
    s.name = "police";
    s.format = InputFormat::police_uk;
    return s;
}
}  // namespace

TEST_CASE("a Location with a comma inside quotes is one field", "[police]") {
    const ReadResult r = read_police_uk_file(data_dir + "/quoted_comma.csv", police_spec());
    REQUIRE(r.incidents.size() == 2);
    CHECK(r.rejects.empty());
    CHECK(r.incidents.locations.at(r.incidents.location[0]) == "On or near Mill Lane, Upper");
    CHECK(r.incidents.x[0] == Approx(-2.977));
    CHECK(r.incidents.y[0] == Approx(53.408));
    CHECK(r.incidents.month[0] == month_index(2024, 3));
}

TEST_CASE("an empty Crime ID is accepted: ASB and BTP rows have none", "[police]") {
    const ReadResult r = read_police_uk_file(data_dir + "/quoted_comma.csv", police_spec());
    REQUIRE(r.incidents.size() == 2);
    CHECK(r.incidents.crime_id.empty_at(1));
    CHECK(r.incidents.categories.at(r.incidents.category[1]) == "Anti-social behaviour");
    CHECK(r.incidents.crime_id.at(0) == std::string(64, 'a'));
}

TEST_CASE("BOM and CRLF files, plain or gzipped, read the same", "[police]") {
    const ReadResult plain = read_police_uk_file(data_dir + "/bom_crlf.csv", police_spec());
    const ReadResult gz = read_police_uk_file(data_dir + "/bom_crlf.csv.gz", police_spec());
    REQUIRE(plain.incidents.size() == 2);
    REQUIRE(gz.incidents.size() == 2);
    CHECK(plain.incidents.x == gz.incidents.x);
    CHECK(plain.incidents.month[1] == month_index(2024, 4));
    CHECK(plain.incidents.categories.at(plain.incidents.category[1]) == "Robbery");
}

TEST_CASE("every bad row is rejected with its line, reason and raw text", "[police]") {
    const ReadResult r = read_police_uk_file(data_dir + "/bad_rows.csv", police_spec());
    CHECK(r.incidents.size() == 2);
    CHECK(r.incidents.line == std::vector<std::uint32_t>{2, 11});
    std::map<std::uint64_t, std::string> reason_at;
    for (const auto& rej : r.rejects) {
        reason_at[rej.line] = rej.reason;
        CHECK_FALSE(rej.raw.empty());
        CHECK_FALSE(rej.detail.empty());
    }
    const std::map<std::uint64_t, std::string> expected = {
        {3, "no_location"},        {4, "bad_coordinate"}, {5, "bad_coordinate"}, {6, "wrong_column_count"},
        {7, "bad_month"},          {8, "no_category"},    {9, "bad_coordinate"}, {10, "malformed_csv"}};
    CHECK(reason_at == expected);
    CHECK(r.incidents.files.at(0).rows_read == r.incidents.size() + r.rejects.size());
}

TEST_CASE("a reject's detail names the field and the offending value", "[police]") {
    const ReadResult r = read_police_uk_file(data_dir + "/bad_rows.csv", police_spec());
    bool found = false;
    for (const auto& rej : r.rejects)
        if (rej.line == 4) {
            CHECK_THAT(rej.detail, Catch::Contains("Longitude") && Catch::Contains("-1.2x3"));
            found = true;
        }
    CHECK(found);
}

TEST_CASE("a file without the street-level columns is refused, naming the column", "[police]") {
    CHECK_THROWS_AS(read_police_uk_file(data_dir + "/outcomes_not_street.csv", police_spec()), InputError);
    CHECK_THROWS_WITH(read_police_uk_file(data_dir + "/outcomes_not_street.csv", police_spec()), Catch::Contains("Location"));
}

TEST_CASE("a CSV in another schema is read through a column mapping", "[csv-input]") {
    InputSpec s;
    s.name = "flytipping";
    s.format = InputFormat::csv;
    s.s_srs = "EPSG:27700";
    s.columns.x = "easting";
    s.columns.y = "northing";
    s.columns.date = "date_reported";
    s.columns.date_format = "DD/MM/YYYY";
    s.columns.fixed_category = "Fly-tipping";
    s.columns.id = "reference";
    const ReadResult r = read_csv_file(data_dir + "/flytipping_ddmmyyyy.csv", s);
    REQUIRE(r.incidents.size() == 2);  // FT1 and FT4 (2024 is a leap year)
    CHECK(r.incidents.month[0] == month_index(2024, 4));
    CHECK(r.incidents.month[1] == month_index(2024, 2));
    REQUIRE(r.rejects.size() == 2);
    CHECK(r.rejects[0].reason == "bad_date");  // 31/02/2024
    CHECK(r.rejects[0].line == 3);
    CHECK(r.rejects[1].reason == "no_location");
}

TEST_CASE("a CSV mapping naming a missing column is a configuration error", "[csv-input]") {
    InputSpec s;
    s.name = "x";
    s.format = InputFormat::csv;
    s.s_srs = "EPSG:27700";
    s.columns = ColumnMapping{"eastings", "northing", "date_reported", "auto", "", "Fly-tipping", "", "", "", ','};
    CHECK_THROWS_AS(read_csv_file(data_dir + "/flytipping_ddmmyyyy.csv", s), ConfigError);
}

TEST_CASE("reading many files keeps input order and renumbers files", "[police]") {
    InputSpec s = police_spec();
    s.paths = {data_dir + "/quoted_comma.csv", data_dir + "/bom_crlf.csv.gz"};
    const ReadResult r = read_inputs({s}, 2);
    REQUIRE(r.incidents.size() == 4);
    CHECK(r.incidents.file == std::vector<std::uint32_t>{0, 0, 1, 1});
    CHECK(r.incidents.files.size() == 2);
    CHECK(r.incidents.files[1].sha256.size() == 64);
}

TEST_CASE("an input pattern matching no file is a configuration error", "[police]") {
    InputSpec s = police_spec();
    s.paths = {data_dir + "/no-such-*.csv"};
    CHECK_THROWS_AS(read_inputs({s}, 1), ConfigError);
}
