// The performance table on planted counts: every expected number is worked out by hand in
// the comments, from the incidents the fixture plants.
#include "hotspot/base/errors.hpp"
#include "hotspot/measure/performance_table.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;
using namespace hotspot::table_period;

namespace {

std::string square(int x0) {
    const std::string a = std::to_string(x0), b = std::to_string(x0 + 10);
    return "POLYGON((" + a + " 0," + b + " 0," + b + " 10," + a + " 10," + a + " 0))";
}

// Sources: police (file 0), council (file 1). Wards A (1,000 residents), B (2,000), C (no
// population). Police data covers 2024-05 .. 2025-10 (an "Other crime" outside every ward
// each month); 2024-04 has none. So the latest complete quarter is 2025/26 Q2 (Jul-Sep 2025):
//   quarter last year 2024-07..09, previous quarter 2025-04..06,
//   YTD 2025-04..09, last YTD 2024-04..09 (5 of 6 months with police data).
// Police incidents:
//   A: 2024-07 Burglary x2; 2024-05 ASB x1; 2025-05 Burglary x3; 2025-08 Burglary x1, Robbery x1;
//      2025-10 Burglary x5 (in no period)
//   B: 2024-08 Robbery x4; 2025-09 Robbery x4
//   C: 2025-07 ASB x2
//   outside: 2025-07 Burglary x1
// Council: fly-tipping in A, 2025-07 x3 (its only month).
struct Fixture {
    std::vector<AreaLayer> layers;
    std::vector<Assignment> assignments{Assignment{}};
    IncidentTable t;
    void add(int n, int year, int month, const std::string& category, std::int32_t area, std::uint32_t file = 0) {
        for (int i = 0; i < n; ++i) {
            t.x.push_back(0);
            t.y.push_back(0);
            t.month.push_back(month_index(year, month));
            t.category.push_back(t.categories.intern(category));
            t.weight.push_back(1);
            t.file.push_back(file);
            assignments[0].area.push_back(area);
            (area >= 0 ? assignments[0].inside : assignments[0].outside) += 1;
        }
    }
    Fixture() {
        layers.push_back(AreaLayer::from_wkt("wards", {"A", "B", "C"}, {square(0), square(10), square(20)}, {1000.0, 2000.0, std::nullopt}));
        t.files.resize(2);
        t.files[0].source = "police";
        t.files[1].source = "council";
        for (MonthIndex m = month_index(2024, 5); m <= month_index(2025, 10); ++m) add(1, year_of(m), month_of(m), "Other crime", -1);
        add(2, 2024, 7, "Burglary", 0);
        add(1, 2024, 5, "Anti-social behaviour", 0);
        add(3, 2025, 5, "Burglary", 0);
        add(1, 2025, 8, "Burglary", 0);
        add(1, 2025, 8, "Robbery", 0);
        add(5, 2025, 10, "Burglary", 0);
        add(4, 2024, 8, "Robbery", 1);
        add(4, 2025, 9, "Robbery", 1);
        add(2, 2025, 7, "Anti-social behaviour", 2);
        add(1, 2025, 7, "Burglary", -1);
        add(3, 2025, 7, "Fly-tipping", 0, 1);
    }
    TableOptions options() const {
        TableOptions o;
        o.measures = {{"Burglary", {"Burglary"}, {}, {}},
                      {"Robbery", {"Robbery"}, {}, {"police"}},
                      {"Fly-tipping", {}, {}, {"council"}}};
        o.sources = {"police", "council"};
        o.police_sources = {"police"};
        return o;
    }
};

using Counts = std::array<std::optional<std::uint64_t>, table_periods>;
constexpr std::optional<std::uint64_t> none;

const TableRow& row(const PerformanceTable& t, const std::string& layer, const std::string& id, const std::string& measure) {
    for (const auto& r : t.rows)
        if (r.layer == layer && r.area_id == id && t.measures[r.measure].name == measure) return r;
    FAIL("no row " << layer << "/" << id << "/" << measure);
    throw;
}

}  // namespace

TEST_CASE("performance table periods: latest complete financial quarter and year to date", "[performance_table]") {
    Fixture f;
    const PerformanceTable t = build_performance_table(f.t, f.layers, f.assignments, f.options());
    CHECK(t.periods[latest_quarter].label == "2025/26 Q2");
    CHECK(t.headings[latest_quarter] == "2025/26 Q2 (Jul-Sep 2025)");
    CHECK(t.headings[quarter_last_year] == "2024/25 Q2 (Jul-Sep 2024)");
    CHECK(t.headings[previous_quarter] == "2025/26 Q1 (Apr-Jun 2025)");
    CHECK(t.periods[year_to_date].label == "YTD 2025/26 (Apr-Sep)");
    CHECK(t.periods[year_to_date].first == month_index(2025, 4));
    CHECK(t.periods[year_to_date].last == month_index(2025, 9));
    CHECK(t.periods[last_year_to_date].label == "YTD 2024/25 (Apr-Sep)");
    CHECK(t.periods[last_year_to_date].first == month_index(2024, 4));
    CHECK(t.comparison == "YTD 2025/26 v 2024/25");
    // 1 study-area row + 3 wards, for each of 3 measures.
    CHECK(t.rows.size() == 12);
}

TEST_CASE("performance table counts, differences, directions, rates and ranks", "[performance_table]") {
    Fixture f;
    const PerformanceTable t = build_performance_table(f.t, f.layers, f.assignments, f.options());

    // Burglary, study area: Q2 last year 2 (A), Q2 2 (A 2025-08, outside 2025-07), Q1 3,
    // YTD 3 + 1 + 1 = 5, last YTD 2: +3, +150 % (up). No study rate: an incident lies outside.
    const TableRow& bs = row(t, "", "", "Burglary");
    CHECK(bs.count == Counts{2, 2, 3, 5, 2});
    CHECK(bs.difference == 3);
    CHECK(*bs.difference_pct == Approx(150.0));
    CHECK(bs.direction == "up");
    CHECK_FALSE(bs.rate_per_1000);
    CHECK_FALSE(bs.rank);

    const TableRow& ba = row(t, "wards", "A", "Burglary");
    CHECK(ba.count == Counts{2, 1, 3, 4, 2});
    CHECK(ba.difference == 2);
    CHECK(*ba.rate_per_1000 == Approx(4.0));  // 4 per 1,000 residents
    CHECK(ba.rank == 1u);
    const TableRow& bb = row(t, "wards", "B", "Burglary");
    CHECK(bb.count == Counts{0, 0, 0, 0, 0});  // zero, with data: not "no data"
    CHECK(bb.difference == 0);
    CHECK_FALSE(bb.difference_pct);
    CHECK(bb.direction == "level");
    CHECK(*bb.rate_per_1000 == Approx(0.0));
    CHECK(bb.rank == 2u);
    const TableRow& bc = row(t, "wards", "C", "Burglary");
    CHECK_FALSE(bc.rate_per_1000);  // no population: no rate, no rank by rate
    CHECK_FALSE(bc.rank);

    // Robbery: A 0,1,0,1,0 (+1, no %: from zero, up); B 4,4,0,4,4 (0 %, level).
    const TableRow& ra = row(t, "wards", "A", "Robbery");
    CHECK(ra.count == Counts{0, 1, 0, 1, 0});
    CHECK(ra.difference == 1);
    CHECK_FALSE(ra.difference_pct);
    CHECK(ra.direction == "up");
    const TableRow& rb = row(t, "wards", "B", "Robbery");
    CHECK(rb.count == Counts{4, 4, 0, 4, 4});
    CHECK(*rb.difference_pct == Approx(0.0));
    CHECK(rb.direction == "level");
    CHECK(*rb.rate_per_1000 == Approx(2.0));
    CHECK(rb.rank == 1u);  // 2.0 per 1,000 beats A's 1.0
    CHECK(ra.rank == 2u);
    const TableRow& rs = row(t, "", "", "Robbery");
    CHECK(rs.count == Counts{4, 5, 0, 5, 4});
    CHECK(*rs.difference_pct == Approx(25.0));
}

TEST_CASE("performance table: no data is not zero, and partial periods are flagged", "[performance_table]") {
    Fixture f;
    const PerformanceTable t = build_performance_table(f.t, f.layers, f.assignments, f.options());
    // Fly-tipping (council) has data only in 2025-07: last year, Q1 and last YTD are no data.
    const TableRow& fa = row(t, "wards", "A", "Fly-tipping");
    CHECK(fa.count == Counts{none, 3, none, 3, none});
    CHECK_FALSE(fa.difference);
    CHECK(fa.direction.empty());
    const TableRow& fb = row(t, "wards", "B", "Fly-tipping");
    CHECK(fb.count == Counts{none, 0, none, 0, none});
    CHECK(t.coverage_note(2) == "2024/25 Q2: no data; 2025/26 Q2: 1 of 3 months with data; 2025/26 Q1: no data; "
                                "YTD 2025/26 (Apr-Sep): 1 of 6 months with data; YTD 2024/25 (Apr-Sep): no data");
    CHECK(t.months_with_data[2] == std::array<std::uint32_t, table_periods>{0, 1, 0, 1, 0});
    // Police: 2024-04 has no data, so last YTD has 5 of 6 months.
    CHECK(t.months_with_data[0] == std::array<std::uint32_t, table_periods>{3, 3, 3, 6, 5});
    CHECK(t.coverage_note(0) == "YTD 2024/25 (Apr-Sep): 5 of 6 months with data");
}

TEST_CASE("performance table direction band: at the band is a change, inside it is level", "[performance_table]") {
    Fixture f;
    TableOptions o = f.options();
    o.level_band_pct = 25.0;  // Robbery, study area: +25 %
    CHECK(row(build_performance_table(f.t, f.layers, f.assignments, o), "", "", "Robbery").direction == "up");
    o.level_band_pct = 30.0;
    CHECK(row(build_performance_table(f.t, f.layers, f.assignments, o), "", "", "Robbery").direction == "level");
}

TEST_CASE("performance table: chosen quarter and calendar quarters", "[performance_table]") {
    Fixture f;
    TableOptions o = f.options();
    o.quarter = "2025/26 Q1";
    PerformanceTable t = build_performance_table(f.t, f.layers, f.assignments, o);
    CHECK(t.headings[latest_quarter] == "2025/26 Q1 (Apr-Jun 2025)");
    CHECK(t.headings[previous_quarter] == "2024/25 Q4 (Jan-Mar 2025)");
    CHECK(t.periods[year_to_date].label == "YTD 2025/26 (Apr-Jun)");
    CHECK(row(t, "wards", "A", "Burglary").count == Counts{0, 3, 0, 3, 0});

    o.quarter.clear();
    o.calendar_quarters = true;
    t = build_performance_table(f.t, f.layers, f.assignments, o);
    CHECK(t.headings[latest_quarter] == "2025 Q3 (Jul-Sep 2025)");
    CHECK(t.periods[year_to_date].label == "YTD 2025 (Jan-Sep)");
    CHECK(t.periods[last_year_to_date].label == "YTD 2024 (Jan-Sep)");
    // Burglary in A, Jan-Sep 2025: 3 + 1; Jan-Sep 2024: 2 (police data from 2024-05 only).
    CHECK(row(t, "wards", "A", "Burglary").count[year_to_date] == 4u);
    CHECK(t.months_with_data[0][last_year_to_date] == 5u);

    CHECK(parse_quarter_start("2025/26 Q2") == month_index(2025, 7));
    CHECK(parse_quarter_start("2025/26 Q4") == month_index(2026, 1));
    CHECK(parse_quarter_start("2025 Q3") == month_index(2025, 7));
    CHECK(parse_quarter_start("2025-Q1") == month_index(2025, 1));
    for (const char* bad : {"2025/27 Q1", "2025/26 Q5", "2025/26", "Q2 2025", "2025/26  Q2", ""})
        CHECK_THROWS_AS(parse_quarter_start(bad), ConfigError);
}

TEST_CASE("performance table measures: built-in set, unknown names refused with the closest", "[performance_table]") {
    Fixture f;
    TableOptions o = f.options();
    o.measures.clear();  // the built-in police.uk set, on the police source only
    const PerformanceTable t = build_performance_table(f.t, f.layers, f.assignments, o);
    std::vector<std::string> names;
    for (const auto& m : t.measures) names.push_back(m.name);
    CHECK(names == std::vector<std::string>{"Total recorded crime", "Robbery", "Burglary", "Other crime", "ASB incidents"});
    // Total recorded crime, study area, YTD Apr-Sep 2025: Burglary 5 + Robbery 5 + Other crime 6;
    // ASB and council fly-tipping are not in it.
    CHECK(row(t, "", "", "Total recorded crime").count[year_to_date] == 16u);
    CHECK(row(t, "", "", "ASB incidents").count[year_to_date] == 2u);
    CHECK(t.notes.size() >= 10);  // built-in measures without data (e.g. Bicycle theft) left out, and said so

    o.measures = {{"Burglary", {"Burglery"}, {}, {}}};
    CHECK_THROWS_WITH(build_performance_table(f.t, f.layers, f.assignments, o), Catch::Contains("'Burglery'") && Catch::Contains("closest: 'Burglary'"));
    o.measures = {{"Burglary", {"Burglary"}, {}, {"polise"}}};
    CHECK_THROWS_WITH(build_performance_table(f.t, f.layers, f.assignments, o), Catch::Contains("closest: 'police'"));
    o.measures.clear();
    o.police_sources.clear();
    CHECK_THROWS_AS(build_performance_table(f.t, f.layers, f.assignments, o), ConfigError);
}
