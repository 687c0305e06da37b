// The priority indicators of tests/realdata/priority_birmingham.ini on the real files: Birmingham's
// 659 LSOAs kept from the Birmingham and Solihull layer by its where filter (the 134 Solihull
// features counted), the WMP published counts with the Census population, the IMD 2025 score and
// the BTP incidents. Expected figures come from the files read independently: the sums with
// Python's csv module, the BTP locations with GDAL/OGR in Python (1,267 incidents in 39 LSOAs,
// 410 at New Street's LSOA E01033625), as /usr/bin/python3 tests/realdata/priority_oracle.py does.
#include "hotspot/workflow/pipeline.hpp"
#include "hotspot/workflow/priority_indicators.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace hotspot;

TEST_CASE("priority indicators on Birmingham's LSOAs equal the independent figures", "[realdata][priority]") {
    const std::string ini = std::string(HOTSPOT_SOURCE_DIR) + "/tests/realdata/priority_birmingham.ini";
    AnalysisConfig c = load_config_file(ini);
    PriorityConfig priority = c.priority;
    c.priority.enabled = false;  // only the pipeline here; run_priority's other steps have their own tests
    c.attributes = with_indicator_fields(c.attributes, priority);
    const AnalysisResult r = run_analysis(c, AnalysisScope::join, [](const std::string&, double) {});
    REQUIRE(r.layers.size() == 1);
    const AreaLayer& lsoa = r.layers[0];
    CHECK(lsoa.size() == 659);
    CHECK(lsoa.filtered_out() == 793 - 659);
    CHECK(r.report.get("counter", "area_layer lsoa features_filtered_out") == "134");

    const IndicatorTable t = build_indicators(r, 0, ordered_indicators(priority), c.attributes);
    REQUIRE(t.indicators.size() == 4);
    const IndicatorValues& wm = *t.find("wm_crimes");
    double crimes = 0, residents = 0;
    for (std::size_t i = 0; i < lsoa.size(); ++i) crimes += *wm.observed[i], residents += *wm.denominator[i];
    CHECK(crimes == 308107);
    CHECK(residents == 1144925);
    CHECK(crimes / residents * 1000 * 12 / 25 == Approx(129.171221).margin(5e-7));
    CHECK(wm.missing_areas.empty());
    CHECK(t.find("imd")->missing_areas.empty());

    const IndicatorValues& btp = *t.find("btp");
    CHECK(btp.months == 28);
    double incidents = 0;
    std::size_t with = 0;
    for (std::size_t i = 0; i < lsoa.size(); ++i) incidents += *btp.observed[i], with += *btp.observed[i] > 0;
    CHECK(incidents == 1267);
    CHECK(with == 39);
    for (std::size_t i = 0; i < lsoa.size(); ++i)
        if (lsoa.id(i) == "E01033625") {
            CHECK(*btp.observed[i] == 410);
            CHECK(*btp.value[i] == Approx(410.0 / *lsoa.population(i) * 1000 * 12 / 28).epsilon(1e-12));
        }
    // Per financial year: 2022/23 (6 months), 2023/24, 2024/25 (10 months) add up to the window.
    REQUIRE(btp.year_labels == std::vector<std::string>{"2022/23", "2023/24", "2024/25"});
    const IndicatorValues& share = *t.find("btp_share");
    for (std::size_t i = 0; i < lsoa.size(); ++i) CHECK(*share.value[i] == Approx(*btp.value[i] / *wm.value[i]).epsilon(1e-12));
}
