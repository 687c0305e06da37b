// The performance table CSV: column order and headings, arrows, signs, empty cells for no
// data, and quoting, on a table written out by hand.
#include "hotspot/publish/performance_table_output.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

TEST_CASE("performance table CSV: headings name their periods, cells say up/down/level and no data", "[performance_table]") {
    PerformanceTable t;
    const char* labels[] = {"2024/25 Q2", "2025/26 Q2", "2025/26 Q1", "YTD 2025/26 (Apr-Sep)", "YTD 2024/25 (Apr-Sep)"};
    for (std::size_t p = 0; p < table_periods; ++p) {
        t.periods[p].label = labels[p];
        t.periods[p].first = 0;
        t.periods[p].last = p >= table_period::year_to_date ? 5 : 2;
        t.headings[p] = labels[p];
    }
    t.comparison = "YTD 2025/26 v 2024/25";
    t.measures = {{"Burglary, all", {"Burglary"}, {}, {}}};
    t.months_with_data = {{3, 3, 3, 6, 4}};
    t.rankings = {{"wards", true}};
    TableRow study{"", "", "Whole study area", 0, {10, 12, 8, 20, 25}, -5, -20.0, "down", std::nullopt, std::nullopt};
    TableRow ward{"wards", "E1", "Ward \"One\"", 0, {0, 0, std::nullopt, 0, 0}, 0, std::nullopt, "level", 2.5, 3};
    TableRow up{"wards", "E2", "Two", 0, {1, 2, 3, 4, 3}, 1, 100.0 / 3.0, "up", 1.0, 1};
    t.rows = {study, ward, up};
    const std::string csv = performance_table_csv(t);
    const std::string expected =
        "Area layer,Area code,Area name,Measure,2024/25 Q2,2025/26 Q2,2025/26 Q1,YTD 2025/26 (Apr-Sep),YTD 2024/25 (Apr-Sep),"
        "Difference (YTD 2025/26 v 2024/25),% Difference (YTD 2025/26 v 2024/25),Direction (level within 5%),"
        "\"Rank in layer (YTD 2025/26 (Apr-Sep), 1 = highest)\",\"Rate per 1,000 residents (YTD 2025/26 (Apr-Sep))\",Ranked by,Data coverage\n"
        "study area,,Whole study area,\"Burglary, all\",10,12,8,20,25,-5,-20.0,\u2193,,,,YTD 2024/25 (Apr-Sep): 4 of 6 months with data\n"
        "wards,E1,\"Ward \"\"One\"\"\",\"Burglary, all\",0,0,,0,0,0,,\u2192,3,2.500,\"rate per 1,000 residents\",YTD 2024/25 (Apr-Sep): 4 of 6 months with data\n"
        "wards,E2,Two,\"Burglary, all\",1,2,3,4,3,+1,+33.3,\u2191,1,1.000,\"rate per 1,000 residents\",YTD 2024/25 (Apr-Sep): 4 of 6 months with data\n";
    CHECK(csv == expected);
}
