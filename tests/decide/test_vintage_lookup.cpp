// LSOA vintages: a lookup table read from CSV, and a geometric best fit on planted squares
// where each kind of change (unchanged, split, merge, recoded, gone, new) is known, with
// counts and scores moved along it and every old value accounted for.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/vintage_lookup.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

using namespace hotspot;

namespace {

std::string square(double x0, double y0, double x1, double y1) {
    const auto p = [](double x, double y) { return std::to_string(x) + " " + std::to_string(y); };
    return "POLYGON((" + p(x0, y0) + "," + p(x1, y0) + "," + p(x1, y1) + "," + p(x0, y1) + "," + p(x0, y0) + "))";
}

// Old: A, B, C, D, E, G side by side (10 m strips, G 5 m). New: A unchanged, B split into
// B1 (bottom) and B2 (top), C and D merged into CD, E gone, G redrawn as G2, F new.
AreaLayer old_layer() {
    return AreaLayer::from_wkt("lsoa11", {"A", "B", "C", "D", "E", "G"},
                               {square(0, 0, 10, 10), square(10, 0, 20, 10), square(20, 0, 30, 10), square(30, 0, 40, 10),
                                square(40, 0, 50, 10), square(50, 0, 55, 10)});
}
AreaLayer new_layer() {
    return AreaLayer::from_wkt("lsoa21", {"A", "B1", "B2", "CD", "G2", "F"},
                               {square(0, 0, 10, 10), square(10, 0, 20, 5), square(10, 5, 20, 10), square(20, 0, 40, 10),
                                square(50, 0, 55, 10), square(60, 0, 70, 10)});
}

std::map<std::pair<std::string, std::string>, std::string> by_pair(const VintageLookup& l) {
    std::map<std::pair<std::string, std::string>, std::string> m;
    for (const auto& link : l.links) m[{link.from, link.to}] = link.how;
    return m;
}

std::string write_file(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path) << text;
    return path.string();
}

const std::vector<std::string> old_ids{"A", "B", "C", "D", "E", "G"};
const std::vector<std::string> new_ids{"A", "B1", "B2", "CD", "G2", "F"};

}  // namespace

TEST_CASE("best fit: unchanged, split, merge, recoded, and the unmatched on each side", "[vintage]") {
    const VintageLookup l = best_fit_lookup(old_layer(), new_layer());
    const std::map<std::pair<std::string, std::string>, std::string> want{
        {{"A", "A"}, "unchanged"}, {{"B", "B1"}, "split"}, {{"B", "B2"}, "split"},
        {{"C", "CD"}, "merge"},    {{"D", "CD"}, "merge"},  {{"G", "G2"}, "recoded"}};
    CHECK(by_pair(l) == want);
    CHECK(l.from_unmatched == std::vector<std::string>{"E"});
    CHECK(l.to_unmatched == std::vector<std::string>{"F"});
}

TEST_CASE("moving counts: splits by the new areas' weight, merges add, the rest listed", "[vintage]") {
    const VintageLookup l = best_fit_lookup(old_layer(), new_layer());
    const std::vector<std::optional<double>> count{10, 9, 4, 6, 5, 2};
    const std::vector<std::optional<double>> weight{1, 1, 2, 7, 3, 1};  // B1 : B2 = 1 : 2
    const MovedValues m = move_counts(l, old_ids, count, new_ids, weight);
    const std::vector<std::optional<double>> want{10, 3, 6, 10, 2, std::nullopt};
    CHECK(m.value == want);
    CHECK(m.from_without_link == std::vector<std::string>{"E"});
    CHECK(m.to_without_value == std::vector<std::string>{"F"});
    CHECK(m.total_in == 36);
    CHECK(m.total_moved == 31);
    CHECK(m.total_not_moved == 5);

    const MovedValues equal = move_counts(l, old_ids, count, new_ids, {});  // no weights: halves
    CHECK(equal.value[1] == 4.5);
    CHECK(equal.value[2] == 4.5);

    // D without a value: CD cannot be known; C's 4 is counted as not moved.
    const std::vector<std::optional<double>> no_d{10, 9, 4, std::nullopt, 5, 2};
    const MovedValues partial = move_counts(l, old_ids, no_d, new_ids, weight);
    CHECK(!partial.value[3]);
    CHECK(partial.to_without_value == std::vector<std::string>{"CD", "F"});
    CHECK(partial.total_in == 30);
    CHECK(partial.total_moved == 21);
    CHECK(partial.total_not_moved == 9);

    // B2 without a weight: B cannot be split; B1 and B2 get no value.
    const std::vector<std::optional<double>> no_b2{1, 1, std::nullopt, 7, 3, 1};
    const MovedValues unsplit = move_counts(l, old_ids, count, new_ids, no_b2);
    CHECK(unsplit.from_not_split == std::vector<std::string>{"B"});
    CHECK(!unsplit.value[1]);
    CHECK(!unsplit.value[2]);
    CHECK(unsplit.total_moved + unsplit.total_not_moved == unsplit.total_in);
}

TEST_CASE("moving scores: copied to splits, merges take the weighted mean", "[vintage]") {
    const VintageLookup l = best_fit_lookup(old_layer(), new_layer());
    const std::vector<std::optional<double>> score{1, 2, 3, 5, 8, 13};
    const std::vector<std::optional<double>> pop{1, 1, 1, 3, 1, 1};
    const MovedValues w = move_scores(l, old_ids, score, pop, new_ids);
    const std::vector<std::optional<double>> want{1, 2, 2, 4.5, 13, std::nullopt};  // CD = (3 + 3*5) / 4
    CHECK(w.value == want);
    CHECK(w.from_without_link == std::vector<std::string>{"E"});
    CHECK(w.to_without_value == std::vector<std::string>{"F"});
    const MovedValues plain = move_scores(l, old_ids, score, {}, new_ids);
    CHECK(plain.value[3] == 4.0);
    const std::vector<std::string> twice{"A", "A", "C", "D", "E", "G"};
    CHECK_THROWS_AS(move_scores(l, twice, score, pop, new_ids), InputError);
}

TEST_CASE("a lookup table: pairs by line, unmatched against the layers, bad rows refused", "[vintage]") {
    VintageLookup l = read_vintage_lookup(HOTSPOT_TEST_DATA "/lsoa11_lsoa21_lookup.csv", "LSOA11CD", "LSOA21CD");
    REQUIRE(l.links.size() == 6);
    CHECK(l.links[1].from == "B");
    CHECK(l.links[1].to == "B1");
    CHECK(l.links[1].how == "table line 3");
    list_unmatched(l, old_ids, new_ids);
    CHECK(l.from_unmatched == std::vector<std::string>{"E"});
    CHECK(l.to_unmatched == std::vector<std::string>{"F"});
    // The table says what the best fit found: the same counts move the same way.
    const std::vector<std::optional<double>> count{10, 9, 4, 6, 5, 2}, weight{1, 1, 2, 7, 3, 1};
    CHECK(move_counts(l, old_ids, count, new_ids, weight).value == move_counts(best_fit_lookup(old_layer(), new_layer()), old_ids, count, new_ids, weight).value);

    const auto empty_code = write_file("hotspot_vintage_empty.csv", "LSOA11CD,LSOA21CD\nA,A\n,B1\n");
    CHECK_THROWS_WITH(read_vintage_lookup(empty_code, "LSOA11CD", "LSOA21CD"), Catch::Contains("line 3") && Catch::Contains("empty LSOA11CD"));
    const auto twice = write_file("hotspot_vintage_twice.csv", "LSOA11CD,LSOA21CD\nA,A\nB,B1\nA,A\n");
    CHECK_THROWS_WITH(read_vintage_lookup(twice, "LSOA11CD", "LSOA21CD"), Catch::Contains("line 4") && Catch::Contains("first on line 2"));
    CHECK_THROWS_AS(read_vintage_lookup(twice, "LSOA11CD", "WD22CD"), ConfigError);
}
