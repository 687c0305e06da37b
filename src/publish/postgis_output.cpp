#include "hotspot/publish/postgis_output.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "publish/gpkg_writer.hpp"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cmath>
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

// The column type GDAL's PostgreSQL driver gives each OGR field type (PRECISION=NO).
std::string column_type(const OGRFieldDefn& f) {
    switch (f.GetType()) {
        case OFTInteger: return f.GetSubType() == OFSTBoolean ? "boolean" : f.GetSubType() == OFSTInt16 ? "smallint" : "integer";
        case OFTInteger64: return "bigint";
        case OFTReal: return f.GetSubType() == OFSTFloat32 ? "real" : "double precision";
        case OFTDate: return "date";
        case OFTTime: return "time";
        case OFTDateTime: return "timestamp with time zone";
        case OFTBinary: return "bytea";
        default: return "varchar";
    }
}

// A double as the shortest text that reads back as the same double: GDAL 3.6's driver writes
// 15 significant digits, which moves values that sit on a legend's class bound out of it.
std::string exact_real(double v) {
    if (std::isnan(v)) return "'NaN'";
    if (std::isinf(v)) return v > 0 ? "'Infinity'" : "'-Infinity'";
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return sql_literal(std::string(buf, r.ptr));
}

std::string value_sql(OGRFeature& f, int i, const OGRFieldDefn& defn) {
    if (!f.IsFieldSetAndNotNull(i)) return "NULL";
    switch (defn.GetType()) {
        case OFTReal: return exact_real(f.GetFieldAsDouble(i));
        case OFTInteger:
        case OFTInteger64: return sql_literal(std::to_string(f.GetFieldAsInteger64(i)));  // '1' is also a boolean
        default: return sql_literal(f.GetFieldAsString(i));
    }
}

// The table created by hand rather than through GDAL's layer writer, so every value is written
// exactly; multi-row INSERTs inside the one transaction.
void copy_table(Database& db, OGRLayer& source, const PostgresTarget& target) {
    const std::string name = source.GetName();
    const std::string table = sql_identifier(target.schema) + "." + sql_identifier(name);
    const OGRwkbGeometryType type = source.GetGeomType();
    int srid = 0;
    if (type != wkbNone) {
        const OGRSpatialReference* srs = source.GetSpatialRef();
        const char* code = srs ? srs->GetAuthorityCode(nullptr) : nullptr;
        const char* auth = srs ? srs->GetAuthorityName(nullptr) : nullptr;
        if (!code || !auth || std::string(auth) != "EPSG")
            throw OutputError("table " + quote_value(name) + " has a CRS without an EPSG code: PostGIS needs one (give t_srs as EPSG:CODE)");
        srid = std::atoi(code);
    }
    if (target.overwrite) db.sql("DROP TABLE IF EXISTS " + table + " CASCADE");
    OGRFeatureDefn* defn = source.GetLayerDefn();
    std::string columns = "fid", ddl = "CREATE TABLE " + table + " (fid serial PRIMARY KEY";
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const OGRFieldDefn& f = *defn->GetFieldDefn(i);
        columns += ", " + sql_identifier(f.GetNameRef());
        ddl += ", " + sql_identifier(f.GetNameRef()) + " " + column_type(f);
    }
    if (type != wkbNone) {
        columns += ", geom";
        ddl += std::string(", geom geometry(") + OGRToOGCGeomType(type) + (OGR_GT_HasZ(type) ? "Z" : "") + ", " + std::to_string(srid) + ")";
    }
    db.sql(ddl + ")");
    if (const char* description = source.GetMetadataItem("DESCRIPTION"); description && *description)
        db.sql("COMMENT ON TABLE " + table + " IS " + sql_literal(description));
    std::string batch;
    std::size_t in_batch = 0;
    long long max_fid = 0;
    const auto flush = [&] {
        if (in_batch) db.sql("INSERT INTO " + table + " (" + columns + ") VALUES " + batch);
        batch.clear();
        in_batch = 0;
    };
    source.ResetReading();
    std::vector<unsigned char> wkb;
    for (auto& feature : source) {
        std::string row = "(";
        row += std::to_string(feature->GetFID());  // the GeoPackage's fid, so both number rows alike
        max_fid = std::max<long long>(max_fid, feature->GetFID());
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            row += ", ";
            row += value_sql(*feature, i, *defn->GetFieldDefn(i));
        }
        if (type != wkbNone) {
            const OGRGeometry* g = feature->GetGeometryRef();
            if (!g) {
                row += ", NULL";
            } else {
                wkb.resize(static_cast<std::size_t>(g->WkbSize()));
                g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
                static const char* hex = "0123456789abcdef";
                row += ", ST_GeomFromWKB('\\x";
                for (unsigned char c : wkb) row += hex[c >> 4], row += hex[c & 15];
                row += "'::bytea, " + std::to_string(srid) + ")";
            }
        }
        batch += (in_batch ? ", " : "") + row + ")";
        if (++in_batch == 500) flush();
    }
    flush();
    if (max_fid > 0) db.sql("SELECT setval(pg_get_serial_sequence(" + sql_literal(table) + ", 'fid'), " + std::to_string(max_fid) + ")");
    if (type != wkbNone) db.sql("CREATE INDEX ON " + table + " USING GIST (geom)");
}

// The layer_styles table as QGIS 3.22 creates it in PostgreSQL (always in public, the rows
// naming their table's schema), and one default style per table, as QGIS saves one. `type` is
// NULL: QGIS stores the geometry type of the URI the layer was opened with ("Polygon" from the
// browser, "Unknown geometry" from a URI without one) and loads a style whose type matches or
// is NULL, so only NULL styles the layer however it is opened.
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
               sql_literal(style->GetFieldAsString("description")) + ", CURRENT_USER, NULL)");
    }
}

// GDAL's messages go into our errors, not also to stderr as "ERROR 1: ...".
struct QuietGdal {
    QuietGdal() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdal() { CPLPopErrorHandler(); }
    QuietGdal(const QuietGdal&) = delete;
    QuietGdal& operator=(const QuietGdal&) = delete;
};

void require_schema(Database& db, const PostgresTarget& target) {
    if (db.sql("SELECT 1 FROM information_schema.schemata WHERE schema_name = " + sql_literal(target.schema)).empty())
        throw OutputError("PostgreSQL database " + db.shown() + " has no schema " + quote_value(target.schema) +
                          ": create it (CREATE SCHEMA " + sql_identifier(target.schema) + ") or choose another (output.schema)");
}

}  // namespace

void check_postgres_target(const PostgresTarget& target) {
    const QuietGdal quiet;
    Database db(target);
    require_schema(db, target);
}

std::size_t copy_geopackage_to_postgres(const std::string& gpkg_path, const PostgresTarget& target) {
    const QuietGdal quiet;
    GDALDatasetUniquePtr gpkg = detail::open_vector(gpkg_path);
    const std::vector<OGRLayer*> tables = tables_of(*gpkg);
    Database db(target);
    require_schema(db, target);
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
