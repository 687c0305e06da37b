// Real police.uk files and real boundaries from ../shared/data, checked against the
// figures published in ../shared/data/README.md and a brute-force point-in-polygon oracle.
#include "hotspot/workflow/pipeline.hpp"
#include "oracle.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace hotspot;

namespace {

const ProgressFn no_progress = [](const std::string&, double) {};

// Counts per area id from our assignment and from the oracle, over the accepted rows.
void check_against_oracle(const AnalysisResult& r, std::size_t layer, const BruteForceAreas& oracle) {
    std::map<std::string, std::uint64_t> ours, expected;
    std::map<std::pair<double, double>, std::int64_t> oracle_cache;  // snap points repeat
    std::uint64_t ours_outside = 0, expected_outside = 0;
    for (std::size_t i = 0; i < r.incidents.size(); ++i) {
        const std::int32_t a = r.assignments[layer].area[i];
        if (a >= 0) ++ours[r.layers[layer].id(static_cast<std::size_t>(a))];
        else ++ours_outside;
        const auto key = std::make_pair(r.incidents.x[i], r.incidents.y[i]);
        auto it = oracle_cache.find(key);
        if (it == oracle_cache.end()) it = oracle_cache.emplace(key, oracle.locate(key.first, key.second)).first;
        if (it->second >= 0) ++expected[oracle.id(static_cast<std::size_t>(it->second))];
        else ++expected_outside;
    }
    CHECK(ours.size() == expected.size());
    std::size_t differing = 0;
    for (const auto& [id, n] : expected)
        if (ours[id] != n) ++differing;
    CHECK(differing == 0);
    CHECK(ours_outside == expected_outside);
}

}  // namespace

TEST_CASE("Merseyside, 36 months: every row accounted for, LSOA counts equal the oracle", "[real][merseyside]") {
    AnalysisConfig c = police_config("merseyside_street_2022-10_2025-09");
    add_area(c, "lsoa", "liverpool_lsoa11.gpkg", "LSOA11CD");
    const AnalysisResult r = run_analysis(c, AnalysisScope::join, no_progress);

    CHECK(r.report.get("counter", "rows_read") == "477331");  // published in data/README.md
    CHECK(r.incidents.size() + rejected_rows(r) == 477331);
    CHECK(r.incidents.files.size() == 36);
    CHECK(r.duplicates.empty());  // "No duplicate Crime IDs" (README)
    std::uint64_t asb_accepted = 0;
    for (auto cat : r.incidents.category) asb_accepted += r.incidents.categories.at(cat) == "Anti-social behaviour";
    // No empty coordinates in these files: the only rejects are the rows outside the LSOAs'
    // polygons, counted per file and month (not listed).
    CHECK(r.rejects.empty());
    CHECK(r.report.get("counter", "outside_study_area") == std::to_string(total_rows(r.outside_counted)));
    CHECK(asb_accepted <= 45947);

    const BruteForceAreas oracle(shared_data_dir() + "/boundaries/liverpool_lsoa11.gpkg", "LSOA11CD");
    REQUIRE(oracle.size() == 297);
    check_against_oracle(r, 0, oracle);
}

TEST_CASE("Merseyside, all rows kept: ASB total equals the published count", "[real][merseyside]") {
    AnalysisConfig c = police_config("merseyside_street_2022-10_2025-09");
    add_area(c, "lsoa", "liverpool_lsoa11.gpkg", "LSOA11CD");
    apply_setting(c, "analysis.outside_study_area", "keep", "");
    const AnalysisResult r = run_analysis(c, AnalysisScope::full, no_progress);
    CHECK(r.incidents.size() == 477331);
    std::map<std::string, std::uint64_t> by_type;
    for (auto cat : r.incidents.category) ++by_type[r.incidents.categories.at(cat)];
    CHECK(by_type["Anti-social behaviour"] == 45947);  // README figures
    CHECK(by_type["Violence and sexual offences"] == 188458);
    CHECK(by_type["Bicycle theft"] == 3489);
    CHECK(r.report.get("counter", "outside_study_area") != "0");
    // The measures see exactly the rows inside the layer (every month; `count` is 2024/25 only).
    std::uint64_t measured = 0;
    for (auto n : r.measures[0].count_all_months) measured += n;
    CHECK(measured == r.assignments[0].inside);
}

TEST_CASE("British Transport Police in Birmingham: wards and LSOA 2021 equal the oracle", "[real][btp]") {
    AnalysisConfig c = police_config("btp_street_2022-10_2025-01");
    add_area(c, "wards", "birmingham_wards_2018.gpkg", "code");
    add_area(c, "lsoa21", "bsol_lsoa21.gpkg", "LSOA21");
    const AnalysisResult r = run_analysis(c, AnalysisScope::join, no_progress);
    CHECK(r.report.get("counter", "rows_read") == "93770");
    CHECK(r.incidents.size() + rejected_rows(r) == 93770);

    // README: 1,267 rows carry a Birmingham LSOA; all fall inside the 2018 ward polygons,
    // and Ladywood holds 440 of them.
    std::set<std::string> birmingham_lsoas;
    {
        GDALAllRegister();
        GDALDatasetUniquePtr ds(GDALDataset::Open((shared_data_dir() + "/boundaries/birmingham_lsoa11.gpkg").c_str(), GDAL_OF_VECTOR));
        for (auto& f : *ds->GetLayer(0)) birmingham_lsoas.insert(f->GetFieldAsString("LSOA11CD"));
        GDALDatasetUniquePtr ds21(GDALDataset::Open((shared_data_dir() + "/boundaries/bsol_lsoa21.gpkg").c_str(), GDAL_OF_VECTOR));
        for (auto& f : *ds21->GetLayer(0))
            if (std::string(f->GetFieldAsString("Area")) == "Birmingham") birmingham_lsoas.insert(f->GetFieldAsString("LSOA21"));
    }
    std::uint64_t in_birmingham = 0, in_a_ward = 0, ladywood = 0;
    for (std::size_t i = 0; i < r.incidents.size(); ++i) {
        if (!birmingham_lsoas.count(r.incidents.lsoa_codes.at(r.incidents.lsoa[i]))) continue;
        ++in_birmingham;
        const std::int32_t w = r.assignments[0].area[i];
        if (w < 0) continue;
        ++in_a_ward;
        ladywood += r.layers[0].label(static_cast<std::size_t>(w)) == "Ladywood" || r.layers[0].id(static_cast<std::size_t>(w)) == "E05011151";
    }
    CHECK(in_birmingham == 1267);
    CHECK(in_a_ward == 1267);
    CHECK(ladywood == 440);

    check_against_oracle(r, 0, BruteForceAreas(shared_data_dir() + "/boundaries/birmingham_wards_2018.gpkg", "code"));
    check_against_oracle(r, 1, BruteForceAreas(shared_data_dir() + "/boundaries/bsol_lsoa21.gpkg", "LSOA21"));
}

TEST_CASE("Birmingham LSOA 2011: the three invalid polygons are repaired and reported", "[real][repair]") {
    AreaSpec spec;
    spec.name = "lsoa11";
    spec.path = shared_data_dir() + "/boundaries/birmingham_lsoa11.gpkg";
    spec.id_field = "LSOA11CD";
    const AreaLayer layer = AreaLayer::load(spec, "EPSG:27700");
    CHECK(layer.size() == 639);
    std::set<std::string> repaired;
    for (const auto& p : layer.problems()) {
        CHECK(p.problem == "invalid_geometry");
        CHECK_THAT(p.action, Catch::Contains("MakeValid"));
        repaired.insert(p.area_id);
    }
    CHECK(repaired == std::set<std::string>{"E01009012", "E01009307", "E01009404"});
}
