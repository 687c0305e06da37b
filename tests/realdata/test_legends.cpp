// Issue 10: the default area maps on the real data have legends a GIS officer can use: the
// classes of the style, re-read from its QML, hold every area exactly once and none is empty
// (counted here from the measures), bounds increase, labels show each class's rounded range,
// and the natural breaks equal a brute-force optimum on the BTP ward and LSOA counts.
#include "hotspot/publish/area_style.hpp"
#include "hotspot/publish/classify.hpp"
#include "hotspot/workflow/pipeline.hpp"
#include "shared_data.hpp"
#include "../natural_breaks_oracle.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <regex>

using namespace hotspot;

namespace {

struct Range {
    double lower, upper;
    std::string label;
};

std::vector<Range> ranges_of(const std::string& qml) {
    std::vector<Range> out;
    const std::regex range(R"re(<range lower="([^"]+)" upper="([^"]+)" symbol="[^"]*" label="([^"]*)")re");
    for (std::sregex_iterator it(qml.begin(), qml.end(), range), end; it != end; ++it)
        out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), (*it)[3]});
    return out;
}

void check_map(const AnalysisResult& r, std::size_t l, bool brute_force) {
    const AreaMeasures& m = r.measures[l];
    const std::string period = m.headline_label();
    const std::string qml = area_layer_qml(r.layers[l], m, period);
    CAPTURE(r.layers[l].name());
    CHECK(qml.find("attr=\"count\"") != std::string::npos);  // no population: counts
    CHECK(qml.find("fieldName=\"area_name\"") != std::string::npos);
    const std::vector<Range> ranges = ranges_of(qml);
    REQUIRE(!ranges.empty());
    CHECK(ranges.size() <= 6);
    CHECK(ranges.front().label.find("Incidents, " + period + " (count)&#10;") == 0);
    // Each area in the first range with lower <= v <= upper (QGIS's rule), counted here.
    std::vector<std::size_t> members(ranges.size(), 0);
    std::vector<double> lo(ranges.size(), 1e300), hi(ranges.size(), -1e300);
    for (std::uint64_t c : m.count) {
        const double v = static_cast<double>(c);
        std::size_t k = 0;
        while (k < ranges.size() && !(ranges[k].lower <= v && v <= ranges[k].upper)) ++k;
        REQUIRE(k < ranges.size());
        ++members[k], lo[k] = std::min(lo[k], v), hi[k] = std::max(hi[k], v);
    }
    for (std::size_t k = 0; k < ranges.size(); ++k) {
        CAPTURE(k);
        CHECK(members[k] > 0);
        if (k > 0) CHECK(ranges[k].upper > ranges[k - 1].upper);
        std::string label = ranges[k].label.substr(ranges[k].label.find("&#10;") == std::string::npos ? 0 : ranges[k].label.find("&#10;") + 5);
        label.erase(std::remove(label.begin(), label.end(), ','), label.end());
        const std::string want = lo[k] == hi[k] ? std::to_string(static_cast<long>(lo[k]))
                                                : std::to_string(static_cast<long>(lo[k])) + " - " + std::to_string(static_cast<long>(hi[k]));
        CHECK(label == want);
    }
    if (!brute_force) return;
    // The non-zero classes are the natural breaks of log(count): compare with every cut.
    std::vector<double> logs;
    for (std::uint64_t c : m.count)
        if (c > 0) logs.push_back(std::log(static_cast<double>(c)));
    std::sort(logs.begin(), logs.end());
    std::vector<double> uppers;
    for (const Range& rg : ranges)
        if (rg.upper > 0) uppers.push_back(std::log(rg.upper));
    CHECK(test::total_ssd(logs, uppers) <= test::brute_force_best(logs, uppers.size()) * (1 + 1e-9) + 1e-12);
}

}  // namespace

TEST_CASE("BTP on the Birmingham wards and LSOAs: zero class, natural breaks, every class holds areas", "[real][btp][legends]") {
    AnalysisConfig c = police_config("btp_street_2022-10_2025-01");
    add_area(c, "wards", "birmingham_wards_2018.gpkg", "code");
    add_area(c, "lsoa", "bsol_lsoa21.gpkg", "LSOA21");
    const AnalysisResult r = run_analysis(c, AnalysisScope::full, [](const std::string&, double) {});
    REQUIRE(r.measures.size() == 2);
    check_map(r, 0, true);
    check_map(r, 1, true);
}

TEST_CASE("Merseyside on the Liverpool LSOAs: every class holds areas, labels rounded", "[real][merseyside][legends]") {
    AnalysisConfig c = police_config("merseyside_street_2022-10_2025-09");
    add_area(c, "lsoa", "liverpool_lsoa11.gpkg", "LSOA11CD");
    const AnalysisResult r = run_analysis(c, AnalysisScope::full, [](const std::string&, double) {});
    REQUIRE(r.measures.size() == 1);
    check_map(r, 0, false);  // ~290 distinct counts: too many cuts to enumerate
}
