// The embedded synthetic city end to end, against the generator's own ground truth
// (geodata/ground_truth/, computed by tools/gencity independently of the engine).
#include "hotspot/base/text.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace hotspot;

namespace {

const std::string geodata = HOTSPOT_GEODATA;

// Rows of a simple CSV (no quoted commas in the columns used here), keyed by column name.
std::vector<std::map<std::string, std::string>> read_truth(const std::string& name) {
    std::ifstream in(geodata + "/ground_truth/" + name);
    std::string line;
    std::getline(in, line);
    const auto header = split(line, ',');
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line)) {
        const auto cells = split(line, ',');
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
        rows.push_back(row);
    }
    return rows;
}

const AnalysisResult& demo_result() {
    static const AnalysisResult r = [] {
        AnalysisConfig c = load_config_file(geodata + "/hotspot.ini");
        c.output = OutputOptions{};
        return run_analysis(c, AnalysisScope::full, [](const std::string&, double) {});
    }();
    return r;
}

bool is_police(const AnalysisResult& r, std::size_t row) { return r.incidents.files[r.incidents.file[row]].source == "police"; }

}  // namespace

TEST_CASE("embedded data: every row is accounted for", "[geodata]") {
    const AnalysisResult& r = demo_result();
    std::map<std::string, std::string> expected;
    for (const auto& row : read_truth("expected_counts.csv")) expected[row.at("metric")] = row.at("value");
    const auto rows_read = std::stoull(expected["police_data_rows"]) + std::stoull(expected["flytipping_data_rows"]);
    CHECK(r.report.get("counter", "rows_read") == std::to_string(rows_read));
    // Rejected = listed in rejects + outside the study area (counted per file and month only).
    CHECK(r.incidents.size() + rejected_rows(r) == rows_read);
    CHECK(rejected_rows(r) == std::stoull(expected["police_bad_rows"]) + std::stoull(expected["flytipping_bad_rows"]));
}

TEST_CASE("embedded data: the planted bad rows are the rejects, by file and line", "[geodata]") {
    // Rows outside the study area (the wards' polygons) are counted per file, not listed.
    const AnalysisResult& r = demo_result();
    std::set<std::pair<std::string, std::uint64_t>> ours, planted;
    std::map<std::string, std::uint64_t> ours_outside, planted_outside;
    const auto file_name = [](const std::string& path) { return std::filesystem::path(path).filename().string(); };
    for (const auto& rej : r.rejects) ours.insert({file_name(r.incidents.files[rej.file].path), rej.line});
    for (const auto& c : r.outside_counted) ours_outside[file_name(r.incidents.files[c.file].path)] += c.rows;
    for (const auto& row : read_truth("bad_rows.csv")) {
        if (row.at("problem").find("outside the study area") != std::string::npos) ++planted_outside[file_name(row.at("file"))];
        else planted.insert({file_name(row.at("file")), std::stoull(row.at("line"))});
    }
    CHECK(ours == planted);
    CHECK(ours_outside == planted_outside);
    CHECK(planted_outside.size() == 2);
}

TEST_CASE("embedded data: the duplicate Crime ID is found and kept", "[geodata]") {
    const AnalysisResult& r = demo_result();
    REQUIRE(r.duplicates.size() == 1);
    CHECK(r.duplicates[0].line == 890);
    CHECK(r.duplicates[0].first_line == 889);
    CHECK_FALSE(r.duplicates[0].dropped);
}

TEST_CASE("embedded data: police counts per ward and type equal the ground truth", "[geodata]") {
    const AnalysisResult& r = demo_result();
    REQUIRE(r.layers[0].name() == "wards");
    std::map<std::string, std::uint64_t> rows_by_ward, asb_by_ward, by_type;
    for (std::size_t i = 0; i < r.incidents.size(); ++i) {
        if (!is_police(r, i)) continue;
        const std::string& type = r.incidents.categories.at(r.incidents.category[i]);
        ++by_type[type];
        const std::int32_t w = r.assignments[0].area[i];
        REQUIRE(w >= 0);
        const std::string& ward = r.layers[0].id(static_cast<std::size_t>(w));
        ++rows_by_ward[ward];
        asb_by_ward[ward] += type == "Anti-social behaviour";
    }
    std::size_t wards_checked = 0;
    for (const auto& row : read_truth("ward_counts.csv")) {
        CHECK(rows_by_ward[row.at("ward_code")] == std::stoull(row.at("valid_rows")));
        CHECK(asb_by_ward[row.at("ward_code")] == std::stoull(row.at("asb_rows")));
        ++wards_checked;
    }
    CHECK(wards_checked == 52);
    for (const auto& row : read_truth("crime_type_counts.csv"))
        CHECK(by_type[row.at("crime_type")] == std::stoull(row.at("valid_rows")));
}

TEST_CASE("embedded data: ward measures add up to the city and use the configured years", "[geodata]") {
    const AnalysisResult& r = demo_result();
    const AreaMeasures& m = r.measures[0];
    double share = 0.0, population = 0.0;
    std::uint64_t base = 0;
    for (std::size_t a = 0; a < m.count.size(); ++a) {
        share += m.share_pct[a];
        population += *r.layers[0].population(a);
        base += m.base_count[a];
    }
    CHECK(share == Approx(100.0));
    CHECK(population == 737840.0);
    CHECK(m.base->label == "2023/24");
    CHECK(m.current->label == "2024/25");
    std::uint64_t in_base_year = 0;
    for (auto month : r.incidents.month) in_base_year += parse_period("2023/24").contains(month);
    CHECK(base == in_base_year);
}
