// The study area on real data: national British Transport Police points against the
// Birmingham 2018 wards. The rows outside the wards' polygons are counted per file and month
// and checked against the brute-force oracle (OGR-read polygons, plain GEOS, no index) over
// the same rows kept; every row is accounted for, and the GeoPackage stays small because the
// ~92k outside rows carry no raw text.
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/workflow/pipeline.hpp"
#include "oracle.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <map>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

const ProgressFn no_progress = [](const std::string&, double) {};

AnalysisConfig btp_wards_config() {
    AnalysisConfig c;
    apply_setting(c, "input.police.format", "police.uk", "");
    apply_setting(c, "input.police.path", shared_data_dir() + "/crime/btp_street_2022-10_2025-01", "");
    apply_setting(c, "area.wards.path", shared_data_dir() + "/boundaries/birmingham_wards_2018.gpkg", "");
    apply_setting(c, "area.wards.id", "code", "");
    return c;
}

// What a written GeoPackage holds about rejected rows, and its size in bytes.
struct Written {
    std::uintmax_t bytes = 0;
    GIntBig rejects_rows = 0;
    GIntBig outside_total = 0;  // sum of outside_study_area.rows
};

Written write_and_measure(AnalysisConfig c, const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / "hotspot_realdata_study_area";
    fs::create_directories(dir);
    c.output.gpkg = (dir / name).string();
    c.output.overwrite = true;
    AnalysisResult r = run_analysis(c, AnalysisScope::full, no_progress);
    OutputSet outputs(true, input_files(c));
    claim_analysis_outputs(outputs, c);
    write_outputs(r, c, outputs, no_progress);
    outputs.publish();
    Written w;
    w.bytes = fs::file_size(c.output.gpkg);
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(c.output.gpkg.c_str(), GDAL_OF_VECTOR));
        REQUIRE(ds);
        w.rejects_rows = ds->GetLayerByName("rejects")->GetFeatureCount();
        for (auto& f : *ds->GetLayerByName("outside_study_area")) w.outside_total += f->GetFieldAsInteger64("rows");
    }
    fs::remove(c.output.gpkg);
    return w;
}

}  // namespace

TEST_CASE("BTP in Birmingham: rows outside the wards' polygons equal the oracle per file and month", "[real][btp][study_area]") {
    AnalysisConfig keep = btp_wards_config();
    apply_setting(keep, "analysis.outside_study_area", "keep", "");
    const AnalysisResult all = run_analysis(keep, AnalysisScope::join, no_progress);

    const BruteForceAreas oracle(shared_data_dir() + "/boundaries/birmingham_wards_2018.gpkg", "code");
    REQUIRE(oracle.size() == 69);
    std::map<std::pair<std::string, MonthIndex>, std::uint64_t> expected;
    std::map<std::pair<double, double>, bool> cache;  // snap points repeat
    std::uint64_t expected_outside = 0;
    const IncidentTable& t = all.incidents;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto key = std::make_pair(t.x[i], t.y[i]);
        auto it = cache.find(key);
        if (it == cache.end()) it = cache.emplace(key, oracle.locate(key.first, key.second) < 0).first;
        if (!it->second) continue;
        ++expected[{t.files[t.file[i]].path, t.month[i]}];
        ++expected_outside;
    }

    const AnalysisResult r = run_analysis(btp_wards_config(), AnalysisScope::join, no_progress);
    CHECK(r.study_area.description == "union of 69 polygons of layer wards");
    std::map<std::pair<std::string, MonthIndex>, std::uint64_t> ours;
    for (const auto& c : r.outside_counted) ours[{r.incidents.files[c.file].path, c.month}] += c.rows;
    CHECK(ours == expected);
    CHECK(total_rows(r.outside_counted) == expected_outside);
    CHECK(r.report.get("counter", "outside_study_area") == std::to_string(expected_outside));
    CHECK(r.report.get("counter", "outside_study_area") == all.report.get("counter", "outside_study_area"));

    // Every row accounted for: 93,770 read (data/README.md) = accepted + listed + counted only.
    CHECK(r.report.get("counter", "rows_read") == "93770");
    CHECK(r.incidents.size() + r.rejects.size() + total_rows(r.outside_counted) == 93770);
    CHECK(r.incidents.size() == t.size() - expected_outside);
    for (const auto& rej : r.rejects) CHECK(rej.reason != "outside_study_area");
    // Every accepted point lies in a ward: the study area and the assignment agree.
    CHECK(r.assignments[0].outside == 0);
    CHECK(r.assignments[0].inside == r.incidents.size());
    // The 1,267 rows with a Birmingham LSOA all fall in the ward polygons (data/README.md).
    CHECK(r.incidents.size() >= 1267);
    std::cout << "BTP x Birmingham wards: rows read 93770, accepted " << r.incidents.size() << ", outside the study area "
              << expected_outside << " (counted in " << r.outside_counted.size() << " file-month rows), other rejects "
              << r.rejects.size() << "\n";
}

TEST_CASE("BTP in Birmingham: the GeoPackage is small without the outside rows' raw text", "[real][btp][study_area][size]") {
    const Written counted = write_and_measure(btp_wards_config(), "counted.gpkg");
    AnalysisConfig listed_config = btp_wards_config();
    apply_setting(listed_config, "analysis.keep_outside_rows", "true", "");
    const Written listed = write_and_measure(listed_config, "listed.gpkg");
    std::cout << "BTP x Birmingham wards GeoPackage: " << counted.bytes << " bytes (outside rows counted), " << listed.bytes
              << " bytes (--keep-outside-rows)\n";
    // 92,503 rows outside (the oracle's figure in the test above), BTP files have no other rejects.
    CHECK(counted.rejects_rows == 0);
    CHECK(counted.outside_total == 92503);
    CHECK(listed.rejects_rows == 92503);
    CHECK(listed.outside_total == 0);
    // What remains is the 69 ward polygons (~1.2 MB) and wards_periods (~2.6 MB), not rejects.
    CHECK(counted.bytes < 6'000'000);
    CHECK(listed.bytes > 30'000'000);
}
