// Repeat locations: a hand-counted table, then a seeded table whose every figure is recounted
// by brute force (each location's rows found by comparing it with every row; shares from the
// counts listed in full).
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/measure/repeat_locations.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

using namespace hotspot;

namespace {

void add_row(IncidentTable& t, double x, double y, MonthIndex m, const std::string& text) {
    t.x.push_back(x);
    t.y.push_back(y);
    t.month.push_back(m);
    t.location.push_back(t.locations.intern(text));
    t.line.push_back(static_cast<std::uint32_t>(t.x.size() + 1));
    t.file.push_back(0);
}

}  // namespace

TEST_CASE("repeat locations: a hand-counted table", "[repeat]") {
    IncidentTable t;
    t.files.push_back(SourceFile{"hand.csv"});
    const MonthIndex jan = month_index(2024, 1), feb = month_index(2024, 2), mar = month_index(2024, 3);
    // A (100, 100): 4 rows in Jan, Jan, Mar, Mar; B (200, 100): 2 rows, Feb; C, D, E: 1 row each
    add_row(t, 200, 100, feb, "On or near Park Road");
    add_row(t, 100, 100, jan, "On or near High Street");
    add_row(t, 300, 100, jan, "");
    add_row(t, 100, 100, jan, "On or near High Street");
    add_row(t, 200, 100, feb, "On or near Park Road");
    add_row(t, 100, 100, mar, "On or near Market Place");  // a second text at A
    add_row(t, 400, 100, feb, "On or near Mill Lane");
    add_row(t, 100, 100, mar, "On or near High Street");
    add_row(t, 500, 100, mar, "On or near Station Road");
    const RepeatLocations r = repeat_locations(t, RepeatOptions{0, {0.2, 0.4, 1.0}});
    REQUIRE(r.locations.size() == 5);
    CHECK(r.incidents == 9);
    const RepeatLocation& a = r.locations[0];
    CHECK(a.x == 100);
    CHECK(a.incidents == 4);
    CHECK(a.months_active == 2);
    CHECK(a.first_month == jan);
    CHECK(a.last_month == mar);
    CHECK(a.text == "On or near High Street");
    CHECK(a.other_texts == 1);
    CHECK(r.locations[1].x == 200);
    CHECK(r.locations[1].months_active == 1);
    // equal counts keep first-seen order: C (300), D (400), E (500); C has no text
    CHECK(r.locations[2].x == 300);
    CHECK(r.locations[2].text.empty());
    CHECK(r.locations[4].x == 500);
    CHECK(r.of_row[0] == 1);
    CHECK(r.of_row[1] == 0);
    CHECK(r.single_incident_locations == 3);
    CHECK(r.repeat_incidents == 6);
    CHECK(r.max_incidents == 4);
    CHECK(r.median_incidents == 1);
    // top 20 % of 5 = 1 location (4 of 9), 40 % = 2 (6 of 9), 100 % = all
    REQUIRE(r.top.size() == 3);
    CHECK(r.top[0].locations == 1);
    CHECK(r.top[0].incidents == 4);
    CHECK(r.top[0].pct_of_incidents == Approx(400.0 / 9).epsilon(1e-12));
    CHECK(r.top[1].incidents == 6);
    CHECK(r.top[2].incidents == 9);

    // areas: A and C in area 0, B in area 1, D outside, E in area 1
    const std::vector<std::int32_t> area = {1, 0, 0, 0, 1, 0, -1, 0, 1};
    const std::vector<AreaRepeatList> lists = repeat_locations_by_area(t, r, area, 2);
    REQUIRE(lists.size() == 2);
    CHECK(lists[0].area_incidents == 5);
    REQUIRE(lists[0].entries.size() == 1);  // only A repeats there
    CHECK(lists[0].entries[0].location == 0);
    CHECK(lists[0].entries[0].incidents == 4);
    CHECK(lists[0].entries[0].months_active == 2);
    CHECK(lists[0].entries[0].pct_of_area_incidents == Approx(80).epsilon(1e-12));
    CHECK(lists[1].area_incidents == 3);
    REQUIRE(lists[1].entries.size() == 1);
    CHECK(lists[1].entries[0].pct_of_area_incidents == Approx(200.0 / 3).epsilon(1e-12));
    CHECK(repeat_locations_by_area(t, r, area, 2, 1)[1].entries.size() == 2);  // min 1: E too
}

TEST_CASE("repeat locations: rounding to a precision merges nearby points", "[repeat]") {
    IncidentTable t;
    add_row(t, 100.2, 50.4, 0, "");
    add_row(t, 99.8, 49.6, 0, "");
    add_row(t, 101.6, 50, 0, "");
    CHECK(repeat_locations(t).locations.size() == 3);
    const RepeatLocations r = repeat_locations(t, RepeatOptions{1});
    REQUIRE(r.locations.size() == 2);
    CHECK(r.locations[0].x == 100);
    CHECK(r.locations[0].incidents == 2);
}

TEST_CASE("repeat locations: refusals name the row and value", "[repeat]") {
    IncidentTable t;
    CHECK_THROWS_AS(repeat_locations(t), InputError);
    t.files.push_back(SourceFile{"bad.csv"});
    add_row(t, 1, 1, 0, "");
    add_row(t, NAN, 1, 0, "");
    CHECK_THROWS_WITH(repeat_locations(t), Catch::Contains("bad.csv line 3"));
    t.x[1] = 2;
    CHECK_THROWS_AS(repeat_locations(t, RepeatOptions{-1}), ConfigError);
    CHECK_THROWS_AS(repeat_locations(t, RepeatOptions{0, {0}}), ConfigError);
    const RepeatLocations r = repeat_locations(t);
    CHECK_THROWS_AS(repeat_locations_by_area(t, r, std::vector<std::int32_t>{0}, 1), InputError);
    CHECK_THROWS_AS(repeat_locations_by_area(t, r, std::vector<std::int32_t>{0, 3}, 2), InputError);
}

TEST_CASE("repeat locations: brute force on a seeded table", "[repeat]") {
    std::mt19937_64 rng(12);
    std::uniform_int_distribution<int> point(0, 299), month(0, 35);
    std::geometric_distribution<int> skew(0.02);  // a few points draw most rows
    IncidentTable t;
    for (int i = 0; i < 5000; ++i) {
        const int p = std::min(299, skew(rng) % 2 ? point(rng) : skew(rng));
        add_row(t, 1000.0 + 7 * p, 2000.0 + (p % 13), month(rng), "");
    }
    const RepeatLocations r = repeat_locations(t);
    // every distinct point, its rows counted by comparing with every row
    std::vector<std::pair<double, double>> points;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (std::find(points.begin(), points.end(), std::make_pair(t.x[i], t.y[i])) == points.end()) points.emplace_back(t.x[i], t.y[i]);
    REQUIRE(r.locations.size() == points.size());
    std::vector<std::uint64_t> counts;
    for (const auto& [x, y] : points) {
        std::uint64_t n = 0;
        std::set<MonthIndex> months;
        for (std::size_t i = 0; i < t.size(); ++i)
            if (t.x[i] == x && t.y[i] == y) {
                ++n;
                months.insert(t.month[i]);
            }
        counts.push_back(n);
        const auto it = std::find_if(r.locations.begin(), r.locations.end(), [&](const RepeatLocation& l) { return l.x == x && l.y == y; });
        REQUIRE(it != r.locations.end());
        CHECK(it->incidents == n);
        CHECK(it->months_active == months.size());
    }
    for (std::size_t i = 0; i < t.size(); ++i) REQUIRE((r.locations[r.of_row[i]].x == t.x[i] && r.locations[r.of_row[i]].y == t.y[i]));
    std::sort(counts.rbegin(), counts.rend());
    for (std::size_t i = 0; i < counts.size(); ++i) REQUIRE(r.locations[i].incidents == counts[i]);
    for (const TopLocationsShare& s : r.top) {
        const auto k = static_cast<std::size_t>(std::floor(static_cast<double>(counts.size()) * s.share + 1e-9));
        std::uint64_t held = 0;
        for (std::size_t i = 0; i < k; ++i) held += counts[i];
        CHECK(s.locations == k);
        CHECK(s.incidents == held);
    }
    CHECK(r.single_incident_locations == static_cast<std::size_t>(std::count(counts.begin(), counts.end(), 1u)));
    const std::size_t L = counts.size();
    const double median = L % 2 ? static_cast<double>(counts[L / 2]) : (static_cast<double>(counts[L / 2 - 1]) + static_cast<double>(counts[L / 2])) / 2;
    CHECK(r.median_incidents == median);
}
