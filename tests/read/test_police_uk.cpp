// police.uk street files: accepted rows, every reject reason, header checks.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/inputs.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <utility>
#include <vector>

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
    CHECK(r.incidents.day == std::vector<DayIndex>{unknown_day, unknown_day});  // police.uk gives the month only
}

TEST_CASE("appending tables with and without days keeps one day per row", "[csv-input]") {
    IncidentTable with_days, without_days;
    with_days.x = {1}, with_days.y = {1}, with_days.month = {0}, with_days.day = {5};  // the other columns are not needed here
    without_days.x = {2, 3}, without_days.y = {2, 3}, without_days.month = {0, 0};
    IncidentTable t;
    t.append(without_days);
    CHECK(t.day.empty());
    t.append(with_days);
    CHECK(t.day == std::vector<DayIndex>{unknown_day, unknown_day, 5});
    t.append(without_days);
    CHECK(t.day == std::vector<DayIndex>{unknown_day, unknown_day, 5, unknown_day, unknown_day});
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
    CHECK(r.incidents.day == std::vector<DayIndex>{19814, 19782});  // 2024-04-01, 2024-02-29 (Python datetime)
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

TEST_CASE("a read whose cancel flag is set stops with ReadCancelled; unset, it reads as without one", "[police]") {
    InputSpec s = police_spec();
    s.paths = {data_dir + "/quoted_comma.csv", data_dir + "/bom_crlf.csv.gz"};
    std::atomic<bool> cancel{true};
    CHECK_THROWS_AS(read_inputs({s}, 2, &cancel), ReadCancelled);
    cancel = false;
    const ReadResult r = read_inputs({s}, 2, &cancel);
    CHECK(r.incidents.size() == 4);
    CHECK(r.incidents.file == std::vector<std::uint32_t>{0, 0, 1, 1});
}

TEST_CASE("an input pattern matching no file is a configuration error", "[police]") {
    InputSpec s = police_spec();
    s.paths = {data_dir + "/no-such-*.csv"};
    CHECK_THROWS_AS(read_inputs({s}, 1), ConfigError);
}

// --- issue 9: headers, text, months and duplicate inputs.
namespace {

const std::string police_header =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";

std::string police_row(const std::string& month, const std::string& location, const std::string& type) {
    return "," + month + ",Merseyside Police,Merseyside Police,-2.977,53.408," + location + ",E01006512,Liverpool 001A," + type + ",,\n";
}

std::string write_file(const std::string& name, const std::string& content) {
    const auto path = (std::filesystem::temp_directory_path() / ("hotspot_police_" + name)).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

std::map<std::string, int> reasons(const ReadResult& r) {
    std::map<std::string, int> n;
    for (const auto& rej : r.rejects) ++n[rej.reason];
    return n;
}

}  // namespace

TEST_CASE("a header naming a column twice is refused, naming the file and the column", "[police]") {
    std::string header = police_header;
    header.insert(header.size() - 1, ",Longitude");
    const auto path = write_file("dup_column.csv", header + police_row("2024-03", "On or near A", "Burglary"));
    CHECK_THROWS_AS(read_police_uk_file(path, police_spec()), InputError);
    CHECK_THROWS_WITH(read_police_uk_file(path, police_spec()), Catch::Contains("dup_column.csv") && Catch::Contains("'Longitude' twice") && Catch::Contains("fields 5 and 13"));
}

TEST_CASE("a NUL or invalid UTF-8 in a stored field is a counted invalid_text reject, stored escaped", "[police]") {
    using namespace std::string_literals;
    const std::string text = police_header + police_row("2024-03", "On or near A", "Burglary") +
                             police_row("2024-03", "On or near B", "Bur\0glary"s) + police_row("2024-03", "On or near caf\xE9", "Robbery") +
                             police_row("2024-03", "On or near D", "Robbery") + police_row("2024-03", "On or near caf\xC3\xA9", "Robbery");
    const ReadResult r = read_police_uk_file(write_file("invalid_text.csv", text), police_spec());
    CHECK(r.incidents.size() == 3);  // UTF-8 text is text
    CHECK(r.incidents.locations.at(r.incidents.location.back()) == "On or near caf\xC3\xA9");
    CHECK(reasons(r) == std::map<std::string, int>{{"invalid_text", 2}});
    REQUIRE(r.rejects.size() == 2);
    CHECK(r.rejects[0].line == 3);
    CHECK_THAT(r.rejects[0].raw, Catch::Contains("Bur\\x00glary"));
    CHECK_THAT(r.rejects[0].detail, Catch::Contains("Crime type") && Catch::Contains("0x00"));
    CHECK_THAT(r.rejects[1].detail, Catch::Contains("Location") && Catch::Contains("0xE9"));
    for (const auto& rej : r.rejects) CHECK(find_invalid_text(rej.raw + rej.detail) == std::string_view::npos);
}

TEST_CASE("months outside the run's range are month_out_of_range rejects", "[police]") {
    const std::string text = police_header + police_row("0000-01", "A", "Burglary") + police_row("9999-12", "A", "Burglary") +
                             police_row("1999-12", "A", "Burglary") + police_row("2000-01", "A", "Burglary") +
                             police_row("2024-03", "A", "Burglary");
    InputSpec s = police_spec();
    s.months = {month_index(2000, 1), month_index(2025, 12)};
    const ReadResult r = read_police_uk_file(write_file("months.csv", text), s);
    CHECK(r.incidents.month == std::vector<MonthIndex>{month_index(2000, 1), month_index(2024, 3)});
    CHECK(reasons(r) == std::map<std::string, int>{{"month_out_of_range", 3}});
    CHECK_THAT(r.rejects[0].detail, Catch::Contains("'0000-01'") && Catch::Contains("2000-01..2025-12"));
}

TEST_CASE("the default month range runs from 2000-01 to December of next year", "[police]") {
    const MonthRange d = default_month_range();
    CHECK(d.first == month_index(2000, 1));
    CHECK(month_of(d.last) == 12);
    CHECK(year_of(d.last) >= 2026);
}

TEST_CASE("numbers: spaces are trimmed; nan, inf, 1e999 and decimal commas are refused with the reason", "[police]") {
    const auto row = [](const std::string& lon) {
        return ",2024-03,M,M," + lon + ",53.408,On or near A,E01006512,L,Burglary,,\n";
    };
    const std::string text =
        police_header + row(" -2.977 ") + row("nan") + row("inf") + row("1e999") + row("\"-2,977\"") + row("x");
    const ReadResult r = read_police_uk_file(write_file("numbers.csv", text), police_spec());
    REQUIRE(r.incidents.size() == 1);
    CHECK(r.incidents.x[0] == -2.977);
    REQUIRE(r.rejects.size() == 5);
    CHECK_THAT(r.rejects[0].detail, Catch::Contains("not a finite number"));
    CHECK_THAT(r.rejects[1].detail, Catch::Contains("not a finite number"));
    CHECK_THAT(r.rejects[2].detail, Catch::Contains("out of range"));
    CHECK_THAT(r.rejects[3].detail, Catch::Contains("decimal comma"));
    CHECK_THAT(r.rejects[4].detail, Catch::Contains("not a number"));
}

TEST_CASE("a police.uk file's line accounting is recorded: lines = records + blank lines", "[police]") {
    const std::string text = police_header + police_row("2024-03", "\"On or near Brook Way", "Burglary") + "\r\n" +
                             police_row("2024-03", "On or near A", "Burglary");
    const ReadResult r = read_police_uk_file(write_file("accounting.csv", text), police_spec());
    const SourceFile& f = r.incidents.files.at(0);
    CHECK(f.lines == 4);  // header, two rows, one blank line (counted by hand)
    CHECK(f.rows_read == 2);
    CHECK(f.blank_lines == 1);
    CHECK(f.continuation_lines == 0);
    CHECK(reasons(r) == std::map<std::string, int>{{"malformed_csv", 1}});
}

TEST_CASE("the same file given twice, or the same content twice, is refused", "[police]") {
    const std::string text = police_header + police_row("2024-03", "On or near A", "Burglary");
    const auto path = write_file("twice.csv", text);
    InputSpec s = police_spec();
    s.paths = {path, path};
    CHECK_THROWS_AS(read_inputs({s}, 1), ConfigError);
    CHECK_THROWS_WITH(read_inputs({s}, 1), Catch::Contains("same file") && Catch::Contains("twice.csv"));
    const auto copy = write_file("twice_copy.csv", text);
    s.paths = {path, copy};
    CHECK_THROWS_AS(read_inputs({s}, 2), ConfigError);
    CHECK_THROWS_WITH(read_inputs({s}, 2), Catch::Contains("same content") && Catch::Contains("twice_copy.csv"));
    // Header-only files are alike without double counting anything.
    s.paths = {write_file("empty_month_a.csv", police_header), write_file("empty_month_b.csv", police_header)};
    CHECK(read_inputs({s}, 1).incidents.files.size() == 2);
}

namespace {
std::uint32_t crc_of(const std::string& s) {
    return static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

// `text` with the bits of its last four bytes chosen so that its CRC-32 is `want` (CRC-32 is
// affine in the bits of a message of fixed length: solve for the flips over GF(2)).
std::string with_crc32(std::string text, std::uint32_t want) {
    const std::size_t at = text.size() - 4;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> rows;  // (CRC change, which flips give it)
    const std::uint32_t base = crc_of(text);
    for (unsigned bit = 0; bit < 32; ++bit) {
        std::string flipped = text;
        flipped[at + bit / 8] = static_cast<char>(flipped[at + bit / 8] ^ (1 << (bit % 8)));
        rows.emplace_back(crc_of(flipped) ^ base, 1u << bit);
    }
    std::uint32_t need = base ^ want, flips = 0;
    for (unsigned b = 0; b < 32; ++b) {  // Gaussian elimination, pivot on bit b of the CRC change
        const auto pivot = std::find_if(rows.begin() + b, rows.end(), [b](const auto& r) { return r.first >> b & 1u; });
        REQUIRE(pivot != rows.end());
        std::iter_swap(rows.begin() + b, pivot);
        for (std::size_t r = 0; r < rows.size(); ++r)
            if (r != b && (rows[r].first >> b & 1u)) rows[r] = {rows[r].first ^ rows[b].first, rows[r].second ^ rows[b].second};
    }
    for (unsigned b = 0; b < 32; ++b)
        if (need >> b & 1u) flips ^= rows[b].second;
    for (unsigned bit = 0; bit < 32; ++bit)
        if (flips >> bit & 1u) text[at + bit / 8] = static_cast<char>(text[at + bit / 8] ^ (1 << (bit % 8)));
    return text;
}
}  // namespace

TEST_CASE("two different months that agree on CRC-32 and length are both read", "[police]") {
    // The fingerprint only finds candidates; the SHA-256 of the contents decides.
    const std::string a = police_header + police_row("2024-03", "On or near A", "Burglary") + "#pad";
    const std::string b = with_crc32(police_header + police_row("2024-03", "On or near B", "Burglary") + "#pad", crc_of(a));
    REQUIRE(a.size() == b.size());
    REQUIRE(crc_of(a) == crc_of(b));
    REQUIRE(a != b);
    InputSpec s = police_spec();
    s.paths = {write_file("crc_twin_a.csv", a), write_file("crc_twin_b.csv", b)};
    const ReadResult r = read_inputs({s}, 2);
    CHECK(r.incidents.files.size() == 2);
    CHECK(r.incidents.size() == 2);
}

TEST_CASE("Crime IDs come back as they were read, packed or not", "[police]") {
    // Oracle: the text itself. 64 lowercase hex digits are stored as 32 bytes; one character that
    // is not a lowercase hex digit, at any of the 64 places, keeps the ID as text.
    std::mt19937 rng(16);
    const std::string hex = "0123456789abcdef";
    std::vector<std::string> ids;
    for (int k = 0; k < 50; ++k) {
        std::string id(64, '0');
        for (char& c : id) c = hex[rng() % 16];
        ids.push_back(id);
    }
    for (std::size_t at = 0; at < 64; ++at)
        for (const char odd : {'A', 'F', 'g', '/', ':', '`', ' ', '\xC3'}) {
            std::string id = ids[at % ids.size()];
            id[at] = odd;
            ids.push_back(id);
        }
    ids.insert(ids.end(), {"", "abc", std::string(63, 'a'), std::string(65, 'a'), std::string(64, 'f'), std::string(64, '9')});
    CrimeIdColumn column;
    for (const auto& id : ids) column.push_back(id);
    REQUIRE(column.size() == ids.size());
    for (std::size_t row = 0; row < ids.size(); ++row) {
        CAPTURE(row, ids[row]);
        CHECK(column.at(row) == ids[row]);
        CHECK(column.key(row).size() == (row < 50 || row >= ids.size() - 2 ? 33u : ids[row].size()));
    }
}
