// One count indicator's risk step: areas without a positive population are skipped and listed
// (never a crash), Empirical Bayes runs on events / population and is scaled to per 1,000
// residents per year afterwards. Oracle: spdep's EBest written out here.
#include "hotspot/workflow/priority_workflow.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace hotspot;

namespace {
std::string square(double x, double y) {
    const auto p = [](double a, double b) { return std::to_string(a) + " " + std::to_string(b); };
    return "POLYGON((" + p(x, y) + "," + p(x + 100, y) + "," + p(x + 100, y + 100) + "," + p(x, y + 100) + "," + p(x, y) + "))";
}
}  // namespace

TEST_CASE("indicator risk: skipped areas listed, EB scaled after smoothing", "[priority][eb]") {
    // A row of five squares; the middle one has no residents.
    const std::vector<std::string> ids{"a", "b", "c", "d", "e"};
    std::vector<std::string> wkt;
    for (int i = 0; i < 5; ++i) wkt.push_back(square(100.0 * i, 0));
    const std::vector<std::optional<double>> pop{1000, 2500, 0, 1800, 1200};
    const AreaLayer layer = AreaLayer::from_wkt("row", ids, wkt, pop);
    IndicatorValues v;
    v.spec.name = "asb";
    v.spec.per = IndicatorPer::residents_1000_per_year;
    v.months = 24;
    v.observed = {12, 40, 3, 15, 30};
    v.denominator = {1000, 2500, std::nullopt, 1800, 1200};
    PriorityConfig c;
    std::vector<std::string> wkb;
    for (std::size_t i = 0; i < layer.size(); ++i) wkb.push_back(layer.wkb(i));
    const Neighbours queen = queen_contiguity(wkb, 0.0);
    const IndicatorRisk r = indicator_risk(v, layer, c, &queen);
    CHECK(r.skipped_areas == std::vector<std::string>{"c"});
    CHECK(r.rate_scale == 1000.0 * 12.0 / 24.0);
    REQUIRE(r.eb_global);
    // spdep EBest over the kept areas a, b, d, e, in events per resident over the window: the writers
    // scale by rate_scale once (scaling here too made the published rates 500 times too big).
    const std::vector<double> n{12, 40, 15, 30}, x{1000, 2500, 1800, 1200};
    double sn = 0, sx = 0;
    for (int i = 0; i < 4; ++i) sn += n[i], sx += x[i];
    const double b = sn / sx;
    double s2 = 0;
    for (int i = 0; i < 4; ++i) s2 += x[i] * std::pow(n[i] / x[i] - b, 2);
    s2 /= sx;
    const double a = std::max(0.0, s2 - b / (sx / 4));
    const std::size_t kept[4] = {0, 1, 3, 4};
    for (int i = 0; i < 4; ++i) {
        const double est = b + a / (a + b / x[i]) * (n[i] / x[i] - b);
        CHECK(r.eb_global->estimate[kept[i]] == Approx(est).epsilon(1e-12));
        CHECK(r.eb_global->raw[kept[i]] == Approx(n[i] / x[i]).epsilon(1e-12));
    }
    CHECK(std::isnan(r.eb_global->estimate[2]));
    CHECK(r.eb_global->b == Approx(b).epsilon(1e-12));
    // EB local over the kept areas: b and d lose their neighbour c; the lists are a-b, d-e.
    REQUIRE(r.eb_local);
    const Neighbours sub = Neighbours::from_lists({{1}, {0}, {3}, {2}}, "by hand");
    const std::vector<std::string> kept_ids{"a", "b", "d", "e"};
    const EbLocal direct = eb_local(n, x, sub, kept_ids);
    for (int i = 0; i < 4; ++i) CHECK(r.eb_local->estimate[kept[i]] == Approx(direct.estimate[i]).epsilon(1e-12));
    CHECK(std::isnan(r.eb_local->estimate[2]));
    // Over-representation sees the same: the area without residents has no ratio.
    CHECK_FALSE(r.over.ratio[2]);
    // A density is per km2 over its window: neither "residents" nor the per-year scale.
    v.spec.per = IndicatorPer::km2;
    v.period = "2023/24 to 2024/25 (24 months)";
    const IndicatorRisk km2 = indicator_risk(v, layer, c, &queen);
    CHECK(km2.rate_unit == "per km2 over 2023/24 to 2024/25 (24 months)");
    CHECK(km2.rate_scale == 1.0);
}
