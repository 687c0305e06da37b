// The headline measures cover one stated period. Incidents are planted across 30 months and
// every expected number is worked out by hand in the comments.
#include "hotspot/base/errors.hpp"
#include "hotspot/measure/measures.hpp"
#include "planted_incidents.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

namespace {

// Areas A (1,000 residents), B (2,000), C (500). Data 2023-01..2025-06 (30 months), so the
// default comparison is 2023/24 -> 2024/25 and the headline period 2024/25.
//   A: 2023-01 ASB x5, 2024-04 ASB x3, 2025-03 Burglary x2, 2025-06 ASB x4  -> 2024/25: 5, all: 14
//   B: 2023-06 ASB x1, 2024-10 Burglary x6                                  -> 2024/25: 6, all: 7
//   C: 2025-01 ASB x1                                                       -> 2024/25: 1, all: 1
//   in no area: 2024-05 ASB x2 (2024/25), 2023-02 ASB x1
struct Planted : test::PlantedRows {
    AreaLayer layer = test::three_areas(1000.0, 2000.0, 500.0);
    Planted() {
        weight = 0.5;
        add(5, 2023, 1, "Anti-social behaviour", 0);
        add(3, 2024, 4, "Anti-social behaviour", 0);
        add(2, 2025, 3, "Burglary", 0);
        add(4, 2025, 6, "Anti-social behaviour", 0);
        add(1, 2023, 6, "Anti-social behaviour", 1);
        add(6, 2024, 10, "Burglary", 1);
        add(1, 2025, 1, "Anti-social behaviour", 2);
        add(2, 2024, 5, "Anti-social behaviour", -1);
        add(1, 2023, 2, "Anti-social behaviour", -1);
    }
    AreaMeasures measure(const MeasureOptions& o = {}) const { return measure_areas(layer, area, t, o); }
};

}  // namespace

TEST_CASE("headline measures default to the current period of the comparison", "[measures][headline]") {
    const Planted p;
    const AreaMeasures m = p.measure();
    REQUIRE(m.current);
    CHECK(m.current->label == "2024/25");
    REQUIRE(m.headline_period);
    CHECK(m.headline_period->label == "2024/25");
    CHECK(m.headline_label() == "2024/25 (Apr 2024-Mar 2025, 12 months)");
    CHECK(m.headline_basis == "the current period of the comparison");
    CHECK(m.count == std::vector<std::uint64_t>{5, 6, 1});
    CHECK(m.current_count == m.count);
    CHECK(m.city_count == 12);
    CHECK(m.outside == 2);  // only the 2 in 2024/25
    CHECK(m.weighted[1] == 3.0);  // 6 x 0.5
    // 12 months: per year is per period. A 5/1000, B 6/2000, C 1/500.
    CHECK(*m.rate_per_1000[0] == 5.0);
    CHECK(*m.rate_per_1000[1] == 3.0);
    CHECK(*m.rate_per_1000[2] == 2.0);
    CHECK(*m.city_rate_per_1000 == Approx(12000.0 / 3500.0));
    CHECK(m.share_pct[0] == Approx(500.0 / 12.0));
    CHECK(m.share_pct[1] == 50.0);
    CHECK(m.rank == std::vector<std::uint32_t>{2, 1, 3});
    CHECK(*m.rank_rate[0] == 1);
    CHECK(*m.rank_rate[1] == 2);
    CHECK(*m.rank_rate[2] == 3);
    CHECK(*m.lq[0] == Approx(5.0 / (12000.0 / 3500.0)));
    // Categories by whole-span total (ASB 17, Burglary 8); their columns count 2024/25 only.
    REQUIRE(m.categories == std::vector<std::string>{"Anti-social behaviour", "Burglary"});
    CHECK(m.by_category[0] == std::vector<std::uint64_t>{3, 0, 1});
    CHECK(m.by_category[1] == std::vector<std::uint64_t>{2, 6, 0});
    // Whole-span totals under their own name.
    CHECK(m.count_all_months == std::vector<std::uint64_t>{14, 7, 1});
    CHECK(m.months_all() == 30);
    CHECK(m.all_months->label == "2023-01..2025-06");
}

TEST_CASE("a stated headline period of 9 months gives rates per year", "[measures][headline]") {
    const Planted p;
    MeasureOptions o;
    o.headline = parse_headline_choice("measures.headline_period", "2024-04..2024-12");
    const AreaMeasures m = p.measure(o);
    CHECK(m.headline_label() == "2024-04..2024-12 (Apr 2024-Dec 2024, 9 months)");
    CHECK(m.headline_basis == "measures.headline_period");
    CHECK(m.current->label == "2024/25");  // the comparison is not changed by it
    CHECK(m.count == std::vector<std::uint64_t>{3, 6, 0});
    CHECK(m.outside == 2);
    // A: 3 per 1,000 in 9 months = 3 x 12/9 = 4.0 a year; B: 6/2000 -> 3 x 12/9 = 4.0; C: 0.
    CHECK(*m.rate_per_1000[0] == Approx(4.0).epsilon(1e-15));
    CHECK(*m.rate_per_1000[1] == Approx(4.0).epsilon(1e-15));
    CHECK(*m.rate_per_1000[2] == 0.0);
    // City: 9 per 3,500 residents in 9 months = 12,000 / 3,500 = 3.428571... a year.
    CHECK(*m.city_rate_per_1000 == Approx(3.4285714285714284));
    CHECK(*m.rank_rate[0] == 1);
    CHECK(*m.rank_rate[1] == 1);  // a tie at 4.0
    CHECK(*m.rank_rate[2] == 3);
    CHECK(m.share_pct[0] == Approx(100.0 / 3.0));
    CHECK(m.count_all_months == std::vector<std::uint64_t>{14, 7, 1});
}

TEST_CASE("headline period 'all' is the whole span, stated as such and annualised", "[measures][headline]") {
    const Planted p;
    MeasureOptions o;
    o.headline = parse_headline_choice("measures.headline_period", "all");
    const AreaMeasures m = p.measure(o);
    CHECK(m.headline_label() == "all months 2023-01..2025-06 (Jan 2023-Jun 2025, 30 months)");
    CHECK(m.count == m.count_all_months);
    CHECK(m.outside == 3);
    // A 14 per 1,000 in 30 months = 14 x 12/30 = 5.6 a year; B 3.5 x 0.4 = 1.4; C 2 x 0.4 = 0.8.
    CHECK(*m.rate_per_1000[0] == Approx(5.6).epsilon(1e-15));
    CHECK(*m.rate_per_1000[1] == Approx(1.4).epsilon(1e-15));
    CHECK(*m.rate_per_1000[2] == Approx(0.8).epsilon(1e-15));
}

TEST_CASE("without a comparison: the latest 12 months, else every month", "[measures][headline]") {
    Planted q;
    q.t = IncidentTable{};
    q.area.clear();
    q.add(1, 2024, 1, "Anti-social behaviour", 0);   // first month: 2024-01 (18 months of data)
    q.add(4, 2024, 7, "Anti-social behaviour", 0);   // in the latest 12 months
    q.add(2, 2025, 6, "Burglary", 1);                // last month
    const AreaMeasures m = q.measure();
    CHECK_FALSE(m.current);
    CHECK(m.headline_label() == "2024-07..2025-06 (Jul 2024-Jun 2025, 12 months)");
    CHECK(m.headline_basis == "the latest 12 months of the data (no comparison)");
    CHECK(m.count == std::vector<std::uint64_t>{4, 2, 0});
    CHECK(*m.rate_per_1000[0] == 4.0);

    Planted r;  // 6 months of data: every month, doubled to a year
    r.t = IncidentTable{};
    r.area.clear();
    r.add(3, 2025, 1, "Anti-social behaviour", 0);
    r.add(1, 2025, 6, "Anti-social behaviour", 2);
    const AreaMeasures s = r.measure();
    CHECK(s.headline_label() == "all months 2025-01..2025-06 (Jan 2025-Jun 2025, 6 months)");
    CHECK(s.headline_basis == "every month of the data (fewer than 12 months, no comparison)");
    CHECK(*s.rate_per_1000[0] == 6.0);  // 3 per 1,000 in 6 months
    CHECK(*s.rate_per_1000[2] == 4.0);  // 1 per 500 = 2 per 1,000 in 6 months
}

TEST_CASE("a headline period the data does not cover, or not a period, is refused", "[measures][headline]") {
    const Planted p;
    MeasureOptions o;
    o.headline = parse_headline_choice("measures.headline_period", "2025/26");
    CHECK_THROWS_WITH(p.measure(o), Catch::Contains("not fully covered by the data (2023-01..2025-06)"));
    CHECK_THROWS_WITH(parse_headline_choice("measures.headline_period", "2024/26"),
                      Catch::Contains("measures.headline_period = '2024/26'"));
    CHECK_FALSE(parse_headline_choice("k", "").period);
    CHECK_FALSE(parse_headline_choice("k", "").all_months);
    CHECK(headline_setting(parse_headline_choice("k", "all")) == "all");
    CHECK(headline_setting(parse_headline_choice("k", "FY2023/24")) == "2023/24");
}

TEST_CASE("headline labels spell out the months", "[measures][headline]") {
    CHECK(headline_label(parse_period("2024-03")) == "2024-03 (Mar 2024, 1 month)");
    CHECK(headline_label(parse_period("2024-Q1")) == "2024-Q1 (Jan 2024-Mar 2024, 3 months)");
    CHECK(headline_label(parse_period("2024")) == "2024 (Jan 2024-Dec 2024, 12 months)");
    CHECK(rate_per_1000_per_year(3, 1000.0, 9) == Approx(4.0));
    CHECK_FALSE(rate_per_1000_per_year(3, std::nullopt, 12));
    CHECK_FALSE(rate_per_1000_per_year(3, 0.0, 12));
}
