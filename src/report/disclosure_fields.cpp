#include "report/disclosure_fields.hpp"

#include <algorithm>
#include <array>

namespace hotspot {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Measures proportional to the headline count (same denominators), and those that only order areas.
constexpr std::array<const char*, 4> kProportionalToCount{"weighted_count", "share_pct", "rate_per_1000", "lq"};
constexpr std::array<const char*, 3> kOrderByCount{"rank", "rank_by_rate", "lq_basis"};
constexpr std::array<const char*, 3> kFromBaseAndCurrent{"change", "change_pct", "direction"};

int blank(OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) return 0;
    f.SetFieldNull(i);
    return 1;
}

}  // namespace

bool is_count_name(const std::string& n) {
    if (n.rfind("weighted", 0) == 0) return false;
    return n == "count" || n.rfind("n_", 0) == 0 || ends_with(n, "_count") || n.rfind("count_", 0) == 0 ||
           n.find("incidents") != std::string::npos;
}

bool is_integer_field(const OGRFieldDefn& field) { return field.GetType() == OFTInteger || field.GetType() == OFTInteger64; }

bool has_count_field(OGRFeatureDefn& d) {
    for (int i = 0; i < d.GetFieldCount(); ++i)
        if (is_integer_field(*d.GetFieldDefn(i)) && is_count_name(d.GetFieldDefn(i)->GetNameRef())) return true;
    return false;
}

bool is_published_layer(OGRLayer& layer) {
    const OGRwkbGeometryType g = wkbFlatten(layer.GetGeomType());
    if (g == wkbPoint || g == wkbMultiPoint) return false;
    const std::string name = layer.GetName();
    for (const char* record_level : {"incidents", "rejects", "outside_study_area", "duplicate_crime_ids"})
        if (name == record_level) return false;
    // Months, quarters and years nest in each other and in the area layers' counts: protected a
    // table at a time, a month was recoverable as its quarter less the other months. Until they
    // are protected as one linked table (fast enough for a city), a public output leaves them out.
    if (name.size() > 8 && name.ends_with("_periods")) return false;
    OGRFeatureDefn& d = *layer.GetLayerDefn();
    for (const char* fine : {"crime_id", "location", "raw", "source_line"})
        if (d.GetFieldIndex(fine) >= 0) return false;
    return true;
}

int blank_derived(OGRFeature& f, const std::string& name) {
    int n = 0;
    if (name == "count") {
        for (const char* field : kProportionalToCount) n += blank(f, field);
        for (const char* field : kOrderByCount) n += blank(f, field);
    }
    if (name == "base_count" || name == "current_count")
        for (const char* field : kFromBaseAndCurrent) n += blank(f, field);
    return n;
}

void rescale_derived(OGRFeature& f, const std::string& name, std::int64_t from, std::int64_t to) {
    if (name == "count" && from > 0)
        for (const char* field : kProportionalToCount) {
            const int i = f.GetFieldIndex(field);
            if (i >= 0 && f.IsFieldSetAndNotNull(i) && f.GetFieldDefnRef(i)->GetType() == OFTReal)
                f.SetField(i, f.GetFieldAsDouble(i) * static_cast<double>(to) / static_cast<double>(from));
        }
    if (name == "base_count" || name == "current_count") {
        const int base = f.GetFieldIndex("base_count"), current = f.GetFieldIndex("current_count");
        const int change = f.GetFieldIndex("change"), change_pct = f.GetFieldIndex("change_pct");
        if (base < 0 || current < 0 || !f.IsFieldSetAndNotNull(base) || !f.IsFieldSetAndNotNull(current)) return;
        const double b = static_cast<double>(f.GetFieldAsInteger64(base)), c = static_cast<double>(f.GetFieldAsInteger64(current));
        if (change >= 0) f.SetField(change, c - b);
        if (change_pct >= 0) {
            if (b > 0)
                f.SetField(change_pct, (c - b) / b * 100.0);
            else
                f.SetFieldNull(change_pct);
        }
    }
}

}  // namespace hotspot
