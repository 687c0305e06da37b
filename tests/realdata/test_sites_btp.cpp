// Sites inside chosen wards on the real British Transport Police points (issue 10): the four
// wards of the issue (Ladywood holds New Street; Aston, Bournbrook & Selly Park and Billesley
// border the wards holding Perry Barr, Selly Oak and Moor Street/Five Ways stations). Oracle:
// the ward polygons read straight from the file, brute-force point in polygon and distances.
#include "hotspot/workflow/pipeline.hpp"
#include "hotspot/workflow/sites_workflow.hpp"
#include "oracle.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>
#include <map>
#include <set>

using namespace hotspot;

namespace {

const std::string wards_file() { return shared_data_dir() + "/boundaries/birmingham_wards_2018.gpkg"; }

const AnalysisResult& btp() {
    static const AnalysisResult r = [] {
        AnalysisConfig c;
        apply_setting(c, "input.police.format", "police.uk", "");
        apply_setting(c, "input.police.path", shared_data_dir() + "/crime/btp_street_2022-10_2025-01", "");
        apply_setting(c, "area.wards.path", wards_file(), "");
        apply_setting(c, "area.wards.id", "code", "");
        apply_setting(c, "area.wards.name", "ward_name", "");
        return run_analysis(c, AnalysisScope::join, [](const std::string&, double) {});
    }();
    return r;
}

SitesConfig btp_sites(const std::string& within) {
    SitesConfig c;
    parse_within(within, c);
    c.sites.count = 8;  // as in the issue; the rest are the command's defaults
    c.sites.min_separation_m = 300;
    c.sites.radius_m = 150;
    c.density.bandwidth_m = 150;
    c.density.cell_m = 10;
    return c;
}

// The oracle's ward name of every incident (points repeat: station snap points).
std::vector<std::string> oracle_wards(const AnalysisResult& a, const BruteForceAreas& oracle) {
    std::map<std::pair<double, double>, std::string> cache;
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a.incidents.size(); ++i) {
        const auto key = std::make_pair(a.incidents.x[i], a.incidents.y[i]);
        auto it = cache.find(key);
        if (it == cache.end()) {
            const std::int64_t k = oracle.locate(key.first, key.second);
            it = cache.emplace(key, k >= 0 ? oracle.id(static_cast<std::size_t>(k)) : std::string()).first;
        }
        out.push_back(it->second);
    }
    return out;
}

void check_sites(const SitesResult& r, const std::set<std::string>& chosen, const std::vector<std::string>& ward_of,
                 const BruteForceAreas& oracle) {
    const IncidentTable& t = btp().incidents;
    std::uint64_t inside = 0;
    for (const auto& w : ward_of) inside += !w.empty() && chosen.count(w);
    CHECK(r.incidents_inside == inside);
    double share_sum = 0;
    std::set<std::string> with_site;
    for (const Site& s : r.sites) {
        const std::int64_t k = oracle.locate(s.x, s.y);
        REQUIRE(k >= 0);
        const std::string ward = oracle.id(static_cast<std::size_t>(k));
        CHECK(chosen.count(ward) == 1);  // the centre lies in a chosen ward
        CHECK(s.centre_area.at("wards") == ward);           // and is labelled with it
        with_site.insert(ward);
        std::uint64_t brute = 0;
        for (std::size_t i = 0; i < t.size(); ++i)
            brute += std::hypot(t.x[i] - s.x, t.y[i] - s.y) <= 150 && chosen.count(ward_of[i]);
        CHECK(s.summary.incidents == brute);
        share_sum += s.share_pct;
        std::cout << "  " << s.rank << ". " << s.summary.place_name << " (" << ward << "): " << s.summary.incidents << ", "
                  << s.share_pct << " %\n";
    }
    std::cout << "  shares sum to " << share_sum << " % of " << r.share_denominator << "\n";
    CHECK(share_sum <= 100.0 + 1e-9);
    std::set<std::string> listed;
    for (const auto& w : r.areas_without_site) listed.insert(w.name);
    for (const auto& w : chosen) CHECK(listed.count(w) == !with_site.count(w));  // a chosen ward without a site is listed
}

}  // namespace

TEST_CASE("BTP sites in four Birmingham wards lie in them, count only their incidents and list Billesley", "[real][btp][sites]") {
    const BruteForceAreas oracle(wards_file(), "ward_name");
    const auto ward_of = oracle_wards(btp(), oracle);
    const std::set<std::string> chosen = {"Ladywood", "Aston", "Bournbrook & Selly Park", "Billesley"};
    const SitesResult r = run_sites(btp(), btp_sites("wards=Ladywood;Aston;Bournbrook & Selly Park;Billesley"));
    std::cout << "BTP, four wards: " << r.sites.size() << " sites\n";
    check_sites(r, chosen, ward_of, oracle);
    REQUIRE_FALSE(r.sites.empty());
    CHECK(r.sites.front().summary.place_name == "On or near Birmingham New Street (Station)");
    for (const Site& s : r.sites)  // the stations of the mislabelled sites lie outside these wards
        for (const char* station : {"Moor Street", "Five Ways", "Perry Barr", "Selly Oak"})
            CHECK(s.summary.place_name.find(station) == std::string::npos);
    bool billesley = false;
    for (const auto& w : r.areas_without_site)
        if (w.name == "Billesley") {
            billesley = true;
            CHECK(w.incidents == 0);
            CHECK(w.reason == "no counted incident inside Billesley");
        }
    CHECK(billesley);
    for (const Hotspot& h : r.hotspots.hotspots)
        for (const auto& n : h.summary.areas.at("wards")) CHECK(chosen.count(n) == 1);
}

TEST_CASE("BTP sites in the whole ward layer (--within wards) lie in Birmingham", "[real][btp][sites]") {
    const BruteForceAreas oracle(wards_file(), "ward_name");
    const auto ward_of = oracle_wards(btp(), oracle);
    const SitesResult r = run_sites(btp(), btp_sites("wards"));
    std::cout << "BTP, all wards: " << r.sites.size() << " sites\n";
    CHECK(r.within_description == "wards (all 69 areas)");
    std::set<std::string> all;
    for (std::size_t k = 0; k < oracle.size(); ++k) all.insert(oracle.id(k));
    REQUIRE(all.size() == 69);
    check_sites(r, all, ward_of, oracle);  // every ward without a site listed
    CHECK(r.sites.size() == 8);
    CHECK(r.incidents_inside == 1267);  // data/README.md: 1,267 BTP rows lie in the Birmingham wards
}
