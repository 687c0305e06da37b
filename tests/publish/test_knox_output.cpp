// The Knox CSV: one row per band pair in row-major order, the observed counts of the hand case
// (tests/time/test_knox.cpp) in observed_pairs, empty cells where a value is undefined (no limit,
// nothing expected), and the console findings only for p < 0.05 with a ratio above 1.
#include "hotspot/publish/knox_output.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace hotspot;

namespace {

std::vector<std::string> csv_lines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

NearRepeatResult hand_result() {
    NearRepeatResult r;
    r.options.space_breaks_m = {0, 1, 100, 200};
    r.options.time_breaks_days = {0, 7, 14};
    r.options.simulations = 99;
    r.options.seed = 5;
    r.table = knox_test({0, 50, 0, 500}, {0, 0, 150, 500}, {0, 2, 10, 3}, r.options);
    r.events_label = "4 incidents";
    return r;
}

}  // namespace

TEST_CASE("knox CSV: header, one row per cell, observed counts, empty undefined values", "[knox]") {
    const NearRepeatResult r = hand_result();
    const std::string path = (std::filesystem::temp_directory_path() / ("knox_" + std::to_string(getpid()) + ".csv")).string();
    write_knox_csv(r, path, path);
    const std::vector<std::string> lines = csv_lines(path);
    std::filesystem::remove(path);
    REQUIRE(lines.size() == 1 + 12);
    CHECK(lines[0].starts_with(knox_csv_header_start));
    CHECK(lines[0] ==
          "space_band,space_band_nrc,time_band,time_band_nrc,space_from_m,space_to_m,time_from_days,time_to_days,observed_pairs,"
          "expected_mean,expected_median,knox_ratio,knox_ratio_median,p_value,reading");
    // [1,100) m x [0,7) days: the pair 1-2 (50 m, 2 days)
    CHECK(lines[4].starts_with("\"[1,100) m\",1 to 100,\"[0,7) days\",0 to 7,1,100,0,7,1,"));
    // [0,1) m x [0,7): no same-place pair can exist, so nothing is expected and the ratio is empty
    CHECK(lines[1].starts_with("\"[0,1) m\",Same location,\"[0,7) days\",0 to 7,0,1,0,7,0,0,0,,,1,"));
    // the open last bands: no upper limit
    CHECK(lines[12].starts_with("\"[200,∞) m\",More than 200,\"[14,∞) days\",More than 14,200,,14,,0,"));
    // With four events nothing reaches p < 0.05.
    CHECK(knox_findings(r).empty());
}
