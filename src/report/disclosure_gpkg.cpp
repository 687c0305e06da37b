// protect_geopackage: the disclosure rule on every layer of a written GeoPackage.
#include "hotspot/report/disclosure_gpkg.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "report/disclosure_fields.hpp"

#include <cmath>
#include <map>
#include <sstream>

namespace hotspot {

namespace {

using Features = std::vector<OGRFeatureUniquePtr>;

Features read_all(OGRLayer& layer) {
    Features out;
    layer.ResetReading();
    for (auto& f : layer) out.emplace_back(f.release());
    return out;
}

std::int64_t count_of(const OGRFeature& f, int field) { return f.IsFieldSetAndNotNull(field) ? f.GetFieldAsInteger64(field) : 0; }

// A cell of a table is one count field of one feature.
struct CellRef {
    std::size_t feature;
    int field;
};

struct LayerTable {
    CountTable table;
    std::vector<CellRef> where;
    int add(const Features& fs, std::size_t feature, int field) {
        where.push_back(CellRef{feature, field});
        return table.add_cell(count_of(*fs[feature], field));
    }
    // The column total over all features, known to the public from elsewhere (the force's figures).
    void add_column(const std::vector<int>& cells) {
        std::int64_t s = 0;
        for (int c : cells) s += table.values[static_cast<std::size_t>(c)];
        table.equations.push_back(TableEquation{cells, -1, s});
    }
};

struct LayerOutcome {
    std::int64_t cells = 0, primary = 0, secondary = 0, unprotected = 0, rounded = 0, derived = 0;
};

// NULLs the suppressed cells, blanks what derives from them, rounds the rest.
void apply(const LayerTable& t, const TableProtection& p, Features& fs, const DisclosureRule& rule, LayerOutcome& out) {
    out.cells += static_cast<std::int64_t>(t.where.size());
    out.primary += p.primary;
    out.secondary += p.secondary;
    out.unprotected += p.unprotected;
    for (std::size_t c = 0; c < t.where.size(); ++c) {
        OGRFeature& f = *fs[t.where[c].feature];
        const std::string name = f.GetFieldDefnRef(t.where[c].field)->GetNameRef();
        if (p.suppressed(static_cast<int>(c))) {
            f.SetFieldNull(t.where[c].field);
            out.derived += blank_derived(f, name);
        } else if (rule.round_base > 1) {
            const std::int64_t v = t.table.values[c];
            const std::int64_t r = round_to_base(v, rule.round_base);
            if (r != v) ++out.rounded;
            f.SetField(t.where[c].field, static_cast<GIntBig>(r));
            rescale_derived(f, name, v, r);
        }
    }
}

bool is_period_table(OGRFeatureDefn& d) {
    for (const char* n : {"area_id", "period_type", "period", "category", "count"})
        if (d.GetFieldIndex(n) < 0) return false;
    return true;
}

// One table per area layer: n_* by area with `count` as their row total (when they add up), the
// other count columns (base, current, all months), every column's total known, and per area an
// equation between two count columns equal in every area (the headline count is the current
// period's), so the same number is suppressed in both or in neither.
void protect_area_layer(Features& fs, OGRFeatureDefn& d, const DisclosureRule& rule, LayerOutcome& out) {
    // Every month holds the base and current periods: base + current <= all months is a bound the
    // table below does not model (12 in all and 10 before pins a small current count to 1..2).
    if (const int all = d.GetFieldIndex("count_all_months"); all >= 0)
        for (auto& f : fs)
            if (f->IsFieldSetAndNotNull(all)) f->SetFieldNull(all), ++out.derived;
    const int count = d.GetFieldIndex("count");
    std::vector<int> categories, others;
    for (int i = 0; i < d.GetFieldCount(); ++i) {
        const std::string n = d.GetFieldDefn(i)->GetNameRef();
        if (!is_integer_field(*d.GetFieldDefn(i)) || !is_count_name(n) || i == count || n == "count_all_months") continue;
        (n.rfind("n_", 0) == 0 && count >= 0 ? categories : others).push_back(i);
    }
    if (count >= 0) others.insert(others.begin(), count);
    LayerTable t;
    bool rows_add_up = !categories.empty();
    for (std::size_t r = 0; r < fs.size(); ++r) {
        std::int64_t s = 0;
        for (int field : categories) s += count_of(*fs[r], field);
        rows_add_up = rows_add_up && s == count_of(*fs[r], count);
    }
    std::vector<std::vector<int>> cat_cells(categories.size()), other_cells(others.size());
    for (std::size_t r = 0; r < fs.size(); ++r) {
        for (std::size_t j = 0; j < categories.size(); ++j) cat_cells[j].push_back(t.add(fs, r, categories[j]));
        for (std::size_t j = 0; j < others.size(); ++j) other_cells[j].push_back(t.add(fs, r, others[j]));
        if (rows_add_up) {
            TableEquation row{{}, other_cells[0].back(), 0};
            for (const auto& col : cat_cells) row.members.push_back(col.back());
            t.table.equations.push_back(row);
        }
    }
    for (const auto& col : cat_cells) t.add_column(col);
    for (const auto& col : other_cells) t.add_column(col);
    for (std::size_t a = 0; a < others.size(); ++a)
        for (std::size_t b = a + 1; b < others.size(); ++b) {
            bool equal = true;
            for (std::size_t r = 0; r < fs.size() && equal; ++r) equal = t.table.values[other_cells[a][r]] == t.table.values[other_cells[b][r]];
            if (equal)
                for (std::size_t r = 0; r < fs.size(); ++r) t.table.equations.push_back(TableEquation{{other_cells[a][r]}, other_cells[b][r], 0});
        }
    if (!t.where.empty()) apply(t, protect_table(t.table, rule), fs, rule, out);
}

// Per period: areas x categories, the "All" category as each area's total.
void protect_period_table(Features& fs, OGRFeatureDefn& d, const DisclosureRule& rule, LayerOutcome& out) {
    const int area = d.GetFieldIndex("area_id"), type = d.GetFieldIndex("period_type"), period = d.GetFieldIndex("period"),
              category = d.GetFieldIndex("category"), count = d.GetFieldIndex("count");
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> slices;
    for (std::size_t r = 0; r < fs.size(); ++r)
        slices[{fs[r]->GetFieldAsString(type), fs[r]->GetFieldAsString(period)}].push_back(r);
    for (const auto& [key, rows] : slices) {
        LayerTable t;
        std::map<std::string, std::vector<int>> by_area, by_category;
        std::map<std::string, int> all_of_area;
        for (std::size_t r : rows) {
            const int cell = t.add(fs, r, count);
            const std::string a = fs[r]->GetFieldAsString(area), c = fs[r]->GetFieldAsString(category);
            by_category[c].push_back(cell);
            if (c == "All")
                all_of_area[a] = cell;
            else
                by_area[a].push_back(cell);
        }
        for (const auto& [a, cells] : by_area) {
            auto all = all_of_area.find(a);
            if (all == all_of_area.end()) continue;
            std::int64_t s = 0;
            for (int c : cells) s += t.table.values[static_cast<std::size_t>(c)];
            if (s == t.table.values[static_cast<std::size_t>(all->second)]) t.table.equations.push_back(TableEquation{cells, all->second, 0});
        }
        for (const auto& [c, cells] : by_category) t.add_column(cells);
        apply(t, protect_table(t.table, rule), fs, rule, out);
    }
}

void write_back(OGRLayer& layer, Features& fs, const std::string& path) {
    for (auto& f : fs)
        if (layer.SetFeature(f.get()) != OGRERR_NONE)
            throw OutputError(path + ": layer " + layer.GetName() + ": cannot write the protected feature " + std::to_string(f->GetFID()));
}

void write_disclosure_table(GDALDataset& ds, const std::string& path, const std::vector<std::pair<std::string, LayerOutcome>>& rows,
                            const std::vector<std::string>& dropped, const DisclosureRule& rule) {
    OGRLayer* t = ds.CreateLayer("disclosure", nullptr, wkbNone, nullptr);
    if (t == nullptr) throw OutputError(path + ": cannot create the table disclosure");
    struct Column {
        const char* name;
        OGRFieldType type;
    };
    for (const Column& c : {Column{"layer", OFTString}, Column{"action", OFTString}, Column{"cells", OFTInteger64},
                            Column{"suppressed_primary", OFTInteger64}, Column{"suppressed_secondary", OFTInteger64},
                            Column{"unprotected", OFTInteger64}, Column{"derived_blanked", OFTInteger64}, Column{"rounded", OFTInteger64},
                            Column{"min_count", OFTInteger}, Column{"round_base", OFTInteger}, Column{"protection_width", OFTReal}}) {
        OGRFieldDefn f(c.name, c.type);
        t->CreateField(&f);
    }
    auto add = [&](const std::string& layer, const std::string& action, const LayerOutcome& o) {
        OGRFeature f(t->GetLayerDefn());
        f.SetField("layer", layer.c_str());
        f.SetField("action", action.c_str());
        f.SetField("cells", static_cast<GIntBig>(o.cells));
        f.SetField("suppressed_primary", static_cast<GIntBig>(o.primary));
        f.SetField("suppressed_secondary", static_cast<GIntBig>(o.secondary));
        f.SetField("unprotected", static_cast<GIntBig>(o.unprotected));
        f.SetField("derived_blanked", static_cast<GIntBig>(o.derived));
        f.SetField("rounded", static_cast<GIntBig>(o.rounded));
        f.SetField("min_count", rule.min_count);
        f.SetField("round_base", rule.round_base);
        f.SetField("protection_width", rule.width());
        if (t->CreateFeature(&f) != OGRERR_NONE) throw OutputError(path + ": cannot write the table disclosure");
    };
    for (const auto& [layer, o] : rows) add(layer, "counts below min_count suppressed (NULL), complements suppressed (NULL)", o);
    for (const auto& layer : dropped)
        add(layer, layer.ends_with("_periods") ? "not published (months, quarters and years nest in each other and in the area counts)"
                                               : "not published (points or record-level rows)",
            LayerOutcome{});
}

// The run report gets the same summary as the console (section "disclosure").
void add_to_run_report(GDALDataset& ds, const std::string& path, const DisclosureSummary& s, const DisclosureRule& rule) {
    OGRLayer* report = ds.GetLayerByName("run_report");
    if (report == nullptr || report->GetLayerDefn()->GetFieldIndex("section") < 0) return;
    std::string dropped;
    for (const auto& l : s.dropped_layers) dropped += (dropped.empty() ? "" : ", ") + l;
    const std::vector<std::pair<std::string, std::string>> rows{
        {"audience", "public"},
        {"min_count", std::to_string(rule.min_count) + " (counts 1.." + std::to_string(rule.min_count - 1) + " suppressed as NULL)"},
        {"protection_width", std::to_string(rule.width()) + " (least width of a suppressed cell's feasible range given the totals)"},
        {"round_base", std::to_string(rule.round_base)},
        {"count_cells", std::to_string(s.cells)},
        {"suppressed_primary", std::to_string(s.primary)},
        {"suppressed_secondary", std::to_string(s.secondary)},
        {"unprotected", std::to_string(s.unprotected)},
        {"derived_blanked", std::to_string(s.derived_suppressed)},
        {"rounded", std::to_string(s.rounded)},
        {"not_published", dropped}};
    for (const auto& [key, value] : rows) {
        OGRFeature f(report->GetLayerDefn());
        f.SetField("section", "disclosure");
        f.SetField("key", key.c_str());
        f.SetField("value", value.c_str());
        if (report->CreateFeature(&f) != OGRERR_NONE) throw OutputError(path + ": cannot add the disclosure summary to run_report");
    }
}

}  // namespace

DisclosureSummary protect_geopackage(const std::string& path, const DisclosureRule& rule) {
    detail::ensure_gdal_registered();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    if (!ds) throw OutputError(path + ": cannot open the GeoPackage to protect it: " + detail::last_gdal_error("GDAL gave no reason"));
    if (ds->GetLayerByName("disclosure") != nullptr) throw OutputError(path + ": already has a disclosure table");
    DisclosureSummary summary;
    for (int i = ds->GetLayerCount() - 1; i >= 0; --i) {
        OGRLayer* layer = ds->GetLayer(i);
        if (!is_published_layer(*layer)) {
            summary.dropped_layers.insert(summary.dropped_layers.begin(), layer->GetName());
            if (ds->DeleteLayer(i) != OGRERR_NONE) throw OutputError(path + ": cannot drop the layer " + layer->GetName());
        }
    }
    std::vector<std::pair<std::string, LayerOutcome>> outcomes;
    for (int i = 0; i < ds->GetLayerCount(); ++i) {
        OGRLayer& layer = *ds->GetLayer(i);
        OGRFeatureDefn& d = *layer.GetLayerDefn();
        LayerOutcome out;
        Features fs = read_all(layer);
        if (is_period_table(d))
            protect_period_table(fs, d, rule, out);
        else if (has_count_field(d))
            protect_area_layer(fs, d, rule, out);
        else
            continue;
        if (ds->StartTransaction() != OGRERR_NONE) throw OutputError(path + ": cannot start a transaction");
        write_back(layer, fs, path);
        ds->CommitTransaction();
        outcomes.emplace_back(layer.GetName(), out);
        summary.cells += out.cells;
        summary.primary += out.primary;
        summary.secondary += out.secondary;
        summary.unprotected += out.unprotected;
        summary.rounded += out.rounded;
        summary.derived_suppressed += out.derived;
    }
    write_disclosure_table(*ds, path, outcomes, summary.dropped_layers, rule);
    add_to_run_report(*ds, path, summary, rule);
    return summary;
}

std::string describe(const DisclosureSummary& s, const DisclosureRule& rule) {
    std::ostringstream o;
    o << "disclosure:   counts 1.." << rule.min_count - 1 << " suppressed: " << s.primary << " primary + " << s.secondary
      << " secondary of " << s.cells << " cells (protection width " << rule.width() << ")";
    if (s.unprotected > 0) o << "; " << s.unprotected << " STILL NARROWER than the width";
    if (rule.round_base > 1) o << "; " << s.rounded << " counts rounded to base " << rule.round_base;
    o << "; " << s.derived_suppressed << " derived values blanked";
    if (s.masked_raster_cells > 0) o << "; " << s.masked_raster_cells << " density cells masked";
    if (!s.dropped_layers.empty()) {
        o << "; not published:";
        for (const auto& l : s.dropped_layers) o << " " << l;
    }
    return o.str();
}

}  // namespace hotspot
