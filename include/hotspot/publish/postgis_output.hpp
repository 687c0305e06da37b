#pragma once
// -of PostgreSQL: a run's GeoPackage copied into a PostGIS database, table for table, with
// its QGIS default styles in the database's layer_styles table as QGIS itself keeps them, so
// the layers open styled from the database too.
#include <filesystem>
#include <string>

namespace hotspot {

struct PostgresTarget {
    std::string connection;       // "PG:dbname=... host=..."; its password is never printed
    std::string schema = "public";
    bool overwrite = false;       // replace tables of the same names (--overwrite), else refuse
};

// Connects and checks the schema exists, before the work (OutputError naming the database).
void check_postgres_target(const PostgresTarget& target);

// Copies every table of the GeoPackage `gpkg` (spatial and not) into target.schema, in one
// transaction: either all tables and style rows are there afterwards, or none changed. Tables
// that exist already are refused (OutputError naming them) unless target.overwrite.
// Returns the number of tables written.
std::size_t copy_geopackage_to_postgres(const std::string& gpkg, const PostgresTarget& target);

// A private folder for the GeoPackage a PostgreSQL-only run writes first; removed with it.
class StagingFolder {
public:
    StagingFolder();
    ~StagingFolder();
    StagingFolder(const StagingFolder&) = delete;
    StagingFolder& operator=(const StagingFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace hotspot
