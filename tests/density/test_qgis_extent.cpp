// Which extent the QGIS grid starts from (the PyQGIS peer is tests/qgis_density/real_points.sh).
#include "hotspot/density/qgis_extent.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

namespace {

IncidentTable one_file(const std::string& format, std::uint64_t rows_read, std::optional<SourceFile::Extent> extent) {
    IncidentTable t;
    SourceFile f;
    f.format = format;
    f.rows_read = rows_read;
    f.layer_extent = extent;
    t.files.push_back(f);
    return t;
}

}  // namespace

TEST_CASE("the QGIS grid starts from GDAL's layer extent only when it describes the counted points", "[density][qgis]") {
    const double x[] = {332090.9687396257, 346634.9937274011}, y[] = {398977.99346412654, 380441.0548764021};
    // As GDAL reads a GeoPackage's gpkg_contents: 15 significant digits.
    const SourceFile::Extent rounded{332090.968739626, 380441.054876402, 346634.993727401, 398977.993464127};

    const QgisExtent layer = qgis_extent_for(one_file("ogr", 2, rounded), x, y, 2);
    REQUIRE(layer.extent);
    CHECK(layer.extent->min_x == 332090.968739626);  // not the points' 332090.9687396257
    CHECK(layer.extent->max_y == 398977.993464127);
    CHECK(layer.source == "the layer extent as GDAL reports it to QGIS");

    // A subset of the layer: QGIS computes a filtered layer's extent from its points.
    const QgisExtent filtered = qgis_extent_for(one_file("ogr", 3, rounded), x, y, 2);
    CHECK_FALSE(filtered.extent);
    CHECK(filtered.source.find("2 of the layer's 3 features") != std::string::npos);

    // An extent that is not a rounding of these points (stale, or another CRS) is not followed.
    const QgisExtent stale = qgis_extent_for(one_file("ogr", 2, SourceFile::Extent{332000, 380441.054876402, 346634.993727401, 398977.993464127}),
                                             x, y, 2);
    CHECK_FALSE(stale.extent);
    CHECK(stale.source.find("90.97 m away") == std::string::npos);  // said in 3 significant digits
    CHECK(stale.source.find("91.0 m away") != std::string::npos);

    CHECK_FALSE(qgis_extent_for(one_file("csv", 2, std::nullopt), x, y, 2).extent);
    CHECK_FALSE(qgis_extent_for(one_file("ogr", 2, std::nullopt), x, y, 2).extent);
    IncidentTable two = one_file("ogr", 1, rounded);
    two.files.push_back(two.files.front());
    CHECK_FALSE(qgis_extent_for(two, x, y, 2).extent);
}
