// Distinct locations against a std::map oracle.
#include "hotspot/geo/unique_points.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <random>

using namespace hotspot;

TEST_CASE("distinct points map every row back to its own coordinates", "[unique]") {
    std::mt19937_64 rng(3);
    std::uniform_int_distribution<int> pick(0, 49999);
    std::vector<double> x, y;
    for (int i = 0; i < 300000; ++i) {
        const int k = pick(rng);
        x.push_back(-3.0 + k * 1e-5);
        y.push_back(53.0 + (k % 977) * 1e-5);
    }
    const UniquePoints u = unique_points(x, y);
    std::map<std::pair<double, double>, int> oracle;
    for (std::size_t i = 0; i < x.size(); ++i) oracle[{x[i], y[i]}] = 1;
    CHECK(u.x.size() == oracle.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        REQUIRE(u.x[u.of_row[i]] == x[i]);
        REQUIRE(u.y[u.of_row[i]] == y[i]);
    }
}

TEST_CASE("deduplication is used only when locations repeat", "[unique]") {
    std::vector<double> x, y;
    for (int i = 0; i < 1000; ++i) x.push_back(i % 10), y.push_back(0.0);  // 10 locations
    CHECK(locations_repeat(x, y));
    for (int i = 0; i < 1000; ++i) x[static_cast<std::size_t>(i)] = i;  // all distinct
    CHECK_FALSE(locations_repeat(x, y));
    const UniquePoints same = all_points(x, y);
    CHECK(same.x == x);
    CHECK(same.of_row[999] == 999);
}
