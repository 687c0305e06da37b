// The composite index on real data: Birmingham's 659 LSOAs (IMD 2025 lookup, LA24NM =
// Birmingham) with three indicators read by our attribute-table reader: West Midlands Police
// crimes 2024-04..2026-04 (25 months, incl. ASB), the same per 1,000 residents (Census 2021
// TS001) per year, and the IMD 2025 score. composite_birmingham.py reads the raw files again
// itself and recomputes every index, rank and leave-one-out range with numpy/scipy.
#include "../decide/composite_files.hpp"
#include "hotspot/read/attribute_table.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sys/wait.h>
#include <unistd.h>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

AttributeTable read_table(const std::string& path, const std::string& key, std::vector<AttributeField> fields) {
    AttributeTableSpec spec;
    spec.name = fs::path(path).filename().string();
    spec.path = path;
    spec.key = key;
    spec.fields = std::move(fields);
    return read_attribute_table(spec);
}

std::optional<double> number(const AttributeTable& t, const std::string& key, std::size_t column = 0) {
    const auto it = t.row_of.find(key);
    return it == t.row_of.end() ? std::nullopt : t.columns[column].number[it->second];
}

}  // namespace

TEST_CASE("composite index of Birmingham's LSOAs equals numpy/scipy's, leave-one-out ranges included") {
    const std::string data = shared_data_dir();
    const auto imd = read_table(data + "/deprivation/imd2025_score_pop2024_lsoa21_lookup_england.csv.gz", "LSOA21CD",
                                {{"IMDSCORE", AttributeType::real}, {"LA24NM", AttributeType::text}});
    const auto pop = read_table(data + "/population/census2021_TS001_usual_residents_lsoa21_EW.csv.gz", "mnemonic",
                                {{"total", AttributeType::real}});
    const auto crimes = read_table(data + "/crime/derived_wm_met_lsoa_aggregates_2024-04_2026-04/lsoa_ranking.csv",
                                   "lsoa_code", {{"crimes", AttributeType::real}});

    CompositeInput in;
    in.indicator_names = {"crimes_2024-04_2026-04_count", "crimes_per_1000_residents_per_year", "imd2025_score"};
    in.values.resize(3);
    double crime_sum = 0, resident_sum = 0;
    for (std::size_t r = 0; r < imd.keys.size(); ++r) {
        if (imd.columns[1].text[r].value_or("") != "Birmingham") continue;
        const auto& id = imd.keys[r];
        const auto c = number(crimes, id), p = number(pop, id);
        in.area_ids.push_back(id);
        in.values[0].push_back(c);
        in.values[1].push_back(c && p && *p > 0 ? std::optional(*c / *p * 1000.0 * 12.0 / 25.0) : std::nullopt);
        in.values[2].push_back(imd.columns[0].number[r]);
        crime_sum += c.value_or(0), resident_sum += p.value_or(0);
    }
    // data/README.md: 659 Birmingham LSOAs, 308,107 crimes, 1,144,925 residents (Census 2021).
    REQUIRE(in.area_ids.size() == 659);
    CHECK(crime_sum == 308107);
    CHECK(resident_sum == 1144925);

    std::vector<composite_files::Case> cases{
        {"meanScaled", composite_preset("meanScaled", in.indicator_names)},
        {"sumFlagsPercentile", composite_preset("sumFlagsPercentile", in.indicator_names)},
        {"geomeanPercentile", composite_preset("geomeanPercentile", in.indicator_names)}};
    cases.push_back({"meanScaled_winsorise_log", cases[0].spec});
    cases.back().spec.outliers = OutlierMode::winsorise_log;

    const auto r = composite_index(in, cases[0].spec);
    CHECK(r.dropped.empty());
    REQUIRE(r.top.size() == 42);
    std::cout << "Birmingham meanScaled top 5 of 659:";
    for (std::size_t i = 0; i < 5; ++i) {
        const auto a = r.top[i];
        std::cout << " " << in.area_ids[a] << " (" << *r.index[a] << ", leave-one-out ranks " << *r.loo_rank_min[a] << ".."
                  << *r.loo_rank_max[a] << ")";
    }
    std::uint32_t widest = 0;
    for (const auto a : r.top) widest = std::max(widest, *r.loo_rank_max[a] - *r.loo_rank_min[a]);
    std::cout << "\nwidest leave-one-out rank range in the top 42: " << widest << "\n";
    const auto treated = composite_index(in, cases[3].spec);
    for (const auto& t : treated.outliers)
        std::cout << t.indicator << ": skew " << t.skew_before << ", kurtosis " << t.kurtosis_before
                  << (t.log_transformed ? " -> log" : t.winsorised ? " -> winsorised " + std::to_string(t.winsorised) : "")
                  << "\n";

    const fs::path dir = fs::temp_directory_path() / ("hotspot_composite_birmingham_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    composite_files::write_all(dir.string(), in, cases);
    const std::string cmd = "/usr/bin/python3 '" HOTSPOT_SOURCE_DIR "/tests/realdata/composite_birmingham.py' '" + data +
                            "' '" + dir.string() + "'";
    const int status = std::system(cmd.c_str());
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 77) WARN("numpy/scipy absent: the Birmingham composite was not recomputed");
    else CHECK(code == 0);
    fs::remove_all(dir);
}
