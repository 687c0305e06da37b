// Attribute tables by area code and Gi* / Local Moran on rates, on the real files: Census 2021
// population and IMD 2025 by LSOA joined to the Birmingham and Solihull LSOAs, the Birmingham
// ward populations joined to the 2018 wards, and the British Transport Police incidents
// analysed per ward as counts and as rates per 1,000 residents. The CSVs are read again here
// with Python's conventions (gzip + split), and Gi* is recomputed by brute force.
#include "hotspot/base/periods.hpp"
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/stats_output.hpp"
#include "hotspot/workflow/pipeline.hpp"
#include "hotspot/workflow/stats_workflow.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

const ProgressFn no_progress = [](const std::string&, double) {};

// The lines of a (gzip) text file, via the system's gzip: independent of our reader.
std::vector<std::string> lines_of(const std::string& path) {
    const std::string cmd = "gzip -dcf '" + path + "'";
    std::FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string text;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
    ::pclose(p);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        out.push_back(l);
    }
    return out;
}

// Fields of a line without quotes (the ward and IMD files have none in the columns used).
std::vector<std::string> plain_fields(const std::string& line) {
    std::vector<std::string> f;
    std::stringstream s(line);
    for (std::string x; std::getline(s, x, ',');) f.push_back(x);
    if (!line.empty() && line.back() == ',') f.push_back("");
    return f;
}

AnalysisConfig btp_wards_config() {
    AnalysisConfig c;
    const std::string d = shared_data_dir();
    apply_setting(c, "input.police.format", "police.uk", "");
    apply_setting(c, "input.police.path", d + "/crime/btp_street_2022-10_2025-01", "");
    apply_setting(c, "area.wards.path", d + "/boundaries/birmingham_wards_2018.gpkg", "");
    apply_setting(c, "area.wards.id", "code", "");
    apply_setting(c, "area.wards.name", "ward_name", "");
    apply_setting(c, "attributes.wardpop.layer", "wards", "");
    apply_setting(c, "attributes.wardpop.path", d + "/derived/birmingham_ward2022_population_from_lsoa21_bestfit.csv", "");
    apply_setting(c, "attributes.wardpop.key", "WD22CD", "");
    apply_setting(c, "attributes.wardpop.fields", "WD22NM;n_lsoa21;pop2024_geoManipulatoR", "");
    apply_setting(c, "attributes.wardpop.population", "usual_residents_census2021_TS001", "");
    apply_setting(c, "attributes.locality.layer", "wards", "");
    apply_setting(c, "attributes.locality.path", d + "/lookups/birmingham_ward_constituency_locality.csv", "");
    apply_setting(c, "attributes.locality.key", "Ward Code", "");
    apply_setting(c, "attributes.locality.fields", "Constituency;Locality", "");
    return c;
}

const AttributeColumn& extra(const AreaLayer& l, const std::string& name) {
    for (const auto& c : l.extra_attributes())
        if (c.name == name) return c;
    FAIL("no attribute " << name);
    throw;
}

// Gi* (spdep localG, include.self, binary weights) by brute force on centroids within band_m.
std::vector<double> brute_gistar(const StatsUnits& u, double band_m) {
    const std::size_t n = u.value.size();
    double sum = 0, sum2 = 0;
    for (double v : u.value) sum += v, sum2 += v * v;
    const double mean = sum / static_cast<double>(n), s = std::sqrt(sum2 / static_cast<double>(n) - mean * mean);
    std::vector<double> z(n);
    for (std::size_t i = 0; i < n; ++i) {
        double w = 0, wx = 0;
        for (std::size_t j = 0; j < n; ++j)
            if (std::hypot(u.cx[i] - u.cx[j], u.cy[i] - u.cy[j]) <= band_m) w += 1, wx += u.value[j];
        const double nn = static_cast<double>(n);
        z[i] = (wx - mean * w) / (s * std::sqrt((nn * w - w * w) / (nn - 1)));
    }
    return z;
}

const std::string census_file() { return shared_data_dir() + "/population/census2021_TS001_usual_residents_lsoa21_EW.csv.gz"; }

// Police files against an LSOA layer, with the Census 2021 total as its population.
AnalysisConfig lsoa_census_config(const std::string& police, const std::string& boundaries, const std::string& id_field,
                                  const std::string& census_fields) {
    const std::string d = shared_data_dir();
    AnalysisConfig c;
    apply_setting(c, "input.police.format", "police.uk", "");
    apply_setting(c, "input.police.path", d + "/crime/" + police, "");
    apply_setting(c, "area.lsoa.path", d + "/boundaries/" + boundaries, "");
    apply_setting(c, "area.lsoa.id", id_field, "");
    apply_setting(c, "attributes.census.layer", "lsoa", "");
    apply_setting(c, "attributes.census.path", census_file(), "");
    apply_setting(c, "attributes.census.key", "mnemonic", "");
    if (!census_fields.empty()) apply_setting(c, "attributes.census.fields", census_fields, "");
    apply_setting(c, "attributes.census.population", "total", "");
    return c;
}

// The Census table read again: the code is the last field, the total the first (names may
// hold quoted commas). Counts the data lines and the footer lines (no code).
std::map<std::string, double> census_population(std::size_t& rows, std::size_t& footer) {
    std::map<std::string, double> population;
    rows = footer = 0;
    const auto lines = lines_of(census_file());
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (l.empty()) continue;
        ++rows;
        const std::string code = l.substr(l.rfind(',') + 1);
        if (code.empty()) {
            ++footer;
            continue;
        }
        population[code] = std::stod(l.substr(0, l.find(',')));
    }
    return population;
}

}  // namespace

TEST_CASE("Census 2021 population and IMD 2025 joined to the Birmingham and Solihull LSOAs", "[real][attributes]") {
    const std::string imd = shared_data_dir() + "/deprivation/imd2025_score_pop2024_lsoa21_lookup_england.csv.gz";
    AnalysisConfig c = lsoa_census_config("btp_street_2022-10_2025-01/2024-01-btp-street.csv.gz", "bsol_lsoa21.gpkg", "LSOA21", "");
    apply_setting(c, "attributes.imd.layer", "lsoa", "");
    apply_setting(c, "attributes.imd.path", imd, "");
    apply_setting(c, "attributes.imd.key", "LSOA21CD", "");
    apply_setting(c, "attributes.imd.fields", "IMDSCORE;2024POP;LA24NM", "");
    const AnalysisResult r = run_analysis(c, AnalysisScope::join, no_progress);
    const AreaLayer& lsoa = r.layers.at(0);
    REQUIRE(lsoa.size() == 793);

    std::size_t census_rows = 0, footer = 0;
    std::map<std::string, double> population = census_population(census_rows, footer);
    CHECK(census_rows == 35679);  // 35,672 LSOAs + the NOMIS footer
    CHECK(footer == 7);
    std::map<std::string, std::vector<std::string>> imd_rows;
    const auto imd_lines = lines_of(imd);
    for (std::size_t i = 1; i < imd_lines.size(); ++i) {
        auto f = plain_fields(imd_lines[i]);
        imd_rows[f[0]] = f;
    }
    REQUIRE(imd_rows.size() == 33755);

    std::size_t with_population = 0, checked = 0;
    const auto& score = extra(lsoa, "IMDSCORE");
    const auto& pop24 = extra(lsoa, "2024POP");
    const auto& la = extra(lsoa, "LA24NM");
    CHECK(score.type == AttributeType::real);
    CHECK(pop24.type == AttributeType::integer);
    CHECK(la.type == AttributeType::text);
    double birmingham_2021 = 0;
    for (std::size_t a = 0; a < lsoa.size(); ++a) {
        const std::string& id = lsoa.id(a);
        REQUIRE(population.count(id));
        REQUIRE(lsoa.population(a).has_value());
        with_population += *lsoa.population(a) == population[id];
        REQUIRE(imd_rows.count(id));
        const auto& row = imd_rows[id];
        checked += score.number[a] == std::stod(row[1]) && pop24.number[a] == std::stod(row[2]) && la.text[a] == row[7];
        if (row[7] == "Birmingham") birmingham_2021 += *lsoa.population(a);
    }
    CHECK(with_population == 793);
    CHECK(checked == 793);
    CHECK(birmingham_2021 == 1144925);  // data/README.md: Birmingham 1,144,925

    // Unmatched both ways, as counted in the run report.
    CHECK(r.report.get("counter", "attributes census -> lsoa areas_without_row") == "0");
    CHECK(r.report.get("counter", "attributes census -> lsoa rows_without_area") == std::to_string(35672 - 793));
    CHECK(r.report.get("counter", "attributes census -> lsoa rows_without_key") == "7");
    CHECK(r.report.get("counter", "attributes imd -> lsoa rows_matched") == "793");
    CHECK(r.report.get("counter", "attributes imd -> lsoa rows_without_area") == std::to_string(33755 - 793));
}

TEST_CASE("BTP on Birmingham wards: ward population and lookups joined, Gi* and Local Moran on rates", "[real][attributes][rates]") {
    const AnalysisConfig c = btp_wards_config();
    AnalysisResult r = run_analysis(c, AnalysisScope::full, no_progress);
    const AreaLayer& wards = r.layers.at(0);
    REQUIRE(wards.size() == 69);

    // The ward CSV read again: every ward matched, values equal.
    std::map<std::string, std::vector<std::string>> rows;
    const auto lines = lines_of(shared_data_dir() + "/derived/birmingham_ward2022_population_from_lsoa21_bestfit.csv");
    for (std::size_t i = 1; i < lines.size(); ++i) {
        auto f = plain_fields(lines[i]);
        rows[f[0]] = f;
    }
    REQUIRE(rows.size() == 69);
    std::size_t equal = 0;
    for (std::size_t a = 0; a < wards.size(); ++a) {
        const auto& f = rows.at(wards.id(a));
        equal += wards.population(a) == std::stod(f[3]) && extra(wards, "WD22NM").text[a] == f[1] &&
                 extra(wards, "n_lsoa21").number[a] == std::stod(f[2]) && extra(wards, "pop2024_geoManipulatoR").number[a] == std::stod(f[4]);
    }
    CHECK(equal == 69);
    CHECK(r.report.get("counter", "attributes wardpop -> wards areas_without_row") == "0");
    CHECK(r.report.get("counter", "attributes wardpop -> wards rows_without_area") == "0");
    CHECK(r.report.get("counter", "attributes locality -> wards rows_matched") == "69");
    // The measures' rates use the joined population (per year over the headline period).
    REQUIRE(r.measures[0].headline_period);
    const double years = r.measures[0].headline_period->months() / 12.0;
    for (std::size_t a = 0; a < wards.size(); ++a) {
        REQUIRE(r.measures[0].rate_per_1000[a]);
        const double expected = static_cast<double>(r.measures[0].count[a]) / years * 1000.0 / std::stod(rows.at(wards.id(a))[3]);
        CHECK(*r.measures[0].rate_per_1000[a] == Approx(expected).epsilon(1e-12));
    }

    StatsConfig s;
    s.units = "wards";
    s.rule = NeighbourRule::band;
    s.band_m = 3000;
    s.lisa_options.permutations = 99;
    const StatsResult counts = run_stats(r, s);
    s.value = StatsValue::rate;
    const StatsResult rates = run_stats(r, s);
    REQUIRE(rates.units.id.size() == 69);
    CHECK(rates.units.value_measure == "rate_per_1000");
    CHECK(rates.units.excluded.empty());

    // Rates: incidents per ward (the assignment, checked against a brute-force oracle in
    // test_real_data.cpp) per 1,000 residents of the CSV.
    std::map<std::string, double> incidents;
    for (std::size_t i = 0; i < r.incidents.size(); ++i)
        if (r.assignments[0].area[i] >= 0) incidents[wards.id(static_cast<std::size_t>(r.assignments[0].area[i]))] += 1;
    double worst = 0;
    for (std::size_t k = 0; k < 69; ++k)
        worst = std::max(worst, std::abs(rates.units.value[k] - incidents[rates.units.id[k]] * 1000.0 / std::stod(rows.at(rates.units.id[k])[3])));
    CHECK(worst < 1e-12);

    // Gi* on rates and on counts against the brute-force formula.
    for (const StatsResult* res : {&counts, &rates}) {
        const auto z = brute_gistar(res->units, 3000);
        double zdiff = 0;
        for (std::size_t k = 0; k < z.size(); ++k) zdiff = std::max(zdiff, std::abs(*res->gistar->z[k] - z[k]));
        CHECK(zdiff < 1e-9);
    }

    // How many wards change hot/cold class (Gi* 90 % bins, and LISA clusters).
    const auto sign = [](std::int8_t b) { return b > 0 ? 1 : b < 0 ? -1 : 0; };
    int gi_changed = 0, hot_count = 0, hot_rate = 0, cold_count = 0, cold_rate = 0, lisa_changed = 0;
    for (std::size_t k = 0; k < 69; ++k) {
        const int a = sign(counts.gistar->bin[k]), b = sign(rates.gistar->bin[k]);
        gi_changed += a != b;
        hot_count += a > 0, cold_count += a < 0, hot_rate += b > 0, cold_rate += b < 0;
        lisa_changed += counts.lisa->cluster[k] != rates.lisa->cluster[k];
    }
    std::cout << "BTP Birmingham wards, Gi* band 3000 m (90 % bins): count hot " << hot_count << " cold " << cold_count
              << "; rate hot " << hot_rate << " cold " << cold_rate << "; wards changing class " << gi_changed
              << "; LISA clusters changing " << lisa_changed << "\n";
    // Reported, not asserted: BTP crime sits at the stations, which are hot either way.

    // The joined fields reach the stats layers and the run GeoPackage, and the tiles' schema.
    const fs::path dir = fs::temp_directory_path() / "hotspot_real_attributes";
    fs::remove_all(dir);
    fs::create_directories(dir);
    RunReport rep;
    write_stats_geopackage(rates, s, c.t_srs, rep, (dir / "stats.gpkg").string(), (dir / "stats.gpkg").string());
    AnalysisConfig out = c;
    out.output.gpkg = (dir / "run.gpkg").string();
    out.output.xyz = (dir / "tiles").string();
    out.output.max_zoom = 10;
    {
        OutputSet outputs(true, input_files(out));
        claim_analysis_outputs(outputs, out);
        write_outputs(r, out, outputs, no_progress);
        outputs.publish();
    }
    GDALAllRegister();
    for (const auto& [file, layer] : {std::pair{"stats.gpkg", "gistar"}, {"stats.gpkg", "lisa"}, {"run.gpkg", "wards"}}) {
        GDALDatasetUniquePtr ds(GDALDataset::Open((dir / file).string().c_str(), GDAL_OF_VECTOR));
        REQUIRE(ds);
        OGRLayer* l = ds->GetLayerByName(layer);
        REQUIRE(l);
        std::size_t ok = 0;
        const bool stats = std::string(file) == "stats.gpkg";
        for (auto& f : *l) {
            const std::string id = f->GetFieldAsString(stats ? "unit_id" : "area_id");
            ok += rows.at(id)[1] == f->GetFieldAsString("WD22NM") && f->GetFieldAsDouble("population") == std::stod(rows.at(id)[3]) &&
                  !std::string(f->GetFieldAsString("Locality")).empty();
            if (stats) CHECK(std::string(f->GetFieldAsString("value_measure")) == "rate_per_1000");
        }
        CHECK(ok == 69);
    }
    std::ifstream tilejson(dir / "tiles" / "metadata.json");
    std::stringstream tj;
    tj << tilejson.rdbuf();
    CHECK_THAT(tj.str(), Catch::Contains("\"WD22NM\"") && Catch::Contains("\"Locality\""));
}

TEST_CASE("Merseyside ASB 2024/25 on Liverpool LSOA 2011 with Census 2021 population: rates, left-out areas", "[real][rates]") {
    // The Census table is keyed by LSOA 2021 codes; Liverpool's polygons are LSOA 2011. Codes
    // that changed in 2021 find no row: those areas get no population, are counted both
    // ways, and are left out of the rate statistics (and counted there).
    const AnalysisConfig c = lsoa_census_config("merseyside_street_2022-10_2025-09", "liverpool_lsoa11.gpkg", "LSOA11CD",
                                                "2021 super output area - lower layer");
    const AnalysisResult r = run_analysis(c, AnalysisScope::join, no_progress);
    const AreaLayer& lsoa = r.layers.at(0);
    REQUIRE(lsoa.size() == 297);

    std::size_t rows = 0, footer = 0;
    const std::map<std::string, double> population = census_population(rows, footer);
    std::size_t missing = 0, equal = 0;
    for (std::size_t a = 0; a < lsoa.size(); ++a) {
        const auto it = population.find(lsoa.id(a));
        if (it == population.end()) {
            ++missing;
            CHECK_FALSE(lsoa.population(a).has_value());
        } else {
            equal += lsoa.population(a) == std::optional<double>(it->second);
        }
    }
    CHECK(equal + missing == 297);
    CHECK(r.report.get("counter", "attributes census -> lsoa areas_without_row") == std::to_string(missing));
    CHECK(r.report.get("counter", "attributes census -> lsoa rows_without_area") == std::to_string(35672 - (297 - missing)));
    std::cout << "Liverpool LSOA 2011 x Census 2021 (LSOA 2021 codes): " << missing << " of 297 areas without a row\n";

    StatsConfig s;
    s.units = "lsoa";
    s.categories = {"Anti-social behaviour"};
    s.period = parse_period("2024/25");
    s.rule = NeighbourRule::band;
    s.band_m = 1000;
    s.lisa_options.permutations = 99;
    const StatsResult counts = run_stats(r, s);
    s.value = StatsValue::rate;
    const StatsResult rates = run_stats(r, s);
    CHECK(rates.units.excluded.size() == missing);
    CHECK(rates.units.id.size() == 297 - missing);
    CHECK_THAT(rates.units.value_description, Catch::Contains("2024/25") && Catch::Contains("per 1,000 residents"));
    double in_units = 0;
    for (double v : rates.units.incidents) in_units += v;
    CHECK(in_units + static_cast<double>(rates.units.incidents_outside + rates.units.incidents_in_excluded) ==
          static_cast<double>(rates.incidents_selected));
    for (const StatsResult* res : {&counts, &rates}) {
        const auto z = brute_gistar(res->units, 1000);
        double zdiff = 0;
        for (std::size_t k = 0; k < z.size(); ++k)
            if (res->gistar->z[k]) zdiff = std::max(zdiff, std::abs(*res->gistar->z[k] - z[k]));
        CHECK(zdiff < 1e-9);
    }
    // Class changes over the areas in both analyses.
    std::map<std::string, int> count_class;
    const auto sign = [](std::int8_t b) { return b > 0 ? 1 : b < 0 ? -1 : 0; };
    for (std::size_t k = 0; k < counts.units.id.size(); ++k) count_class[counts.units.id[k]] = sign(counts.gistar->bin[k]);
    int changed = 0, hot_c = 0, hot_r = 0, cold_c = 0, cold_r = 0, hot_to_none = 0, none_to_hot = 0;
    for (std::size_t k = 0; k < rates.units.id.size(); ++k) {
        const int a = count_class[rates.units.id[k]], b = sign(rates.gistar->bin[k]);
        changed += a != b;
        hot_c += a > 0, cold_c += a < 0, hot_r += b > 0, cold_r += b < 0;
        hot_to_none += a > 0 && b <= 0, none_to_hot += a <= 0 && b > 0;
    }
    std::cout << "Merseyside ASB 2024/25, Liverpool LSOAs with a population (" << rates.units.id.size()
              << "), Gi* band 1000 m, 90 % bins: count hot " << hot_c << " cold " << cold_c << "; rate hot " << hot_r << " cold " << cold_r
              << "; areas changing class " << changed << " (hot -> not hot " << hot_to_none << ", not hot -> hot " << none_to_hot << ")\n";
}
