// Deprivation beside crime on Birmingham's 659 LSOA 2021: Spearman of the crime rate with the
// IMD 2025 score, ward IMD scores as population-weighted means of LSOA scores, and the share
// of the 42 highest-rate LSOAs in the official most-deprived deciles. The oracle values were
// computed independently in Python (csv + scipy 1.10 on the same files, 2026-11-30):
//   rate = crimes / Census 2021 residents (ranks as per 1,000 a year), spearmanr(rate, IMDSCORE)
//   = 0.4724905810554407, p = 5.945889464646876e-38; spearmanr(crimes, IMDSCORE) = 0.5104063878516562,
//   p = 5.328246731088014e-45; ward = WD22CD of the ONS LSOA21->ward 2022 lookup, score
//   sum(2024POP * IMDSCORE) / sum(2024POP): E05011142 63.879774008186395, E05011170 62.57859703971119,
//   E05011127 61.499012437631066 (69 wards; with Census 2021 instead: 63.8107, 62.5837, 61.4673);
//   official deciles (IoD2025 File 1, sheet IMD25, via ogr2ogr): 282 of 659 in decile 1, 362 in
//   deciles 1-2; top 42 by rate (42nd E01034951): 17 in decile 1, 24 in deciles 1-2.
#include "hotspot/decide/deprivation.hpp"
#include "hotspot/read/attribute_table.hpp"
#include "hotspot/read/ogr_table.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <map>
#include <numeric>

using namespace hotspot;

namespace {

AttributeTable table(const std::string& file, const std::string& key, std::vector<AttributeField> fields, const std::string& population = "") {
    AttributeTableSpec spec;
    spec.name = key;
    spec.path = shared_data_dir() + "/" + file;
    spec.key = key;
    spec.fields = std::move(fields);
    spec.population = population;
    return read_attribute_table(spec);
}

double number(const AttributeTable& t, std::size_t column, const std::string& key) { return *t.columns[column].number.at(t.row_of.at(key)); }
std::string text(const AttributeTable& t, std::size_t column, const std::string& key) { return *t.columns[column].text.at(t.row_of.at(key)); }

// Birmingham's LSOA 2021 codes and IMD 2025 scores / 2024 populations (IMD file, LA24NM).
struct Birmingham {
    AttributeTable imd = table("deprivation/imd2025_score_pop2024_lsoa21_lookup_england.csv.gz", "LSOA21CD",
                               {{"IMDSCORE", AttributeType::real}, {"2024POP", AttributeType::real}, {"LA24NM", AttributeType::text}});
    std::vector<std::string> lsoa;
    Birmingham() {
        for (const auto& code : imd.keys)
            if (text(imd, 2, code) == "Birmingham") lsoa.push_back(code);
    }
};

// The official IMD 2025 decile per LSOA, read from the xlsx with OGR (column 6 of sheet IMD25).
std::map<std::string, int> official_deciles() {
    GDALAllRegister();
    const std::string path = shared_data_dir() + "/deprivation/IoD2025_File1_IMD_rank_decile_lsoa21_england.xlsx";
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    OGRLayer* sheet = ds->GetLayerByName("IMD25");
    REQUIRE(sheet);
    std::map<std::string, int> decile;
    for (auto& f : *sheet) decile[f->GetFieldAsString(0)] = f->GetFieldAsInteger(5);
    return decile;
}

}  // namespace

TEST_CASE("Spearman of the Birmingham LSOA crime rate with the IMD 2025 score equals scipy", "[real][deprivation]") {
    const Birmingham b;
    REQUIRE(b.lsoa.size() == 659);
    const AttributeTable crimes = table("crime/derived_wm_met_lsoa_aggregates_2024-04_2026-04/lsoa_ranking.csv", "lsoa_code",
                                        {{"crimes", AttributeType::integer}});
    const AttributeTable census = table("population/census2021_TS001_usual_residents_lsoa21_EW.csv.gz", "mnemonic", {}, "total");
    std::vector<double> rate, count, score;
    for (const auto& code : b.lsoa) {
        const double o = number(crimes, 0, code);
        const double p = (*census.population)[census.row_of.at(code)];
        rate.push_back(o / p * 1000.0 * 12.0 / 25.0);  // per 1,000 residents a year, 25 months
        count.push_back(o);
        score.push_back(number(b.imd, 0, code));
    }
    const Spearman by_rate = spearman(rate, score);
    CHECK(by_rate.n == 659);
    CHECK(by_rate.rho == Approx(0.4724905810554407).epsilon(1e-12));
    CHECK(by_rate.p_two_sided == Approx(5.945889464646876e-38).epsilon(1e-9));
    const Spearman by_count = spearman(count, score);
    CHECK(by_count.rho == Approx(0.5104063878516562).epsilon(1e-12));
    CHECK(by_count.p_two_sided == Approx(5.328246731088014e-45).epsilon(1e-9));
}

TEST_CASE("Birmingham ward IMD 2025 scores: 2024-population-weighted means of LSOA scores", "[real][deprivation]") {
    const Birmingham b;
    const AttributeTable ward_of = table("lookups/Lower_Layer_Super_Output_Area_(2021)_to_Ward_(2022)_to_LAD_(2022)_Lookup_in_England_and_Wales_v3.csv.gz",
                                         "LSOA21CD", {{"WD22CD", AttributeType::text}});
    std::vector<std::string> wards;
    std::map<std::string, std::size_t> ward_index;
    std::vector<std::optional<double>> score, pop;
    std::vector<std::optional<std::size_t>> parent;
    for (const auto& code : b.lsoa) {
        const std::string ward = text(ward_of, 0, code);
        const auto [it, fresh] = ward_index.emplace(ward, wards.size());
        if (fresh) wards.push_back(ward);
        parent.push_back(it->second);
        score.push_back(number(b.imd, 0, code));
        pop.push_back(number(b.imd, 1, code));
    }
    const WeightedMean m = population_weighted_mean(score, pop, parent, wards.size());
    CHECK(wards.size() == 69);
    CHECK(std::accumulate(m.children_used.begin(), m.children_used.end(), std::size_t{0}) == 659);
    std::vector<std::pair<double, std::string>> ranked;
    for (std::size_t w = 0; w < wards.size(); ++w) {
        REQUIRE(m.value[w]);
        ranked.emplace_back(*m.value[w], wards[w]);
    }
    std::sort(ranked.rbegin(), ranked.rend());
    CHECK(ranked[0].second == "E05011142");
    CHECK(ranked[0].first == Approx(63.879774008186395).epsilon(1e-12));
    CHECK(ranked[1].second == "E05011170");
    CHECK(ranked[1].first == Approx(62.57859703971119).epsilon(1e-12));
    CHECK(ranked[2].second == "E05011127");
    CHECK(ranked[2].first == Approx(61.499012437631066).epsilon(1e-12));
}

TEST_CASE("the 42 highest-rate Birmingham LSOAs in the official most-deprived deciles", "[real][deprivation]") {
    const Birmingham b;
    const AttributeTable crimes = table("crime/derived_wm_met_lsoa_aggregates_2024-04_2026-04/lsoa_ranking.csv", "lsoa_code",
                                        {{"crimes", AttributeType::integer}});
    const AttributeTable census = table("population/census2021_TS001_usual_residents_lsoa21_EW.csv.gz", "mnemonic", {}, "total");
    const std::map<std::string, int> decile = official_deciles();
    std::vector<std::optional<int>> deciles;
    std::vector<std::optional<double>> rate, score;
    for (const auto& code : b.lsoa) {
        deciles.push_back(decile.at(code));
        rate.push_back(number(crimes, 0, code) / (*census.population)[census.row_of.at(code)]);
        score.push_back(number(b.imd, 0, code));
    }
    std::vector<std::size_t> order(b.lsoa.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return *rate[i] > *rate[j]; });
    CHECK(b.lsoa[order[41]] == "E01034951");
    std::vector<std::uint8_t> chosen(b.lsoa.size(), 0);
    for (std::size_t k = 0; k < 42; ++k) chosen[order[k]] = 1;
    const DeprivationProfile d = deprivation_profile(chosen, deciles, rate, score);
    CHECK(d.areas == 659);
    CHECK(d.without_decile == 0);
    CHECK(d.areas_decile1 == 282);
    CHECK(d.areas_decile1_2 == 362);
    CHECK(d.chosen == 42);
    CHECK(d.chosen_decile1 == 17);
    CHECK(d.chosen_decile1_2 == 24);
    CHECK(d.chosen_decile1_2_pct == Approx(100.0 * 24 / 42));
    REQUIRE(d.index_vs_score);
    CHECK(d.index_vs_score->rho == Approx(0.4724905810554407).epsilon(1e-12));
}

TEST_CASE("the IoD2025 xlsx read as an attribute table gives the official deciles", "[real][deprivation]") {
    AttributeTableSpec spec;
    spec.name = "imd2025";
    spec.path = shared_data_dir() + "/deprivation/IoD2025_File1_IMD_rank_decile_lsoa21_england.xlsx";
    spec.key = "LSOA code (2021)";
    spec.fields = {{"Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOA", AttributeType::integer}};
    const AttributeTable t = read_ogr_attribute_table(spec, "IMD25");
    const std::map<std::string, int> decile = official_deciles();  // GDAL directly
    CHECK(t.keys.size() == 33755);
    CHECK(t.rows_without_key.empty());
    CHECK(t.lines.front() == 2);
    std::size_t same = 0;
    for (std::size_t r = 0; r < t.keys.size(); ++r) same += *t.columns[0].number[r] == decile.at(t.keys[r]);
    CHECK(same == 33755);
}
