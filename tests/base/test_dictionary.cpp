// Dictionary (base/incidents.hpp): interning and merging against std::map as the oracle.
#include "hotspot/base/incidents.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>
#include <vector>

using namespace hotspot;

namespace {
std::string random_value(std::mt19937& rng) {
    std::string s;
    const auto len = rng() % 6;  // short values from few letters: many repeats, and ""
    for (unsigned k = 0; k < len; ++k) s += static_cast<char>('a' + rng() % 4);
    return s;
}
}  // namespace

TEST_CASE("a Dictionary gives each distinct value one index, in order of first sight", "[dictionary]") {
    std::mt19937 rng(7);
    Dictionary d;
    std::map<std::string, std::uint32_t> oracle;
    for (int i = 0; i < 20000; ++i) {
        const std::string v = random_value(rng);
        const auto expected = oracle.emplace(v, static_cast<std::uint32_t>(oracle.size())).first->second;
        REQUIRE(d.intern(v) == expected);
    }
    REQUIRE(d.size() == oracle.size());
    for (const auto& [value, index] : oracle) CHECK(d.at(index) == value);
}

TEST_CASE("merging dictionaries maps every index to the same value", "[dictionary]") {
    std::mt19937 rng(8);
    Dictionary into, a, b;
    for (int i = 0; i < 3000; ++i) into.intern(random_value(rng));
    for (int i = 0; i < 5000; ++i) a.intern(random_value(rng) + "x");  // partly new values
    for (int i = 0; i < 5000; ++i) b.intern(random_value(rng));
    const std::size_t before = into.size();
    for (const Dictionary* other : {&a, &b}) {
        const std::vector<std::uint32_t> map = into.merge(*other);
        REQUIRE(map.size() == other->size());
        for (std::uint32_t i = 0; i < other->size(); ++i) CHECK(into.at(map[i]) == other->at(i));
    }
    std::map<std::string, int> distinct;
    for (const Dictionary* d : {&into}) for (const auto& v : d->values()) ++distinct[v];
    CHECK(distinct.size() == into.size());  // no value twice
    CHECK(into.size() > before);
}
