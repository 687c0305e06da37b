// Legend classes: hand-worked breaks, and natural breaks against a brute-force optimum.
#include "hotspot/publish/classify.hpp"
#include "../natural_breaks_oracle.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

using namespace hotspot;
using hotspot::test::brute_force_best;
using hotspot::test::total_ssd;

namespace {

std::vector<std::string> labels(const std::vector<ValueClass>& cs) {
    std::vector<std::string> out;
    for (const auto& c : cs) out.push_back(c.label);
    return out;
}

}  // namespace

TEST_CASE("zero-heavy skewed counts: a zero class, then natural breaks of the rest", "[classify]") {
    // 0 x3 | 1 1 2 | 10 11 | 50: worked by hand (the three groups of the non-zero values with
    // the least spread put 50 alone and 10, 11 together).
    const auto cs = classify({50, 0, 1, 10, 0, 2, 11, 1, 0}, 4);
    REQUIRE(cs.size() == 4);
    CHECK(labels(cs) == std::vector<std::string>{"0", "1 - 2", "10 - 11", "50"});
    CHECK(cs[0].lower == 0);
    CHECK(cs[0].upper == 0);
    CHECK(cs[1].lower == 0);
    CHECK(cs[1].upper == 2);
    CHECK(cs[2].lower == 2);
    CHECK(cs[2].upper == 11);
    CHECK(cs[3].upper == 50);
    CHECK(cs[0].count == 3);
    CHECK(cs[1].count == 3);
    CHECK(cs[2].count == 2);
    CHECK(cs[3].count == 1);
}

TEST_CASE("the BTP shape: almost all zero, one huge value", "[classify]") {
    std::vector<double> v(60, 0.0);
    v.insert(v.end(), {1, 1, 1, 2, 4, 5, 1200});
    const auto cs = classify(v, 5);
    // Never "0 - 0" and "0 - 1200": every class has values, bounds strictly increase.
    for (std::size_t k = 0; k < cs.size(); ++k) {
        CHECK(cs[k].count > 0);
        if (k > 0) CHECK(cs[k].upper > cs[k - 1].upper);
    }
    CHECK(labels(cs) == std::vector<std::string>{"0", "1", "2", "4 - 5", "1,200"});
}

TEST_CASE("few distinct values give fewer classes; one value gives one class", "[classify]") {
    CHECK(labels(classify({3, 3, 3, 7}, 5)) == std::vector<std::string>{"3", "7"});
    CHECK(labels(classify({0, 0, 0}, 5)) == std::vector<std::string>{"0"});
    CHECK(labels(classify({0, 0, 5, 5}, 5)) == std::vector<std::string>{"0", "5"});
    CHECK(classify({}, 5).empty());
}

TEST_CASE("rates are labelled to 3 significant digits", "[classify]") {
    const auto cs = classify({0.12345, 0.5, 2.3456, 17.77, 123.456}, 5);
    CHECK(labels(cs) == std::vector<std::string>{"0.123", "0.5", "2.35", "17.8", "123"});
    // Neighbouring classes that would round alike get the digits that tell them apart.
    const auto close = classify({1.00011, 1.00012, 5}, 3);
    CHECK(labels(close) == std::vector<std::string>{"1.00011", "1.00012", "5"});
}

TEST_CASE("legend numbers", "[classify]") {
    CHECK(legend_number(21500.4, 3) == "21,500");
    CHECK(legend_number(239.346176, 3) == "239");
    CHECK(legend_number(0.0123456, 3) == "0.0123");
    CHECK(legend_number(1234567, 3) == "1,234,567");
    CHECK(legend_number(4.5, 3) == "4.5");
    CHECK(legend_number(0, 3) == "0");
}

TEST_CASE("natural breaks equal a brute-force optimum on small inputs", "[classify]") {
    std::mt19937 rng(12345);
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t n = 2 + rng() % 11;
        std::vector<double> v;
        for (std::size_t i = 0; i < n; ++i) v.push_back(trial % 2 ? static_cast<double>(rng() % 8) : std::exp((rng() % 1000) / 100.0));
        std::sort(v.begin(), v.end());
        std::vector<double> d = v;
        d.erase(std::unique(d.begin(), d.end()), d.end());
        for (int k = 1; k <= 5; ++k) {
            const auto breaks = natural_breaks(v, k);
            const std::size_t groups = std::min<std::size_t>(d.size(), static_cast<std::size_t>(k));
            REQUIRE(breaks.size() == groups);
            CHECK(std::is_sorted(breaks.begin(), breaks.end()));
            CHECK(std::adjacent_find(breaks.begin(), breaks.end()) == breaks.end());
            CHECK(breaks.back() == v.back());
            const double best = brute_force_best(v, groups);
            CHECK(total_ssd(v, breaks) <= best * (1 + 1e-9) + 1e-9);
        }
    }
}

TEST_CASE("skewed positive values are broken on their logarithms", "[classify]") {
    // Doubling values are evenly spaced in log: 3 classes of 2 (raw breaks would put 32 alone).
    CHECK(labels(classify({1, 2, 4, 8, 16, 32}, 3)) == std::vector<std::string>{"1 - 2", "4 - 8", "16 - 32"});
    CHECK(natural_breaks({1, 2, 4, 8, 16, 32}, 3).back() == 32);
    CHECK(natural_breaks({1, 2, 4, 8, 16, 32}, 3) != std::vector<double>{2, 8, 32});
    // With a negative value there is no logarithm: breaks of the values themselves.
    CHECK(classify({-1, 2, 4, 8, 16, 32}, 3).size() == 3);
}
