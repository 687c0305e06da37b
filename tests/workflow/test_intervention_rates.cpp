// Rates per 1,000 residents per year of `evaluate-intervention`'s zones, by hand: the residents are
// the wards' populations as boundaries.gpkg holds them (ogrinfo: Ashcombe 23760, Abbey Fields 16475,
// Alderbrook 6930, Barrow Hill 13285), and rate = count / residents x 1,000 x 12 / months. Zones that
// cut areas (a ring, a file, the rest without a ring) have no residents unless given, with the reason.
#include "../city_fixture.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/time/intervention.hpp"
#include "hotspot/workflow/intervention_workflow.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

namespace {

InterventionConfig wards_config() {
    InterventionConfig c;
    c.treatment = {"wards", {"Ashcombe"}};
    c.buffer_areas = {"wards", {"Abbey Fields", "Alderbrook"}};
    c.control_rest = false;
    c.control = {"wards", {"Barrow Hill", "Ashcombe"}};  // Ashcombe's incidents are the treatment's: so are its residents
    c.month = month_index(2023, 10);
    c.months = 6;
    c.analysis_crs = "EPSG:27700";
    return c;
}

}  // namespace

TEST_CASE("Intervention rates per 1,000 residents per year: zones of whole wards, by hand", "[intervention][workflow][rates]") {
    const InterventionResult r = run_intervention(city(), wards_config());
    REQUIRE(r.zone_residents[0]);
    REQUIRE(r.zone_residents[1]);
    REQUIRE(r.zone_residents[2]);
    CHECK(*r.zone_residents[0] == 23760);
    CHECK(*r.zone_residents[1] == 16475 + 6930);
    CHECK(*r.zone_residents[2] == 13285);
    CHECK(r.residents_source[2] == "layer wards, field population: sum of 1 area, without the treatment's areas");
    // 6-month windows: a year is twice a window.
    const double t_before = static_cast<double>(r.counts.treatment.before) * 1000.0 / 23760.0 * 2.0;
    CHECK(*per_1000_per_year(r.counts.treatment.before, r.zone_residents[0], 6) == Approx(t_before).epsilon(1e-12));
    CHECK(*per_1000_per_year(r.counts.buffer.after, r.zone_residents[1], 6) ==
          Approx(static_cast<double>(r.counts.buffer.after) * 1000.0 / 23405.0 * 2.0).epsilon(1e-12));
    CHECK(per_1000_per_year(17, 500.0, 3).value() == Approx(17.0 / 500.0 * 1000.0 * 4.0));  // 3 months: a year is four windows
    CHECK_FALSE(per_1000_per_year(17, std::nullopt, 6));
    CHECK_FALSE(per_1000_per_year(17, 0.0, 6));
}

TEST_CASE("Intervention rates: a ring, a file and the rest cut by a ring have no residents unless given", "[intervention][workflow][rates]") {
    InterventionConfig c = wards_config();
    c.buffer_areas = {};
    c.buffer_m = 300;
    c.control_rest = true;
    InterventionResult r = run_intervention(city(), c);
    CHECK(*r.zone_residents[0] == 23760);
    CHECK_FALSE(r.zone_residents[1]);
    CHECK(r.residents_source[1] == "the zone is a ring of 300 m around the treatment, not whole areas with a population; give --buffer-population N");
    CHECK_FALSE(r.zone_residents[2]);  // the rest of the wards loses the ring's ground, which cuts wards
    CHECK_THAT(r.residents_source[2], Catch::Contains("residents are not apportioned by area; give --control-population N"));

    c.residents[1] = 12000;
    c.residents[2] = 250000;
    r = run_intervention(city(), c);
    CHECK(*r.zone_residents[1] == 12000);
    CHECK(r.residents_source[1] == "given by --buffer-population");
    CHECK(*r.zone_residents[2] == 250000);

    // The rest of the study area without a ring: every ward but Ashcombe and Abbey Fields
    // (ogrinfo: 52 wards, 737840 residents in all).
    c = wards_config();
    c.buffer_areas = {"wards", {"Abbey Fields"}};
    c.control_rest = true;
    r = run_intervention(city(), c);
    REQUIRE(r.zone_residents[2]);
    CHECK(*r.zone_residents[2] == 737840 - 23760 - 16475);
    CHECK(r.residents_source[2] == "layer wards, field population: sum of 50 areas, without the treatment's areas, without the buffer's areas");

    // A treatment file has no population of its own.
    c = wards_config();
    c.treatment_file = {std::string(HOTSPOT_GEODATA) + "/../tests/data/intervention/pspo_ashcombe_wgs84.geojson", ""};
    r = run_intervention(city(), c);
    CHECK_FALSE(r.zone_residents[0]);
    CHECK_THAT(r.residents_source[0], Catch::StartsWith("the zone is a polygon file (") && Catch::EndsWith("give --treatment-population N"));
}
