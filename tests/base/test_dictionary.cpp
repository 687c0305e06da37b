// IncidentTable (base/incidents.hpp): Dictionary interning and merging against std::map as the oracle; keep_rows.
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

TEST_CASE("keep_rows keeps the same rows in every column, on 1 to 3 threads, as a row-by-row copy does", "[incidents]") {
    std::mt19937_64 rng(5);
    const char* hex = "0123456789abcdef";
    IncidentTable t;
    t.kept.push_back(KeptColumn{"Context", {}, {}});
    std::vector<std::string> ids;
    for (std::uint32_t i = 0; i < 5000; ++i) {
        std::string id;  // police.uk's 64 hex digits (stored packed), other text, or none
        if (rng() % 3 == 0)
            for (int c = 0; c < 64; ++c) id += hex[rng() % 16];
        else if (rng() % 2 == 0)
            id = "ID-" + std::to_string(rng() % 100000);
        ids.push_back(id);
        t.x.push_back(static_cast<double>(i) + 0.5);
        t.y.push_back(-static_cast<double>(i));
        t.month.push_back(static_cast<MonthIndex>(24000 + i % 30));
        t.day.push_back(static_cast<DayIndex>(i));
        t.category.push_back(i % 7);
        t.weight.push_back(1.0 + i % 3);
        t.file.push_back(i / 1000);
        t.line.push_back(i + 2);
        t.location.push_back(i % 11);
        t.lsoa.push_back(i % 13);
        t.crime_id.push_back(id);
        t.kept[0].value.push_back(i % 5);
    }
    for (unsigned threads : {1u, 2u, 3u}) {
        std::vector<std::uint8_t> keep(t.size());
        for (auto& k : keep) k = rng() % 3 != 0;
        keep.front() = 0;  // a dropped first row moves every ID down
        IncidentTable copy = t;
        copy.keep_rows(keep, threads);
        std::size_t n = 0;
        bool same = true;
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (!keep[i]) continue;
            same = same && copy.x[n] == t.x[i] && copy.y[n] == t.y[i] && copy.month[n] == t.month[i] && copy.day[n] == t.day[i] &&
                   copy.category[n] == t.category[i] && copy.weight[n] == t.weight[i] && copy.file[n] == t.file[i] &&
                   copy.line[n] == t.line[i] && copy.location[n] == t.location[i] && copy.lsoa[n] == t.lsoa[i] &&
                   copy.crime_id.at(n) == ids[i] && copy.kept[0].value[n] == t.kept[0].value[i];
            ++n;
        }
        CHECK(same);
        CHECK(copy.size() == n);
        CHECK(copy.crime_id.size() == n);
        CHECK(copy.kept[0].value.size() == n);
    }
}
