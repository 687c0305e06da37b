// Area measures on a small table whose every number is worked out by hand below.
#include "hotspot/base/errors.hpp"
#include "hotspot/measure/measures.hpp"
#include "planted_incidents.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

namespace {

// Areas A (pop 1000), B (pop 2000), C (pop 500). Incidents:
//   A: 2023-05 ASB x2, 2024-06 ASB x3, 2024-07 Burglary x1      -> 6
//   B: 2023-05 Burglary x4, 2024-05 Burglary x4                 -> 8
//   C: 2024-05 ASB x2                                           -> 2
//   outside every area: 2024-01 ASB x1
struct Fixture : test::PlantedRows {
    AreaLayer layer = test::three_areas(1000.0, 2000.0, 500.0);
    Fixture() {
        weight = 1.5;
        add(2, 2023, 5, "Anti-social behaviour", 0);
        add(3, 2024, 6, "Anti-social behaviour", 0);
        add(1, 2024, 7, "Burglary", 0);
        add(4, 2023, 5, "Burglary", 1);
        add(4, 2024, 5, "Burglary", 1);
        add(2, 2024, 5, "Anti-social behaviour", 2);
        add(1, 2024, 1, "Anti-social behaviour", -1);
    }
    MeasureOptions options() const {
        MeasureOptions o;
        o.base = parse_period("2023-05");
        o.current = parse_period("2024-05..2024-07");
        o.headline.all_months = true;  // these cases count every month; test_headline_period.cpp the rest
        return o;
    }
};

}  // namespace

TEST_CASE("counts, shares, rates, location quotients and ranks", "[measures]") {
    Fixture f;
    const AreaMeasures m = measure_areas(f.layer, f.area, f.t, f.options());
    CHECK(m.count == std::vector<std::uint64_t>{6, 8, 2});
    CHECK(m.city_count == 16);
    CHECK(m.outside == 1);
    CHECK(m.weighted[0] == Approx(9.0));
    CHECK(m.share_pct[0] == Approx(37.5));
    CHECK(m.share_pct[1] == Approx(50.0));
    // 15 months (2023-05..2024-07), so per year is x 12/15: A 6 per 1,000 -> 4.8.
    CHECK(m.headline_period->months() == 15);
    CHECK(*m.rate_per_1000[0] == Approx(4.8));
    CHECK(*m.rate_per_1000[1] == Approx(3.2));
    CHECK(*m.city_rate_per_1000 == Approx(16.0 / 3500.0 * 1000.0 * 0.8));
    CHECK(m.lq_basis == "residents");
    CHECK(*m.lq[0] == Approx(6.0 / (16.0 / 3.5)));  // 1.3125
    CHECK(*m.lq[2] == Approx(0.875));
    CHECK(m.rank == std::vector<std::uint32_t>{2, 1, 3});
    CHECK(*m.rank_rate[0] == 1);
    CHECK(*m.rank_rate[1] == 2);
    CHECK(*m.rank_rate[2] == 2);  // B and C tie at 3.2 per 1,000 per year
}

TEST_CASE("categories are columns, biggest first", "[measures]") {
    Fixture f;
    const AreaMeasures m = measure_areas(f.layer, f.area, f.t, f.options());
    REQUIRE(m.categories == std::vector<std::string>{"Burglary", "Anti-social behaviour"});  // 9 vs 8
    CHECK(m.by_category[0] == std::vector<std::uint64_t>{1, 8, 0});
    CHECK(m.by_category[1] == std::vector<std::uint64_t>{5, 0, 2});
}

TEST_CASE("change between two periods with up, down and level", "[measures]") {
    Fixture f;
    const AreaMeasures m = measure_areas(f.layer, f.area, f.t, f.options());
    CHECK(m.base_count == std::vector<std::uint64_t>{2, 4, 0});
    CHECK(m.current_count == std::vector<std::uint64_t>{4, 4, 2});
    CHECK(*m.change_abs[0] == 2.0);
    CHECK(*m.change_pct[0] == Approx(100.0));
    CHECK(m.direction == std::vector<std::string>{"up", "level", "up"});
    CHECK_FALSE(m.change_pct[2]);  // from zero: no percentage
}

TEST_CASE("headline measures can count chosen categories only", "[measures]") {
    Fixture f;
    MeasureOptions o = f.options();
    o.categories = {"Anti-social behaviour"};
    const AreaMeasures m = measure_areas(f.layer, f.area, f.t, o);
    CHECK(m.count == std::vector<std::uint64_t>{5, 0, 2});
    CHECK(m.outside == 1);
    CHECK(m.base_count == std::vector<std::uint64_t>{2, 0, 0});
    CHECK(m.direction[1] == "level");
    o.categories = {"Shoplifting"};
    CHECK_THROWS_AS(measure_areas(f.layer, f.area, f.t, o), ConfigError);
}

TEST_CASE("a period the data does not cover is refused", "[measures]") {
    Fixture f;
    MeasureOptions o;
    o.base = parse_period("2023/24");
    o.current = parse_period("2024/25");  // the data ends in 2024-07
    CHECK_THROWS_AS(measure_areas(f.layer, f.area, f.t, o), ConfigError);
}

TEST_CASE("period table counts financial years and says how many months had data", "[measures]") {
    Fixture f;
    const AreaMeasures m = measure_areas(f.layer, f.area, f.t, f.options());
    int checked = 0;
    for (const auto& row : m.periods) {
        if (row.period_type != "financial_year" || row.area != 0 || row.category != "All") continue;
        if (row.period == "2023/24") {
            CHECK(row.count == 2);
            CHECK(row.months_with_data == 11);  // data starts 2023-05
            CHECK(*row.rate_per_1000 == Approx(2.0));
        } else {
            CHECK(row.period == "2024/25");
            CHECK(row.count == 4);
            CHECK(row.months_with_data == 4);  // data ends 2024-07
        }
        ++checked;
    }
    CHECK(checked == 2);
}

TEST_CASE("default comparison: the two latest complete financial years", "[measures]") {
    auto d = default_change_periods(month_index(2022, 10), month_index(2025, 9));
    REQUIRE(d);
    CHECK(d->first.label == "2023/24");
    CHECK(d->second.label == "2024/25");
    d = default_change_periods(month_index(2023, 1), month_index(2024, 12));  // one complete FY only
    REQUIRE(d);
    CHECK(d->second.first == month_index(2024, 1));
    CHECK(d->first.first == month_index(2023, 1));
    CHECK_FALSE(default_change_periods(month_index(2024, 1), month_index(2024, 12)));
}

TEST_CASE("competition ranking shares the lowest rank among ties", "[measures]") {
    CHECK(competition_rank({5, 9, 5, 1}) == std::vector<std::uint32_t>{2, 1, 2, 4});
}
