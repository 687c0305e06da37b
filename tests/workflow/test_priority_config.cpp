// [priority], [indicator.NAME], [hierarchy.NAME] and --indicator: read, refused when wrong (naming
// the closest names), and written back; the indicator window rule.
#include "hotspot/base/errors.hpp"
#include "hotspot/workflow/config.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {
std::string write_ini(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / "hotspot_test_priority_cfg";
    fs::create_directories(dir);
    const auto path = (dir / name).string();
    std::ofstream(path) << "[area.lsoa]\npath = a.gpkg\n[attributes.imd]\nlayer = lsoa\npath = imd.csv\nkey = code\n" << text;
    return path;
}
const std::vector<std::string> layers{"lsoa"};
}  // namespace

TEST_CASE("priority sections are read and written back", "[config][priority]") {
    const auto path = write_ini("p.ini", "[indicator.violence]\nsources = police\ncategories = Violence and sexual offences; Robbery\n"
                                         "window = last 3 financial years\nper = 1000 residents\nper_year = yes\n"
                                         "[indicator.imd]\nattributes = imd\nfield = IMDSCORE\n"
                                         "[indicator.crimes]\nkind = count_column\nattributes = imd\nfield = crimes\nmonths = 25\nper = km2\n"
                                         "[indicator.share]\nnumerator = violence\ndenominator = crimes\nhigher_is_worse = false\n"
                                         "[hierarchy.wards]\nlookup = look.csv\nchild = LSOA21CD\nparent = WD22CD\nparent_name = WD22NM\n"
                                         "[priority]\nlayer = lsoa\nindicators = violence;imd;crimes;share\npreset = sumFlagsPercentile\ntop = 42\n"
                                         "weights = violence:2\nreverse = imd:false\nrange = crimes:0,50\nci = epitools_byar\neb = global\n"
                                         "imd_score = imd.IMDSCORE\nimd_decile = from_score\nhierarchy = wards\n");
    const AnalysisConfig c = load_config_file(path);
    const PriorityConfig& p = c.priority;
    CHECK(p.enabled);
    REQUIRE(p.indicators.size() == 4);
    CHECK(p.indicators[0].kind == IndicatorKind::count);
    CHECK(p.indicators[0].categories == std::vector<std::string>{"Violence and sexual offences", "Robbery"});
    CHECK(p.indicators[0].per == IndicatorPer::residents_1000_per_year);
    CHECK(p.indicators[0].per_year);
    CHECK(p.indicators[1].kind == IndicatorKind::attribute);
    CHECK(p.indicators[2].kind == IndicatorKind::count_column);
    CHECK(p.indicators[2].months == 25);
    CHECK(p.indicators[2].per == IndicatorPer::km2);
    CHECK(p.indicators[3].kind == IndicatorKind::ratio);
    CHECK_FALSE(p.indicators[3].higher_is_worse);
    CHECK(p.top == 42u);
    CHECK(p.interval == IntervalMethod::epitools_byar);
    CHECK(p.eb_global);
    CHECK_FALSE(p.eb_local);
    CHECK(p.imd_deciles_from == "score");
    REQUIRE(p.hierarchy.size() == 1);
    CHECK(fs::path(p.hierarchy[0].lookup).is_absolute());
    CHECK(p.hierarchy[0].parent_name_column == "WD22NM");
    CHECK(p.weights == std::vector<std::pair<std::string, double>>{{"violence", 2.0}});
    CHECK(p.ranges.size() == 1);

    // Written back as INI, read again: the same settings.
    const auto again = write_ini("again.ini", "");
    std::ofstream(again) << to_ini(c);
    const PriorityConfig q = load_config_file(again).priority;
    REQUIRE(q.indicators.size() == 4);
    CHECK(q.indicators[0].window == "last 3 financial years");
    CHECK(q.indicators[2].months == 25);
    CHECK(q.indicators[3].numerator == "violence");
    CHECK(q.indicator_order == p.indicator_order);
    CHECK(q.composite.preset == "sumFlagsPercentile");
    CHECK(q.imd_deciles_from == "score");
    CHECK(q.hierarchy[0].lookup == p.hierarchy[0].lookup);
}

TEST_CASE("priority settings are refused with the closest names", "[config][priority]") {
    CHECK_THROWS_WITH(load_config_file(write_ini("k.ini", "[indicator.a]\ncategorie = Robbery\n")),
                      Catch::Contains("unknown setting 'indicator.a.categorie'") && Catch::Contains("closest: 'categories'"));
    CHECK_THROWS_WITH(load_config_file(write_ini("p.ini", "[priority]\nwieghts = a:2\n")), Catch::Contains("closest: 'weights'"));
    CHECK_THROWS_WITH(load_config_file(write_ini("kind.ini", "[indicator.a]\nkind = counts\n")), Catch::Contains("closest: 'count'"));
    CHECK_THROWS_WITH(load_config_file(write_ini("per.ini", "[indicator.a]\nper = 100 residents\n")), Catch::Contains("is not one of count, 1000 residents"));

    AnalysisConfig c = load_config_file(write_ini("v.ini", "[indicator.violence]\ncategories = X\n[indicator.imd]\nattributes = imd\nfield = S\n"
                                                           "[priority]\nindicators = violance;imd\n"));
    CHECK_THROWS_WITH(validate_priority(c.priority, layers, c.attributes, true), Catch::Contains("no indicator 'violance'") && Catch::Contains("'violence'"));
    c.priority.indicator_order = {"violence"};
    CHECK_THROWS_WITH(validate_priority(c.priority, layers, c.attributes, false), Catch::Contains("there are no inputs"));
    c.priority.indicator_order = {"imd"};
    c.priority.indicators[1].attributes = "imdd";
    CHECK_THROWS_WITH(validate_priority(c.priority, layers, c.attributes, false), Catch::Contains("no [attributes.imdd] table") && Catch::Contains("'imd'"));
    c.priority.indicators[1].attributes = "imd";
    c.priority.indicators[1].field.clear();
    CHECK_THROWS_WITH(validate_priority(c.priority, layers, c.attributes, false), Catch::Contains("needs attributes = TABLE and field = COLUMN"));
    c.priority.indicators[1].field = "S";
    c.priority.indicators[1].kind = IndicatorKind::count_column;
    CHECK_THROWS_WITH(validate_priority(c.priority, layers, c.attributes, false), Catch::Contains("needs months"));
    c.priority.indicators[1].window = "2024-04..2026-04";  // the window gives the months
    CHECK_NOTHROW(validate_priority(c.priority, layers, c.attributes, false));
    c.priority.indicators[1].months = 24;
    CHECK_THROWS_WITH(validate_priority(c.priority, layers, c.attributes, false), Catch::Contains("is 25 months (2024-04..2026-04) but months = 24"));
    c.priority.indicators[1].months = 0;
    c.priority.indicators[1].window = "last 2 financial years";
    CHECK_THROWS_WITH(validate_priority(c.priority, layers, c.attributes, false), Catch::Contains("a published count covers fixed months"));
    c.priority.indicators[1].window.clear();
    c.priority.indicators[1].kind = IndicatorKind::attribute;
    c.priority.combine = Combine::geomean;
    c.priority.scaling = Scaling::zscore;
    CHECK_THROWS_WITH(validate_priority(c.priority, layers, c.attributes, false), Catch::Contains("geomean cannot take z-scores"));
    c.priority.combine.reset();
    c.priority.scaling.reset();
    c.priority.layer = "lsao";
    CHECK_THROWS_WITH(validate_priority(c.priority, layers, c.attributes, false), Catch::Contains("closest: 'lsoa'"));
}

TEST_CASE("the indicator option takes the keys of [indicator.NAME]", "[config][priority]") {
    const IndicatorSpec s = parse_indicator_argument("asb=categories:Anti-social behaviour;Robbery,per:1000 residents,window:2023/24");
    CHECK(s.name == "asb");
    CHECK(s.categories == std::vector<std::string>{"Anti-social behaviour", "Robbery"});
    CHECK(s.per == IndicatorPer::residents_1000_per_year);
    CHECK(s.window == "2023/24");
    CHECK_THROWS_WITH(parse_indicator_argument("asb=categorys:x"), Catch::Contains("closest: 'categories'"));
    CHECK_THROWS_WITH(parse_indicator_argument("asb"), Catch::Contains("expected NAME=key:value"));
    CHECK_THROWS_WITH(parse_indicator_argument("asb=per"), Catch::Contains("is not key:value"));
}

TEST_CASE("indicator windows: complete financial years inside the data", "[priority]") {
    const MonthIndex oct22 = month_index(2022, 10), jan25 = month_index(2025, 1), mar25 = month_index(2025, 3);
    // Data 2022-10..2025-01: 2023/24 is the only complete April-March year.
    const Period one = indicator_window("last financial year", oct22, jan25);
    CHECK(one.first == month_index(2023, 4));
    CHECK(one.last == month_index(2024, 3));
    CHECK_THROWS_WITH(indicator_window("last 2 financial years", oct22, jan25), Catch::Contains("fewer than 2 complete financial years"));
    const Period two = indicator_window("last 2 financial years", month_index(2022, 4), mar25);
    CHECK(two.first == month_index(2023, 4));
    CHECK(two.last == mar25);
    CHECK(two.months() == 24);
    const Period fy = indicator_window("2022/23..2023/24", month_index(2022, 4), mar25);
    CHECK(fy.first == month_index(2022, 4));
    CHECK(fy.last == month_index(2024, 3));
    CHECK(indicator_window("2024-04..2025-01", oct22, jan25).months() == 10);
    CHECK(indicator_window("", oct22, jan25).months() == 28);
    CHECK_THROWS_WITH(indicator_window("2024/25", oct22, jan25), Catch::Contains("not fully covered by the data"));
    const auto years = financial_years_of(Period{oct22, jan25, ""});
    REQUIRE(years.size() == 3);
    CHECK(years[0].label == "2022/23 (2022-10..2023-03, 6 months)");  // part years say which months they hold
    CHECK(years[0].months() == 6);
    CHECK(years[1].label == "2023/24");
    CHECK(years[2].label == "2024/25 (2024-04..2025-01, 10 months)");
    CHECK(years[2].months() == 10);
}
