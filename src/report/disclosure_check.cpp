#include "hotspot/report/disclosure_check.hpp"

#include "detail/gdal_util.hpp"
#include "report/disclosure_check_parts.hpp"
#include "report/disclosure_fields.hpp"

#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

namespace hotspot {

namespace {

std::string lower_extension(const std::string& path) {
    std::string e = std::filesystem::path(path).extension().string();
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

// The integer a field holds (integer fields, or text such as a CSV's that reads as a whole number).
std::optional<std::int64_t> integer_value(const OGRFeature& f, int i) {
    if (!f.IsFieldSetAndNotNull(i)) return std::nullopt;
    const OGRFieldType t = f.GetFieldDefnRef(i)->GetType();
    if (t == OFTInteger || t == OFTInteger64) return f.GetFieldAsInteger64(i);
    if (t == OFTReal) {
        const double v = f.GetFieldAsDouble(i);
        if (std::floor(v) == v) return static_cast<std::int64_t>(v);
        return std::nullopt;
    }
    if (t == OFTString) {
        const std::string s = f.GetFieldAsString(i);
        if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 15) return std::nullopt;
        return std::stoll(s);
    }
    return std::nullopt;
}

bool is_metadata_table(const std::string& name) { return name == "disclosure" || name == "run_report" || name == "layer_styles"; }

// Rows whose total is published while some members are not (or the reverse): the LP audit of each
// row on its own (column totals are not in the file, so rows are independent here).
struct RowGroup {
    std::vector<std::pair<std::int64_t, int>> members;  // feature id, field
    std::optional<std::pair<std::int64_t, int>> total;
};

void audit_rows(const std::string& layer, const std::vector<OGRFeatureUniquePtr>& fs, const std::map<std::int64_t, std::size_t>& index_of,
                const std::vector<RowGroup>& groups, const DisclosureRule& rule, DisclosureCheck& out) {
    for (const RowGroup& g : groups) {
        if (!g.total) continue;
        CountTable t;
        std::vector<bool> suppressed;
        std::vector<std::pair<std::int64_t, int>> where;
        auto add = [&](const std::pair<std::int64_t, int>& ref) {
            const OGRFeature& f = *fs[index_of.at(ref.first)];
            const auto v = integer_value(f, ref.second);
            suppressed.push_back(!v);
            where.push_back(ref);
            return t.add_cell(v.value_or(0));
        };
        TableEquation eq;
        for (const auto& m : g.members) eq.members.push_back(add(m));
        eq.total = add(*g.total);
        t.equations.push_back(eq);
        bool any = false;
        for (bool s : suppressed) any = any || s;
        if (!any) continue;
        const auto ranges = audit_suppression(t, suppressed);
        for (std::size_t c = 0; c < suppressed.size(); ++c)
            // A breach when the row narrows the cell to fewer than min_count values that may be small;
            // a complement recovered as >= min_count (it was never small) discloses no one.
            if (suppressed[c] && ranges[c].width() < rule.width() - 1e-6 && ranges[c].lower < rule.min_count - 1e-6) {
                const OGRFeature& f = *fs[index_of.at(where[c].first)];
                out.breaches.push_back({layer, where[c].first, f.GetFieldDefnRef(where[c].second)->GetNameRef(),
                                        "between " + std::to_string(std::llround(ranges[c].lower)) + " and " +
                                            std::to_string(std::llround(ranges[c].upper)),
                                        "suppressed cell recoverable from its row total (range narrower than " +
                                            std::to_string(std::llround(rule.width())) + ")"});
            }
    }
}

void check_layer(OGRLayer& layer, const DisclosureRule& rule, bool audit, DisclosureCheck& out) {
    const std::string name = layer.GetName();
    const OGRwkbGeometryType g = wkbFlatten(layer.GetGeomType());
    if (g == wkbPoint || g == wkbMultiPoint) out.breaches.push_back({name, -1, "geometry", OGRGeometryTypeToName(g), "point geometry layer"});
    if (is_metadata_table(name)) return;
    OGRFeatureDefn& d = *layer.GetLayerDefn();
    std::vector<int> count_fields, categories;
    for (int i = 0; i < d.GetFieldCount(); ++i) {
        const std::string n = d.GetFieldDefn(i)->GetNameRef();
        if (is_count_name(n)) count_fields.push_back(i);
        if (n.rfind("n_", 0) == 0) categories.push_back(i);
        if (n == "crime_id" || n == "latitude" || n == "longitude")
            out.breaches.push_back({name, -1, n, "", "record-level field (crime id or coordinates)"});
    }
    std::vector<OGRFeatureUniquePtr> fs;
    std::map<std::int64_t, std::size_t> index_of;
    layer.ResetReading();
    for (auto& f : layer) {
        ++out.features;
        for (int i : count_fields) {
            const auto v = integer_value(*f, i);
            if (v && rule.is_small(*v))
                out.breaches.push_back({name, f->GetFID(), d.GetFieldDefn(i)->GetNameRef(), std::to_string(*v), "count below " + std::to_string(rule.min_count)});
        }
        index_of[f->GetFID()] = fs.size();
        fs.emplace_back(f.release());
    }
    if (!audit) return;
    std::vector<RowGroup> groups;
    const int count = d.GetFieldIndex("count");
    const bool periods = d.GetFieldIndex("period") >= 0 && d.GetFieldIndex("category") >= 0 && d.GetFieldIndex("area_id") >= 0;
    if (periods && count >= 0) {  // per area and period: categories add up to "All"
        const int area = d.GetFieldIndex("area_id"), type = d.GetFieldIndex("period_type"), period = d.GetFieldIndex("period"),
                  category = d.GetFieldIndex("category");
        std::map<std::string, RowGroup> by_key;
        for (const auto& f : fs) {
            std::string key = std::string(f->GetFieldAsString(area)) + "\x1f" + (type >= 0 ? f->GetFieldAsString(type) : "") + "\x1f" +
                              f->GetFieldAsString(period);
            RowGroup& rg = by_key[key];
            if (std::string(f->GetFieldAsString(category)) == "All")
                rg.total = {f->GetFID(), count};
            else
                rg.members.push_back({f->GetFID(), count});
        }
        for (auto& [k, rg] : by_key) groups.push_back(std::move(rg));
    } else if (count >= 0 && !categories.empty()) {  // an area layer: n_* add up to count
        for (const auto& f : fs) {
            RowGroup rg;
            rg.total = {f->GetFID(), count};
            for (int c : categories) rg.members.push_back({f->GetFID(), c});
            groups.push_back(std::move(rg));
        }
    } else {
        return;
    }
    audit_rows(name, fs, index_of, groups, rule, out);
    out.notes.push_back(name + ": LP audit of " + std::to_string(groups.size()) + " rows against their published totals");
}

void check_raster(const std::string& path, const DisclosureRule& rule, DisclosureCheck& out) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) {
        out.checked = false;
        out.notes.push_back(path + ": cannot open as a raster: " + detail::last_gdal_error("GDAL gave no reason"));
        return;
    }
    const char* k = ds->GetMetadataItem("DISCLOSURE_MIN_CONTRIBUTORS");
    if (k == nullptr)
        out.breaches.push_back({path, -1, "metadata", "", "no DISCLOSURE_MIN_CONTRIBUTORS: the surface was not masked where few incidents contribute"});
    else if (std::atoll(k) < rule.min_count)
        out.breaches.push_back({path, -1, "DISCLOSURE_MIN_CONTRIBUTORS", k, "masked for fewer contributors than " + std::to_string(rule.min_count)});
    else
        out.notes.push_back(path + ": cells with fewer than " + std::string(k) + " contributing incidents are masked (nodata)");
}

}  // namespace

void check_disclosure_layer(OGRLayer& layer, const DisclosureRule& rule, bool audit, DisclosureCheck& out) { check_layer(layer, rule, audit, out); }

DisclosureCheck check_disclosure(const std::string& path, const DisclosureRule& rule) {
    detail::ensure_gdal_registered();
    DisclosureCheck out;
    const std::string ext = lower_extension(path);
    if (ext == ".pmtiles") {
        check_pmtiles(path, rule, out);
        return out;
    }
    if (is_dashboard_folder(path)) {
        check_dashboard_folder(path, rule, out);
        return out;
    }
    if (ext == ".html" || ext == ".htm") {
        check_pack_html(path, rule, out);
        return out;
    }
    if (ext == ".tif" || ext == ".tiff") {
        check_raster(path, rule, out);
        return out;
    }
    GDALDatasetUniquePtr ds = detail::open_vector(path);
    bool rounded = false;
    if (ext == ".gpkg") {
        OGRLayer* meta = ds->GetLayerByName("disclosure");
        if (meta == nullptr) {
            out.breaches.push_back({"disclosure", -1, "", "", "no disclosure table: not written as a public output"});
        } else {
            for (auto& f : *meta) {
                const int mc = f->GetFieldAsInteger("min_count");
                rounded = rounded || f->GetFieldAsInteger("round_base") > 1;
                if (mc < rule.min_count)
                    out.breaches.push_back({"disclosure", f->GetFID(), "min_count", std::to_string(mc), "protected with a lower threshold than " + std::to_string(rule.min_count)});
                if (f->GetFieldAsInteger64("unprotected") > 0)
                    out.breaches.push_back({"disclosure", f->GetFID(), "unprotected", f->GetFieldAsString("unprotected"),
                                            std::string("suppressed cells of ") + f->GetFieldAsString("layer") + " left narrower than the protection width"});
            }
        }
    }
    if (ext == ".gpkg") check_gpkg_legends(*ds, rule, out);
    if (rounded) out.notes.push_back("counts are rounded: row totals no longer add up, so the LP audit of rows is skipped");
    for (int i = 0; i < ds->GetLayerCount(); ++i) check_layer(*ds->GetLayer(i), rule, !rounded, out);
    return out;
}

}  // namespace hotspot
