// The tasking pack's numbers on planted inputs (hand-counted), its point-in-polygon against
// GEOS (through OGR), the scale bar's round lengths and the Gi* bin words.
#include "hotspot/report/pack_figures.hpp"
#include "hotspot/report/svg_map.hpp"

#include <catch2/catch.hpp>
#include <ogr_geometry.h>

#include <random>

using namespace hotspot;
using namespace hotspot::report;

namespace {

Shape square(double x0, double y0, double side) {
    return {{{{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}}}, x0, y0, x0 + side, y0 + side};
}

report::SourceFile sites_source(const std::string& categories) {
    report::SourceFile s;
    s.path = "sites.gpkg";
    s.kind = SourceKind::sites;
    s.report.push_back({"config", "effective_ini", "[analysis]\nt_srs = EPSG:27700\n\n[measures]\ncategories = " + categories + "\nbase_period = 2023/24\n"});
    return s;
}

PackSite site(int rank, double x0, double y0) {
    PackSite s;
    s.rank = rank;
    s.easting = x0 + 50, s.northing = y0 + 50, s.radius_m = 50;
    s.shape = square(x0, y0, 100);
    return s;
}

}  // namespace

TEST_CASE("a point in a multipolygon with a hole: even-odd rings agree with GEOS", "[report]") {
    const char* wkt = "MULTIPOLYGON(((0 0,100 0,100 100,0 100,0 0),(20 20,80 20,50 80,20 20)),((150 0,200 50,150 100,120 50,150 0)))";
    OGRGeometry* g = nullptr;
    REQUIRE(OGRGeometryFactory::createFromWkt(wkt, nullptr, &g) == OGRERR_NONE);
    Shape s;
    for (const OGRPolygon* p : *g->toMultiPolygon())
        for (const OGRLinearRing* r : *p) {
            Ring ring;
            for (const OGRPoint& q : *r) ring.push_back({q.getX(), q.getY()});
            s.rings.push_back(ring);
        }
    s.x0 = 0, s.y0 = 0, s.x1 = 200, s.y1 = 100;
    std::mt19937 rng(14);
    std::uniform_real_distribution<double> ux(-10, 210), uy(-10, 110);
    int inside = 0;
    for (int k = 0; k < 5000; ++k) {
        OGRPoint p(ux(rng), uy(rng));
        const bool want = g->Contains(&p);
        inside += want;
        REQUIRE(contains(s, p.getX(), p.getY()) == want);
    }
    CHECK(inside > 1000);  // both parts and the hole were exercised
    OGRGeometryFactory::destroyGeometry(g);
}

TEST_CASE("pack figures: planted incidents give the hand-counted periods and hot months", "[report]") {
    PackInputs in;
    in.run.path = "run.gpkg";
    in.sites.source = sites_source("Burglary;Anti-social behaviour");
    in.sites.sites = {site(1, 0, 0), site(2, 1000, 0)};
    const MonthIndex first = month_index(2024, 1);  // 14 months: 2024-01 .. 2025-02
    auto add = [&](double x, double y, MonthIndex m, const char* cat, int n) {
        for (int k = 0; k < n; ++k) in.incidents.push_back({x, y, m, cat});
    };
    // Site 1: one incident a month for 14 months, plus 5 in each of the last two months.
    for (int k = 0; k < 14; ++k) add(10, 10, first + k, "Burglary", 1);
    add(20, 20, first + 12, "Anti-social behaviour", 5);
    add(20, 20, first + 13, "Anti-social behaviour", 5);
    // Site 2: 3 incidents in 2024-01 only; a category not chosen inside it does not count.
    add(1050, 50, first, "Burglary", 3);
    add(1050, 50, first + 13, "Vehicle crime", 40);
    // Outside every site: counted in the study-wide figures only.
    add(500, 500, first + 13, "Burglary", 7);
    add(500, 500, first + 10, "Burglary", 2);

    const PackFigures f = compute_pack_figures(in, 2);
    CHECK(f.window.first == first);
    CHECK(f.window.last == first + 13);
    CHECK(f.window.now_first == first + 12);    // 2025-01 .. 2025-02
    CHECK(f.window.before_first == first + 10);  // 2024-11 .. 2024-12
    REQUIRE(f.sites.size() == 2);
    // Site 1: now = 2 + 10, before = 2, total 24 over 14 months: mean 24/14 = 1.71, so only
    // the last two months (6 each) are hot.
    CHECK(f.sites[0].now == 12);
    CHECK(f.sites[0].before == 2);
    CHECK(f.sites[0].total == 24);
    CHECK(f.sites[0].hot_last12 == 2);
    CHECK(f.sites[0].hot_streak == 2);
    CHECK(f.sites[0].confidence == "not computed");
    // Site 2: 3 in the first month, outside the last 12; the last month is not hot.
    CHECK(f.sites[1].now == 0);
    CHECK(f.sites[1].before == 0);
    CHECK(f.sites[1].total == 3);
    CHECK(f.sites[1].hot_last12 == 0);
    CHECK(f.sites[1].hot_streak == 0);
    CHECK(f.selection_now == 12 + 7);
    CHECK(f.selection_before == 2 + 2);
    CHECK(f.sites_monthly[13] == 6);
    CHECK(f.selection_monthly[13] == 13);
}

TEST_CASE("pack figures: too few months for two periods is refused, naming the months", "[report]") {
    PackInputs in;
    in.run.path = "run.gpkg";
    in.sites.source = sites_source("");
    in.sites.sites = {site(1, 0, 0)};
    in.incidents = {{10, 10, month_index(2024, 1), "Burglary"}, {10, 10, month_index(2024, 4), "Burglary"}};
    CHECK_THROWS_WITH(compute_pack_figures(in, 3), Catch::Contains("covers 4 months (2024-01..2024-04)"));
    CHECK_NOTHROW(compute_pack_figures(in, 2));
}

TEST_CASE("pack figures: the previous sites are counted and matched to a current site", "[report]") {
    PackInputs in;
    in.run.path = "run.gpkg";
    in.sites.source = sites_source("");
    in.sites.sites = {site(1, 0, 0)};
    SitesFile old;
    old.sites = {site(1, 30, 0), site(2, 5000, 5000)};  // the first overlaps today's site 1
    in.previous = old;
    for (int k = 0; k < 6; ++k) in.incidents.push_back({60, 10, month_index(2024, 1) + k, "Theft"});
    in.incidents.push_back({5050, 5050, month_index(2024, 2), "Theft"});
    const PackFigures f = compute_pack_figures(in, 3);
    REQUIRE(f.previous.size() == 2);
    CHECK(f.previous[0].now == 3);
    CHECK(f.previous[0].before == 3);
    CHECK(f.previous[0].current_rank == 1);
    CHECK(f.previous[1].before == 1);
    CHECK(f.previous[1].current_rank == 0);
}

TEST_CASE("scale bar lengths are round and about a fifth of the view; Gi* bins in words", "[report]") {
    CHECK(scale_bar_length(680) == 100);
    CHECK(scale_bar_length(1100) == 200);
    CHECK(scale_bar_length(3000) == 500);
    CHECK(scale_bar_length(5000) == 1000);
    CHECK(scale_bar_length(12000) == 2000);
    CHECK(gi_bin_words("3") == "+3 (hot, 99 %)");
    CHECK(gi_bin_words("-1") == "-1 (cold, 90 %)");
    CHECK(gi_bin_words("0") == "0 (not significant)");
    CHECK(gi_bin_words("") == "not computed");
}
