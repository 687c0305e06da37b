// PMTiles v3: Hilbert tile ids against the spec's values and the curve's defining property,
// and archives read back by a reader written from the spec (publish/pmtiles_reader, no code
// shared with the writer): synthetic
// tiles forcing leaf directories and deduplication, and the embedded city's tiles against
// the uncompressed XYZ folder GDAL writes from the same layers.

#include "hotspot/base/errors.hpp"
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/pmtiles.hpp"
#include "hotspot/publish/pmtiles_reader.hpp"
#include "hotspot/read/inputs.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("hotspot_test_" + name);
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

std::string file_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("PMTiles tile ids are the spec's values", "[pmtiles]") {
    CHECK(pmtiles_tile_id(0, 0, 0) == 0);
    CHECK(pmtiles_tile_id(1, 0, 0) == 1);
    CHECK(pmtiles_tile_id(1, 0, 1) == 2);
    CHECK(pmtiles_tile_id(1, 1, 1) == 3);
    CHECK(pmtiles_tile_id(1, 1, 0) == 4);
    CHECK(pmtiles_tile_id(2, 0, 0) == 5);
    CHECK(pmtiles_tile_id(12, 3423, 1763) == 19078479);  // the reference implementations' test value
    CHECK_THROWS_AS(pmtiles_tile_id(2, 4, 0), OutputError);
}

TEST_CASE("PMTiles tile ids walk a Hilbert curve: each zoom a block, each step to a neighbouring tile", "[pmtiles]") {
    std::uint64_t first = 0;
    for (int z = 0; z <= 6; ++z) {
        const std::uint64_t n = std::uint64_t{1} << z;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> at(n * n, {UINT32_MAX, UINT32_MAX});
        for (std::uint32_t x = 0; x < n; ++x)
            for (std::uint32_t y = 0; y < n; ++y) {
                const std::uint64_t id = pmtiles_tile_id(z, x, y);
                REQUIRE(id >= first);
                REQUIRE(id < first + n * n);
                REQUIRE(at[id - first].first == UINT32_MAX);  // one tile per id
                at[id - first] = {x, y};
            }
        CHECK(at.front() == std::pair<std::uint32_t, std::uint32_t>{0, 0});  // the curve starts at the corner
        for (std::size_t d = 1; d < at.size(); ++d) {
            const long dx = std::labs(static_cast<long>(at[d].first) - static_cast<long>(at[d - 1].first));
            const long dy = std::labs(static_cast<long>(at[d].second) - static_cast<long>(at[d - 1].second));
            REQUIRE(dx + dy == 1);
        }
        first += n * n;
    }
}

TEST_CASE("a PMTiles archive of 40,000 tiles has leaf directories, runs and shared contents, and reads back", "[pmtiles]") {
    const fs::path dir = fresh_dir("pmtiles_leaves");
    std::mt19937_64 rng(14);
    std::vector<PmtilesTile> tiles;
    std::map<std::uint64_t, std::string> expected;
    std::set<std::string> contents;
    const auto add = [&](int z, std::uint32_t x, std::uint32_t y, const std::string& data) {
        const std::uint64_t id = pmtiles_tile_id(z, x, y);
        if (!expected.emplace(id, data).second) return;
        tiles.push_back({z, x, y, data});
        contents.insert(data);
    };
    // Scattered distinct tiles of random size (directories that gzip cannot shrink below 16 KiB)...
    while (expected.size() < 40000) {
        std::string data(1 + rng() % 200, '\0');
        for (auto& ch : data) ch = static_cast<char>(rng());
        add(12, static_cast<std::uint32_t>(rng() % 4096), static_cast<std::uint32_t>(rng() % 4096), data);
    }
    // ...a run of identical tiles along the curve (all of zoom 8's first 64 ids) and a repeat far away.
    for (std::uint32_t x = 0; x < 8; ++x)
        for (std::uint32_t y = 0; y < 8; ++y) add(8, x, y, "sea");
    add(3, 7, 7, "sea");
    add(0, 0, 0, "world");
    std::shuffle(tiles.begin(), tiles.end(), rng);
    PmtilesArchiveInfo info;
    info.min_zoom = 0;
    info.max_zoom = 12;
    info.min_lon = -2.5, info.min_lat = 52.3, info.max_lon = -1.7, info.max_lat = 52.7, info.center_lon = -1.9, info.center_lat = 52.48;
    info.center_zoom = 10;
    info.metadata_json = R"({"vector_layers":[{"id":"wards","fields":{}}]})";
    const std::string path = (dir / "many.pmtiles").string();
    write_pmtiles_archive(path, tiles, info, path);

    const PmtilesArchive a = read_pmtiles(path);
    CHECK(a.header.root_offset == 127);
    CHECK(a.header.data_offset + a.header.data_length == fs::file_size(path));  // the tile data ends the file
    CHECK(a.header.root_offset + a.header.root_length <= 16384);
    CHECK(a.header.leaf_length > 0);
    CHECK(a.leaf_directories >= 2);
    CHECK(a.tiles == expected);  // every id, every byte
    CHECK(a.header.addressed == expected.size());
    CHECK(a.header.contents == contents.size());
    CHECK(a.header.entries == a.entries);
    CHECK(a.header.entries < a.header.addressed);  // the run of 64 "sea" tiles is one entry
    CHECK(a.header.data_length == [&] { std::size_t n = 0; for (const auto& c : contents) n += c.size(); return n; }());
    CHECK(a.header.clustered == 1);
    CHECK(a.header.internal == 2);
    CHECK(a.header.tile_compression == 2);
    CHECK(a.header.tile_type == 1);
    CHECK(a.header.min_zoom == 0);
    CHECK(a.header.max_zoom == 12);
    CHECK(a.header.center_zoom == 10);
    CHECK(a.header.min_lon == Approx(-2.5).margin(1e-7));
    CHECK(a.header.max_lat == Approx(52.7).margin(1e-7));
    CHECK(a.header.center_lat == Approx(52.48).margin(1e-7));
    CHECK(a.metadata == info.metadata_json);
}

TEST_CASE("a PMTiles archive refuses no tiles, empty tiles and a tile given twice", "[pmtiles]") {
    const fs::path dir = fresh_dir("pmtiles_bad");
    const std::string path = (dir / "bad.pmtiles").string();
    CHECK_THROWS_WITH(write_pmtiles_archive(path, {}, {}, path), Catch::Contains("no tiles"));
    CHECK_THROWS_WITH(write_pmtiles_archive(path, {{1, 0, 0, ""}}, {}, path), Catch::Contains("1/0/0 is empty"));
    CHECK_THROWS_WITH(write_pmtiles_archive(path, {{1, 0, 1, "a"}, {1, 0, 1, "b"}}, {}, path), Catch::Contains("1/0/1 is given twice"));
}

TEST_CASE("the city's PMTiles hold exactly the tiles of GDAL's XYZ folder, and its style beside them", "[pmtiles]") {
    const fs::path dir = fresh_dir("pmtiles_city");
    AnalysisConfig c = load_config_file(std::string(HOTSPOT_GEODATA) + "/hotspot.ini");
    c.inputs.resize(1);
    c.inputs[0].paths = {std::string(HOTSPOT_GEODATA) + "/police/2023-10-brindleford-street.csv.gz"};
    c.measures.base.reset();
    c.measures.current.reset();
    c.output = OutputOptions{};
    c.output.gpkg = (dir / "city.gpkg").string();
    c.output.xyz = (dir / "xyz").string();
    c.output.pmtiles = (dir / "city.pmtiles").string();
    c.output.min_zoom = 8;
    c.output.max_zoom = 15;  // enough tiles inside one ward for identical ones
    AnalysisResult r = run_analysis(c, AnalysisScope::full, [](const std::string&, double) {});
    OutputSet outputs(false, input_files(c));
    claim_analysis_outputs(outputs, c);
    write_outputs(r, c, outputs, [](const std::string&, double) {});
    outputs.publish();

    std::map<std::uint64_t, std::string> gdal;
    for (const auto& e : fs::recursive_directory_iterator(c.output.xyz)) {
        if (e.path().extension() != ".pbf") continue;
        const int y = std::stoi(e.path().stem().string()), x = std::stoi(e.path().parent_path().filename().string()),
                  z = std::stoi(e.path().parent_path().parent_path().filename().string());
        gdal[pmtiles_tile_id(z, static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y))] = file_bytes(e.path());
    }
    const PmtilesArchive a = read_pmtiles(c.output.pmtiles);
    REQUIRE(a.tiles.size() == gdal.size());
    for (const auto& [id, bytes] : a.tiles) {
        INFO("tile id " << id);
        REQUIRE(gdal.count(id) == 1);
        CHECK(pmtiles_decompress(a.header.tile_compression, bytes) == gdal[id]);
    }
    CHECK(a.header.contents <= a.header.addressed);  // identical tiles stored once (none here: the synthetic test has them)
    CHECK(a.header.min_zoom == 8);
    CHECK(a.header.max_zoom == 15);
    CHECK(a.header.min_lon < a.header.center_lon);
    CHECK(a.header.center_lon < a.header.max_lon);
    CHECK(a.header.min_lat < a.header.center_lat);
    CHECK(a.header.center_lat < a.header.max_lat);
    CHECK(a.metadata.find("\"vector_layers\"") != std::string::npos);
    CHECK(a.metadata.find("\"wards\"") != std::string::npos);
    CHECK(fs::exists(dir / "city.style.json"));
    // Nothing of the packing is left beside the outputs.
    for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}
