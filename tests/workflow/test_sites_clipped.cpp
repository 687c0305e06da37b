// Sites and hotspots clipped to the chosen areas (issue 10), on planted points: a cluster
// whose peak lies just inside a ward boundary, a larger one just across it, and a chosen ward
// with no incident. Oracles: brute-force counts over the points and analytic squares.
#include "hotspot/base/periods.hpp"
#include "hotspot/geo/region.hpp"
#include "hotspot/workflow/sites_workflow.hpp"

#include <catch2/catch.hpp>
#include <ogr_geometry.h>

#include <cmath>
#include <numbers>
#include <random>

using namespace hotspot;

namespace {

std::string square(double x0, double y0, double x1, double y1) {
    return "POLYGON((" + std::to_string(x0) + " " + std::to_string(y0) + "," + std::to_string(x1) + " " + std::to_string(y0) + "," +
           std::to_string(x1) + " " + std::to_string(y1) + "," + std::to_string(x0) + " " + std::to_string(y1) + "," + std::to_string(x0) +
           " " + std::to_string(y0) + "))";
}

// Wards: Quiet (-1000..0), West (0..1000), East (1000..2000), all y 0..1000. Beats split at x = 950.
struct Planted {
    AnalysisResult a;
    Planted() {
        a.layers.push_back(AreaLayer::from_wkt("wards", {"Q", "W", "E"},
                                               {square(-1000, 0, 0, 1000), square(0, 0, 1000, 1000), square(1000, 0, 2000, 1000)}));
        a.layers.push_back(AreaLayer::from_wkt("beats", {"B1", "B2"}, {square(-1000, 0, 950, 1000), square(950, 0, 2000, 1000)}));
        IncidentTable& t = a.incidents;
        t.files.push_back(SourceFile{"planted.csv", "police", "csv", "EPSG:27700"});
        std::mt19937_64 rng(20261130);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const auto disc = [&](double cx, double cy, double r, int n, const std::string& place) {
            for (int i = 0; i < n; ++i) {
                const double rr = r * std::sqrt(u(rng)), th = 2 * std::numbers::pi * u(rng);
                add(cx + rr * std::cos(th), cy + rr * std::sin(th), place);
            }
        };
        disc(960, 500, 100, 120, "Alpha Road");   // peak just inside West, spilling into East
        disc(1130, 500, 60, 300, "Beta Street");  // the bigger cluster, across the boundary in East
        disc(300, 250, 50, 40, "Gamma Lane");     // a second West site
        for (int i = 0; i < 80; ++i) add(1000 * u(rng), 1000 * u(rng), "Delta Close");  // background in West
        for (int i = 0; i < 5; ++i) add(5000 + i, 5000, "Nowhere");                      // outside every ward
        for (const auto& layer : a.layers) a.assignments.push_back(assign_points(layer, t.x.data(), t.y.data(), t.size(), 1));
    }
    void add(double x, double y, const std::string& place) {
        IncidentTable& t = a.incidents;
        t.x.push_back(x);
        t.y.push_back(y);
        t.month.push_back(month_index(2024, 5));
        t.category.push_back(t.categories.intern("Anti-social behaviour"));
        t.weight.push_back(1.0);
        t.file.push_back(0);
        t.line.push_back(static_cast<std::uint32_t>(t.x.size() + 1));
        t.location.push_back(t.locations.intern(place));
        t.lsoa.push_back(t.lsoa_codes.intern(""));
    }
};

const Planted& planted() {
    static const Planted p;
    return p;
}

bool in_west(double x, double y) { return x >= 0 && x <= 1000 && y >= 0 && y <= 1000; }
bool in_quiet_or_west(double x, double y) { return x >= -1000 && x <= 1000 && y >= 0 && y <= 1000; }

SitesConfig config(const std::string& within) {
    SitesConfig c;
    if (!within.empty()) parse_within(within, c);
    c.density.bandwidth_m = 100;
    c.density.cell_m = 10;
    c.sites.count = 5;
    c.sites.min_separation_m = 300;
    c.sites.radius_m = 150;
    return c;
}

// Area of a circle inside Quiet or West, by counting 1 m cells (an independent oracle).
double circle_inside_area(double cx, double cy, double r) {
    double n = 0;
    for (double x = cx - r + 0.5; x < cx + r; x += 1)
        for (double y = cy - r + 0.5; y < cy + r; y += 1) n += std::hypot(x - cx, y - cy) <= r && in_quiet_or_west(x, y);
    return n;
}

}  // namespace

TEST_CASE("a site whose circle crosses into a neighbouring ward counts only the points inside the chosen wards", "[sites][clip]") {
    const IncidentTable& t = planted().a.incidents;
    const SitesResult r = run_sites(planted().a, config("wards=Q;W"));  // ids (the names are the ids here)
    REQUIRE_FALSE(r.sites.empty());
    // Denominator: every planted point in Quiet or West (none in Quiet).
    std::uint64_t inside = 0;
    for (std::size_t i = 0; i < t.size(); ++i) inside += in_quiet_or_west(t.x[i], t.y[i]);
    CHECK(r.incidents_inside == inside);
    CHECK(r.incidents_counted == t.size());
    CHECK_THAT(r.share_denominator, Catch::StartsWith(std::to_string(inside) + " incidents (all categories, 2024-05) inside wards: Q, W"));

    const Site& top = r.sites.front();
    INFO("top site at " << top.x << ", " << top.y);
    CHECK(std::hypot(top.x - 960, top.y - 500) < 60);  // the peak just inside West, not the bigger one across
    double share_sum = 0;
    for (const Site& s : r.sites) {
        CHECK(in_west(s.x, s.y));
        CHECK(s.centre_area.at("wards") == "W");
        CHECK(s.centre_area.at("beats") == (s.x < 950 ? "B1" : "B2"));
        std::uint64_t brute = 0;
        for (std::size_t i = 0; i < t.size(); ++i) brute += std::hypot(t.x[i] - s.x, t.y[i] - s.y) <= 150 && in_west(t.x[i], t.y[i]);
        CHECK(s.summary.incidents == brute);
        CHECK(s.share_pct == Approx(100.0 * static_cast<double>(brute) / static_cast<double>(inside)));
        // The clipped circle (a 64-gon, 0.16 % short of the circle) against the counted circle.
        CHECK(s.area_m2 == Approx(circle_inside_area(s.x, s.y, 150)).epsilon(0.005));
        CHECK(wkb_area_m2(s.wkb) == Approx(s.area_m2));
        share_sum += s.share_pct;
    }
    CHECK(share_sum <= 100.0 + 1e-9);  // circles 300 m apart with radius 150 do not overlap
    CHECK(top.summary.place_name == "Alpha Road");  // Beta Street has more points in the unclipped circle
    CHECK(top.summary.by_category.at("Anti-social behaviour") == top.summary.incidents);
    CHECK(top.area_m2 < std::numbers::pi * 150 * 150 * 0.9);  // really clipped

    // Quiet, chosen, holds nothing: listed with its reason.
    REQUIRE(r.areas_without_site.size() == 1);
    CHECK(r.areas_without_site[0].id == "Q");
    CHECK(r.areas_without_site[0].incidents == 0);
    CHECK_THAT(r.areas_without_site[0].reason, Catch::Contains("no counted incident inside Q"));
}

TEST_CASE("hotspots are clipped to the chosen wards and count only the points inside them", "[hotspots][clip]") {
    const IncidentTable& t = planted().a.incidents;
    SitesConfig c = config("wards=W");
    c.threshold = {ThresholdRule::percentile, 90.0};
    const SitesResult r = run_sites(planted().a, c);
    REQUIRE_FALSE(r.hotspots.hotspots.empty());
    std::uint64_t inside = 0;
    for (std::size_t i = 0; i < t.size(); ++i) inside += in_west(t.x[i], t.y[i]);
    CHECK(r.hotspots.total_incidents == inside);
    CHECK(r.chosen_area_m2 == Approx(1e6));
    CHECK(r.hotspots.study_area_m2 == Approx(1e6));
    for (const Hotspot& h : r.hotspots.hotspots) {
        OGRGeometry* g = nullptr;
        REQUIRE(OGRGeometryFactory::createFromWkb(h.wkb.data(), nullptr, &g, h.wkb.size()) == OGRERR_NONE);
        OGREnvelope e;
        g->getEnvelope(&e);
        // Brute force: the points of the chosen ward inside the clipped polygon.
        std::uint64_t brute = 0;
        for (std::size_t i = 0; i < t.size(); ++i) {
            const OGRPoint p(t.x[i], t.y[i]);
            brute += in_west(t.x[i], t.y[i]) && g->Contains(&p);
        }
        OGRGeometryFactory::destroyGeometry(g);
        CHECK(e.MinX >= -1e-6);
        CHECK(e.MaxX <= 1000 + 1e-6);
        CHECK(h.area_m2 <= h.cells * 100.0 + 1e-6);
        CHECK(h.summary.incidents == brute);  // cells and polygon agree: points on cell edges have measure zero
    }
}

TEST_CASE("sites within LAYER take the whole layer and sites without --within the whole first layer", "[sites][clip]") {
    SitesConfig whole;
    parse_within("wards", whole);
    CHECK(whole.within_layer == "wards");
    CHECK(whole.within.empty());
    const SitesResult a = run_sites(planted().a, config("wards"));
    const SitesResult b = run_sites(planted().a, config(""));
    CHECK(a.within_description == "wards (all 3 areas)");
    CHECK(b.within_description == "wards (all 3 areas)");
    const std::uint64_t in_a_ward = planted().a.incidents.size() - 5;  // the 5 at (5000, 5000) are in none
    CHECK(a.incidents_inside == in_a_ward);
    CHECK(b.incidents_inside == in_a_ward);
    REQUIRE_FALSE(a.sites.empty());
    CHECK(std::hypot(a.sites.front().x - 1130, a.sites.front().y - 500) < 40);  // now the East cluster leads
    CHECK(a.sites.front().centre_area.at("wards") == "E");
    CHECK(a.sites.front().summary.place_name == "Beta Street");
    double share_sum = 0;
    for (const Site& s : a.sites) share_sum += s.share_pct;
    CHECK(share_sum <= 100.0 + 1e-9);
    CHECK_THROWS_WITH(run_sites(planted().a, config("ward=W")), Catch::Contains("there is no area layer 'ward'") && Catch::Contains("wards"));
}
