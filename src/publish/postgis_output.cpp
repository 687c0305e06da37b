#include "hotspot/publish/postgis_output.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "publish/gpkg_writer.hpp"

#include <ogrsf_frmts.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace hotspot {

namespace fs = std::filesystem;

namespace {

std::string sql_literal(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string sql_identifier(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// What QGIS stores in layer_styles.type: the geometry type's display name (3.22's
// QgsWkbTypes::geometryDisplayString); NULL for a table without geometry.
std::string style_geometry_type(OGRwkbGeometryType type) {
    switch (OGR_GT_Flatten(type)) {
        case wkbPoint: case wkbMultiPoint: return "'Point'";
        case wkbLineString: case wkbMultiLineString: return "'Line'";
        case wkbPolygon: case wkbMultiPolygon: return "'Polygon'";
        default: return "NULL";
    }
}

class Database {
public:
    explicit Database(const PostgresTarget& target) : shown_(quote_value(without_password(target.connection))) {
        detail::ensure_gdal_registered();
        CPLErrorReset();
        const std::string schema_option = "ACTIVE_SCHEMA=" + target.schema;
        const char* drivers[] = {"PostgreSQL", nullptr};
        const char* options[] = {schema_option.c_str(), nullptr};
        ds_.reset(GDALDataset::Open(target.connection.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, options));
        if (!ds_)
            throw OutputError("cannot connect to the PostgreSQL database " + shown_ + ": " +
                              without_password(detail::last_gdal_error("unknown error")));
    }
    ~Database() {
        if (in_transaction_) ds_->RollbackTransaction();
    }
    // Runs a statement; returns the first column of every row.
    std::vector<std::string> sql(const std::string& statement) {
        CPLErrorReset();
        OGRLayer* result = ds_->ExecuteSQL(statement.c_str(), nullptr, nullptr);
        std::vector<std::string> values;
        if (result) {
            for (auto& f : *result) values.emplace_back(f->IsFieldSetAndNotNull(0) ? f->GetFieldAsString(0) : "");
            ds_->ReleaseResultSet(result);
        }
        if (CPLGetLastErrorType() >= CE_Failure) fail("a statement failed");
        return values;
    }
    void begin() {
        if (ds_->StartTransaction(FALSE) != OGRERR_NONE) fail("cannot start a transaction");
        in_transaction_ = true;
    }
    void commit() {
        in_transaction_ = false;
        if (ds_->CommitTransaction() != OGRERR_NONE) fail("cannot commit the transaction (nothing was written)");
    }
    GDALDataset& dataset() { return *ds_; }
    [[noreturn]] void fail(const std::string& what) const {
        throw OutputError("PostgreSQL database " + shown_ + ": " + what + ": " + without_password(detail::last_gdal_error("unknown error")));
    }
    const std::string& shown() const { return shown_; }

private:
    std::string shown_;
    GDALDatasetUniquePtr ds_;
    bool in_transaction_ = false;
};

std::vector<OGRLayer*> tables_of(GDALDataset& gpkg) {
    std::vector<OGRLayer*> out;
    for (OGRLayer* layer : gpkg.GetLayers())
        if (std::string(layer->GetName()) != "layer_styles") out.push_back(layer);
    return out;
}

void copy_table(Database& db, OGRLayer& source, const PostgresTarget& target) {
    const std::string name = source.GetName();
    const char* description = source.GetMetadataItem("DESCRIPTION");
    const std::string description_option = std::string("DESCRIPTION=") + (description ? description : "");
    const std::string schema_option = "SCHEMA=" + target.schema;
    std::vector<const char*> options = {"GEOMETRY_NAME=geom", "FID=fid", "LAUNDER=NO", "PRECISION=NO", "SPATIAL_INDEX=GIST",
                                        schema_option.c_str(), description_option.c_str()};
    if (target.overwrite) options.push_back("OVERWRITE=YES");
    options.push_back(nullptr);
    const OGRwkbGeometryType type = source.GetGeomType();
    CPLErrorReset();
    OGRLayer* layer = db.dataset().CreateLayer(name.c_str(), type == wkbNone ? nullptr : source.GetSpatialRef(), type,
                                               const_cast<char**>(options.data()));
    if (!layer) db.fail("cannot create table " + quote_value(name));
    OGRFeatureDefn* fields = source.GetLayerDefn();
    for (int i = 0; i < fields->GetFieldCount(); ++i)
        if (layer->CreateField(fields->GetFieldDefn(i)) != OGRERR_NONE)
            db.fail("cannot add column " + quote_value(fields->GetFieldDefn(i)->GetNameRef()) + " to table " + quote_value(name));
    source.ResetReading();
    for (auto& feature : source) {
        OGRFeatureUniquePtr row(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        row->SetFrom(feature.get(), TRUE);
        row->SetFID(feature->GetFID());  // the GeoPackage's fid, so both number rows alike
        if (layer->CreateFeature(row.get()) != OGRERR_NONE) db.fail("cannot write a row of table " + quote_value(name));
    }
}

// The layer_styles table as QGIS 3.22 creates it in PostgreSQL (always in public, the rows
// naming their table's schema), and one default style per table, as QGIS saves one.
void write_styles(Database& db, GDALDataset& gpkg, const PostgresTarget& target, const std::vector<OGRLayer*>& tables) {
    db.sql("CREATE TABLE IF NOT EXISTS public.layer_styles(id SERIAL PRIMARY KEY, f_table_catalog varchar, f_table_schema varchar, "
           "f_table_name varchar, f_geometry_column varchar, styleName text, styleQML xml, styleSLD xml, useAsDefault boolean, "
           "description text, owner varchar(63) DEFAULT CURRENT_USER, ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, "
           "type varchar)");
    db.sql("ALTER TABLE public.layer_styles ADD COLUMN IF NOT EXISTS type varchar");  // a table an older QGIS made
    const std::string catalog = sql_literal(db.sql("SELECT current_database()").at(0));
    OGRLayer* styles = gpkg.GetLayerByName("layer_styles");
    if (!styles) return;
    for (auto& style : *styles) {
        const std::string name = style->GetFieldAsString("f_table_name");
        OGRLayer* table = nullptr;
        for (OGRLayer* t : tables)
            if (name == t->GetName()) table = t;
        if (!table) continue;  // a style for a table that is not there: nothing to style
        const bool spatial = table->GetGeomType() != wkbNone;
        const std::string same_table = " WHERE f_table_catalog = " + catalog + " AND f_table_schema = " + sql_literal(target.schema) +
                                       " AND f_table_name = " + sql_literal(name);
        // As QGIS does when it saves a default: any other style of the table stops being the
        // default; our own earlier one (same name and description) is replaced.
        db.sql("DELETE FROM public.layer_styles" + same_table + " AND styleName = " + sql_literal(style->GetFieldAsString("styleName")) +
               " AND description = " + sql_literal(style->GetFieldAsString("description")));
        db.sql("UPDATE public.layer_styles SET useAsDefault = false" + same_table);
        db.sql("INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
               "styleQML, styleSLD, useAsDefault, description, owner, type) VALUES (" + catalog + ", " + sql_literal(target.schema) +
               ", " + sql_literal(name) + ", " + (spatial ? sql_literal("geom") : "NULL") + ", " +
               sql_literal(style->GetFieldAsString("styleName")) + ", XMLPARSE(DOCUMENT " + sql_literal(style->GetFieldAsString("styleQML")) +
               "), NULL, " + (style->GetFieldAsInteger("useAsDefault") ? "true" : "false") + ", " +
               sql_literal(style->GetFieldAsString("description")) + ", CURRENT_USER, " + style_geometry_type(table->GetGeomType()) + ")");
    }
}

}  // namespace

std::size_t copy_geopackage_to_postgres(const std::string& gpkg_path, const PostgresTarget& target) {
    GDALDatasetUniquePtr gpkg = detail::open_vector(gpkg_path);
    const std::vector<OGRLayer*> tables = tables_of(*gpkg);
    Database db(target);
    if (db.sql("SELECT 1 FROM information_schema.schemata WHERE schema_name = " + sql_literal(target.schema)).empty())
        throw OutputError("PostgreSQL database " + db.shown() + " has no schema " + quote_value(target.schema) +
                          ": create it (CREATE SCHEMA " + sql_identifier(target.schema) + ") or choose another (output.schema)");
    if (!target.overwrite) {  // checked before anything is written, as GDAL refuses an existing file
        std::string names;
        for (OGRLayer* t : tables) names += (names.empty() ? "" : ", ") + sql_literal(t->GetName());
        const auto existing = db.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = " +
                                     sql_literal(target.schema) + " AND table_name IN (" + names + ") ORDER BY table_name");
        if (!existing.empty()) {
            std::string list;
            for (const auto& e : existing) list += (list.empty() ? "" : ", ") + e;
            throw OutputError("PostgreSQL database " + db.shown() + ", schema " + quote_value(target.schema) + " already has the table" +
                              (existing.size() > 1 ? "s " : " ") + list + ": use --overwrite (output.overwrite = true) to replace them, "
                              "or write to another schema (output.schema)");
        }
    }
    db.begin();
    for (OGRLayer* t : tables) copy_table(db, *t, target);
    write_styles(db, *gpkg, target, tables);
    db.commit();
    return tables.size();
}

StagingFolder::StagingFolder() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") / "hotspot-pg-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw OutputError("cannot create a staging folder for the PostgreSQL output in " + quote_value(fs::path(pattern).parent_path().string()) +
                          ": " + std::strerror(errno));
    path_ = pattern;
}

StagingFolder::~StagingFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

}  // namespace hotspot
