#include "publish/gpkg_writer.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <ogr_spatialref.h>


namespace hotspot::detail {

LayerWriter::LayerWriter(GDALDataset& ds, const std::string& name, OGRwkbGeometryType type, const OGRSpatialReference* srs,
                         const std::string& description)
    : ds_(ds), name_(name) {
    const std::string desc = "DESCRIPTION=" + description;
    const char* options[] = {"GEOMETRY_NAME=geom", "FID=fid", desc.c_str(), nullptr};
    layer_ = ds.CreateLayer(name.c_str(), type == wkbNone ? nullptr : const_cast<OGRSpatialReference*>(srs), type,
                            const_cast<char**>(options));
    if (!layer_) throw OutputError("cannot create layer " + quote_value(name) + ": " + write_error());
}

void LayerWriter::field(const std::string& name, OGRFieldType type, OGRFieldSubType sub) {
    OGRFieldDefn defn(name.c_str(), type);
    defn.SetSubType(sub);
    if (layer_->CreateField(&defn) != OGRERR_NONE)
        throw OutputError("cannot add field " + quote_value(name) + " to layer " + quote_value(name_) + ": " + write_error());
}

bool LayerWriter::has_field(const std::string& name) const { return layer_->GetLayerDefn()->GetFieldIndex(name.c_str()) >= 0; }

OGRFeature& LayerWriter::row() {
    feature_.reset(OGRFeature::CreateFeature(layer_->GetLayerDefn()));
    return *feature_;
}

void LayerWriter::commit() {
    if (layer_->CreateFeature(feature_.get()) != OGRERR_NONE)
        throw OutputError("cannot write a feature to layer " + quote_value(name_) + ": " + write_error());
}

void LayerWriter::begin() {
    if (ds_.StartTransaction() != OGRERR_NONE) throw OutputError("cannot start writing layer " + quote_value(name_) + ": " + write_error());
}

void LayerWriter::end() {
    if (ds_.CommitTransaction() != OGRERR_NONE) throw OutputError("cannot commit layer " + quote_value(name_) + ": " + write_error());
}

void write_gpkg(const std::string& path, const std::string& target, const std::string& crs,
                const std::function<void(GDALDataset&, const OGRSpatialReference&)>& fill) {
    ensure_gdal_registered();
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw OutputError("cannot create " + quote_value(target) + ": " + write_error());
    OGRSpatialReference srs;
    srs.SetFromUserInput(crs.c_str());
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    try {
        fill(*ds, srs);
    } catch (const OutputError& e) {  // name the file, not only the layer or table
        throw OutputError("cannot write " + quote_value(target) + ": " + e.what());
    }
    close_written(ds, target);
}

std::string write_error() {
    const std::string e = last_gdal_error("GDAL error");
    for (const char* sign : {"disk I/O error", "disk is full", "No space left", "File too large", "Write failed", "write failed"})
        if (e.find(sign) != std::string::npos) return e + " (is the disk full, or a file size limit reached?)";
    return e;
}

void close_written(GDALDatasetUniquePtr& ds, const std::string& target) {
    CPLErrorReset();
    ds.reset();  // GDAL 3.6's GDALClose returns nothing: its errors are only in the error state
    if (CPLGetLastErrorType() >= CE_Failure) throw OutputError("cannot finish writing " + quote_value(target) + ": " + write_error());
}

void set_optional(OGRFeature& f, const char* field, const std::optional<double>& v) {
    if (v) f.SetField(field, *v);
    else f.SetFieldNull(f.GetFieldIndex(field));
}

void write_report_table(GDALDataset& ds, const std::vector<ReportRow>& rows, const std::string& description) {
    LayerWriter w(ds, "run_report", wkbNone, nullptr, description);
    for (const char* name : {"section", "key", "value"}) w.field(name, OFTString);
    w.begin();
    for (const auto& r : rows) {
        OGRFeature& f = w.row();
        f.SetField(0, r.section.c_str());
        f.SetField(1, r.key.c_str());
        f.SetField(2, r.value.c_str());
        w.commit();
    }
    w.end();
}

namespace {
std::string sql_text(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// The table QGIS itself creates, so QGIS applies our style on first open (OUTPUTS.md).
void exec_on_styles(GDALDataset& ds, const std::string& sql) {
    CPLErrorReset();
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result) ds.ReleaseResultSet(result);
    if (CPLGetLastErrorType() >= CE_Failure) throw OutputError("cannot write layer_styles: " + write_error());
}
}  // namespace

void write_layer_styles(GDALDataset& ds, const std::vector<std::pair<std::string, std::string>>& styles) {
    const auto exec = [&](const std::string& sql) { exec_on_styles(ds, sql); };
    exec("CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, f_table_catalog TEXT(256), "
         "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, "
         "styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
         "update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
    exec("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) SELECT "
         "'layer_styles', 'attributes', 'layer_styles', 'QGIS default styles', strftime('%Y-%m-%dT%H:%M:%fZ','now') "
         "WHERE NOT EXISTS (SELECT 1 FROM gpkg_contents WHERE table_name = 'layer_styles')");
    for (const auto& [layer, qml] : styles)
        exec("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
             "styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) VALUES ('', '', " +
             sql_text(layer) + ", 'geom', " + sql_text(layer) + ", " + sql_text(qml) +
             ", '', 1, 'hotspot default style', '', NULL, strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
}

void replace_layer_style(GDALDataset& ds, const std::string& layer, const std::string& qml) {
    const std::string where = " FROM layer_styles WHERE f_table_name = " + sql_text(layer) + " AND useAsDefault";
    OGRLayer* found = ds.ExecuteSQL(("SELECT count(*)" + where).c_str(), nullptr, nullptr);
    GIntBig rows = 0;
    if (found) {
        if (OGRFeatureUniquePtr f{found->GetNextFeature()}) rows = f->GetFieldAsInteger64(0);
        ds.ReleaseResultSet(found);
    }
    if (rows == 0) throw OutputError("layer_styles has no default style of " + layer + " to replace");
    exec_on_styles(ds, "UPDATE layer_styles SET styleQML = " + sql_text(qml) +
                           ", update_time = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE f_table_name = " + sql_text(layer) + " AND useAsDefault");
}

}  // namespace hotspot::detail
