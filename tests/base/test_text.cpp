// Strict number parsing, slugs and SHA-256 (FIPS 180-4 test vectors).
#include "hotspot/base/sha256_detail.hpp"
#include "hotspot/base/text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>

using namespace hotspot;

TEST_CASE("numbers parse only when the whole field is a finite number", "[text]") {
    CHECK(parse_finite_double(" -2.977 ") == -2.977);
    CHECK(parse_finite_double("+1.5") == 1.5);
    CHECK_FALSE(parse_finite_double("-1.2x3"));
    CHECK_FALSE(parse_finite_double("NaN"));
    CHECK_FALSE(parse_finite_double("inf"));
    CHECK_FALSE(parse_finite_double(""));
    CHECK_FALSE(parse_finite_double("1,234"));
}

TEST_CASE("slugs are safe column names", "[text]") {
    CHECK(slug("Anti-social behaviour") == "anti_social_behaviour");
    CHECK(slug("Violence and sexual offences") == "violence_and_sexual_offences");
    CHECK(slug("2nd hand") == "c_2nd_hand");
    CHECK(slug("") == "blank");
}

TEST_CASE("SHA-256 matches the published test vectors", "[text]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256: the CPU's SHA instructions and the portable rounds agree, whole or in pieces", "[text][sha256]") {
    // Oracle: the portable FIPS 180-4 rounds (checked against the published vectors above and
    // here). Lengths around the 55/56/64-byte padding edges and odd piece sizes.
    CHECK(detail::sha256_hex_portable("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(detail::sha256_hex_portable(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    WARN("SHA-256 uses the CPU's SHA instructions: " << (detail::sha256_uses_cpu_extensions() ? "yes" : "no (both sides portable)"));
    std::uint64_t seed = 20261201;
    const auto next = [&seed] {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(seed >> 33);
    };
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t size = trial < 130 ? static_cast<std::size_t>(trial) : next() % 20000;
        std::string data(size, '\0');
        for (auto& c : data) c = static_cast<char>(next() & 0xFF);
        const std::string want = detail::sha256_hex_portable(data);
        CHECK(sha256_hex(data) == want);
        Sha256Stream pieces;
        for (std::size_t at = 0; at < size;) {
            const std::size_t take = std::min<std::size_t>(size - at, next() % 200);
            pieces.update(data.data() + at, take);
            at += take;
        }
        CHECK(pieces.hex_digest() == want);
    }
}

TEST_CASE("text that no output can hold is found and escaped", "[text]") {
    using namespace std::string_literals;
    CHECK(find_invalid_text("Anti-social behaviour, caf\xC3\xA9\t\r\n") == std::string_view::npos);
    CHECK(find_invalid_text("Bur\0glary"s) == 3);
    CHECK(find_invalid_text("caf\xE9") == 3);            // Latin-1, not UTF-8
    CHECK(find_invalid_text("\xC0\xAF") == 0);           // overlong '/'
    CHECK(find_invalid_text("a\xED\xA0\x80") == 1);      // a surrogate
    CHECK(find_invalid_text("\xF4\x90\x80\x80") == 0);   // above U+10FFFF
    CHECK(find_invalid_text("ab\xE2\x82") == 2);         // cut short
    CHECK(find_invalid_text("bell\x07") == 4);
    CHECK(escape_invalid_text("Bur\0gl\xE9ry"s) == "Bur\\x00gl\\xE9ry");
    CHECK(escape_invalid_text("plain") == "plain");
    CHECK(quote_value("x\0y"s) == "'x\\x00y'");
}

TEST_CASE("edit distance counts single-byte edits, ignoring case", "[text]") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);       // k->s, e->i, +g
    CHECK(edit_distance("flaw", "lawn") == 2);            // -f, +n
    CHECK(edit_distance("Ashcomb", "Ashcombe") == 1);     // +e
    CHECK(edit_distance("BURGLARY", "burglary") == 0);    // case ignored
    CHECK(edit_distance("Anti social behavior", "Anti-social behaviour") == 2);  // ' '->'-', +u
    CHECK(edit_distance("Drugs", "Arson") == 4);          // only the r lines up: four substitutions
    CHECK(edit_distance("ab", "ba") == 2);                // a transposition is two edits
}

TEST_CASE("closest names are the nearest few within a third of the word", "[text]") {
    const std::vector<std::string> cats = {"Anti-social behaviour", "Bicycle theft", "Burglary", "Drugs", "Other theft", "Shoplifting"};
    CHECK(closest_names("Anti social behavior", cats) == std::vector<std::string>{"Anti-social behaviour"});
    CHECK(closest_names("burglery", cats) == std::vector<std::string>{"Burglary"});
    CHECK(closest_names("Robbery", cats).empty());
    CHECK(closest_names("theft", {"Thefts", "Theft1", "Thief", "Theft12", "Other"}) == std::vector<std::string>{"Theft1", "Thefts", "Theft12"});
    CHECK(closest_suffix({"A", "B"}) == "; closest: 'A', 'B'");
    CHECK(closest_suffix({}).empty());
}

TEST_CASE("numbers for people keep 3 significant digits, whole digits and no exponent", "[text]") {
    CHECK(format_significant(21.6387, 3) == "21.6");
    CHECK(format_significant(0.0969527, 3) == "0.0970");
    CHECK(format_significant(0.000880986, 3) == "0.000881");
    CHECK(format_significant(155.16205054535436, 3) == "155");
    CHECK(format_significant(1234.6, 3) == "1235");  // whole digits are never cut to 1.23e+03
    CHECK(format_significant(9.96, 3) == "9.96");
    CHECK(format_significant(9.996, 3) == "10.0");    // rounding up adds a digit: one decimal fewer
    CHECK(format_significant(99.96, 3) == "100");
    CHECK(format_significant(-0.123456, 3) == "-0.123");
    CHECK(format_significant(0, 3) == "0");
}

TEST_CASE("long decimals in text for people are rounded to 3 significant digits; codes, dates and short decimals stay", "[text]") {
    CHECK(round_long_decimals("11108 cells of 155.16205054535436 m (cells)") == "11108 cells of 155 m (cells)");
    CHECK(round_long_decimals("distance band 498.1801370417465 m") == "distance band 498 m");
    CHECK(round_long_decimals("p = 0.000881234") == "p = 0.000881");
    CHECK(round_long_decimals("E01006457 in 2024-03, 12.5 %, 3.141 x") == "E01006457 in 2024-03, 12.5 %, 3.141 x");
    CHECK(round_long_decimals("ratio 1.17000 and 2.99999") == "ratio 1.17 and 3.00");
    // A fraction short of 1 keeps the digits that show it (a Spearman rho of 0.9995 is not 1.00).
    CHECK(round_long_decimals("rho 0.9995 and -0.99996, p 0.99951, q 0.99949") == "rho 0.9995 and -0.99996, p 0.9995, q 0.999");
    CHECK(format_significant_below_one(0.99999999, 3) == "0.99999999");
    CHECK(format_significant_below_one(0.5, 3) == "0.500");
    CHECK(round_long_decimals("") == "");
}

TEST_CASE("find_invalid_text finds a bad byte at any offset of a long field", "[text]") {
    // The eight-byte ASCII scan must hand over to the character check wherever the byte falls.
    for (std::size_t at = 0; at < 24; ++at) {
        CAPTURE(at);
        for (const char bad : {'\x01', '\x1F', '\xFF', '\xC0'}) {
            std::string s(24, 'a');
            s[at] = bad;
            CHECK(find_invalid_text(s) == at);
        }
        std::string ok(24, 'a');
        ok.replace(at, 2, "\xC3\xA9");  // é: two valid bytes
        CHECK(find_invalid_text(ok.substr(0, 24)) == (at == 23 ? 23u : std::string_view::npos));
        std::string tab(24, 'a');
        tab[at] = '\t';
        CHECK(find_invalid_text(tab) == std::string_view::npos);
    }
}
