#include "publish/field_descriptions.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "publish/gpkg_writer.hpp"

namespace hotspot::detail {

namespace {

std::string sql_text(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

void execute(GDALDataset& ds, const std::string& sql, const std::string& table) {
    CPLErrorReset();
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result) ds.ReleaseResultSet(result);
    if (CPLGetLastErrorType() >= CE_Failure)
        throw OutputError("cannot describe the columns of " + quote_value(table) + ": " + write_error());
}

}  // namespace

void describe_fields(GDALDataset& ds, const std::string& table, const std::vector<FieldDescription>& fields) {
    // The table and extension rows as the GeoPackage 1.3 schema extension defines them.
    execute(ds,
            "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, "
            "title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, "
            "CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), CONSTRAINT gdc_tn UNIQUE (table_name, name))",
            table);
    execute(ds,
            "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, "
            "definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
            table);
    execute(ds,
            "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
            "SELECT 'gpkg_data_columns', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec/#extension_schema', 'read-write' "
            "WHERE NOT EXISTS (SELECT 1 FROM gpkg_extensions WHERE table_name = 'gpkg_data_columns' AND extension_name = 'gpkg_schema')",
            table);
    for (const auto& f : fields)
        execute(ds,
                "INSERT OR REPLACE INTO gpkg_data_columns (table_name, column_name, name, title, description) VALUES (" +
                    sql_text(table) + ", " + sql_text(f.column) + ", " + sql_text(f.column) + ", " + sql_text(f.description) +
                    ", " + sql_text(f.description) + ")",
                table);
}

}  // namespace hotspot::detail
