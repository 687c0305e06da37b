// The intervention workflow on the embedded city: every accepted incident lands in exactly one
// accounting line, and the zone counts equal a brute force over the incidents (the ward by its
// label through the layer's own lookup, the buffer by OGR's distance to the union of the treated
// wards' polygons, not the workflow's prepared GEOS region).
#include "../city_fixture.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/workflow/intervention_workflow.hpp"

#include <catch2/catch.hpp>
#include <ogr_geometry.h>

#include <memory>
#include <set>

using namespace hotspot;

namespace {

std::unique_ptr<OGRGeometry> from_wkb(const std::string& wkb) {
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size());
    return std::unique_ptr<OGRGeometry>(g);
}

const AreaLayer& wards(const AnalysisResult& a) {
    for (const AreaLayer& l : a.layers)
        if (l.name() == "wards") return l;
    FAIL("no wards layer");
    return a.layers.front();
}

InterventionConfig base_config() {
    InterventionConfig c;
    c.treatment = {"wards", {"Ashcombe"}};
    c.month = month_index(2023, 10);
    c.months = 6;
    return c;
}

void check_accounting(const InterventionResult& r) {
    const InterventionAccount& a = r.account;
    std::uint64_t sum = a.other_category + a.intervention_month + a.before_the_windows + a.after_the_windows + a.outside_zones[0] +
                        a.outside_zones[1];
    for (int w = 0; w < 2; ++w)
        for (int z = 0; z < 3; ++z) sum += a.in_zone[w][z];
    CHECK(sum == a.accepted);
}

}  // namespace

TEST_CASE("Intervention zones: treatment ward, 300 m ring, rest as control, against a brute force", "[intervention][workflow]") {
    const AnalysisResult& a = city();
    InterventionConfig c = base_config();
    c.buffer_m = 300;
    c.categories = {"Anti-social behaviour"};
    const InterventionResult r = run_intervention(a, c);

    const AreaLayer& layer = wards(a);
    std::size_t li = 0;
    while (&a.layers[li] != &layer) ++li;
    std::unique_ptr<OGRGeometry> treated;
    for (std::size_t k = 0; k < layer.size(); ++k)
        if (layer.label(k) == "Ashcombe") treated = from_wkb(layer.wkb(k));
    REQUIRE(treated);
    const IncidentTable& t = a.incidents;
    std::int64_t want[2][3] = {}, other = 0, month = 0, outside = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t.categories.at(t.category[i]) != "Anti-social behaviour") { ++other; continue; }
        const MonthIndex m = t.month[i];
        if (m == c.month) { ++month; continue; }
        if (m < c.month - 6 || m > c.month + 6) { ++outside; continue; }
        const int w = m < c.month ? 0 : 1;
        const std::int32_t k = a.assignments[li].area[i];
        OGRPoint p(t.x[i], t.y[i]);
        if (k >= 0 && layer.label(static_cast<std::size_t>(k)) == "Ashcombe") ++want[w][0];
        else if (treated->Distance(&p) <= 300.0) ++want[w][1];
        else ++want[w][2];
    }
    CHECK(r.counts.treatment.before == want[0][0]);
    CHECK(r.counts.treatment.after == want[1][0]);
    CHECK(r.counts.buffer.before == want[0][1]);
    CHECK(r.counts.buffer.after == want[1][1]);
    CHECK(r.counts.control.before == want[0][2]);
    CHECK(r.counts.control.after == want[1][2]);
    CHECK(r.account.other_category == static_cast<std::uint64_t>(other));
    CHECK(r.account.intervention_month == static_cast<std::uint64_t>(month));
    CHECK(r.account.before_the_windows + r.account.after_the_windows == static_cast<std::uint64_t>(outside));
    CHECK(want[0][1] + want[1][1] > 0);  // the ring holds incidents: the case tests something
    // The drawn zones partition the study area (the wards tile it): their areas add up to the
    // wards' summed areas (OGR), and the treatment is Ashcombe's own polygon.
    double wards_m2 = 0;
    for (std::size_t k = 0; k < layer.size(); ++k) wards_m2 += from_wkb(layer.wkb(k))->toMultiPolygon()->get_Area();
    CHECK(r.zone_area_m2[0] == Approx(treated->toMultiPolygon()->get_Area()).epsilon(1e-9));
    CHECK(r.zone_area_m2[1] > 0);
    CHECK(r.zone_area_m2[0] + r.zone_area_m2[1] + r.zone_area_m2[2] == Approx(wards_m2).epsilon(1e-6));
    check_accounting(r);
    CHECK(month_range_label(r.before_first, r.before_last) == "2023-04..2023-09");
    CHECK(month_range_label(r.after_first, r.after_last) == "2023-11..2024-04");
}

TEST_CASE("Intervention zones: buffer and control as chosen wards; incidents elsewhere counted as in no zone", "[intervention][workflow]") {
    const AnalysisResult& a = city();
    InterventionConfig c = base_config();
    c.buffer_areas = {"wards", {"Abbey Fields", "Alderbrook"}};
    c.control_rest = false;
    c.control = {"wards", {"Barrow Hill", "Ashcombe"}};  // the treatment ward listed too: it stays treatment
    const InterventionResult r = run_intervention(a, c);
    const AreaLayer& layer = wards(a);
    std::size_t li = 0;
    while (&a.layers[li] != &layer) ++li;
    const IncidentTable& t = a.incidents;
    std::int64_t want[2][4] = {};
    for (std::size_t i = 0; i < t.size(); ++i) {
        const MonthIndex m = t.month[i];
        if (m == c.month || m < c.month - 6 || m > c.month + 6) continue;
        const std::int32_t k = a.assignments[li].area[i];
        const std::string name = k >= 0 ? layer.label(static_cast<std::size_t>(k)) : "";
        const int z = name == "Ashcombe" ? 0 : name == "Abbey Fields" || name == "Alderbrook" ? 1 : name == "Barrow Hill" ? 2 : 3;
        ++want[m < c.month ? 0 : 1][z];
    }
    CHECK(r.counts.treatment.before == want[0][0]);
    CHECK(r.counts.buffer.after == want[1][1]);
    CHECK(r.counts.control.before == want[0][2]);
    CHECK(r.counts.control.after == want[1][2]);
    CHECK(r.account.outside_zones[0] == static_cast<std::uint64_t>(want[0][3]));
    CHECK(r.account.outside_zones[1] == static_cast<std::uint64_t>(want[1][3]));
    CHECK(want[0][3] > 0);
    check_accounting(r);
}

TEST_CASE("Intervention: windows the data do not cover and unknown areas are refused with what is wrong", "[intervention][workflow]") {
    const AnalysisResult& a = city();
    InterventionConfig c = base_config();
    c.buffer_m = 300;
    c.month = month_index(2025, 1);  // the city's data end 2025-03
    CHECK_THROWS_WITH(run_intervention(a, c), Catch::Contains("2025-04, 2025-05, 2025-06, 2025-07"));
    c.month = month_index(2022, 6);  // and begin 2022-04
    CHECK_THROWS_WITH(run_intervention(a, c), Catch::Contains("2021-12, 2022-01, 2022-02, 2022-03"));
    c = base_config();
    c.treatment = {"wards", {"Ashcomb"}};
    CHECK_THROWS_WITH(run_intervention(a, c), Catch::Contains("--treatment: no area named 'Ashcomb' in wards"));
}
