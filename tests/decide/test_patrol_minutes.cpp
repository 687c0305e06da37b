// Patrol minutes by Hamilton's largest-remainder rule (decide/patrol_minutes), against a hand case
// and an exact integer oracle: with whole-number weights, quota_k = T * w_k / W is a fraction
// whose floor and remainder are computed here in integers, so the oracle has no rounding at all.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/patrol_minutes.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>

using namespace hotspot;

namespace {

// Hamilton in exact integer arithmetic: floors T*w/W, then one minute each to the largest
// remainders (T*w mod W), ties to the lower index.
std::vector<std::uint64_t> hamilton_exact(const std::vector<std::uint64_t>& w, std::uint64_t total) {
    const std::uint64_t sum = std::accumulate(w.begin(), w.end(), std::uint64_t{0});
    std::vector<std::uint64_t> out(w.size()), rem(w.size());
    std::uint64_t given = 0;
    for (std::size_t k = 0; k < w.size(); ++k) {
        out[k] = total * w[k] / sum;
        rem[k] = total * w[k] % sum;
        given += out[k];
    }
    std::vector<std::size_t> order(w.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rem[a] > rem[b]; });
    for (std::size_t r = 0; given < total; ++r) ++out[order[r]], ++given;
    return out;
}

}  // namespace

TEST_CASE("patrol minutes: hand case 3:2:1 of 10 minutes", "[patrol]") {
    // Quotas 5, 3.33, 1.67: floors 5, 3, 1 (9); the last minute to the largest remainder (0.67).
    CHECK(allocate_minutes({3, 2, 1}, 10) == std::vector<std::uint64_t>{5, 3, 2});
    // Equal remainders: the higher-ranked site first.
    CHECK(allocate_minutes({1, 1, 1}, 4) == std::vector<std::uint64_t>{2, 1, 1});
    CHECK(allocate_minutes({0, 5}, 7) == std::vector<std::uint64_t>{0, 7});
}

TEST_CASE("patrol minutes equal the exact integer Hamilton rule on seeded cases", "[patrol]") {
    std::mt19937_64 rng(20261130);
    for (int trial = 0; trial < 2000; ++trial) {
        const std::size_t n = 1 + rng() % 12;
        std::vector<std::uint64_t> w(n);
        for (auto& v : w) v = rng() % 5000;  // many equal weights among small ones, zeros too
        if (std::accumulate(w.begin(), w.end(), std::uint64_t{0}) == 0) w[0] = 1;
        const std::uint64_t total = rng() % 2000;
        const std::vector<double> wd(w.begin(), w.end());
        const auto got = allocate_minutes(wd, total);
        INFO("trial " << trial);
        REQUIRE(got == hamilton_exact(w, total));
    }
}

TEST_CASE("patrol minutes refuse what cannot be shared", "[patrol]") {
    CHECK_THROWS_AS(allocate_minutes({0, 0}, 10), ConfigError);
    CHECK_THROWS_AS(allocate_minutes({1, -1}, 10), ConfigError);
    CHECK_THROWS_AS(allocate_minutes({1, std::nan("")}, 10), ConfigError);
}
