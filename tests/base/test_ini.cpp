// The INI dialect: what editors save is read; what would be silently merged or lost is refused
// with the file and line.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/ini.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

TEST_CASE("sections and keys, with comments, BOM and any line ends", "[ini]") {
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        const std::string text = "\xEF\xBB\xBF# head" + eol + "[analysis]" + eol + "threads = 2  # two" + eol + "; note" + eol + eol +
                                 "[input.police]" + eol + "path = a; b" + eol + "empty =" + eol;
        const auto s = parse_ini(text, "f.ini");
        REQUIRE(s.size() == 2);
        CHECK(s[0].name == "analysis");
        CHECK(s[0].line == 2);
        REQUIRE(s[0].entries.size() == 1);
        CHECK(s[0].entries[0].key == "threads");
        CHECK(s[0].entries[0].value == "2");
        CHECK(s[0].entries[0].line == 3);
        CHECK(s[1].entries[0].value == "a; b");
        CHECK(s[1].entries[1].value.empty());
    }
}

TEST_CASE("what would be silently merged or lost is refused with the line", "[ini]") {
    CHECK_THROWS_WITH(parse_ini("[input.police]\npath = a\npath = b\n", "f.ini"),
                      "f.ini:3: key 'path' is given twice in [input.police] (first on line 2): keep one");
    CHECK_THROWS_WITH(parse_ini("[analysis]\n[output]\n[analysis]\n", "f.ini"),
                      "f.ini:3: section [analysis] is given twice (first on line 1): keep one");
    CHECK_THROWS_WITH(parse_ini("threads = 2\n[analysis]\n", "f.ini"), "f.ini:1: key 'threads' is outside any [section]");
    CHECK_THROWS_WITH(parse_ini("[analysis]\nthreads\n", "f.ini"), Catch::StartsWith("f.ini:2: expected [section] or key = value"));
    CHECK_THROWS_WITH(parse_ini("[analysis\n", "f.ini"), Catch::Contains("does not end with ']'"));
    CHECK_THROWS_WITH(parse_ini("[ ]\n", "f.ini"), Catch::Contains("without a name"));
    CHECK_THROWS_WITH(parse_ini("[a]\n= 3\n", "f.ini"), Catch::Contains("a value without a key"));
    CHECK_THROWS_WITH(parse_ini(std::string("\xFF\xFE[\0a\0]\0", 8), "f.ini"), Catch::Contains("UTF-16"));
    CHECK_THROWS_WITH(parse_ini(std::string("[a]\nk = v\0w\n", 12), "f.ini"), Catch::Contains("f.ini:2: the line holds a NUL byte"));
}
