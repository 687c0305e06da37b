#include "hotspot/base/incidents.hpp"
#include "hotspot/workflow/duplicate_ids.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>
#include <vector>

using namespace hotspot;

namespace {

// The oracle: the first row of each ID by an ordered map, row by row.
std::vector<RepeatedId> by_map(const std::vector<std::string>& ids) {
    std::map<std::string, std::size_t> first;
    std::vector<RepeatedId> out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (ids[i].empty()) continue;
        const auto [at, fresh] = first.emplace(ids[i], i);
        if (!fresh) out.push_back({i, at->second});
    }
    return out;
}

}  // namespace

TEST_CASE("repeated Crime IDs: each repeat and its first row, as an ordered map finds them, on 1 to 3 threads", "[duplicates]") {
    std::mt19937_64 rng(11);
    const char* hex = "0123456789abcdef";
    // police.uk's 64-hex IDs (stored packed), other text of 1-40 bytes, and empty IDs, drawn
    // from a pool small enough that about one row in five repeats an earlier one.
    std::vector<std::string> pool;
    for (int k = 0; k < 200000; ++k) {
        std::string id;
        switch (rng() % 4) {
            case 0: id.clear(); break;
            case 1:
                for (std::size_t c = 1 + rng() % 40; c > 0; --c) id += static_cast<char>('A' + rng() % 26);
                break;
            default:
                for (int c = 0; c < 64; ++c) id += hex[rng() % 16];
        }
        pool.push_back(id);
    }
    std::vector<std::string> ids;
    CrimeIdColumn column;
    for (int i = 0; i < 250000; ++i) {
        ids.push_back(pool[rng() % pool.size()]);
        column.push_back(ids.back());
    }
    const auto expected = by_map(ids);
    REQUIRE(expected.size() > 20000);
    for (unsigned threads : {1u, 2u, 3u}) {
        const auto got = repeated_crime_ids(column, threads);
        REQUIRE(got.size() == expected.size());
        bool same = true;
        for (std::size_t k = 0; k < got.size(); ++k) same = same && got[k].row == expected[k].row && got[k].first == expected[k].first;
        CHECK(same);
    }
    CHECK(repeated_crime_ids(CrimeIdColumn(), 2).empty());
}
