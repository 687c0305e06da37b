// The partnership hierarchy: lookups (conflicts, repeats, missing links), best fit by point on
// surface, and roll-ups whose sums are checked against planted values and by brute force.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/hierarchy.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / "hotspot_test_hierarchy";
    fs::create_directories(dir);
    const fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
}

Hierarchy five_lsoas() {
    Hierarchy h;
    h.levels.push_back(HierarchyLevel{"lsoa", {"L1", "L2", "L3", "L4", "L5"}, {"one", "two", "three", "four", "five"},
                                      std::vector<std::optional<std::size_t>>(5), "test"});
    return h;
}

std::string square(double x, double y, double side) {
    const auto s = [](double v) { return std::to_string(v); };
    return "POLYGON((" + s(x) + " " + s(y) + "," + s(x + side) + " " + s(y) + "," + s(x + side) + " " + s(y + side) + "," + s(x) + " " +
           s(y + side) + "," + s(x) + " " + s(y) + "))";
}

bool has_warning(const Hierarchy& h, const std::vector<std::string>& parts) {
    for (const auto& w : h.warnings) {
        bool all = true;
        for (const auto& p : parts) all = all && w.find(p) != std::string::npos;
        if (all) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("lookup links are read by column name, from plain and gzip CSV", "[hierarchy]") {
    const std::string text = "\xEF\xBB\xBF" "code,ward,ward name\nL1,W1,North\n\"L2\",W1,North\nL3,W2,\"South, inner\"\n";
    const std::string plain = write_temp("links.csv", text);
    const auto links = read_lookup_links(plain, "code", "ward", "ward name");
    REQUIRE(links.size() == 3);
    CHECK(links[2].child == "L3");
    CHECK(links[2].parent == "W2");
    CHECK(links[2].parent_name == "South, inner");
    CHECK(links[2].source == "links.csv line 4");
    const std::string gz = write_temp("links_gz.csv", text);
    REQUIRE(std::system(("gzip -f '" + gz + "'").c_str()) == 0);
    const auto from_gz = read_lookup_links(gz + ".gz", "code", "ward", "");
    REQUIRE(from_gz.size() == 3);
    CHECK(from_gz[1].child == "L2");
    CHECK(from_gz[1].parent_name.empty());
}

TEST_CASE("a bad lookup is refused naming the file, the line and the value", "[hierarchy]") {
    const std::string path = write_temp("bad_links.csv", "code,ward\nL1,W1\nL2,\nL3,W2\n");
    CHECK_THROWS_AS(read_lookup_links(path, "code", "wards", ""), ConfigError);
    try {
        read_lookup_links(path, "code", "ward", "");
        FAIL("an empty parent was accepted");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("bad_links.csv line 3") != std::string::npos);
        CHECK(std::string(e.what()).find("L2,") != std::string::npos);
    }
    const std::string short_row = write_temp("short_links.csv", "code,ward\nL1\n");
    CHECK_THROWS_AS(read_lookup_links(short_row, "code", "ward", ""), InputError);
}

TEST_CASE("a lookup level keeps the first of two parents and reports both sources", "[hierarchy]") {
    Hierarchy h = five_lsoas();
    const std::vector<LookupLink> links = {
        {"L1", "W1", "North", "a.csv line 2"}, {"L2", "W1", "North", "a.csv line 3"}, {"L3", "W2", "South", "a.csv line 4"},
        {"L2", "W1", "North", "b.csv line 2"},   // repeats: no conflict
        {"L3", "W1", "North", "b.csv line 3"},   // contradicts a.csv line 4
        {"L9", "W3", "Far", "b.csv line 4"},     // an area outside the level
        {"L4", "W2", "South", "b.csv line 5"}};  // L5 has no link
    add_level_from_lookup(h, "ward", links, "lookup a.csv + b.csv (code -> ward)");
    REQUIRE(h.levels.size() == 2);
    CHECK(h.levels[1].ids == std::vector<std::string>{"W1", "W2"});
    CHECK(h.levels[1].names == std::vector<std::string>{"North", "South"});
    CHECK(h.levels[0].parent == std::vector<std::optional<std::size_t>>{0, 0, 1, 1, std::nullopt});
    CHECK(h.levels[1].link ==
          "lookup a.csv + b.csv (code -> ward): 4 links used, 1 repeating one, 1 conflicting (first kept), 1 for areas not in level 'lsoa'");
    CHECK(has_warning(h, {"L3 (three)", "'W2' (a.csv line 4)", "'W1' (b.csv line 3)", "kept 'W2'"}));
    CHECK(has_warning(h, {"1 of 5 areas of level 'lsoa' have no parent in level 'ward'", "L5 (five)", "(no parent)"}));
    CHECK(h.warnings.size() == 2);
}

TEST_CASE("roll-up: counts add up at every level, rates are sum O / sum P, orphans are kept", "[hierarchy]") {
    Hierarchy h = five_lsoas();
    add_level_from_lookup(h, "ward", {{"L1", "W1", "", "x"}, {"L2", "W1", "", "x"}, {"L3", "W2", "", "x"}, {"L4", "W3", "", "x"}}, "w");
    add_level_from_lookup(h, "locality", {{"W1", "North", "", "y"}, {"W2", "North", "", "y"}}, "l");  // W3 and L5 have no parent
    const std::vector<double> count = {10, 20, 5, 7, 3};
    const std::vector<std::optional<double>> population = {1000, 3000, 2000, std::nullopt, 500};
    const auto rows = roll_up(h, count, population, 24);

    std::map<std::pair<std::size_t, std::string>, RollupRow> row;
    for (const auto& r : rows) row[{r.level, r.area_id}] = r;
    REQUIRE(rows.size() == 5 + 4 + 2);
    // Planted: W1 = L1 + L2 = 30 of 4000 residents over 24 months: 1000 x 30 / 4000 x 12 / 24 = 3.75
    // per 1,000 per year (the mean of the two LSOA rates would be 4.1667).
    CHECK(row[{1, "W1"}].count == 30);
    CHECK(*row[{1, "W1"}].population == 4000);
    CHECK(*row[{1, "W1"}].rate_per_1000_per_year == Approx(3.75).epsilon(1e-15));
    CHECK(row[{1, "W1"}].children == 2);
    CHECK(row[{1, "W3"}].parent_id == "(no parent)");
    CHECK_FALSE(row[{1, "W3"}].population);  // L4 has no population
    CHECK_FALSE(row[{1, "W3"}].rate_per_1000_per_year);
    CHECK(row[{1, "(no parent)"}].count == 3);  // L5
    CHECK(row[{2, "North"}].count == 35);
    CHECK(*row[{2, "North"}].population == 6000);
    CHECK(row[{2, "(no parent)"}].count == 10);  // W3 (7) and the ward level's "(no parent)" (3)
    CHECK(row[{2, "(no parent)"}].children == 2);
    CHECK_FALSE(row[{2, "(no parent)"}].population);

    // Brute force: each level's areas sum to the total, and each parent to its children.
    double total = 0;
    for (double c : count) total += c;
    for (std::size_t l = 0; l < 3; ++l) {
        double level_sum = 0;
        std::map<std::string, double> by_parent;
        for (const auto& r : rows) {
            if (r.level == l) level_sum += r.count;
            if (r.level == l && l < 2) by_parent[r.parent_id] += r.count;
        }
        CHECK(level_sum == total);
        for (const auto& [parent, sum] : by_parent) CHECK(row[{l + 1, parent}].count == sum);
    }
    CHECK_THROWS_AS(roll_up(h, std::vector<double>{1, 2}, {}, 12), Error);
    CHECK_THROWS_AS(roll_up(h, count, population, 0), Error);
}

TEST_CASE("best fit puts each child's point on surface in a parent polygon", "[hierarchy]") {
    // A U-shaped child whose centroid (5, 4.42) lies in the hole, inside parent P2 (the box
    // 3..7 x 3..10); its point on surface lies in its own material, all of it in P1.
    const std::string u = "POLYGON((0 0,10 0,10 10,7 10,7 3,3 3,3 10,0 10,0 0))";
    const AreaLayer children = AreaLayer::from_wkt("lsoa", {"U", "S", "OUT"}, {u, square(20, 0, 2), square(100, 100, 1)});
    const AreaLayer parents = AreaLayer::from_wkt(
        "ward", {"P1", "P2", "P3", "P4"},
        {"POLYGON((0 0,10 0,10 10,7 10,7 3,3 3,3 10,0 10,0 0))", "POLYGON((3 3,7 3,7 10,3 10,3 3))",
         square(19, -1, 4), square(50, 50, 1)});
    Hierarchy h = hierarchy_from_layer(children);
    add_level_by_best_fit(h, children, parents);
    REQUIRE(h.levels.size() == 2);
    CHECK(h.levels[1].ids == std::vector<std::string>{"P1", "P2", "P3", "P4"});
    CHECK(h.levels[0].parent == std::vector<std::optional<std::size_t>>{0, 2, std::nullopt});
    CHECK(h.levels[1].link.find("population-weighted centroids are not in the data") != std::string::npos);
    CHECK(h.levels[1].link.find("2 ward areas with no child") != std::string::npos);
    CHECK(has_warning(h, {"1 of 3 areas of level 'lsoa' have no parent in level 'ward'", "OUT"}));
}
