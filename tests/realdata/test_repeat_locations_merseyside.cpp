// Repeat locations on the 36 Merseyside police.uk files against an independent Python count
// (tests/realdata/repeat_locations_oracle.py: distinct (Longitude, Latitude) pairs of every row,
// as floats; the same figures as /tmp/i12/rep.py's text pairs, since no two texts parse equal).
#include "hotspot/measure/repeat_locations.hpp"
#include "hotspot/workflow/pipeline.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

using namespace hotspot;

TEST_CASE("Merseyside, 36 months: incidents per snap point and the busiest 1 %, 5 %, 10 %", "[real][merseyside][realdata][repeat]") {
    AnalysisConfig c = police_config("merseyside_street_2022-10_2025-09");
    add_area(c, "lsoa", "liverpool_lsoa11.gpkg", "LSOA11CD");
    apply_setting(c, "analysis.outside_study_area", "keep", "");  // every row, Liverpool or not
    const AnalysisResult a = run_analysis(c, AnalysisScope::join, [](const std::string&, double) {});
    REQUIRE(a.incidents.size() == 477331);

    const RepeatLocations r = repeat_locations(a.incidents);
    CHECK(r.locations.size() == 18051);
    CHECK(r.incidents == 477331);
    REQUIRE(r.top.size() == 3);
    CHECK(r.top[0].locations == 180);
    CHECK(r.top[0].incidents == 70877);  // 14.849 %
    CHECK(r.top[0].pct_of_incidents == Approx(100.0 * 70877 / 477331).epsilon(1e-12));
    CHECK(r.top[1].locations == 902);
    CHECK(r.top[1].incidents == 161562);  // 33.847 %
    CHECK(r.top[2].locations == 1805);
    CHECK(r.top[2].incidents == 225354);  // 47.211 %
    CHECK(r.single_incident_locations == 1022);
    CHECK(r.repeat_incidents == 476309);
    CHECK(r.max_incidents == 1493);
    CHECK(r.median_incidents == 13);
    CHECK(r.locations[0].text == "On or near Rainford Gardens");
    CHECK(r.locations[0].other_texts == 0);
    CHECK(r.locations[0].months_active == 36);

    // Per Liverpool LSOA: the lists account for every row inside, and each entry's count
    // equals a recount of the sorted (area, location) pairs.
    const std::vector<std::int32_t>& area = a.assignments[0].area;
    const std::vector<AreaRepeatList> lists = repeat_locations_by_area(a.incidents, r, area, a.layers[0].size());
    REQUIRE(lists.size() == 297);
    std::uint64_t in_lists = 0;
    for (const auto& l : lists) in_lists += l.area_incidents;
    CHECK(in_lists == a.assignments[0].inside);
    std::vector<std::pair<std::int32_t, std::uint32_t>> pairs;
    for (std::size_t i = 0; i < area.size(); ++i)
        if (area[i] >= 0) pairs.emplace_back(area[i], r.of_row[i]);
    std::sort(pairs.begin(), pairs.end());
    std::size_t entries = 0, checked = 0;
    for (const auto& l : lists) {
        entries += l.entries.size();
        for (const AreaRepeatEntry& e : l.entries) {
            const auto range = std::equal_range(pairs.begin(), pairs.end(), std::make_pair(l.area, e.location));
            CHECK(e.incidents == static_cast<std::uint64_t>(range.second - range.first));
            CHECK(e.incidents >= 2);
            ++checked;
        }
    }
    CHECK(checked == entries);
    // a snap point is in one LSOA: every repeat location inside Liverpool is listed once
    std::vector<bool> inside(r.locations.size(), false);
    for (const auto& p : pairs) inside[p.second] = true;
    std::size_t repeat_points_inside = 0;
    for (std::size_t l = 0; l < r.locations.size(); ++l) repeat_points_inside += inside[l] && r.locations[l].incidents >= 2;
    CHECK(entries == repeat_points_inside);
    WARN("Liverpool LSOAs: " << entries << " repeat locations listed, " << in_lists << " incidents inside");
}
