// Any OGR point layer (GeoPackage, Shapefile, GeoJSON, ...). For these inputs the
// "line" of a row or reject is the feature's FID.
#include "detail/gdal_util.hpp"
#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/read/inputs.hpp"
#include "read/row_builder.hpp"

#include <cmath>
#include <filesystem>
#include <optional>
#include <thread>

namespace hotspot {

namespace {

std::optional<int> field_index(OGRLayer& layer, const std::string& name, const std::string& role, const std::string& path) {
    if (name.empty()) return std::nullopt;
    const int i = layer.GetLayerDefn()->GetFieldIndex(name.c_str());
    if (i < 0) throw ConfigError(quote_value(without_password(path)) + ": the " + role + " field " + quote_value(name) + " is not in layer " + quote_value(layer.GetName()));
    return i;
}

std::string describe_feature(OGRFeature& feature) {
    std::string raw;
    for (int i = 0; i < feature.GetFieldCount(); ++i) {
        if (!raw.empty()) raw += "; ";
        raw += std::string(feature.GetFieldDefnRef(i)->GetNameRef()) + "=" + feature.GetFieldAsString(i);
    }
    if (const OGRGeometry* g = feature.GetGeometryRef()) raw += "; geometry=" + g->exportToWkt();
    return raw;
}

// The extent GDAL reports for the whole layer, forced (computed when the format stores none):
// the call QGIS's OGR provider makes for QgsVectorLayer::extent(), so the same values. Asked
// before any filter is set.
std::optional<SourceFile::Extent> layer_extent(OGRLayer& layer) {
    OGREnvelope e;
    if (layer.GetExtent(&e, TRUE) != OGRERR_NONE) return std::nullopt;
    return SourceFile::Extent{e.MinX, e.MinY, e.MaxX, e.MaxY};
}

// The features with first <= FID < end (all when end is 0, then with the layer's extent), in the
// layer's order.
ReadResult read_fid_range(const std::string& path, const InputSpec& spec, std::int64_t first, std::int64_t end) {
    GDALDatasetUniquePtr ds = detail::open_vector(path);
    OGRLayer* layer = detail::pick_layer(*ds, path, spec.layer);
    const auto extent = end > 0 ? std::nullopt : layer_extent(*layer);
    if (end > 0) {
        std::string filter = "\"";
        filter += layer->GetFIDColumn();
        filter += "\" >= " + std::to_string(first);
        filter += " AND \"";
        filter += layer->GetFIDColumn();
        filter += "\" < " + std::to_string(end);
        if (layer->SetAttributeFilter(filter.c_str()) != OGRERR_NONE)
            throw InputError(quote_value(without_password(path)) + ": cannot select features by FID: " + detail::last_gdal_error("GDAL error"));
    }
    const std::string crs = spec.s_srs.empty() ? detail::crs_text(layer->GetSpatialRef()) : spec.s_srs;
    if (crs.empty()) throw CrsError(quote_value(without_password(path)) + " layer " + quote_value(layer->GetName()) + " has no CRS: give s_srs");

    const ColumnMapping& m = spec.columns;
    if (m.date.empty()) throw ConfigError("input " + quote_value(spec.name) + ": an OGR input needs its date field named");
    if (m.category.empty() && m.fixed_category.empty())
        throw ConfigError("input " + quote_value(spec.name) + ": an OGR input needs a category field or a fixed category");
    const int date_field = *field_index(*layer, m.date, "date", path);
    const auto category_field = field_index(*layer, m.category, "category", path);
    const auto weight_field = field_index(*layer, m.weight, "weight", path);
    const auto id_field = field_index(*layer, m.id, "id", path);
    const auto location_field = field_index(*layer, m.location, "location", path);

    ReadResult out;
    detail::RowBuilder rows(out, detail::source_file(path, spec.name, "ogr", crs));
    std::vector<std::string> field_names;
    for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i) field_names.emplace_back(layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
    rows.columns(field_names, spec.kept_columns);
    std::uint64_t rows_read = 0;
    std::string why;
    std::optional<std::string> last_date_text;  // none before the first row
    std::optional<DatedMonth> last_date;
    layer->ResetReading();
    for (auto& feature : *layer) {
        ++rows_read;
        const auto fid = static_cast<std::uint64_t>(feature->GetFID());
        const OGRGeometry* g = feature->GetGeometryRef();
        if (!g || g->IsEmpty()) {
            rows.reject(fid, "no_location", "the feature has no geometry", describe_feature(*feature));
            continue;
        }
        const OGRPoint* p = nullptr;
        if (wkbFlatten(g->getGeometryType()) == wkbPoint) {
            p = g->toPoint();
        } else if (wkbFlatten(g->getGeometryType()) == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1) {
            p = g->toMultiPoint()->getGeometryRef(0);
        } else {
            rows.reject(fid, "not_a_point", std::string("the geometry is a ") + g->getGeometryName() + ", not a point",
                        describe_feature(*feature));
            continue;
        }
        // Dates repeat (a month per batch of rows): parse only when the text changes.
        const std::string_view date_text = feature->GetFieldAsString(date_field);
        if (!last_date_text || date_text != *last_date_text) {
            last_date_text = date_text;
            last_date = parse_date_day(date_text, m.date_format, &why);
        }
        const std::optional<MonthIndex> month = last_date ? std::optional<MonthIndex>(last_date->month) : std::nullopt;
        if (!month) {
            rows.reject(fid, "bad_date", detail::field_problem(m.date, *last_date_text, "is not a valid date: " + why),
                        describe_feature(*feature));
            continue;
        }
        if (detail::reject_month_out_of_range(rows, fid, describe_feature(*feature), m.date, *last_date_text, *month, spec.months))
            continue;
        std::string category = m.fixed_category;
        if (category_field) {
            category = std::string(trim(feature->GetFieldAsString(*category_field)));
            if (category.empty()) {
                rows.reject(fid, "no_category", m.category + " is empty", describe_feature(*feature));
                continue;
            }
        }
        double weight = spec.weight;
        if (weight_field) {
            // Numeric fields as doubles: their text form has only 15 significant digits.
            const OGRFieldType type = feature->GetFieldDefnRef(*weight_field)->GetType();
            const bool numeric = type == OFTReal || type == OFTInteger || type == OFTInteger64;
            const auto w = numeric && feature->IsFieldSetAndNotNull(*weight_field)
                               ? std::optional<double>(feature->GetFieldAsDouble(*weight_field))
                               : parse_finite_double(feature->GetFieldAsString(*weight_field));
            if (!w || !std::isfinite(*w) || *w < 0.0) {
                rows.reject(fid, "bad_weight",
                            detail::field_problem(m.weight, feature->GetFieldAsString(*weight_field),
                                                  w ? "is negative" : "is not a number"),
                            describe_feature(*feature));
                continue;
            }
            weight *= *w;
        }
        // Copies: GetFieldAsString may reuse one buffer for fields that are not strings.
        const std::string location = location_field ? feature->GetFieldAsString(*location_field) : "";
        const std::string id = id_field ? feature->GetFieldAsString(*id_field) : "";
        std::vector<std::string> kept_text;
        for (const auto& f : rows.kept_fields())
            kept_text.emplace_back(f && feature->IsFieldSetAndNotNull(static_cast<int>(*f)) ? trim(feature->GetFieldAsString(static_cast<int>(*f))) : "");
        const std::vector<std::string_view> kept(kept_text.begin(), kept_text.end());
        if (detail::reject_invalid_text(rows, fid, describe_feature(*feature), {category, location, id},
                                        {category_field ? m.category : "category", m.location, m.id}))
            continue;
        if (!std::isfinite(p->getX()) || !std::isfinite(p->getY())) {
            rows.reject(fid, "bad_coordinate", "the point (" + format_exact(p->getX()) + ", " + format_exact(p->getY()) + ") is not finite",
                        describe_feature(*feature));
            continue;
        }
        rows.accept(p->getX(), p->getY(), *month, category, weight, fid, location, "", id, last_date->day, kept);
    }
    rows.file().rows_read = rows_read;
    rows.file().layer_extent = extent;
    return out;
}

// [min, max] FID of a GeoPackage layer with an integer primary key and enough features to be
// worth splitting; nullopt otherwise (other formats have no cheap FID range scan).
std::optional<std::pair<std::int64_t, std::int64_t>> splittable_fids(const std::string& path, const InputSpec& spec) {
    constexpr GIntBig worth_splitting = 200000;
    GDALDatasetUniquePtr ds = detail::open_vector(path);
    if (!EQUAL(ds->GetDriver()->GetDescription(), "GPKG")) return std::nullopt;
    OGRLayer* layer = detail::pick_layer(*ds, path, spec.layer);
    if (std::string(layer->GetFIDColumn()).empty() || layer->GetFeatureCount(FALSE) < worth_splitting) return std::nullopt;
    std::string sql = "SELECT MIN(\"";
    sql += layer->GetFIDColumn();
    sql += "\"), MAX(\"";
    sql += layer->GetFIDColumn();
    sql += "\") FROM \"";
    sql += layer->GetName();
    sql += "\"";
    OGRLayer* result = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (!result) return std::nullopt;
    std::optional<std::pair<std::int64_t, std::int64_t>> range;
    if (OGRFeatureUniquePtr f{result->GetNextFeature()}; f && f->IsFieldSetAndNotNull(0) && f->IsFieldSetAndNotNull(1))
        range = std::pair{f->GetFieldAsInteger64(0), f->GetFieldAsInteger64(1)};
    ds->ReleaseResultSet(result);
    return range;
}

}  // namespace

ReadResult read_ogr_points(const std::string& path, const InputSpec& spec, unsigned threads) {
    const auto fids = threads > 1 ? splittable_fids(path, spec) : std::nullopt;
    if (!fids) return read_fid_range(path, spec, 0, 0);
    // A large GeoPackage is read as consecutive FID ranges on several threads, each with its
    // own dataset handle (GDAL's are not thread-safe), and the parts joined in FID order: the
    // same rows in the same order as one scan.
    const auto lo = fids->first, hi = fids->second;  // not a structured binding: clang 15 cannot capture one
    std::vector<ReadResult> parts(threads);
    std::vector<std::exception_ptr> errors(threads);
    const auto bound = [&](unsigned k) { return lo + static_cast<std::int64_t>(static_cast<double>(hi + 1 - lo) * k / threads); };
    std::vector<std::thread> pool;
    for (unsigned k = 0; k < threads; ++k)
        pool.emplace_back([&, k] {
            try {
                parts[k] = read_fid_range(path, spec, bound(k), k + 1 == threads ? hi + 1 : bound(k + 1));
            } catch (...) {
                errors[k] = std::current_exception();
            }
        });
    for (auto& t : pool) t.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
    ReadResult out = std::move(parts[0]);
    std::uint64_t rows_read = out.incidents.files.front().rows_read;
    for (unsigned k = 1; k < threads; ++k) {
        rows_read += parts[k].incidents.files.front().rows_read;
        out.append(std::move(parts[k]));
    }
    // One file: every row and reject points at the first part's entry.
    out.incidents.files.resize(1);
    out.incidents.files.front().rows_read = rows_read;
    {
        GDALDatasetUniquePtr ds = detail::open_vector(path);
        out.incidents.files.front().layer_extent = layer_extent(*detail::pick_layer(*ds, path, spec.layer));
    }
    std::fill(out.incidents.file.begin(), out.incidents.file.end(), 0);
    for (auto& r : out.rejects) r.file = 0;
    return out;
}

}  // namespace hotspot
