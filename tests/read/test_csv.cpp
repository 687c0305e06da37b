// CsvReader: quoting, line endings, BOM, gzip, line numbers.
#include "hotspot/base/errors.hpp"
#include "hotspot/read/csv.hpp"

#include <catch2/catch.hpp>

#include <zlib.h>

#include <filesystem>
#include <fstream>

using namespace hotspot;

namespace {

std::string write_temp(const std::string& name, const std::string& content) {
    const auto path = (std::filesystem::temp_directory_path() / ("hotspot_test_" + name)).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

std::vector<std::vector<std::string>> read_all(const std::string& path, std::vector<std::uint64_t>* lines = nullptr) {
    CsvReader reader(path);
    CsvRecord r;
    std::vector<std::vector<std::string>> out;
    while (reader.next(r)) {
        out.emplace_back(r.fields.begin(), r.fields.end());
        if (lines) lines->push_back(r.line);
    }
    return out;
}

}  // namespace

TEST_CASE("a quoted field keeps its commas and doubled quotes", "[csv]") {
    const auto rows = read_all(write_temp("quotes.csv", "a,\"b, c\",\"say \"\"hi\"\"\",d\n"));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == std::vector<std::string>{"a", "b, c", "say \"hi\"", "d"});
}

TEST_CASE("a quoted field may span lines and line numbers count physical lines", "[csv]") {
    std::vector<std::uint64_t> lines;
    const auto rows = read_all(write_temp("multiline.csv", "h1,h2\n1,\"two\nlines\"\n3,4\n"), &lines);
    REQUIRE(rows.size() == 3);
    CHECK(rows[1][1] == "two\nlines");
    CHECK(lines == std::vector<std::uint64_t>{1, 2, 4});
}

TEST_CASE("CRLF endings and a UTF-8 BOM are removed", "[csv]") {
    const auto rows = read_all(write_temp("bom.csv", "\xEF\xBB\xBFx,y\r\n1,2\r\n"));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == std::vector<std::string>{"x", "y"});
    CHECK(rows[1] == std::vector<std::string>{"1", "2"});
}

TEST_CASE("empty fields, a trailing separator and a missing final newline", "[csv]") {
    const auto rows = read_all(write_temp("empty.csv", ",a,,\n\"\",b"));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == std::vector<std::string>{"", "a", "", ""});
    CHECK(rows[1] == std::vector<std::string>{"", "b"});
}

TEST_CASE("blank lines are skipped and counted", "[csv]") {
    const auto path = write_temp("blank.csv", "a\n\n\nb\n");
    CsvReader reader(path);
    CsvRecord r;
    int n = 0;
    while (reader.next(r)) ++n;
    CHECK(n == 2);
    CHECK(reader.blank_lines() == 2);
}

TEST_CASE("gzip files are read transparently", "[csv]") {
    const auto path = (std::filesystem::temp_directory_path() / "hotspot_test_gz.csv.gz").string();
    gzFile f = gzopen(path.c_str(), "wb");
    const std::string text = "x,y\n1,2\n";
    gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
    gzclose(f);
    const auto rows = read_all(path);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1][1] == "2");
}

TEST_CASE("records larger than the read buffer are reassembled", "[csv]") {
    std::string big(3 << 20, 'x');  // 3 MiB field, three times the chunk size
    const auto rows = read_all(write_temp("big.csv", "a,\"" + big + "\"\nb,c\n"));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][1].size() == big.size());
    CHECK(rows[1][1] == "c");
}

TEST_CASE("text after a closing quote is reported as malformed", "[csv]") {
    CsvReader reader(write_temp("malformed.csv", "\"a\"b,c\n"));
    CsvRecord r;
    REQUIRE(reader.next(r));
    CHECK_FALSE(r.malformed.empty());
}

TEST_CASE("a missing file is an input error naming it", "[csv]") {
    CHECK_THROWS_AS(CsvReader("/nonexistent/dir/file.csv"), InputError);
    CHECK_THROWS_WITH(CsvReader("/nonexistent/dir/file.csv"), Catch::Contains("/nonexistent/dir/file.csv"));
}
