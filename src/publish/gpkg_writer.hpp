#pragma once
// Private helpers for writing GeoPackage layers with GDAL: a layer writer (fields declared
// once, then rows, in one transaction) and the QGIS layer_styles table.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hotspot::detail {

class LayerWriter {
public:
    LayerWriter(GDALDataset& ds, const std::string& name, OGRwkbGeometryType type, const OGRSpatialReference* srs,
                const std::string& description);
    void field(const std::string& name, OGRFieldType type, OGRFieldSubType sub = OFSTNone);
    bool has_field(const std::string& name) const;  // as GeoPackage compares names: ignoring case
    OGRFeature& row();
    void commit();
    void begin();
    void end();

private:
    GDALDataset& ds_;
    std::string name_;
    OGRLayer* layer_ = nullptr;
    OGRFeatureUniquePtr feature_;
};

// Creates a GeoPackage at `path` (the temporary of the output `target`, named in errors) in
// CRS `crs`, lets `fill` write its layers and closes it, checking the close.
void write_gpkg(const std::string& path, const std::string& target, const std::string& crs,
                const std::function<void(GDALDataset&, const OGRSpatialReference&)>& fill);

// GDAL's last error for a failed write, with a hint when SQLite or GDAL say no more than
// "disk I/O error" about a full disk (or a file size limit).
std::string write_error();

// Closes a dataset GDAL has been writing; a failure at close (data not flushed: a full disk)
// is an OutputError naming `target`.
void close_written(GDALDatasetUniquePtr& ds, const std::string& target);

void set_optional(OGRFeature& f, const char* field, const std::optional<double>& v);

// The run_report table: (section, key, value) rows.
struct ReportRow {
    std::string section, key, value;
};
void write_report_table(GDALDataset& ds, const std::vector<ReportRow>& rows, const std::string& description);

// The table QGIS itself creates, so QGIS applies our style on first open (OUTPUTS.md):
// (layer name, QML) pairs; added to the table when it exists (layers appended later).
void write_layer_styles(GDALDataset& ds, const std::vector<std::pair<std::string, std::string>>& styles);
// Replaces the default style of `layer` in layer_styles with `qml` (an OutputError when it has none).
void replace_layer_style(GDALDataset& ds, const std::string& layer, const std::string& qml);

}  // namespace hotspot::detail
