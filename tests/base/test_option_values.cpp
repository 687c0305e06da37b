// Option values: one strict parser for every numeric flag and setting, and float-to-integer
// conversions that refuse instead of being undefined behaviour.
#include "hotspot/base/checked_conversion.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/option_values.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

using namespace hotspot;

TEST_CASE("whole numbers refuse signs, fractions, junk and overflow", "[options]") {
    const CountRange r{0, 1000000};
    CHECK(parse_count("--permutations", "999", r) == 999);
    CHECK(parse_count("--permutations", " +12 ", r) == 12);
    CHECK(parse_count("--permutations", "0", r) == 0);
    CHECK_THROWS_WITH(parse_count("--permutations", "-1", r),
                      "--permutations '-1' is not a whole number from 0 to 1000000 (it is negative)");
    CHECK_THROWS_WITH(parse_count("--permutations", "2.5", r), Catch::Contains("not written as a whole number"));
    CHECK_THROWS_WITH(parse_count("--permutations", "1e3", r), Catch::Contains("not written as a whole number"));
    CHECK_THROWS_WITH(parse_count("--permutations", "12abc", r), Catch::Contains("not a number"));
    CHECK_THROWS_WITH(parse_count("--permutations", "nan", r), Catch::Contains("not a number"));
    CHECK_THROWS_WITH(parse_count("--permutations", "inf", r), Catch::Contains("not a number"));
    CHECK_THROWS_WITH(parse_count("--permutations", "", r), Catch::Contains("it is empty"));
    CHECK_THROWS_WITH(parse_count("--permutations", "1000001", r), "--permutations '1000001' is not a whole number from 0 to 1000000");
    CHECK_THROWS_WITH(parse_count("--seed", "18446744073709551616", ranges::seed), Catch::Contains("too large"));
    CHECK(parse_count("--seed", "18446744073709551615", ranges::seed) == std::numeric_limits<std::uint64_t>::max());
    CHECK_THROWS_AS(parse_count("x", "-0", r), ConfigError);
}

TEST_CASE("an int setting never wraps: 4294967296 is not 0", "[options]") {
    CHECK(parse_small_count("setting output.min_zoom =", "9", ranges::zoom) == 9);
    CHECK_THROWS_WITH(parse_small_count("setting output.min_zoom =", "4294967296", ranges::zoom),
                      "setting output.min_zoom = '4294967296' is not a whole number from 0 to 22");
    CHECK_THROWS_AS(parse_small_count("x", "1", ranges::seed), std::logic_error);
}

TEST_CASE("real values are finite and in range, ends open or closed", "[options]") {
    CHECK(parse_real("--bandwidth", "200", ranges::distance_m) == 200);
    CHECK(parse_real("--bandwidth", "1e7", ranges::distance_m) == 1e7);
    CHECK_THROWS_WITH(parse_real("--bandwidth", "0", ranges::distance_m), "--bandwidth '0' is not a number > 0 and <= 10000000");
    CHECK_THROWS_WITH(parse_real("--bandwidth", "1e300", ranges::distance_m), "--bandwidth '1e300' is not a number > 0 and <= 10000000");
    CHECK_THROWS_WITH(parse_real("--bandwidth", "inf", ranges::distance_m), Catch::Contains("(it is not a finite number)"));
    CHECK_THROWS_WITH(parse_real("--bandwidth", "NaN", ranges::distance_m), Catch::Contains("(it is not a finite number)"));
    CHECK_THROWS_WITH(parse_real("--bandwidth", "1e999", ranges::distance_m), Catch::Contains("beyond the range of numbers"));
    CHECK_THROWS_WITH(parse_real("--bandwidth", "200m", ranges::distance_m), Catch::Contains("(it is not a number)"));
    CHECK_THROWS_WITH(parse_real("--bandwidth", " ", ranges::distance_m), Catch::Contains("(it is empty)"));
    CHECK_THROWS_WITH(parse_real("--cell", "1e-300", ranges::cell_m), "--cell '1e-300' is not a number >= 0.001 and <= 1000000");
    CHECK(parse_real("--separation", "0", ranges::distance_or_zero_m) == 0);
    CHECK_THROWS_AS(parse_real("--alpha", "1", ranges::probability_open), ConfigError);
    CHECK(describe(ranges::percent_open) == "a number > 0 and < 100");
    CHECK(describe(ranges::zoom) == "a whole number from 0 to 22");
}

TEST_CASE("float-to-integer conversions refuse what the integer cannot hold", "[options]") {
    CHECK(ceil_to<std::size_t>(2.1) == 3u);
    CHECK(floor_to<std::int64_t>(-2.1) == -3);
    CHECK(trunc_to<int>(-2.9) == -2);
    CHECK_FALSE(ceil_to<std::size_t>(1e300));
    CHECK_FALSE(floor_to<std::size_t>(-1.0));
    CHECK_FALSE(floor_to<int>(std::numeric_limits<double>::infinity()));
    CHECK_FALSE(floor_to<int>(std::numeric_limits<double>::quiet_NaN()));
    CHECK(whole_to<int>(2147483647.0) == 2147483647);
    CHECK_FALSE(whole_to<int>(2147483648.0));
    CHECK(whole_to<int>(-2147483648.0) == std::numeric_limits<int>::min());
    CHECK_FALSE(whole_to<std::uint64_t>(18446744073709551616.0));
}
