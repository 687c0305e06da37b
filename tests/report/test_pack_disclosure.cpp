// The public tasking pack's protection (report/pack_disclosure) on planted figures whose only
// safe answers are known: a month recoverable from its period's total, a site recoverable from
// "inside any site", and overlapping sites, whose counts do not add up and so give nothing away.
#include "hotspot/report/pack_disclosure.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;
using namespace hotspot::report;

namespace {

// Four months of data, a pack period of two; the months' bars as given, every incident in site 0
// or site 1 as given by their (before, now) counts.
struct Planted {
    PackInputs in;
    PackFigures f;
};

Planted planted(std::vector<long long> selection, std::vector<long long> sites_any, std::vector<std::pair<long long, long long>> sites) {
    Planted p;
    PackWindow& w = p.f.window;
    w.first = 2024 * 12, w.last = w.first + 3, w.months = 2, w.now_first = w.first + 2, w.before_first = w.first;
    p.f.selection_monthly = selection;
    p.f.selection_before = selection[0] + selection[1], p.f.selection_now = selection[2] + selection[3];
    p.f.sites_monthly = sites_any;
    p.f.sites_before = sites_any[0] + sites_any[1], p.f.sites_now = sites_any[2] + sites_any[3];
    p.f.sites_total = p.f.sites_before + p.f.sites_now;
    for (std::size_t k = 0; k < sites.size(); ++k) {
        SiteFigures s;
        s.before = sites[k].first, s.now = sites[k].second, s.total = s.before + s.now;
        p.f.sites.push_back(s);
        PackSite site;
        site.rank = static_cast<int>(k) + 1, site.incidents = 50, site.easting = 1000.0 * static_cast<double>(k);
        p.in.sites.sites.push_back(site);
    }
    return p;
}

}  // namespace

TEST_CASE("public pack: a small month is not left recoverable from its period's total", "[pack_disclosure]") {
    // Previous period: 20 + 3 = 23 shown alone would give the 3 away.
    Planted p = planted({20, 3, 30, 25}, {12, 12, 12, 12}, {{12, 12}, {12, 12}});
    const PackProtection pr = protect_pack(p.in, p.f, DisclosureRule{});
    REQUIRE(pr.active);
    CHECK(pr.selection_monthly[1]);
    CHECK((pr.selection_monthly[0] || pr.selection_before));
    CHECK_FALSE(pr.selection_monthly[2]);  // the pack period has no small month: nothing withheld there
    CHECK_FALSE(pr.selection_monthly[3]);
    CHECK_FALSE(pr.selection_now);
    CHECK(pr.summary.primary == 1);
    CHECK(pr.summary.secondary >= 1);
    CHECK(pr.summary.unprotected == 0);
}

TEST_CASE("public pack: a small site is not left recoverable from 'inside any site'", "[pack_disclosure]") {
    // Site 0 has 4 incidents now, site 1 has 30; no incident in both, so inside any site = 34.
    Planted p = planted({40, 40, 40, 40}, {17, 17, 17, 17}, {{14, 4}, {20, 30}});
    const PackProtection pr = protect_pack(p.in, p.f, DisclosureRule{});
    CHECK(pr.sites[0].now);
    CHECK((pr.sites[1].now || pr.sites_now));
    CHECK_FALSE(pr.sites[0].before);  // 14: not small, and its own equations give nothing away
}

TEST_CASE("public pack: overlapping sites (counts not adding up) are not linked", "[pack_disclosure]") {
    // 4 + 30 = 34 but only 31 incidents lie inside any site (3 in both): no equation, so the 30 stays.
    Planted p = planted({40, 40, 40, 40}, {17, 17, 16, 15}, {{14, 4}, {20, 30}});
    const PackProtection pr = protect_pack(p.in, p.f, DisclosureRule{});
    CHECK(pr.sites[0].now);
    CHECK_FALSE(pr.sites[1].now);
    CHECK_FALSE(pr.sites_now);
}

TEST_CASE("public pack: an analyst pack withholds nothing", "[pack_disclosure]") {
    Planted p = planted({20, 3, 30, 25}, {1, 2, 3, 4}, {{1, 2}});
    const PackProtection pr = unprotected_pack(p.f);
    CHECK_FALSE(pr.active);
    CHECK(pr.selection_monthly == std::vector<char>(4, 0));
    CHECK_FALSE(pr.sites[0].now);
}

TEST_CASE("public pack: counts and changes as shown", "[pack_disclosure]") {
    CHECK(count_html(12, false) == "<span class=\"c\">12</span>");
    CHECK(count_html(3, true) == "<span class=\"c\">[c]</span>");
    CHECK(change_html(7, false, 1, false) == "+6 (from 1)");  // no "+600 %" on a base of one
    CHECK(change_html(15, false, 10, false) == "+5 (+50 %)");
    CHECK(change_html(4, false, 0, false) == "+4 (from 0)");
    CHECK(change_html(0, false, 0, false) == "0");
    CHECK(change_html(8, false, 20, false) == "-12 (-60 %)");
    CHECK(change_html(8, true, 20, false) == "[c]");
}
