// The trend workflow on the embedded city (36 months, police.uk and fly-tipping, wards): every
// selected row in exactly one series or counted outside the areas, the counts of every series and
// month recomputed by scanning the rows, quarters as sums of months, and the refusals.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/workflow/trend_workflow.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <tuple>

using namespace hotspot;

namespace {

const AnalysisResult& city() {
    static const AnalysisResult a = [] {
        AnalysisConfig c = load_config_file(std::string(HOTSPOT_GEODATA) + "/hotspot.ini");
        c.output = OutputOptions{};
        return run_analysis(c, AnalysisScope::join, [](const std::string&, double) {});
    }();
    return a;
}

}  // namespace

TEST_CASE("trend on the embedded city: every row counted once, counts by brute force", "[trend]") {
    const AnalysisResult& a = city();
    const IncidentTable& t = a.incidents;
    TrendConfig c;
    c.group = TrendGroup::category;
    c.by_area = true;
    c.areas_layer = a.layers.at(0).name();
    const TrendResult r = run_trend(a, c);
    CHECK(r.rows_total == t.size());
    CHECK(r.rows_selected == t.size());
    CHECK(r.missing_months.empty());
    CHECK(r.step_starts.size() == 36);
    CHECK(r.series.size() == t.categories.size() * a.layers[0].size());
    std::uint64_t in_series = 0;
    for (const TrendSeries& s : r.series) in_series += s.incidents;
    CHECK(in_series + r.rows_outside_areas == r.rows_selected);

    std::map<std::tuple<std::string, std::string, MonthIndex>, double> brute;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const std::int32_t area = a.assignments[0].area[i];
        if (area >= 0) brute[{t.categories.at(t.category[i]), a.layers[0].id(static_cast<std::size_t>(area)), t.month[i]}] += 1;
    }
    std::size_t checked = 0;
    for (const TrendSeries& s : r.series)
        for (std::size_t k = 0; k < r.step_starts.size(); ++k) {
            const auto it = brute.find({s.category, s.area_code, r.step_starts[k]});
            CHECK(s.counts[k] == (it == brute.end() ? 0.0 : it->second));
            ++checked;
        }
    CHECK(checked == r.series.size() * 36);
}

TEST_CASE("trend by quarter: sums of the months; the refusals", "[trend]") {
    const AnalysisResult& a = city();
    TrendConfig month_config;
    month_config.group = TrendGroup::category;
    const TrendResult m = run_trend(a, month_config);
    TrendConfig q = month_config;
    q.step = TrendStep::quarter;
    const TrendResult r = run_trend(a, q);
    REQUIRE(r.series.size() == m.series.size());
    CHECK(r.step_starts.size() == 12);
    CHECK(r.first_month == month_index(2022, 4));
    for (std::size_t s = 0; s < r.series.size(); ++s)
        for (std::size_t k = 0; k < 12; ++k)
            CHECK(r.series[s].counts[k] == m.series[s].counts[3 * k] + m.series[s].counts[3 * k + 1] + m.series[s].counts[3 * k + 2]);

    TrendConfig bad;
    bad.by_area = true;
    CHECK_THROWS_AS(run_trend(a, bad), ConfigError);
    bad.areas_layer = "no_such_layer";
    CHECK_THROWS_WITH(run_trend(a, bad), Catch::Contains("no --area layer has that name"));
}

TEST_CASE("trend by measure and by source: each series the rows its definition selects, by brute force", "[trend][row_filter]") {
    AnalysisConfig c = load_config_file(std::string(HOTSPOT_GEODATA) + "/hotspot.ini");
    c.output = OutputOptions{};
    MeasureDefinition highway{"Highway fly-tipping", {}, {}, {"flytipping"}, RowFilter::parse("land_type = Highway", "m")};
    MeasureDefinition open{"Violence still open", {"Violence and sexual offences"}, {}, {"police"},
                           RowFilter::parse("\"Last outcome category\" in ('Under investigation', 'Awaiting court outcome')", "m")};
    MeasureDefinition all_police{"All police", {}, {}, {"police"}, {}};  // overlaps the measure above
    c.table.measures = {highway, open, all_police};
    const AnalysisResult a = run_analysis(c, AnalysisScope::join, [](const std::string&, double) {});
    const IncidentTable& t = a.incidents;
    const KeptColumn* land = t.kept_column("land_type");
    const KeptColumn* outcome = t.kept_column("Last outcome category");
    REQUIRE(land);
    REQUIRE(outcome);

    TrendConfig tc;
    tc.group = TrendGroup::measure;
    tc.measures = c.table.measures;
    const TrendResult r = run_trend(a, tc);
    REQUIRE(r.series.size() == 3);
    std::map<std::pair<std::size_t, MonthIndex>, double> brute;
    std::uint64_t any = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const std::string& source = t.files[t.file[i]].source;
        const bool h = source == "flytipping" && land->values.at(land->value[i]) == "Highway";
        const std::string& o = source == "police" ? outcome->values.at(outcome->value[i]) : std::string();
        const bool v = source == "police" && t.categories.at(t.category[i]) == "Violence and sexual offences" &&
                       (o == "Under investigation" || o == "Awaiting court outcome");
        const bool p = source == "police";
        if (h) brute[{0, t.month[i]}] += 1;
        if (v) brute[{1, t.month[i]}] += 1;
        if (p) brute[{2, t.month[i]}] += 1;
        any += h || v || p;
    }
    CHECK(r.rows_selected == any);
    for (std::size_t s = 0; s < 3; ++s) {
        CHECK(r.series[s].category == tc.measures[s].name);
        for (std::size_t k = 0; k < r.step_starts.size(); ++k) CHECK(r.series[s].counts[k] == brute[{s, r.step_starts[k]}]);
    }
    CHECK(r.series[0].incidents > 100);
    CHECK(r.series[1].incidents > 100);
    REQUIRE(r.where_accounts.size() == 2);
    CHECK_THAT(r.where_accounts[0], Catch::StartsWith("measure 'Highway fly-tipping' where land_type = Highway: "));

    TrendConfig by_source;
    by_source.group = TrendGroup::source;
    by_source.categories = {"Fly-tipping", "Burglary"};
    const TrendResult s = run_trend(a, by_source);
    REQUIRE(s.series.size() == 2);
    CHECK(s.series[0].category == "police");
    CHECK(s.series[1].category == "flytipping");
    std::map<std::pair<std::string, MonthIndex>, double> per_source;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const std::string& cat = t.categories.at(t.category[i]);
        if (cat == "Fly-tipping" || cat == "Burglary") per_source[{t.files[t.file[i]].source, t.month[i]}] += 1;
    }
    for (const TrendSeries& series : s.series)
        for (std::size_t k = 0; k < s.step_starts.size(); ++k) CHECK(series.counts[k] == per_source[{series.category, s.step_starts[k]}]);

    tc.categories = {"Burglary"};
    CHECK_THROWS_WITH(run_trend(a, tc), Catch::Contains("--by measure takes each measure's own categories"));
}

TEST_CASE("trend --months: steps partly outside are NA, rows outside counted in no series", "[trend]") {
    const AnalysisResult& a = city();
    const IncidentTable& t = a.incidents;
    TrendConfig c;
    c.step = TrendStep::quarter;
    c.first_month = month_index(2023, 2);
    c.last_month = month_index(2024, 6);
    const TrendResult r = run_trend(a, c);
    REQUIRE(r.series.size() == 1);
    CHECK(r.first_month == month_index(2023, 1));
    CHECK(r.last_month == month_index(2024, 6));
    std::map<MonthIndex, double> per_month;
    std::uint64_t outside = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t.month[i] < *c.first_month || t.month[i] > *c.last_month) ++outside;
        else per_month[t.month[i]] += 1;
    }
    CHECK(r.rows_outside_months == outside);
    CHECK(r.rows_selected + outside == t.size());
    const std::vector<double>& q = r.series[0].counts;
    REQUIRE(q.size() == 6);
    CHECK(std::isnan(q[0]));  // 2023-Q1 lacks January
    for (std::size_t k = 1; k < 6; ++k) {
        const MonthIndex m = r.step_starts[k];
        CHECK(q[k] == per_month[m] + per_month[m + 1] + per_month[m + 2]);
    }
    c.first_month = month_index(2030, 1);
    c.last_month = month_index(2030, 12);
    CHECK_THROWS_WITH(run_trend(a, c), Catch::Contains("--months 2030-01..2030-12: no month of input inside (the input covers 2022-04..2025-03)"));
}
