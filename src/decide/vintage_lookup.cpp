#include "hotspot/decide/vintage_lookup.hpp"

#include "detail/geos_context.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"

#include <map>
#include <set>
#include <unordered_set>
#include <utility>

namespace hotspot {

using detail::geos_context;
using detail::GeosGeometryPtr;

namespace {

std::size_t column_of(const CsvRecord& header, const std::string& column, const std::string& path) {
    std::string names;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        if (trim(header.fields[i]) == column) return i;
        names += (i ? ", " : "") + std::string(header.fields[i]);
    }
    throw ConfigError("vintage lookup " + quote_value(path) + " has no column " + quote_value(column) + " (columns: " + names + ")");
}

// The point on surface of each area of the layer (inside it, unlike a centroid).
std::vector<std::pair<double, double>> points_on_surface(const AreaLayer& layer) {
    auto* ctx = geos_context();
    GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx);
    std::vector<std::pair<double, double>> out;
    out.reserve(layer.size());
    for (std::size_t i = 0; i < layer.size(); ++i) {
        const std::string wkb = layer.wkb(i);
        GeosGeometryPtr g(GEOSWKBReader_read_r(ctx, reader, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size()));
        GeosGeometryPtr p(g ? GEOSPointOnSurface_r(ctx, g.get()) : nullptr);
        double x = 0, y = 0;
        if (!p || !GEOSGeomGetX_r(ctx, p.get(), &x) || !GEOSGeomGetY_r(ctx, p.get(), &y)) {
            GEOSWKBReader_destroy_r(ctx, reader);
            throw GeometryError("best-fit lookup: no point on surface for " + layer.name() + " area " + quote_value(layer.id(i)) + ": " +
                                detail::last_geos_message());
        }
        out.emplace_back(x, y);
    }
    GEOSWKBReader_destroy_r(ctx, reader);
    return out;
}

// Names a link by how many links each of its two areas has (ONS change indicators U/S/M/X).
std::string link_kind(std::size_t from_links, std::size_t to_links, bool same_code) {
    if (from_links == 1 && to_links == 1) return same_code ? "unchanged" : "recoded";
    if (to_links == 1) return "split";
    if (from_links == 1) return "merge";
    return "irregular";
}

}  // namespace

VintageLookup read_vintage_lookup(const std::string& path, const std::string& from_column, const std::string& to_column) {
    CsvReader csv(path);
    CsvRecord rec;
    if (!csv.next(rec)) throw InputError("vintage lookup " + quote_value(path) + " is empty");
    const std::size_t from_at = column_of(rec, from_column, path), to_at = column_of(rec, to_column, path);
    const std::size_t width = rec.fields.size();
    VintageLookup lookup;
    lookup.method = "table " + path + " (columns " + from_column + " -> " + to_column + ")";
    std::map<std::pair<std::string, std::string>, std::uint64_t> line_of_pair;
    while (csv.next(rec)) {
        const std::string where = path + " line " + std::to_string(rec.line) + ": ";
        if (!rec.malformed.empty()) throw InputError(where + rec.malformed);
        if (rec.fields.size() != width)
            throw InputError(where + std::to_string(rec.fields.size()) + " fields where the header has " + std::to_string(width));
        const std::string from(trim(rec.fields[from_at])), to(trim(rec.fields[to_at]));
        if (from.empty() || to.empty())
            throw InputError(where + "empty " + (from.empty() ? from_column : to_column) + " code in " + quote_value(rec.raw));
        const auto [it, fresh] = line_of_pair.emplace(std::make_pair(from, to), rec.line);
        if (!fresh)  // a pair twice would move its share twice
            throw InputError(where + quote_value(from) + " -> " + quote_value(to) + " is given again (first on line " +
                             std::to_string(it->second) + ")");
        lookup.links.push_back({from, to, "table line " + std::to_string(rec.line)});
    }
    return lookup;
}

VintageLookup best_fit_lookup(const AreaLayer& from, const AreaLayer& to) {
    std::set<std::pair<std::size_t, std::size_t>> pairs;  // (from index, to index), each once
    const auto from_points = points_on_surface(from);
    for (std::size_t i = 0; i < from.size(); ++i)
        if (const auto j = to.locate(from_points[i].first, from_points[i].second)) pairs.emplace(i, *j);
    const auto to_points = points_on_surface(to);
    for (std::size_t j = 0; j < to.size(); ++j)
        if (const auto i = from.locate(to_points[j].first, to_points[j].second)) pairs.emplace(*i, j);

    std::vector<std::size_t> from_links(from.size(), 0), to_links(to.size(), 0);
    for (const auto& [i, j] : pairs) {
        ++from_links[i];
        ++to_links[j];
    }
    VintageLookup lookup;
    lookup.method = "geometric best fit (point on surface of each " + from.name() + " area in " + to.name() + " and of each " +
                    to.name() + " area in " + from.name() + ")";
    for (const auto& [i, j] : pairs)
        lookup.links.push_back({from.id(i), to.id(j), link_kind(from_links[i], to_links[j], from.id(i) == to.id(j))});
    for (std::size_t i = 0; i < from.size(); ++i)
        if (!from_links[i]) lookup.from_unmatched.push_back(from.id(i));
    for (std::size_t j = 0; j < to.size(); ++j)
        if (!to_links[j]) lookup.to_unmatched.push_back(to.id(j));
    return lookup;
}

void list_unmatched(VintageLookup& lookup, std::span<const std::string> from_ids, std::span<const std::string> to_ids) {
    std::unordered_set<std::string> from_linked, to_linked;
    for (const auto& l : lookup.links) {
        from_linked.insert(l.from);
        to_linked.insert(l.to);
    }
    lookup.from_unmatched.clear();
    lookup.to_unmatched.clear();
    for (const auto& id : from_ids)
        if (!from_linked.count(id)) lookup.from_unmatched.push_back(id);
    for (const auto& id : to_ids)
        if (!to_linked.count(id)) lookup.to_unmatched.push_back(id);
}

}  // namespace hotspot
