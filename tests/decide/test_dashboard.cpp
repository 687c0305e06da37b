// The monthly dashboard on planted figures: sums up the hierarchy, "no data" months distinct
// from 0, changes against the previous month and the same month a year earlier, rates per
// 1,000 residents per year (the month x 12) and competition ranks within each parent.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/dashboard.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace hotspot;

namespace {

// L1 L2 -> W1, L3 -> W2, L4 L5 L6 -> W3; W1 W2 -> A, W3 -> B.
Hierarchy partnership() {
    Hierarchy h;
    using P = std::vector<std::optional<std::size_t>>;
    const std::vector<std::string> lsoas = {"L1", "L2", "L3", "L4", "L5", "L6"}, wards = {"W1", "W2", "W3"}, tops = {"A", "B"};
    h.levels.push_back(HierarchyLevel{"lsoa", lsoas, lsoas, P{0, 0, 1, 2, 2, 2}, ""});
    h.levels.push_back(HierarchyLevel{"ward", wards, wards, P{0, 0, 1}, ""});
    h.levels.push_back(HierarchyLevel{"locality", tops, tops, P{std::nullopt, std::nullopt}, ""});
    return h;
}

using Month = std::vector<std::optional<double>>;
constexpr MonthIndex first = month_index(2023, 1);

std::vector<Month> planted_months() {
    std::vector<Month> m(14, Month{1, 1, 1, 1, 1, 1});
    m[0] = {5, 3, 7, 4, 4, 4};                    // 2023-01, a year before
    m[11] = {0, 0, std::nullopt, 2, 2, 2};        // 2023-12: no data for L3
    m[12] = {4, 6, 10, 5, 5, 2};                  // 2024-01, the month shown
    return m;
}

const std::vector<std::optional<double>> population = {1000, 1000, 4000, 500, 500, std::nullopt};

}  // namespace

TEST_CASE("the dashboard's counts, changes, rates and ranks on planted figures", "[dashboard]") {
    const auto rows = monthly_dashboard(partnership(), planted_months(), first, month_index(2024, 1), population, 0);
    std::vector<std::string> order;
    std::map<std::string, DashboardRow> row;
    for (const auto& r : rows) {
        order.push_back(r.top_id + "/" + r.area_id);
        row[r.area_id] = r;
    }
    CHECK(order == std::vector<std::string>{"A/A", "A/W1", "A/L1", "A/L2", "A/W2", "A/L3", "B/B", "B/W3", "B/L4", "B/L5", "B/L6"});

    // W1: 10 now, 0 the month before (a real 0: no change can be given), 8 a year before.
    CHECK(*row["W1"].count == 10);
    CHECK(*row["W1"].previous_month == 0);
    CHECK_FALSE(row["W1"].change_previous_pct);
    CHECK(*row["W1"].same_month_last_year == 8);
    CHECK(*row["W1"].change_last_year_pct == Approx(25.0).epsilon(1e-15));
    CHECK(*row["W1"].rate_per_1000_per_year == Approx(1000.0 * 10 * 12 / 2000).epsilon(1e-15));  // 60
    // W2: no data for L3 in 2023-12, so no previous month and no change, for W2 and for A.
    CHECK_FALSE(row["W2"].previous_month);
    CHECK_FALSE(row["W2"].change_previous_pct);
    CHECK_FALSE(row["A"].previous_month);
    CHECK(*row["W2"].change_last_year_pct == Approx(100.0 * 3 / 7).epsilon(1e-15));
    CHECK(*row["W3"].previous_month == 6);
    CHECK(*row["W3"].change_previous_pct == Approx(100.0).epsilon(1e-15));
    CHECK(*row["W3"].change_last_year_pct == 0);

    // Ranks within each parent. A's wards have populations: by rate, W1 60 before W2 30.
    CHECK(row["W1"].rank_by == "rate");
    CHECK(*row["W1"].rank_in_parent == 1);
    CHECK(*row["W2"].rank_in_parent == 2);
    // W1's LSOAs by rate: L2 72 before L1 48.
    CHECK(*row["L2"].rank_in_parent == 1);
    CHECK(*row["L1"].rank_in_parent == 2);
    // W3's LSOAs: L6 has no population, so by count, with competition ranks 1 1 3.
    CHECK(row["L4"].rank_by == "count");
    CHECK(*row["L4"].rank_in_parent == 1);
    CHECK(*row["L5"].rank_in_parent == 1);
    CHECK(*row["L6"].rank_in_parent == 3);
    CHECK_FALSE(row["L6"].rate_per_1000_per_year);
    // Top areas among each other: B lacks a population (L6), so by count: A 20, B 12.
    CHECK(row["A"].rank_by == "count");
    CHECK(*row["A"].rank_in_parent == 1);
    CHECK(*row["B"].rank_in_parent == 2);
    CHECK(*row["A"].rate_per_1000_per_year == Approx(1000.0 * 20 * 12 / 6000).epsilon(1e-15));
    CHECK_FALSE(row["B"].rate_per_1000_per_year);
}

TEST_CASE("dashboard months outside the data are no data, and only levels down to the detail are shown", "[dashboard]") {
    const auto rows = monthly_dashboard(partnership(), planted_months(), first, first, population, 1);
    REQUIRE(rows.size() == 5);  // A W1 W2 B W3
    for (const auto& r : rows) {
        CHECK(r.level >= 1);
        CHECK(r.count);
        CHECK_FALSE(r.previous_month);
        CHECK_FALSE(r.same_month_last_year);
        CHECK_FALSE(r.change_previous_pct);
    }
    const auto after = monthly_dashboard(partnership(), planted_months(), first, first + 14, population, 2);
    REQUIRE(after.size() == 2);
    CHECK_FALSE(after[0].count);
    CHECK(*after[0].previous_month == 1 + 1 + 1);  // A in 2024-02
    CHECK_FALSE(after[0].rank_in_parent);          // no count: not ranked
    CHECK_THROWS_AS(monthly_dashboard(partnership(), planted_months(), first, first, population, 3), Error);
    CHECK_THROWS_AS(monthly_dashboard(partnership(), {Month{1, 2}}, first, first, population, 0), Error);
}

TEST_CASE("dashboard: areas without a parent sit under an unranked \"(no parent)\" area", "[dashboard]") {
    Hierarchy h = partnership();
    h.levels[1].parent[2] = std::nullopt;  // W3 without a locality
    const auto rows = monthly_dashboard(h, planted_months(), first, month_index(2024, 1), population, 1);
    REQUIRE(rows.size() == 6);  // A W1 W2, B (now without wards: 0), (no parent) W3
    CHECK(rows[3].area_id == "B");
    CHECK(*rows[3].count == 0);
    CHECK(rows[4].area_id == "(no parent)");
    CHECK(*rows[4].count == 12);
    CHECK_FALSE(rows[4].rank_in_parent);
    CHECK(rows[4].rank_by.empty());
    CHECK(rows[5].area_id == "W3");
    CHECK_FALSE(rows[5].rank_in_parent);
    CHECK(*rows[0].rank_in_parent == 1);  // A before B among the real top areas
    CHECK(*rows[3].rank_in_parent == 2);
}

TEST_CASE("monthly counts from assigned rows: zeros, months without data, every row accounted for", "[dashboard]") {
    const MonthIndex jan = month_index(2024, 1);
    const std::vector<std::int32_t> area = {0, 1, 1, -1, 0, 2, 1, 0};
    const std::vector<MonthIndex> month = {jan, jan, jan, jan, jan + 2, jan + 2, jan + 5, jan + 1};
    const std::vector<MonthIndex> missing = {jan + 1};
    const MonthlyCounts c = monthly_area_counts(area, month, 3, jan, jan + 2, missing);
    REQUIRE(c.counts.size() == 3);
    CHECK(c.counts[0] == std::vector<std::optional<double>>{1.0, 2.0, 0.0});
    CHECK(c.counts[1] == std::vector<std::optional<double>>{std::nullopt, std::nullopt, std::nullopt});
    CHECK(c.counts[2] == std::vector<std::optional<double>>{1.0, 0.0, 1.0});
    CHECK(c.counted == 5);
    CHECK(c.without_area == 1);
    CHECK(c.outside_months == 1);
    CHECK(c.in_months_without_data == 1);
    CHECK(c.counted + c.without_area + c.outside_months + c.in_months_without_data == area.size());
    CHECK_THROWS_AS(monthly_area_counts(area, std::vector<MonthIndex>{jan}, 3, jan, jan), Error);
    CHECK_THROWS_AS(monthly_area_counts(area, month, 2, jan, jan + 2), Error);
}
