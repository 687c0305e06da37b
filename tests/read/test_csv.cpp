// CsvReader: quoting, line endings, BOM, gzip, line numbers.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"

#include <catch2/catch.hpp>

#include <zlib.h>

#include <filesystem>
#include <algorithm>
#include <random>
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

// --- issue 9: a quote problem costs one line; line ends; gzip faults; line accounting.
namespace {

// Lines as a person counts them (LF, CRLF, lone CR), independent of the reader.
std::uint64_t count_lines(const std::string& text) {
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++n;
    if (!text.empty() && text.back() != '\n' && text.back() != '\r') ++n;
    return n;
}

struct ReadAll {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::uint64_t> lines;
    std::vector<std::string> malformed;
    std::uint64_t physical = 0, blank = 0, continuation = 0;
};

ReadAll read_with(const std::string& path, RecordSpan span, char separator = ',') {
    CsvReader reader(path, separator, span);
    CsvRecord r;
    ReadAll out;
    while (reader.next(r)) {
        out.rows.emplace_back(r.fields.begin(), r.fields.end());
        out.lines.push_back(r.line);
        out.malformed.push_back(r.malformed);
    }
    out.physical = reader.physical_lines();
    out.blank = reader.blank_lines();
    out.continuation = reader.continuation_lines();
    return out;
}

std::string gzip_bytes(const std::string& text) {
    const auto path = (std::filesystem::temp_directory_path() / "hotspot_test_gzip_bytes.gz").string();
    gzFile f = gzopen(path.c_str(), "wb");
    gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
    gzclose(f);
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("police.uk mode: an unclosed quote costs its own line only", "[csv]") {
    const std::string text = "a,b,c\n1,\"On or near Brook Way,3\n4,5,6\n7,On or near 5\" Lane,9\n10,11,12\n";
    const auto r = read_with(write_temp("stray_line.csv", text), RecordSpan::line);
    REQUIRE(r.rows.size() == 5);
    CHECK(r.lines == std::vector<std::uint64_t>{1, 2, 3, 4, 5});
    CHECK_FALSE(r.malformed[1].empty());
    CHECK(r.malformed[2].empty());
    CHECK_FALSE(r.malformed[3].empty());
    CHECK(r.rows[4] == std::vector<std::string>{"10", "11", "12"});
    CHECK(r.physical == count_lines(text));
}

TEST_CASE("generic mode: a multi-line field is kept, an unbalanced quote recovers at the next line", "[csv]") {
    const std::string text = "a,b,c\n1,\"two\nlines\",3\n4,\"never closed,6\n7,8,9\n10,11,12\n";
    const auto r = read_with(write_temp("stray_multi.csv", text), RecordSpan::quoted_lines);
    REQUIRE(r.rows.size() == 5);
    CHECK(r.rows[1] == std::vector<std::string>{"1", "two\nlines", "3"});
    CHECK(r.lines == std::vector<std::uint64_t>{1, 2, 4, 5, 6});
    CHECK_FALSE(r.malformed[2].empty());
    CHECK(r.rows[3] == std::vector<std::string>{"7", "8", "9"});
    CHECK(r.continuation == 1);
    CHECK(r.physical == count_lines(text));
    CHECK(r.physical == r.rows.size() + r.blank + r.continuation);
}

TEST_CASE("generic mode: quotes that balance lines later but give the wrong field count cost one line", "[csv]") {
    // The quote opened on line 2 closes on line 4, but the three lines joined hold 4 fields,
    // not 3: line 2 alone is rejected and lines 3 and 4 are read again (line 4's own quote is
    // then never closed, so it is rejected too).
    const std::string text = "a,b,c\n1,\"open,3\n4,5,6\n7,8\",9,10\n";
    const auto r = read_with(write_temp("stray_count.csv", text), RecordSpan::quoted_lines);
    REQUIRE(r.rows.size() == 4);
    CHECK(r.lines == std::vector<std::uint64_t>{1, 2, 3, 4});
    CHECK_THAT(r.malformed[1], Catch::Matchers::Contains("4 fields where the header has 3"));
    CHECK(r.rows[2] == std::vector<std::string>{"4", "5", "6"});
    CHECK_FALSE(r.malformed[3].empty());
    CHECK(r.continuation == 0);
    CHECK(r.physical == count_lines(text));
}

TEST_CASE("line counting holds over long stretches of line ends (its counters are emptied before they wrap)", "[csv]") {
    // 40,000 blank lines in a row: every byte of each 16-byte step is an LF, the most a
    // byte-wide counter can be asked to hold; then random lines, some long, some blank.
    std::string text = "a,b\n" + std::string(40000, '\n');
    std::mt19937 rng(7);
    for (int k = 0; k < 20000; ++k) {
        text += std::string(rng() % 3 == 0 ? 0 : 1 + rng() % 90, 'x');
        text += rng() % 50 == 0 ? "\r\n" : "\n";
    }
    const auto r = read_with(write_temp("many_lines.csv", text), RecordSpan::line);
    CHECK(r.physical == count_lines(text));
    CHECK(r.physical == r.rows.size() + r.blank);
}

TEST_CASE("lone CR, CRLF and LF each end a line, mixed in one file", "[csv]") {
    const std::string text = "x,y\r1,2\r\n3,4\n\r5,6\r";
    const auto r = read_with(write_temp("cr.csv", text), RecordSpan::line);
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[1] == std::vector<std::string>{"1", "2"});
    CHECK(r.rows[3] == std::vector<std::string>{"5", "6"});
    CHECK(r.lines == std::vector<std::uint64_t>{1, 2, 3, 5});
    CHECK(r.blank == 1);
    CHECK(r.physical == count_lines(text));
}

TEST_CASE("a CRLF cut between two reads is one line end", "[csv]") {
    std::string text = "h\n";
    while (text.size() < (1u << 20) - 1) text += "abcdefghi\n";
    text.resize((1u << 20) - 1);
    text += "\r\nlast\r\n";
    const auto r = read_with(write_temp("crlf_cut.csv", text), RecordSpan::line);
    CHECK(r.physical == count_lines(text));
    CHECK(r.physical == r.rows.size() + r.blank);
    CHECK(r.rows.back() == std::vector<std::string>{"last"});
}

TEST_CASE("a truncated gzip file is an input error naming the file", "[csv]") {
    std::string text = "x,y\n";
    for (int i = 0; i < 5000; ++i) text += std::to_string(i) + "," + std::to_string(i * 7) + "\n";
    const std::string gz = gzip_bytes(text);
    const auto path = write_temp("truncated.csv.gz", gz.substr(0, gz.size() / 2));
    CHECK_THROWS_AS(read_with(path, RecordSpan::line), InputError);
    CHECK_THROWS_WITH(read_with(path, RecordSpan::line), Catch::Matchers::Contains("truncated.csv.gz") &&
                                                                           Catch::Matchers::Contains("truncated"));
    // Cut inside the 8-byte trailer: every data byte is there, the end marker is not.
    CHECK_THROWS_AS(read_with(write_temp("trailer.csv.gz", gz.substr(0, gz.size() - 3)), RecordSpan::line), InputError);
}

TEST_CASE("text appended to a gzip stream is an input error; two members are one stream", "[csv]") {
    const std::string gz = gzip_bytes("x,y\n1,2\n");
    CHECK_THROWS_AS(read_with(write_temp("appended.csv.gz", gz + "3,4\n"), RecordSpan::line), InputError);
    CHECK_THROWS_WITH(read_with(write_temp("appended.csv.gz", gz + "3,4\n"), RecordSpan::line), Catch::Matchers::Contains("appended.csv.gz") && Catch::Matchers::Contains("follows the end"));
    const auto two = read_with(write_temp("members.csv.gz", gz + gzip_bytes("3,4\n")), RecordSpan::line);
    CHECK(two.rows.size() == 3);
}

TEST_CASE("a file's content fingerprint and checksum are those of its decompressed bytes", "[csv]") {
    // Oracles: zlib's crc32 and the SHA-256 of the text itself; plain, one gzip member, two members.
    const std::string text = "x,y\n1,2\n3,4\n";
    const auto zlib_crc = static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size())));
    for (const std::string& path : {write_temp("content.csv", text), write_temp("content.csv.gz", gzip_bytes(text)),
                                    write_temp("content2.csv.gz", gzip_bytes("x,y\n1,2\n") + gzip_bytes("3,4\n"))}) {
        CAPTURE(path);
        CsvReader reader(path);
        CsvRecord r;
        while (reader.next(r)) {
        }
        CHECK(reader.content_fingerprint().crc32 == zlib_crc);
        CHECK(reader.content_fingerprint().bytes == text.size());
        CHECK(content_sha256(path) == sha256_hex(text));
    }
    CHECK(content_sha256(write_temp("content.csv", text)) == sha256_file(write_temp("content.csv", text)));
}

TEST_CASE("random unquoted text: fields and lines as a plain split gives them, on every path", "[csv]") {
    // Oracle: split the text at LF / CRLF / lone CR, skip empty lines, split each line at the
    // separator. Lines of 0 to 70 bytes cross the reader's 16-byte scan blocks at every offset;
    // CR line ends and blank lines send some lines down the general path.
    std::mt19937 rng(20261202);
    const std::string alphabet = "ab ,,;\t";
    for (int trial = 0; trial < 300; ++trial) {
        std::string text;
        const int n_lines = 1 + static_cast<int>(rng() % 40);
        for (int l = 0; l < n_lines; ++l) {
            const auto len = rng() % 71;
            for (unsigned k = 0; k < len; ++k) text += alphabet[rng() % alphabet.size()];
            const auto ending = rng() % 10;
            text += ending == 0 ? "\r\n" : ending == 1 ? "\r" : "\n";
        }
        if (rng() % 4 == 0) text.pop_back();  // a last line without its ending (or a CRLF cut to CR)
        std::vector<std::vector<std::string>> expected;
        std::vector<std::uint64_t> expected_lines;
        std::uint64_t line = 1;
        for (std::size_t i = 0; i < text.size();) {
            std::size_t e = i;
            while (e < text.size() && text[e] != '\n' && text[e] != '\r') ++e;
            if (e > i) {
                std::vector<std::string> fields(1);
                for (std::size_t k = i; k < e; ++k) {
                    if (text[k] == ',') fields.emplace_back();
                    else fields.back() += text[k];
                }
                expected.push_back(fields);
                expected_lines.push_back(line);
            }
            ++line;
            i = e + (e + 1 < text.size() && text[e] == '\r' && text[e + 1] == '\n' ? 2 : 1);
        }
        for (const RecordSpan span : {RecordSpan::line, RecordSpan::quoted_lines}) {
            const auto r = read_with(write_temp("random_plain.csv", text), span);
            CAPTURE(trial, text);
            CHECK(r.rows == expected);
            CHECK(r.lines == expected_lines);
            CHECK(r.physical == count_lines(text));
        }
    }
}

TEST_CASE("a record is marked printable ASCII exactly when every byte of it is 0x20-0x7F", "[csv]") {
    // Bytes at every offset from a 16-byte step: control characters, DEL, UTF-8 and stray high
    // bytes among letters and separators.
    const std::string alphabet = std::string("abcXYZ09 ,,") + '\x01' + '\t' + '\x7F' + '\x80' + '\xC3' + '\xA9' + '\xFF';
    std::mt19937 rng(3);
    std::string text;
    for (int line = 0; line < 3000; ++line) {
        const std::size_t n = 1 + rng() % 70;
        for (std::size_t k = 0; k < n; ++k) text += rng() % 8 == 0 ? alphabet[rng() % alphabet.size()] : 'a' + static_cast<char>(rng() % 26);
        text += '\n';
    }
    const std::string path = write_temp("printable.csv", text);
    CsvReader reader(path, ',', RecordSpan::line);
    CsvRecord r;
    std::size_t records = 0, marked = 0, wrong = 0;
    while (reader.next(r)) {
        const bool printable = std::all_of(r.raw.begin(), r.raw.end(), [](char c) {
            return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) <= 0x7F;
        });
        wrong += r.printable_ascii != printable;
        marked += r.printable_ascii;
        ++records;
    }
    CHECK(records == 3000);
    CHECK(wrong == 0);
    CHECK(marked > 500);
    CHECK(marked < 2900);
}
