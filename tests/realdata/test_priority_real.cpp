// The priority indicators of tests/realdata/priority_birmingham.ini on the real files: Birmingham's
// 659 LSOAs kept from the Birmingham and Solihull layer by its where filter (the 134 Solihull
// features counted), the WMP published counts with the Census population, the IMD 2025 score and
// the BTP incidents. Expected figures come from the files read independently: the sums with
// Python's csv module, the BTP locations with GDAL/OGR in Python (1,267 incidents in 39 LSOAs,
// 410 at New Street's LSOA E01033625), as /usr/bin/python3 tests/realdata/priority_oracle.py does.
#include "hotspot/workflow/pipeline.hpp"
#include "hotspot/workflow/priority_indicators.hpp"
#include "hotspot/workflow/priority_workflow.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
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
    REQUIRE(t.indicators.size() == 5);
    const IndicatorValues& wm = *t.find("wm_crimes");
    double crimes = 0, residents = 0;
    for (std::size_t i = 0; i < lsoa.size(); ++i) crimes += *wm.observed[i], residents += *wm.denominator[i];
    CHECK(crimes == 308107);
    CHECK(residents == 1144925);
    CHECK(crimes / residents * 1000 * 12 / 25 == Approx(129.171221).margin(5e-7));
    CHECK(wm.missing_areas.empty());
    CHECK(t.find("imd")->missing_areas.empty());
    // FixMyStreet fly-tipping 2018-2020 (Python's csv: 8,588 reports in 567 of the 639 LSOAs 2011),
    // moved to LSOA 2021 by best fit: every report arrives and every LSOA 2021 has a value.
    const IndicatorValues& fly = *t.find("fly_tipping");
    double reports = 0;
    for (std::size_t i = 0; i < lsoa.size(); ++i) reports += *fly.observed[i];
    CHECK(reports == Approx(8588).margin(1e-6));
    CHECK(fly.missing_areas.empty());

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
    REQUIRE(btp.year_labels == std::vector<std::string>{"2022/23 (2022-10..2023-03, 6 months)", "2023/24", "2024/25 (2024-04..2025-01, 10 months)"});
    const IndicatorValues& share = *t.find("btp_share");
    for (std::size_t i = 0; i < lsoa.size(); ++i) CHECK(*share.value[i] == Approx(*btp.value[i] / *wm.value[i]).epsilon(1e-12));
}

TEST_CASE("run_priority on Birmingham: the index, over-representation, hierarchy and deprivation", "[realdata][priority]") {
    const AnalysisConfig c = load_config_file(std::string(HOTSPOT_SOURCE_DIR) + "/tests/realdata/priority_birmingham.ini");
    const PriorityResult p = run_priority(c, c.priority, [](const std::string&, double) {});
    const std::size_t n = p.indicators.area_ids.size();
    REQUIRE(n == 659);
    CHECK(p.composite.dropped.empty());
    // The top 42 recomputed by tests/realdata/priority_oracle.py (numpy/scipy from the raw files:
    // P90 flags of percentiles summed, ties broken by the mean min-max scaled value).
    const std::vector<std::string> oracle_top{
        "E01008899", "E01008907", "E01008916", "E01009007", "E01009018", "E01009045", "E01009053", "E01009239", "E01009242",
        "E01009266", "E01009269", "E01009270", "E01009275", "E01009332", "E01009339", "E01009345", "E01009349", "E01009354",
        "E01009355", "E01009359", "E01009360", "E01009361", "E01009362", "E01009364", "E01009365", "E01009368", "E01009371",
        "E01009376", "E01009379", "E01009391", "E01009412", "E01009449", "E01009462", "E01009507", "E01033561", "E01033620",
        "E01033623", "E01033625", "E01033646", "E01034921", "E01034922", "E01034952"};
    std::vector<std::string> top;
    for (std::size_t i : p.composite.top) top.push_back(p.indicators.area_ids[i]);
    REQUIRE(top.size() == 42);
    CHECK(top[0] == "E01008899");
    CHECK(top[1] == "E01009349");
    std::sort(top.begin(), top.end());
    CHECK(top == oracle_top);
    // Over-representation of the WMP counts: 176 LSOAs whose Byar lower bound is above 1 (the oracle's figure).
    REQUIRE(p.risks.size() == 3);  // wm_crimes, btp and fly_tipping have counts
    CHECK(p.risks[0].indicator == "wm_crimes");
    CHECK(p.risks[0].over.above == 176);
    CHECK(p.risks[0].over.city_rate * p.risks[0].rate_scale == Approx(129.171221).margin(5e-7));
    CHECK(p.risks[0].skipped_areas.empty());
    // spdep EBest (plan 2.2): b = 0.2691 events per resident over 25 months = 129.17 per 1,000 per year,
    // E01008881 224.10 per 1,000 per year once scaled (crude 224.18); unscaled in the result.
    REQUIRE(p.risks[0].eb_global);
    CHECK(p.risks[0].eb_global->b == Approx(0.26910671004651).epsilon(1e-12));
    const auto e01008881 = std::find(p.indicators.area_ids.begin(), p.indicators.area_ids.end(), "E01008881") - p.indicators.area_ids.begin();
    CHECK(p.risks[0].eb_global->estimate[e01008881] * p.risks[0].rate_scale == Approx(224.10).margin(0.005));
    const auto e01033620 = std::find(p.indicators.area_ids.begin(), p.indicators.area_ids.end(), "E01033620") - p.indicators.area_ids.begin();
    CHECK(p.risks[0].eb_global->estimate[e01033620] == Approx(11.6298414733496).epsilon(1e-9));  // R EBest estmm
    // The hierarchy: LSOA -> 69 wards -> localities; the counts add up at every level.
    REQUIRE(p.hierarchy);
    REQUIRE(p.hierarchy->levels.size() == 3);
    CHECK(p.hierarchy->levels[1].ids.size() == 69);
    for (std::size_t level = 0; level < 3; ++level) {
        double sum = 0;
        for (std::size_t k = 0; k < p.rollup.size(); ++k)
            if (p.rollup_indicator[k] == "wm_crimes" && p.rollup[k].level == level) sum += p.rollup[k].count;
        CHECK(sum == 308107);
    }
    CHECK_FALSE(p.dashboard.empty());
    CHECK(p.dashboard_indicator == "btp: incidents per month, 2022-10..2025-01 of its data");  // the first count of incidents
    // The trial's 4 indicators: none is a near duplicate and no flag marks the lowest values (warnings listed if any).
    for (const auto& w : p.composite.warnings) WARN(w);
    REQUIRE(p.deprivation);
    CHECK(p.deprivation->profile.chosen == 42);
    CHECK(p.deprivation->parent_scores.size() == 69);
}
