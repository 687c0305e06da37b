// Indicators on the embedded city, against brute force: every incident located again with the
// layer's own point-in-polygon, selected by source, category and month here, and counted.
#include "../city_fixture.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/workflow/priority_indicators.hpp"
#include "hotspot/workflow/priority_workflow.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

// Brute-force count per ward of the incidents of `category` ("" = all) from `source` ("" = all) in [first, last].
std::vector<double> brute_counts(const AnalysisResult& r, const std::string& category, const std::string& source, MonthIndex first, MonthIndex last) {
    const AreaLayer& wards = r.layers[0];
    std::vector<double> n(wards.size(), 0.0);
    const IncidentTable& t = r.incidents;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!category.empty() && t.categories.at(t.category[i]) != category) continue;
        if (!source.empty() && t.files[t.file[i]].source != source) continue;
        if (t.month[i] < first || t.month[i] > last) continue;
        if (const auto a = wards.locate(t.x[i], t.y[i])) n[*a] += 1;
    }
    return n;
}

IndicatorSpec count_spec(const std::string& name, const std::string& category, const std::string& window, IndicatorPer per) {
    IndicatorSpec s;
    s.name = name;
    if (!category.empty()) s.categories = {category};
    s.window = window;
    s.per = per;
    return s;
}

}  // namespace

TEST_CASE("count indicators equal brute-force counts, rates and densities", "[priority][indicator]") {
    const AnalysisResult& r = city();
    const AreaLayer& wards = r.layers[0];
    IndicatorSpec asb = count_spec("asb", "Anti-social behaviour", "2023/24", IndicatorPer::residents_1000_per_year);
    asb.sources = {"police"};
    const IndicatorSpec all_km2 = count_spec("all_km2", "", "2022/23..2024/25", IndicatorPer::km2);
    IndicatorSpec fly = count_spec("fly", "Fly-tipping", "last 2 financial years", IndicatorPer::none);
    fly.per_year = true;
    IndicatorSpec ratio;
    ratio.name = "asb_per_fly";
    ratio.kind = IndicatorKind::ratio;
    ratio.numerator = "asb";
    ratio.denominator = "fly";
    const IndicatorTable t = build_indicators(r, 0, {asb, all_km2, fly, ratio}, {});
    REQUIRE(t.indicators.size() == 4);
    REQUIRE(t.area_ids.size() == wards.size());

    const auto asb_n = brute_counts(r, "Anti-social behaviour", "police", month_index(2023, 4), month_index(2024, 3));
    const auto all_n = brute_counts(r, "", "", month_index(2022, 4), month_index(2025, 3));
    const auto fly_n = brute_counts(r, "Fly-tipping", "", month_index(2023, 4), month_index(2025, 3));
    const auto fly_y1 = brute_counts(r, "Fly-tipping", "", month_index(2023, 4), month_index(2024, 3));
    double total = 0;
    for (std::size_t i = 0; i < wards.size(); ++i) {
        INFO(wards.id(i));
        const IndicatorValues& a = t.indicators[0];
        CHECK(*a.observed[i] == asb_n[i]);
        REQUIRE(wards.population(i));
        CHECK(*a.value[i] == Approx(asb_n[i] / *wards.population(i) * 1000.0).epsilon(1e-12));  // 12 months: per year as is
        CHECK(*t.indicators[1].value[i] == Approx(all_n[i] / (wards.area_m2(i) / 1e6)).epsilon(1e-12));
        CHECK(*t.indicators[1].denominator[i] == Approx(wards.area_m2(i) / 1e6).epsilon(1e-12));  // km2, not residents
        CHECK(*t.indicators[2].value[i] == fly_n[i]);
        CHECK(*t.indicators[2].per_year_value[0][i] == fly_y1[i]);
        CHECK(*t.indicators[2].per_year_value[0][i] + *t.indicators[2].per_year_value[1][i] == fly_n[i]);
        if (fly_n[i] > 0) CHECK(*t.indicators[3].value[i] == Approx(*a.value[i] / fly_n[i]).epsilon(1e-12));
        else CHECK_FALSE(t.indicators[3].value[i]);
        total += asb_n[i];
    }
    CHECK(total > 1000);  // the city has enough ASB for the check to mean something
    CHECK(t.indicators[0].unit == "incidents per 1,000 residents per year");
    CHECK(t.indicators[0].months == 12);
    CHECK(t.indicators[1].denominator_what == "km2 (area of the polygon)");
    CHECK(t.indicators[2].months == 24);
    CHECK(t.indicators[2].year_labels == std::vector<std::string>{"2023/24", "2024/25"});
    // Every ward without fly-tipping is listed as missing for the ratio, with why.
    std::size_t zero = 0;
    for (double x : fly_n) zero += x == 0;
    CHECK(t.indicators[3].missing_areas.size() == zero);
}

TEST_CASE("attribute and count_column indicators: values by code, missing listed with why", "[priority][indicator]") {
    const AnalysisResult& r = city();
    const AreaLayer& wards = r.layers[0];
    const fs::path dir = fs::temp_directory_path() / "hotspot_test_priority_ind";
    fs::create_directories(dir);
    const std::string csv = (dir / "wards.csv").string();
    {
        std::ofstream out(csv);
        out << "code,score,crimes\n";
        // Every ward but the first; the second has an empty score.
        for (std::size_t i = 1; i < wards.size(); ++i) out << wards.id(i) << "," << (i == 1 ? "" : std::to_string(i * 1.5)) << "," << i * 10 << "\n";
        out << "E99999999,1,1\n";  // a row without an area
    }
    AttributeTableSpec table;
    table.name = "w";
    table.layer = "wards";
    table.path = csv;
    table.key = "code";
    IndicatorSpec score;
    score.name = "score";
    score.kind = IndicatorKind::attribute;
    score.attributes = "w";
    score.field = "score";
    IndicatorSpec crimes = score;
    crimes.name = "crimes";
    crimes.kind = IndicatorKind::count_column;
    crimes.field = "crimes";
    crimes.months = 24;
    crimes.per = IndicatorPer::residents_1000_per_year;
    const IndicatorTable t = build_indicators(r, 0, {score, crimes}, {table});
    const IndicatorValues& s = t.indicators[0];
    CHECK_FALSE(s.value[0]);
    CHECK_FALSE(s.value[1]);
    CHECK(*s.value[2] == 3.0);
    REQUIRE(s.missing_areas.size() == 2);
    CHECK(s.missing_areas[0] == wards.id(0));
    CHECK_THAT(s.missing_why[0], Catch::StartsWith("no row in w"));
    CHECK_THAT(s.missing_why[1], Catch::StartsWith("empty cell w.score"));
    const IndicatorValues& c = t.indicators[1];
    CHECK(*c.observed[5] == 50.0);
    CHECK(*c.value[5] == Approx(50.0 / *wards.population(5) * 1000.0 * 12.0 / 24.0).epsilon(1e-12));
    CHECK(c.missing_areas == std::vector<std::string>{wards.id(0)});
    CHECK(c.period == "24 months as published");
    // A window instead of months names them (and gives the months for the rate); both given must agree.
    crimes.months = 0;
    crimes.window = "2022-04..2024-03";
    const IndicatorValues named = build_indicators(r, 0, {crimes}, {table}).indicators[0];
    CHECK(named.period == "2022-04 to 2024-03 (24 months, as published)");
    CHECK(named.months == 24);
    CHECK(*named.value[5] == *c.value[5]);
    crimes.months = 25;
    CHECK_THROWS_WITH(build_indicators(r, 0, {crimes}, {table}),
                      Catch::Contains("window = '2022-04..2024-03' is 24 months (2022-04..2024-03) but months = 25"));
    crimes.months = 24;
    CHECK(build_indicators(r, 0, {crimes}, {table}).indicators[0].period == named.period);
}

TEST_CASE("count indicators refuse unknown sources and categories and uncovered windows", "[priority][indicator]") {
    const AnalysisResult& r = city();
    IndicatorSpec s = count_spec("x", "Anti-social behavior", "", IndicatorPer::none);
    CHECK_THROWS_WITH(build_indicators(r, 0, {s}, {}), Catch::Contains("Anti-social behavio"));
    s = count_spec("x", "", "2019/20", IndicatorPer::none);
    CHECK_THROWS_WITH(build_indicators(r, 0, {s}, {}), Catch::Contains("indicator 'x'") && Catch::Contains("not fully covered"));
    s = count_spec("x", "", "", IndicatorPer::none);
    s.sources = {"polise"};
    CHECK_THROWS_WITH(build_indicators(r, 0, {s}, {}), Catch::Contains("source 'polise'") && Catch::Contains("'police'"));
}

TEST_CASE("monthly counts add up to the indicator's count", "[priority][indicator]") {
    const AnalysisResult& r = city();
    const IndicatorSpec s = count_spec("all", "", "", IndicatorPer::none);
    const MonthlyCounts m = monthly_counts(r, 0, s);
    const IndicatorTable t = build_indicators(r, 0, {s}, {});
    for (std::size_t i = 0; i < r.layers[0].size(); ++i) {
        double sum = 0;
        for (const auto& month : m.counts) sum += *month[i];
        CHECK(sum == *t.indicators[0].observed[i]);
    }
}

TEST_CASE("priority without incident inputs: attribute indicators only", "[priority]") {
    AnalysisConfig c;
    const std::string geo = HOTSPOT_GEODATA;
    const std::string csv = geo + "/../tests/corpus/cases/priority_attributes_only/ward_scores.csv";
    for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
             {"area.wards.path", geo + "/boundaries.gpkg"}, {"area.wards.layer", "wards"}, {"area.wards.id", "ward_code"},
             {"attributes.s.layer", "wards"}, {"attributes.s.path", csv}, {"attributes.s.key", "code"},
             {"indicator.deprivation.attributes", "s"}, {"indicator.deprivation.field", "deprivation"},
             {"indicator.satisfaction.attributes", "s"}, {"indicator.satisfaction.field", "satisfaction"},
             {"indicator.satisfaction.higher_is_worse", "false"}, {"priority.top", "5"}})
        apply_setting(c, k, v, "");
    const PriorityResult p = run_priority(c, c.priority, [](const std::string&, double) {});
    CHECK(p.analysis.incidents.size() == 0);
    REQUIRE(p.indicators.area_ids.size() == 52);
    // The fourth ward has no row (the CSV leaves it out): listed with why, dropped from the index.
    const std::string missing = p.indicators.area_ids[3];
    CHECK(p.indicators.indicators[0].missing_areas == std::vector<std::string>{missing});
    CHECK_THAT(p.indicators.indicators[0].missing_why[0], Catch::StartsWith("no row in s"));
    CHECK(p.composite.dropped == std::vector<std::string>{missing});
    CHECK(p.composite.top.size() == 5);
    CHECK(p.risks.empty());  // no counts: nothing to test against a city rate
    CHECK(p.composite.spec.indicators[1].reverse);  // higher_is_worse = false
}

TEST_CASE("count indicators on a grid count each incident in its cell, over apportioned residents", "[priority][indicator][grid]") {
    const AnalysisResult& r = city();
    const AreaLayer& wards = r.layers[0];
    const IndicatorSpec asb = count_spec("asb", "Anti-social behaviour", "2023/24", IndicatorPer::residents_1000_per_year);
    const IndicatorTable t = build_indicators(r, 0, {asb}, {});
    const Fishnet grid = study_grid(wards, 250);
    const CellOverlaps o = cell_overlaps(grid, wards, 1);
    const CellIndicator c = cell_count_indicator(r, 0, t.indicators[0], grid, o);
    REQUIRE(c.value.size() == grid.size());
    // Brute force: each selected incident's cell from its coordinates, residents by overlap share.
    std::vector<double> n(grid.size(), 0.0);
    std::uint64_t outside = 0;
    const IncidentTable& in = r.incidents;
    const MonthIndex first = month_index(2023, 4), last = month_index(2024, 3);
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in.categories.at(in.category[i]) != "Anti-social behaviour" || in.month[i] < first || in.month[i] > last) continue;
        bool found = false;
        for (std::size_t k = 0; k < grid.size() && !found; ++k) {
            const double x0 = grid.min_x + grid.col[k] * grid.cell_m, y0 = grid.min_y + grid.row[k] * grid.cell_m;
            if (in.x[i] >= x0 && in.x[i] < x0 + grid.cell_m && in.y[i] >= y0 && in.y[i] < y0 + grid.cell_m) n[k] += 1, found = true;
        }
        if (!found) ++outside;
    }
    CHECK(c.outside == outside);
    double total = 0, residents = 0;
    for (std::size_t k = 0; k < grid.size(); ++k) {
        REQUIRE(c.observed[k]);
        CHECK(*c.observed[k] == n[k]);
        total += n[k];
        double pop = 0;
        for (std::uint64_t j = o.offsets[k]; j < o.offsets[k + 1]; ++j)
            pop += *wards.population(o.area[j]) * o.overlap_m2[j] / wards.area_m2(o.area[j]);
        residents += pop;
        if (pop > 0) CHECK(c.value[k].value() == Approx(n[k] / pop * 1000.0).epsilon(1e-12));  // a 12-month window: per year as it is
    }
    double ward_total = 0;
    for (const auto& v : t.indicators[0].observed) ward_total += *v;
    CHECK(total + static_cast<double>(outside) >= ward_total);  // every incident in a ward is in a cell
    CHECK(outside == 0);
    double ward_residents = 0;
    for (std::size_t a = 0; a < wards.size(); ++a) ward_residents += *wards.population(a);
    CHECK(residents == Approx(ward_residents).epsilon(1e-9));
}

TEST_CASE("the location quotient of an incident indicator against every category of its sources", "[priority][lq]") {
    AnalysisConfig c = load_config_file(std::string(HOTSPOT_GEODATA) + "/hotspot.ini");
    for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
             {"indicator.asb.categories", "Anti-social behaviour"}, {"indicator.asb.window", "2023/24"},
             {"indicator.asb.per", "1000 residents"}, {"priority.layer", "wards"}, {"priority.top", "5"}})
        apply_setting(c, k, v, "");
    c.output = {};
    const PriorityResult p = run_priority(c, c.priority, [](const std::string&, double) {});
    REQUIRE(p.risks.size() == 1);
    const auto& lq = p.risks[0].location_quotient;
    REQUIRE(lq.size() == p.indicators.area_ids.size());
    // Brute force: (ASB_i / all_i) / (ASB / all), all = every category of every source in 2023/24.
    const MonthIndex first = month_index(2023, 4), last = month_index(2024, 3);
    const auto asb = brute_counts(p.analysis, "Anti-social behaviour", "", first, last);
    const auto all = brute_counts(p.analysis, "", "", first, last);
    double asb_total = 0, all_total = 0;
    for (std::size_t i = 0; i < asb.size(); ++i) asb_total += asb[i], all_total += all[i];
    REQUIRE(asb_total > 0);
    std::size_t checked = 0;
    for (std::size_t i = 0; i < asb.size(); ++i) {
        if (all[i] == 0) {
            CHECK_FALSE(lq[i]);
            continue;
        }
        REQUIRE(lq[i]);
        CHECK(*lq[i] == Approx((asb[i] / all[i]) / (asb_total / all_total)).epsilon(1e-12));
        ++checked;
    }
    CHECK(checked > 10);
}

TEST_CASE("a ratio of two windows warns in the run report, naming both periods; one window does not", "[priority][indicator][ratio]") {
    AnalysisConfig c = load_config_file(std::string(HOTSPOT_GEODATA) + "/hotspot.ini");
    for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
             {"indicator.asb.categories", "Anti-social behaviour"}, {"indicator.asb.window", "2023/24"},
             {"indicator.fly.categories", "Fly-tipping"}, {"indicator.fly.window", "2022/23..2024/25"},
             {"indicator.all.window", "2023/24"},
             {"indicator.asb_per_fly.numerator", "asb"}, {"indicator.asb_per_fly.denominator", "fly"},
             {"indicator.asb_share.numerator", "asb"}, {"indicator.asb_share.denominator", "all"},
             {"priority.layer", "wards"}, {"priority.top", "5"}})
        apply_setting(c, k, v, "");
    c.output = {};
    // As `hotspot run` does it: the analysis first (full scope), then the priority step on it.
    const ProgressFn quiet = [](const std::string&, double) {};
    c = priority_analysis_config(c, c.priority);
    const PriorityResult p = run_priority(c, c.priority, run_analysis(c, AnalysisScope::full, quiet), quiet);
    const IndicatorValues* mixed = p.indicators.find("asb_per_fly");
    const IndicatorValues* same = p.indicators.find("asb_share");
    REQUIRE(mixed);
    REQUIRE(same);
    const std::string asb_period = p.indicators.find("asb")->period, fly_period = p.indicators.find("fly")->period;
    CHECK(asb_period == "2023/24 (12 months)");
    CHECK_THAT(fly_period, Catch::Contains("36 months"));
    CHECK(mixed->period == "asb " + asb_period + " / fly " + fly_period);
    CHECK(same->period == asb_period);
    CHECK(same->warnings.empty());
    std::vector<std::string> warnings;
    for (const auto& e : p.analysis.report.entries())
        if (e.section == "warning" && e.key.find("priority indicator") == 0) warnings.push_back(e.key + ": " + e.value);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::StartsWith("priority indicator asb_per_fly: ratio 'asb_per_fly' divides asb over " + asb_period +
                                              " by fly over " + fly_period + ": different windows"));
}

TEST_CASE("a count indicator's where filter selects the rows brute force selects", "[priority][indicator][row_filter]") {
    hotspot::AnalysisConfig c = hotspot::load_config_file(std::string(HOTSPOT_GEODATA) + "/hotspot.ini");
    c.output = hotspot::OutputOptions{};
    IndicatorSpec highway = count_spec("highway", "", "2023/24", IndicatorPer::none);
    highway.sources = {"flytipping"};
    highway.where = RowFilter::parse("land_type in (Highway, 'Back alleyway')", "indicator 'highway'");
    c.priority.indicators = {highway};  // the readers keep the columns the indicators' filters name
    const AnalysisResult r = run_analysis(c, AnalysisScope::join, [](const std::string&, double) {});
    const IncidentTable& t = r.incidents;
    const KeptColumn* land = t.kept_column("land_type");
    REQUIRE(land);
    const AreaLayer& wards = r.layers[0];
    std::vector<double> want(wards.size(), 0.0);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t.files[t.file[i]].source != "flytipping" || t.month[i] < month_index(2023, 4) || t.month[i] > month_index(2024, 3)) continue;
        const std::string& v = land->values.at(land->value[i]);
        if (v != "Highway" && v != "Back alleyway") continue;
        if (const auto a = wards.locate(t.x[i], t.y[i])) want[*a] += 1;
    }
    const IndicatorTable table = build_indicators(r, 0, {highway}, {});
    REQUIRE(table.indicators.size() == 1);
    double total = 0;
    for (std::size_t a = 0; a < wards.size(); ++a) {
        CHECK(table.indicators[0].value[a].value_or(-1) == want[a]);
        total += want[a];
    }
    CHECK(total > 100);
    bool noted = false;
    for (const auto& n : table.indicators[0].notes) noted |= n.rfind("where land_type in (Highway, 'Back alleyway'): ", 0) == 0;
    CHECK(noted);
    // Without the sources, the police input lacks the column: refused, naming the indicator.
    IndicatorSpec everywhere = highway;
    everywhere.sources.clear();
    CHECK_THROWS_WITH(build_indicators(r, 0, {everywhere}, {}), Catch::Contains("indicator 'highway': where names the column 'land_type', which input 'police' does not have"));
}
