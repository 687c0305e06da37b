// Harm weighting on real police.uk data: Merseyside, January 2024, on Liverpool's LSOAs 2011,
// with the planted table tests/data/harm/planted_policeuk.csv. Expected: each LSOA's weighted
// count is the sum of the planted weights of the incidents the brute-force oracle locates in it
// (the weights typed here, not read from the table by our reader).
#include "hotspot/workflow/pipeline.hpp"
#include "oracle.hpp"
#include "hotspot/base/text.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace hotspot;

TEST_CASE("Merseyside 2024-01: weighted counts are the planted harm weights summed per LSOA", "[realdata][harm]") {
    const std::map<std::string, double> planted{
        {"Anti-social behaviour", 1}, {"Bicycle theft", 2}, {"Burglary", 3}, {"Criminal damage and arson", 4}, {"Drugs", 5},
        {"Other crime", 6}, {"Other theft", 7}, {"Possession of weapons", 8}, {"Public order", 9}, {"Robbery", 10},
        {"Shoplifting", 11}, {"Theft from the person", 12}, {"Vehicle crime", 13}, {"Violence and sexual offences", 14}};
    AnalysisConfig c;
    apply_setting(c, "input.police.path", shared_data_dir() + "/crime/merseyside_street_2022-10_2025-09/2024-01-merseyside-street.csv.gz", "");
    apply_setting(c, "area.lsoa.path", shared_data_dir() + "/boundaries/liverpool_lsoa11.gpkg", "");
    apply_setting(c, "area.lsoa.id", "LSOA11CD", "");
    apply_setting(c, "harm.table", std::string(HOTSPOT_SOURCE_DIR) + "/tests/data/harm/planted_policeuk.csv", "");
    const AnalysisResult r = run_analysis(c, AnalysisScope::full, [](const std::string&, double) {});
    const AreaMeasures& m = r.measures.at(0);

    const BruteForceAreas oracle(shared_data_dir() + "/boundaries/liverpool_lsoa11.gpkg", "LSOA11CD");
    std::map<std::string, double> expected;
    std::map<std::string, std::uint64_t> rows;
    for (std::size_t i = 0; i < r.incidents.size(); ++i) {
        const std::string& category = r.incidents.categories.at(r.incidents.category[i]);
        ++rows[category];
        const auto a = oracle.locate(r.incidents.x[i], r.incidents.y[i]);
        if (a >= 0) expected[oracle.id(static_cast<std::size_t>(a))] += planted.at(category);
    }
    std::size_t differing = 0;
    double total = 0;
    for (std::size_t a = 0; a < r.layers[0].size(); ++a) {
        differing += m.weighted[a] != expected[r.layers[0].id(a)];
        total += m.weighted[a];
    }
    CHECK(differing == 0);
    CHECK(total > 0);
    // The report lists each category's weight, and its rows as read (before the study area: at least those kept).
    for (const auto& [category, n] : rows) {
        const std::string line = r.report.get("harm", category);
        const std::string head = "weight " + format_exact(planted.at(category)) + ", ";
        REQUIRE(line.rfind(head, 0) == 0);
        CHECK(std::stoull(line.substr(head.size())) >= n);
    }
    CHECK(r.report.get("counter", "harm rows_without_weight") == "0");
}
