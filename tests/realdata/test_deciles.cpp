// The third-party West Midlands / Met decile table (concentration_by_decile.csv), reproduced
// from the same folder's own per-LSOA counts (lsoa_ranking.csv) with our ntile_table, and the
// Gini of those counts against the mean-absolute-difference definition.
#include "hotspot/base/text.hpp"
#include "hotspot/measure/concentration.hpp"
#include "hotspot/read/csv.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace hotspot;

namespace {

const std::string folder = shared_data_dir() + "/crime/derived_wm_met_lsoa_aggregates_2024-04_2026-04";

// Rows of a CSV as maps from header name to text.
std::vector<std::map<std::string, std::string>> read_table(const std::string& path) {
    CsvReader reader(path);
    CsvRecord rec;
    std::vector<std::string> header;
    std::vector<std::map<std::string, std::string>> rows;
    while (reader.next(rec)) {
        if (header.empty()) {
            for (auto f : rec.fields) header.emplace_back(f);
            continue;
        }
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < rec.fields.size(); ++i) row[header[i]] = std::string(rec.fields[i]);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

TEST_CASE("the published decile concentration table is reproduced from the LSOA counts", "[real][concentration]") {
    std::map<std::string, std::vector<double>> counts;  // force -> crimes per LSOA
    for (const auto& r : read_table(folder + "/lsoa_ranking.csv")) counts[r.at("force")].push_back(std::stod(r.at("crimes")));
    REQUIRE(counts["West Midlands Police"].size() == 1719);
    const auto published = read_table(folder + "/concentration_by_decile.csv");
    REQUIRE(published.size() == 20);
    for (const auto& [force, lsoas] : counts) {
        const std::vector<DecileRow> ours = ntile_table(lsoas, 10);
        int compared = 0;
        for (const auto& p : published) {
            if (p.at("force") != force) continue;
            const DecileRow& d = ours.at(static_cast<std::size_t>(std::stoi(p.at("decile")) - 1));
            INFO(force << " decile " << d.group);
            CHECK(d.places == std::stoul(p.at("lsoas")));
            CHECK(d.incidents == std::stod(p.at("crimes")));
            CHECK(format_fixed(d.pct_of_incidents, 2) == p.at("pct_of_force_crime"));
            ++compared;
        }
        CHECK(compared == 10);
    }
    // West Midlands: the busiest 10 % of LSOAs hold 32.99 % (the README's "33.0 %").
    const Concentration wm = concentration(counts["West Midlands Police"]);
    CHECK(wm.places == 1719);
    CHECK(wm.incidents == 683821);
    double mad = 0;
    const auto& v = counts["West Midlands Police"];
    for (double a : v)
        for (double b : v) mad += std::fabs(a - b);
    const double n = static_cast<double>(v.size());
    CHECK(wm.gini == Approx(mad / (2.0 * n * n * (wm.incidents / n))).margin(1e-12));
    CHECK(wm.generalized_gini == wm.gini);  // far more crimes than LSOAs: no sparse correction
}
