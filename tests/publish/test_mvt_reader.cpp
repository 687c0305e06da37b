// Reading vector tiles (publish/mvt_reader): the city's tiles as GDAL's MVT driver reads them,
// feature for feature; a tile encoded by hand with every value type; malformed tiles refused.
// And the PMTiles tile address, the inverse of the spec's tile id.
#include "hotspot/base/errors.hpp"
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/mvt_reader.hpp"
#include "hotspot/publish/pmtiles.hpp"
#include "hotspot/publish/pmtiles_reader.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include <unistd.h>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

std::string varint(std::uint64_t v) {
    std::string out;
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
    return out;
}
std::string key(int field, int wire) { return varint(static_cast<std::uint64_t>(field) << 3 | static_cast<std::uint64_t>(wire)); }
std::string bytes_field(int field, const std::string& b) { return key(field, 2) + varint(b.size()) + b; }
std::string varint_field(int field, std::uint64_t v) { return key(field, 0) + varint(v); }
std::string packed(int field, const std::vector<std::uint64_t>& vs) {
    std::string b;
    for (auto v : vs) b += varint(v);
    return bytes_field(field, b);
}
template <class T>
std::string fixed(int field, int wire, T v) {
    std::string b(sizeof v, '\0');
    std::memcpy(b.data(), &v, sizeof v);  // little-endian machine, as the wire format
    return key(field, wire) + b;
}

std::string number_text(double v) {
    std::ostringstream s;
    s.precision(17);
    s << v;
    return s.str();
}
std::string signature(const std::map<std::string, std::string>& properties) {
    std::string s;
    for (const auto& [k, v] : properties) s += k + "=" + v + ";";
    return s;
}

std::string file_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A layer "things": a point with id 9 and text, float, double (tags packed); a polygon without
// id and int64, uint64, sint64, bool (tags one by one); an unknown layer field to skip.
std::string hand_tile(const std::string& feature_tags_override = "") {
    std::string layer = varint_field(15, 2) + bytes_field(1, "things");
    for (const char* k : {"s", "f", "d", "i", "u", "z", "b"}) layer += bytes_field(3, k);
    layer += bytes_field(4, bytes_field(1, "x"));
    layer += bytes_field(4, fixed(2, 5, 1.5f));
    layer += bytes_field(4, fixed(3, 1, 2.25));
    layer += bytes_field(4, varint_field(4, static_cast<std::uint64_t>(std::int64_t{-7})));
    layer += bytes_field(4, varint_field(5, 5));
    layer += bytes_field(4, varint_field(6, 5));  // zigzag 5 = -3
    layer += bytes_field(4, varint_field(7, 1));
    layer += bytes_field(2, varint_field(1, 9) + (feature_tags_override.empty() ? packed(2, {0, 0, 1, 1, 2, 2}) : feature_tags_override) +
                                varint_field(3, 1) + packed(4, {9, 50, 34}));
    std::string second = varint_field(3, 3) + packed(4, {9, 0, 0, 26, 20, 0, 0, 20, 19, 0, 15});
    for (std::uint64_t t : {3, 3, 4, 4, 5, 5, 6, 6}) second += varint_field(2, t);
    layer += bytes_field(2, second);
    layer += varint_field(5, 4096) + varint_field(99, 1);
    return bytes_field(3, layer);
}

}  // namespace

TEST_CASE("a hand-encoded vector tile reads back with every value type", "[mvt]") {
    const auto layers = read_mvt(hand_tile());
    REQUIRE(layers.size() == 1);
    const MvtLayer& l = layers[0];
    CHECK(l.name == "things");
    CHECK(l.version == 2);
    CHECK(l.extent == 4096);
    REQUIRE(l.features.size() == 2);
    const MvtFeature& a = l.features[0];
    CHECK(a.id == std::optional<std::uint64_t>(9));
    CHECK(a.type == MvtGeometry::point);
    REQUIRE(a.properties.size() == 3);
    CHECK(a.properties[0].first == "s");
    CHECK(a.properties[0].second.text == "x");
    CHECK(a.properties[1].second.kind == MvtValue::Kind::real);
    CHECK(a.properties[1].second.real == 1.5);
    CHECK(a.properties[2].second.real == 2.25);
    const MvtFeature& b = l.features[1];
    CHECK(!b.id);
    CHECK(b.type == MvtGeometry::polygon);
    REQUIRE(b.properties.size() == 4);
    CHECK(b.properties[0].second.kind == MvtValue::Kind::integer);
    CHECK(b.properties[0].second.integer == -7);
    CHECK(b.properties[1].second.integer == 5);
    CHECK(b.properties[2].second.integer == -3);
    CHECK(b.properties[2].second.to_string() == "-3");
    CHECK(b.properties[3].second.kind == MvtValue::Kind::boolean);
    CHECK(b.properties[3].second.boolean);
}

TEST_CASE("malformed vector tiles are refused saying what is wrong", "[mvt]") {
    CHECK_THROWS_AS(read_mvt(hand_tile().substr(0, 40)), InputError);
    CHECK_THROWS_WITH(read_mvt(hand_tile(packed(2, {0, 50}))), Catch::Contains("past its 7 keys or 7 values"));
    CHECK_THROWS_WITH(read_mvt(hand_tile(packed(2, {0}))), Catch::Contains("odd number of tags"));
    CHECK_THROWS_WITH(read_mvt(bytes_field(3, bytes_field(3, "k"))), Catch::Contains("has no name"));
    CHECK(read_mvt("").empty());  // an empty tile is a valid tile without layers
}

TEST_CASE("the city's vector tiles read as GDAL's MVT driver reads them", "[mvt]") {
    const fs::path dir = fs::temp_directory_path() / ("hotspot_test_mvt_city_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string gpkg = std::string(HOTSPOT_GEODATA) + "/boundaries.gpkg";
    write_vector_tiles(gpkg, {"wards", "neighbourhoods"}, (dir / "xyz").string(), (dir / "xyz").string(), TileFormat::directory, 8, 12, "test");
    std::size_t tiles = 0, features = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir / "xyz")) {
        if (e.path().extension() != ".pbf") continue;
        ++tiles;
        INFO("tile " << e.path().string());
        const auto mine = read_mvt(file_bytes(e.path()));
        const char* const unclipped[] = {"CLIP=NO", nullptr};  // by default GDAL leaves out features wholly in the tile's buffer
        GDALDatasetUniquePtr gdal(GDALDataset::Open(e.path().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, unclipped));
        REQUIRE(gdal);
        REQUIRE(static_cast<int>(mine.size()) == gdal->GetLayerCount());
        for (const MvtLayer& l : mine) {
            OGRLayer* theirs = gdal->GetLayerByName(l.name.c_str());
            REQUIRE(theirs != nullptr);
            REQUIRE(static_cast<GIntBig>(l.features.size()) == theirs->GetFeatureCount());  // every feature the tile holds
            std::multiset<std::string> ours;
            for (const MvtFeature& f : l.features) {
                CHECK(f.type == MvtGeometry::polygon);
                std::map<std::string, std::string> p;
                for (const auto& [k, v] : f.properties) p[k] = v.kind == MvtValue::Kind::text ? v.to_string() : number_text(std::stod(v.to_string()));
                ours.insert(signature(p));
            }
            theirs->ResetReading();
            for (auto& g : *theirs) {
                const OGRwkbGeometryType t = wkbFlatten(g->GetGeometryRef()->getGeometryType());
                CHECK((t == wkbPolygon || t == wkbMultiPolygon));
                std::map<std::string, std::string> p;
                for (int i = 0; i < g->GetFieldCount(); ++i)
                    if (g->IsFieldSetAndNotNull(i))
                        p[g->GetFieldDefnRef(i)->GetNameRef()] =
                            g->GetFieldDefnRef(i)->GetType() == OFTString ? g->GetFieldAsString(i) : number_text(g->GetFieldAsDouble(i));
                const auto found = ours.find(signature(p));
                INFO("GDAL's feature " << signature(p));
                REQUIRE(found != ours.end());  // the same properties, in any order
                ours.erase(found);
                ++features;
            }
            CHECK(ours.empty());
        }
    }
    CHECK(tiles > 20);
    CHECK(features > tiles);
}

TEST_CASE("a PMTiles tile address is the inverse of the tile id", "[pmtiles]") {
    for (std::uint64_t id = 0; id < 5461; ++id) {  // every tile of zooms 0..6
        const PmtilesTileAddress a = pmtiles_tile_address(id);
        REQUIRE(pmtiles_tile_id(a.z, a.x, a.y) == id);
    }
    std::mt19937 rng(7);
    for (int k = 0; k < 2000; ++k) {
        const int z = static_cast<int>(rng() % 27);
        const std::uint32_t n = std::uint32_t{1} << z, x = static_cast<std::uint32_t>(rng() % n), y = static_cast<std::uint32_t>(rng() % n);
        const PmtilesTileAddress a = pmtiles_tile_address(pmtiles_tile_id(z, x, y));
        REQUIRE(a.z == z);
        REQUIRE(a.x == x);
        REQUIRE(a.y == y);
    }
}
