// check-disclosure of a PMTiles archive: every tile is decoded (publish/pmtiles_reader and
// mvt_reader), each feature is kept once per layer, id and properties (an area appears in every
// tile it touches), and the GeoPackage layer rules run on an in-memory OGR layer of them.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/mvt_reader.hpp"
#include "hotspot/publish/pmtiles_reader.hpp"
#include "report/disclosure_check_parts.hpp"
#include "report/disclosure_fields.hpp"

#include <gdal_priv.h>

#include <algorithm>
#include <map>
#include <set>

namespace hotspot {

namespace {

struct LayerFeatures {
    std::vector<std::string> fields;  // in order of first appearance
    std::map<std::string, std::set<MvtValue::Kind>> kinds;
    std::map<std::string, std::size_t> index_of;  // a feature's id and properties -> its place in `features`
    std::vector<MvtFeature> features;
    std::size_t pieces = 0;  // features read in all tiles
    std::set<MvtGeometry> types;
};

std::string identity(const MvtFeature& f) {
    std::vector<std::string> parts;
    for (const auto& [k, v] : f.properties) parts.push_back(k + '\x1f' + std::to_string(static_cast<int>(v.kind)) + '\x1f' + v.to_string());
    std::sort(parts.begin(), parts.end());
    std::string s = f.id ? std::to_string(*f.id) : "-";
    for (const auto& p : parts) s += '\x1e' + p;
    return s;
}

void add_tile(const std::vector<MvtLayer>& layers, std::map<std::string, LayerFeatures>& out) {
    for (const MvtLayer& l : layers) {
        LayerFeatures& lf = out[l.name];
        for (const MvtFeature& f : l.features) {
            ++lf.pieces;
            lf.types.insert(f.type);
            for (const auto& [k, v] : f.properties) {
                if (!lf.kinds.count(k)) lf.fields.push_back(k);
                lf.kinds[k].insert(v.kind);
            }
            if (lf.index_of.emplace(identity(f), lf.features.size()).second) lf.features.push_back(f);
        }
    }
}

// Whether every row with all its n_* shown adds up to its count: false once a row does not
// (rounded counts), when the LP audit of rows would read rounding as a contradiction.
bool rows_add_up(const LayerFeatures& lf) {
    std::vector<std::string> categories;
    for (const auto& k : lf.fields)
        if (k.rfind("n_", 0) == 0) categories.push_back(k);
    if (categories.empty() || !lf.kinds.count("count")) return true;
    for (const MvtFeature& f : lf.features) {
        std::map<std::string, const MvtValue*> p;
        for (const auto& [k, v] : f.properties) p[k] = &v;
        if (!p.count("count") || p["count"]->kind != MvtValue::Kind::integer) continue;
        std::int64_t sum = 0;
        bool complete = true;
        for (const auto& c : categories) {
            if (!p.count(c) || p[c]->kind != MvtValue::Kind::integer) complete = false;
            else sum += p[c]->integer;
        }
        if (complete && sum != p["count"]->integer) return false;
    }
    return true;
}

OGRFieldType field_type(const std::set<MvtValue::Kind>& kinds) {
    if (kinds.size() != 1) return OFTString;  // mixed: compared as text, as a CSV's counts are
    switch (*kinds.begin()) {
        case MvtValue::Kind::integer: return OFTInteger64;
        case MvtValue::Kind::real: return OFTReal;
        case MvtValue::Kind::boolean: return OFTInteger;
        case MvtValue::Kind::text: return OFTString;
    }
    return OFTString;
}

OGRwkbGeometryType layer_type(const std::set<MvtGeometry>& types) {
    if (types.count(MvtGeometry::point)) return wkbPoint;  // any point feature makes it a point layer for the rule
    if (types.size() == 1 && *types.begin() == MvtGeometry::polygon) return wkbPolygon;
    if (types.size() == 1 && *types.begin() == MvtGeometry::linestring) return wkbLineString;
    return wkbUnknown;
}

// How a breach names a tile feature: its area_id, else its first text property (tiles made by
// GDAL carry no feature ids, and a fid of our numbering would mean nothing to the reader).
std::string feature_label(const MvtFeature& f) {
    for (const auto& [k, v] : f.properties)
        if (k == "area_id") return k + " " + v.to_string();
    for (const auto& [k, v] : f.properties)
        if (v.kind == MvtValue::Kind::text) return k + " " + v.to_string();
    return "";
}

// The layer's distinct features as an in-memory OGR layer, fid = the tile feature's id when it
// has one not taken by another version of the feature, else a number past the largest id; the
// breaches then name features by id or, without one, by feature_label.
void check_tile_layer(GDALDataset& mem, const std::string& name, const LayerFeatures& lf, bool audit, const DisclosureRule& rule,
                      DisclosureCheck& out) {
    OGRLayer* layer = mem.CreateLayer(name.c_str(), nullptr, layer_type(lf.types), nullptr);
    if (layer == nullptr) throw InputError("cannot make an in-memory layer for tile layer " + quote_value(name));
    for (const auto& k : lf.fields) {
        OGRFieldDefn d(k.c_str(), field_type(lf.kinds.at(k)));
        layer->CreateField(&d);
    }
    std::uint64_t next = 0;
    for (const auto& f : lf.features)
        if (f.id) next = std::max(next, *f.id + 1);
    std::set<std::uint64_t> used;
    std::map<std::int64_t, std::string> label_of;  // fid -> feature_label, for fids of our numbering
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (const auto& f : lf.features) {
        OGRFeature feature(defn);
        const bool own = f.id && used.insert(*f.id).second;
        const auto fid = static_cast<std::int64_t>(own ? *f.id : next++);
        if (!own) label_of[fid] = feature_label(f);
        feature.SetFID(fid);
        for (const auto& [k, v] : f.properties) {
            const int i = feature.GetFieldIndex(k.c_str());
            if (feature.GetFieldDefnRef(i)->GetType() == OFTString) feature.SetField(i, v.to_string().c_str());
            else if (v.kind == MvtValue::Kind::integer) feature.SetField(i, static_cast<GIntBig>(v.integer));
            else if (v.kind == MvtValue::Kind::boolean) feature.SetField(i, v.boolean ? 1 : 0);
            else feature.SetField(i, v.real);
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE) throw InputError("cannot copy a feature of tile layer " + quote_value(name));
    }
    const std::size_t first = out.breaches.size();
    check_disclosure_layer(*layer, rule, audit, out);
    for (std::size_t i = first; i < out.breaches.size(); ++i) {
        DisclosureBreach& b = out.breaches[i];
        const auto label = label_of.find(b.feature);
        if (label == label_of.end() || label->second.empty()) continue;  // no name: our number stays
        b.where = label->second;
        b.feature = -1;
    }
    out.notes.push_back(name + ": " + std::to_string(lf.features.size()) + " distinct features in " + std::to_string(lf.pieces) +
                        " tile pieces" + (label_of.empty() ? "" : ", " + std::to_string(label_of.size()) + " without a feature id (named by area_id)"));
}

}  // namespace

void check_pmtiles(const std::string& path, const DisclosureRule& rule, DisclosureCheck& out) {
    const auto not_checked = [&](const std::string& why) {
        out.checked = false;
        out.notes.push_back(why + ": NOT CHECKED");
    };
    PmtilesArchive archive;
    try {
        archive = read_pmtiles(path);
    } catch (const InputError& e) {
        return not_checked(e.what());
    }
    const PmtilesHeader& h = archive.header;
    if (h.tile_type != pmtiles_mvt) return not_checked(path + ": tile type " + std::to_string(h.tile_type) + ", not vector tiles (1)");
    std::map<std::string, LayerFeatures> layers;
    for (const auto& [id, stored] : archive.tiles) {
        try {
            add_tile(read_mvt(pmtiles_decompress(h.tile_compression, stored)), layers);
        } catch (const InputError& e) {
            const PmtilesTileAddress t = pmtiles_tile_address(id);
            return not_checked(path + ": tile " + std::to_string(t.z) + "/" + std::to_string(t.x) + "/" + std::to_string(t.y) + ": " + e.what());
        }
    }
    out.notes.push_back(path + ": " + std::to_string(archive.tiles.size()) + " tiles read (zoom " + std::to_string(h.min_zoom) + " to " +
                        std::to_string(h.max_zoom) + "), every one decoded");
    out.notes.push_back(path + ": PMTiles carry no disclosure table, so the threshold and rounding used are not recorded; "
                               "rows are audited against their published total where a feature holds both (count and n_*), "
                               "while column totals and the periods tables are not in tiles and cannot be audited");
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("Memory");
    if (driver == nullptr) throw InputError("GDAL's Memory driver is missing: cannot check " + quote_value(path));
    GDALDatasetUniquePtr mem(driver->Create("", 0, 0, 0, GDT_Unknown, nullptr));
    for (const auto& [name, lf] : layers) {
        const bool audit = rows_add_up(lf);
        if (!audit) out.notes.push_back(name + ": rows whose categories are all shown do not add up to their count (rounded?): LP audit skipped");
        check_tile_layer(*mem, name, lf, audit, rule, out);
    }
}

}  // namespace hotspot
