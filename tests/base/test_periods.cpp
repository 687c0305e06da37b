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
