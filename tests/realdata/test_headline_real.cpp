// Headline measures on the real Merseyside files against Liverpool's LSOAs: the stated period
// is the data's latest complete financial year (worked out here from the file names), and the
// headline counts per LSOA and in total equal a brute-force count (every incident from that
// year's files, located with the plain GEOS oracle), in the measures and in the areas CSV.
#include "hotspot/publish/areas_csv.hpp"
#include "hotspot/workflow/pipeline.hpp"
#include "oracle.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

using namespace hotspot;

namespace {

const ProgressFn quiet = [](const std::string&, double) {};

// The latest "YYYY-MM" among the file names of a police.uk folder (independent of the reader).
std::pair<int, int> latest_file_month(const std::string& folder) {
    std::pair<int, int> latest{0, 0};
    for (const auto& e : std::filesystem::directory_iterator(folder)) {
        const std::string name = e.path().filename().string();
        latest = std::max(latest, std::make_pair(std::stoi(name.substr(0, 4)), std::stoi(name.substr(5, 2))));
    }
    return latest;
}

// One CSV line split on commas outside quotes, quotes removed.
std::vector<std::string> csv_cells(const std::string& line) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) cells.emplace_back();
        else cells.back() += c;
    }
    return cells;
}

}  // namespace

TEST_CASE("Merseyside: headline measures cover the latest complete financial year", "[real][merseyside][headline]") {
    const std::string folder = shared_data_dir() + "/crime/merseyside_street_2022-10_2025-09";
    AnalysisConfig c;
    apply_setting(c, "input.police.path", folder, "");
    apply_setting(c, "area.lsoa.path", shared_data_dir() + "/boundaries/liverpool_lsoa11.gpkg", "");
    apply_setting(c, "area.lsoa.id", "LSOA11CD", "");
    apply_setting(c, "area.lsoa.name", "LSOA11NM", "");
    apply_setting(c, "area.lsoa.population", "Shape__Len", "");  // a stand-in: no LSOA 2011 population in ../shared/data
    AnalysisResult r = run_analysis(c, AnalysisScope::full, quiet);
    const AreaMeasures& m = r.measures.at(0);

    // The last file is 2025-09, so the latest financial year ending (in March) by then is
    // April 2024 - March 2025.
    const auto [year, month] = latest_file_month(folder);
    REQUIRE(std::make_pair(year, month) == std::make_pair(2025, 9));
    const int fy_end_year = month >= 3 ? year : year - 1;
    const std::string fy = std::to_string(fy_end_year - 1) + "/" + std::to_string(fy_end_year % 100);
    CHECK(fy == "2024/25");
    CHECK(m.headline_label() == fy + " (Apr " + std::to_string(fy_end_year - 1) + "-Mar " + std::to_string(fy_end_year) + ", 12 months)");
    CHECK(m.current->label == fy);
    CHECK(m.months_all() == 36);
    CHECK(r.report.get("parameter", "headline_period") == m.headline_label());

    // Brute force: incidents from the files of the year (a police.uk file holds its own month
    // only; its name says which), located by the oracle (snap points cached).
    const MonthIndex first = month_index(fy_end_year - 1, 4), last = month_index(fy_end_year, 3);
    std::vector<MonthIndex> file_month;
    for (const auto& f : r.incidents.files) {
        const std::string name = std::filesystem::path(f.path).filename().string();
        file_month.push_back(month_index(std::stoi(name.substr(0, 4)), std::stoi(name.substr(5, 2))));
    }
    const BruteForceAreas oracle(shared_data_dir() + "/boundaries/liverpool_lsoa11.gpkg", "LSOA11CD");
    std::map<std::pair<double, double>, std::int64_t> located;
    std::map<std::string, std::uint64_t> expected, expected_all;
    std::uint64_t expected_total = 0;
    for (std::size_t i = 0; i < r.incidents.size(); ++i) {
        const auto key = std::make_pair(r.incidents.x[i], r.incidents.y[i]);
        auto it = located.find(key);
        if (it == located.end()) it = located.emplace(key, oracle.locate(key.first, key.second)).first;
        if (it->second < 0) continue;
        const std::string& id = oracle.id(static_cast<std::size_t>(it->second));
        ++expected_all[id];
        const MonthIndex in_month = file_month[r.incidents.file[i]];
        if (in_month < first || in_month > last) continue;
        ++expected[id];
        ++expected_total;
    }
    CHECK(m.city_count == expected_total);
    std::size_t differing = 0, differing_all = 0;
    std::uint64_t headline_sum = 0, all_sum = 0;
    for (std::size_t a = 0; a < r.layers[0].size(); ++a) {
        differing += m.count[a] != expected[r.layers[0].id(a)];
        differing_all += m.count_all_months[a] != expected_all[r.layers[0].id(a)];
        headline_sum += m.count[a];
        all_sum += m.count_all_months[a];
        // 12 months: per year is per period; stand-in population.
        CHECK(*m.rate_per_1000[a] == Approx(1000.0 * static_cast<double>(m.count[a]) / *r.layers[0].population(a)));
    }
    CHECK(differing == 0);
    CHECK(differing_all == 0);
    CHECK(all_sum == r.assignments[0].inside);
    CHECK(headline_sum < all_sum);
    std::cout << "Merseyside on Liverpool LSOAs: headline " << m.headline_label() << " " << headline_sum << " incidents (oracle "
              << expected_total << "), all months " << all_sum << " in " << m.months_all() << " months\n";

    // The areas CSV: header names the period; rows carry the same counts.
    std::istringstream csv(areas_csv_text(r));
    std::string line;
    REQUIRE(std::getline(csv, line));
    const auto header = csv_cells(line);
    REQUIRE(header.size() > 8);
    CHECK(header[1] == "Area code");
    CHECK(header[7] == "Count, 2024/25 (Apr 2024-Mar 2025, 12 months)");
    CHECK(header[10] == "Rate per 1,000 residents per year, 2024/25 (Apr 2024-Mar 2025, 12 months)");
    CHECK(header[20] == "Count, all months 2022-10..2025-09 (36 months)");
    std::size_t rows = 0, csv_differing = 0;
    std::uint64_t csv_total = 0;
    while (std::getline(csv, line)) {
        const auto cells = csv_cells(line);
        REQUIRE(cells.size() == header.size());
        CHECK(cells[5] == "2024/25");
        csv_differing += std::stoull(cells[7]) != expected[cells[1]];
        csv_total += std::stoull(cells[7]);
        ++rows;
    }
    CHECK(rows == 297);
    CHECK(csv_differing == 0);
    CHECK(csv_total == expected_total);
}
