// Months, quarters, financial years (April-March) and period parsing.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

TEST_CASE("financial years run April to March", "[periods]") {
    CHECK(financial_year_label(month_index(2024, 3)) == "2023/24");
    CHECK(financial_year_label(month_index(2024, 4)) == "2024/25");
    CHECK(financial_year_label(month_index(1999, 12)) == "1999/00");
    CHECK(quarter_label(month_index(2024, 6)) == "2024-Q2");
    CHECK(month_label(month_index(2024, 1)) == "2024-01");
}

TEST_CASE("periods parse in every documented form", "[periods]") {
    const Period fy = parse_period("2023/24");
    CHECK(fy.first == month_index(2023, 4));
    CHECK(fy.last == month_index(2024, 3));
    CHECK(parse_period("FY2023/24").first == fy.first);
    CHECK(parse_period("2024-Q3").first == month_index(2024, 7));
    CHECK(parse_period("2024-Q3").months() == 3);
    CHECK(parse_period("2024").months() == 12);
    CHECK(parse_period("2024-03").months() == 1);
    const Period range = parse_period("2023-11..2024-02");
    CHECK(range.first == month_index(2023, 11));
    CHECK(range.months() == 4);
}

TEST_CASE("bad periods are configuration errors", "[periods]") {
    CHECK_THROWS_AS(parse_period("2023/25"), ConfigError);
    CHECK_THROWS_AS(parse_period("2024-Q5"), ConfigError);
    CHECK_THROWS_AS(parse_period("last year"), ConfigError);
    CHECK_THROWS_AS(parse_period("2024-05..2024-01"), ConfigError);
}

TEST_CASE("police.uk months must be exactly YYYY-MM", "[periods]") {
    CHECK(parse_year_month("2024-12") == month_index(2024, 12));
    CHECK_FALSE(parse_year_month("2023-13"));
    CHECK_FALSE(parse_year_month("2023-1"));
    CHECK_FALSE(parse_year_month("2023-01-05"));
}

TEST_CASE("dates are British day-first and impossible days are refused", "[periods]") {
    std::string why;
    CHECK(parse_date_month("03/04/2024", "auto", &why) == month_index(2024, 4));
    CHECK(parse_date_month("2024-04-03T10:00:00", "auto", &why) == month_index(2024, 4));
    CHECK(parse_date_month("29/02/2024", "DD/MM/YYYY", &why) == month_index(2024, 2));
    CHECK_FALSE(parse_date_month("29/02/2023", "DD/MM/YYYY", &why));
    CHECK_THAT(why, Catch::Contains("29"));
    CHECK_FALSE(parse_date_month("31/02/2024", "auto", &why));
    CHECK_FALSE(parse_date_month("", "auto", &why));
}

// Oracle: Python's (datetime.date(y, m, d) - datetime.date(1970, 1, 1)).days.
TEST_CASE("dates with a day give days since 1970-01-01; month-only formats give unknown_day", "[periods]") {
    std::string why;
    CHECK(parse_date_day("2016-01-05", "auto", &why)->day == 16805);
    CHECK(parse_date_day("2015-12-31T23:59", "auto", &why)->day == 16800);
    CHECK(parse_date_day("29/02/2024", "auto", &why)->day == 19782);
    CHECK(parse_date_day("2000/03/01", "YYYY/MM/DD", &why)->day == 11017);
    CHECK(parse_date_day("1969-12-31", "auto", &why)->day == -1);
    CHECK(parse_date_day("2016-01-05", "auto", &why)->month == month_index(2016, 1));
    CHECK(parse_date_day("2024-03", "auto", &why)->day == unknown_day);
    CHECK(parse_date_day("03/2024", "MM/YYYY", &why)->day == unknown_day);
    CHECK_FALSE(parse_date_day("31/02/2024", "auto", &why));
    CHECK(day_label(16805) == "2016-01-05");
    CHECK(day_label(-1) == "1969-12-31");
    CHECK(day_index(2024, 2, 29) == 19782);
}
