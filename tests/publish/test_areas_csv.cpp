// The areas CSV: every layer's rows under one header that names each column's period, and
// the OutputSet's rules for replacing an earlier one.
#include "hotspot/base/errors.hpp"
#include "hotspot/publish/areas_csv.hpp"
#include "../measure/planted_incidents.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

// A: 2024-01 ASB x3 and 2024-06 ASB x1 (6 months of data: every month, per year x2).
AnalysisResult planted_result() {
    test::PlantedRows rows;
    rows.add(3, 2024, 1, "Anti-social behaviour", 0);
    rows.add(1, 2024, 6, "Anti-social behaviour", 0);
    AnalysisResult r;
    r.layers.push_back(test::three_areas(1000.0, 2000.0, 0.0));  // C: no usable population
    r.measures.push_back(measure_areas(r.layers[0], rows.area, rows.t, MeasureOptions{}));
    r.incidents = rows.t;
    return r;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("areas CSV: headers name the period, rates per year, empty without population", "[areas_csv]") {
    const auto lines = lines_of(areas_csv_text(planted_result()));
    REQUIRE(lines.size() == 4);
    const std::string period = "all months 2024-01..2024-06 (Jan 2024-Jun 2024, 6 months)";
    CHECK(lines[0].starts_with(areas_csv_header_start));
    CHECK_THAT(lines[0], Catch::Contains("\"Count, " + period + "\""));
    CHECK_THAT(lines[0], Catch::Contains("\"Rate per 1,000 residents per year, " + period + "\""));
    CHECK_THAT(lines[0], Catch::Contains("\"Anti-social behaviour, " + period + "\""));
    CHECK_THAT(lines[0], Catch::Contains("Direction (no comparison)"));
    // A: 4 incidents per 1,000 residents in 6 months = 8.000 a year; 100 % of the total.
    CHECK(lines[1].starts_with("wards,A,A,1000,0.0001,all months 2024-01..2024-06,6,4,4.000,100.000,8.000,"));
    // C: population 0, so no rate, no lq and no rank by rate.
    CHECK_THAT(lines[3], Catch::Contains(",0,0.000,0.000,,,residents,2,,"));
}

TEST_CASE("areas CSV: replaces only an earlier areas CSV, and only with --overwrite", "[areas_csv][output_set]") {
    const fs::path dir = fs::temp_directory_path() / ("hotspot_areas_csv_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string ours = (dir / "areas.csv").string(), foreign = (dir / "budget.csv").string();
    std::ofstream(ours) << areas_csv_header_start << "...\n";
    std::ofstream(foreign) << "line,amount\n1,2\n";
    AnalysisConfig c;
    c.output.areas_csv = ours;
    {
        OutputSet without(false, {});
        CHECK_THROWS_AS(claim_areas_csv(without, c), OutputError);
    }
    {
        OutputSet with(true, {});
        AnalysisResult r = planted_result();
        claim_areas_csv(with, c);
        write_areas_csv(r, c, with);
        with.publish();
        CHECK(r.report.get("output", "areas_csv") == ours);
    }
    std::ifstream in(ours);
    std::string head;
    std::getline(in, head);
    CHECK_THAT(head, Catch::Contains("Count, all months"));
    c.output.areas_csv = foreign;
    OutputSet with(true, {});
    CHECK_THROWS_WITH(claim_areas_csv(with, c), Catch::Contains("is never replaced, even with --overwrite"));
    fs::remove_all(dir);
}
