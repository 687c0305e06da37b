// Attribute tables from OGR tables: a spreadsheet written here with GDAL's XLSX driver reads
// to the same keys, values and types as the same rows written as CSV, with the same checks.
#include "hotspot/base/errors.hpp"
#include "hotspot/read/ogr_table.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

struct Row {
    const char* code;
    double population;
    int decile;
};

// A workbook with a "Notes" sheet and a data sheet of (code, population, decile) rows.
std::string workbook(const std::string& name, const std::vector<Row>& rows) {
    GDALAllRegister();
    const fs::path path = fs::temp_directory_path() / name;
    fs::remove(path);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("XLSX");
    REQUIRE(driver);
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    OGRLayer* notes = ds->CreateLayer("Notes", nullptr, wkbNone, nullptr);
    OGRFieldDefn text("Note", OFTString);
    notes->CreateField(&text);
    OGRFeature note(notes->GetLayerDefn());
    note.SetField(0, "made by a test");
    REQUIRE(notes->CreateFeature(&note) == OGRERR_NONE);
    OGRLayer* sheet = ds->CreateLayer("IMD", nullptr, wkbNone, nullptr);
    OGRFieldDefn code("LSOA code (2021)", OFTString), pop("population", OFTReal), decile("IMD decile", OFTInteger);
    sheet->CreateField(&code);
    sheet->CreateField(&pop);
    sheet->CreateField(&decile);
    for (const Row& r : rows) {
        OGRFeature f(sheet->GetLayerDefn());
        f.SetField(0, r.code);
        f.SetField(1, r.population);
        f.SetField(2, r.decile);
        REQUIRE(sheet->CreateFeature(&f) == OGRERR_NONE);
    }
    return path.string();
}

AttributeTableSpec spec_for(const std::string& path) {
    AttributeTableSpec spec;
    spec.name = "imd";
    spec.path = path;
    spec.key = "LSOA code (2021)";
    spec.fields = {{"IMD decile", AttributeType::automatic}};
    spec.population = "population";
    return spec;
}

}  // namespace

TEST_CASE("an xlsx sheet reads like the same rows as CSV", "[ogr_table]") {
    const std::string xlsx = workbook("hotspot_ogr_table.xlsx", {{"E01000001", 1500.25, 8}, {"E01000002", 0.1, 10}, {"E01000003", 2000, 1}});
    const fs::path csv = fs::temp_directory_path() / "hotspot_ogr_table.csv";
    std::ofstream(csv) << "LSOA code (2021),population,IMD decile\nE01000001,1500.25,8\nE01000002,0.1,10\nE01000003,2000,1\n";
    const AttributeTable from_xlsx = read_ogr_attribute_table(spec_for(xlsx), "IMD");
    const AttributeTable from_csv = read_attribute_table(spec_for(csv.string()));
    CHECK(from_xlsx.keys == from_csv.keys);
    CHECK(from_xlsx.lines == std::vector<std::uint64_t>{2, 3, 4});  // sheet rows under the header
    CHECK(*from_xlsx.population == *from_csv.population);
    REQUIRE(from_xlsx.columns.size() == 1);
    CHECK(from_xlsx.columns[0].type == AttributeType::integer);
    CHECK(from_xlsx.columns[0].number == from_csv.columns[0].number);
    CHECK(is_ogr_table_path(xlsx));
    CHECK(!is_ogr_table_path(csv.string()));
    // Two sheets: the one to read must be named; an unknown name lists the sheets.
    CHECK_THROWS_AS(read_ogr_attribute_table(spec_for(xlsx), ""), InputError);
    CHECK_THROWS_WITH(read_ogr_attribute_table(spec_for(xlsx), "IMD25"), Catch::Contains("Notes, IMD"));
}

TEST_CASE("an xlsx sheet: duplicate keys and missing columns refused with sheet and row", "[ogr_table]") {
    const std::string xlsx = workbook("hotspot_ogr_table_dup.xlsx", {{"E01000001", 10, 1}, {"E01000001", 20, 2}});
    CHECK_THROWS_WITH(read_ogr_attribute_table(spec_for(xlsx), "IMD"),
                      Catch::Contains("sheet IMD row 3") && Catch::Contains("duplicate key 'E01000001'"));
    AttributeTableSpec wrong = spec_for(xlsx);
    wrong.key = "LSOA21CD";
    CHECK_THROWS_AS(read_ogr_attribute_table(wrong, "IMD"), ConfigError);
}
