#include "hotspot/decide/hierarchy.hpp"

#include "decide/hierarchy_tree.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"

#include <filesystem>
#include <unordered_map>

namespace hotspot {

namespace {

std::size_t column_of(const std::vector<std::string>& header, const std::string& column, const std::string& path) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == column) return i;
    std::string names;
    for (const auto& h : header) names += (names.empty() ? "" : ", ") + quote_value(h);
    throw ConfigError("lookup " + quote_value(path) + ": no column " + quote_value(column) + closest_suffix(closest_names(column, header)) +
                      " (columns: " + names + ")");
}

std::string line_of(const std::string& path, std::uint64_t line) {
    return std::filesystem::path(path).filename().string() + " line " + std::to_string(line);
}

}  // namespace

std::vector<LookupLink> read_lookup_links(const std::string& path, const std::string& child_column, const std::string& parent_column,
                                          const std::string& parent_name_column) {
    CsvReader reader(path);
    CsvRecord rec;
    if (!reader.next(rec)) throw InputError(quote_value(path) + " is empty: a lookup needs a header row");
    if (!rec.malformed.empty()) throw InputError(line_of(path, rec.line) + ": the header is malformed: " + rec.malformed);
    std::vector<std::string> header;
    for (auto f : rec.fields) header.emplace_back(trim(f));
    const std::size_t child = column_of(header, child_column, path);
    const std::size_t parent = column_of(header, parent_column, path);
    const bool named = !parent_name_column.empty();
    const std::size_t name = named ? column_of(header, parent_name_column, path) : 0;
    std::vector<LookupLink> links;
    while (reader.next(rec)) {
        const std::string at = line_of(path, rec.line);
        if (!rec.malformed.empty()) throw InputError(at + ": malformed row (" + rec.malformed + "): " + quote_value(rec.raw));
        if (rec.fields.size() != header.size())
            throw InputError(at + ": " + std::to_string(rec.fields.size()) + " fields where the header has " + std::to_string(header.size()));
        LookupLink link{std::string(trim(rec.fields[child])), std::string(trim(rec.fields[parent])),
                        named ? std::string(trim(rec.fields[name])) : std::string(), at};
        if (link.child.empty() || link.parent.empty())
            throw InputError(at + ": empty " + quote_value(link.child.empty() ? child_column : parent_column) + " in " + quote_value(rec.raw) +
                             " (every row of a lookup links a child to a parent)");
        links.push_back(std::move(link));
    }
    return links;
}

Hierarchy hierarchy_from_layer(const AreaLayer& layer) {
    Hierarchy h;
    HierarchyLevel level;
    level.name = layer.name();
    for (std::size_t i = 0; i < layer.size(); ++i) {
        level.ids.push_back(layer.id(i));
        level.names.push_back(layer.label(i));
    }
    level.parent.assign(layer.size(), std::nullopt);
    level.link = "the areas of " + quote_value(layer.spec().path);
    h.levels.push_back(std::move(level));
    return h;
}

void add_level_from_lookup(Hierarchy& h, const std::string& name, const std::vector<LookupLink>& links, const std::string& described_as) {
    if (h.levels.empty()) throw Error("hierarchy: no level to add '" + name + "' above (start with hierarchy_from_layer)");
    HierarchyLevel& child = h.levels.back();
    std::unordered_map<std::string, std::size_t> child_index, parent_index;
    for (std::size_t i = 0; i < child.ids.size(); ++i) child_index.emplace(child.ids[i], i);
    HierarchyLevel up;
    up.name = name;
    std::vector<const LookupLink*> kept(child.ids.size(), nullptr);
    std::size_t used = 0, repeated = 0, conflicting = 0, elsewhere = 0;
    for (const LookupLink& link : links) {
        const auto c = child_index.find(link.child);
        if (c == child_index.end()) {
            ++elsewhere;  // a lookup for a wider area (the ONS one covers England and Wales)
            continue;
        }
        const LookupLink*& first = kept[c->second];
        if (first) {
            if (first->parent == link.parent) {
                ++repeated;
                continue;
            }
            ++conflicting;
            h.warnings.push_back("conflicting lookups: " + link.child + " (" + child.names[c->second] + ") of level '" + child.name +
                                 "' is in " + quote_value(first->parent) + " (" + first->source + ") and in " + quote_value(link.parent) +
                                 " (" + link.source + "): kept " + quote_value(first->parent) + ", the first");
            continue;
        }
        first = &link;
        ++used;
        auto [p, added] = parent_index.emplace(link.parent, up.ids.size());
        if (added) {
            up.ids.push_back(link.parent);
            up.names.push_back(link.parent_name.empty() ? link.parent : link.parent_name);
        } else if (!link.parent_name.empty() && link.parent_name != up.names[p->second]) {
            h.warnings.push_back("lookup: parent " + link.parent + " is named " + quote_value(up.names[p->second]) + " and " +
                                 quote_value(link.parent_name) + " (" + link.source + "): kept the first name");
        }
        child.parent[c->second] = p->second;
    }
    up.parent.assign(up.ids.size(), std::nullopt);
    up.link = described_as + ": " + std::to_string(used) + " links used, " + std::to_string(repeated) + " repeating one, " +
              std::to_string(conflicting) + " conflicting (first kept), " + std::to_string(elsewhere) + " for areas not in level '" +
              child.name + "'";
    report_orphans(h, child, name);
    h.levels.push_back(std::move(up));
}

std::vector<RollupRow> roll_up(const Hierarchy& h, std::span<const double> finest_count, std::span<const std::optional<double>> finest_population,
                               double months) {
    if (!(months > 0)) throw Error("roll_up: months must be > 0 (the rate is annualised by 12 / months)");
    const HierarchyTree t = resolve_tree(h);
    const std::vector<std::optional<double>> no_population(t.levels[0].ids.size());
    const auto count = sum_up(t, finest_count);
    const auto population = sum_up(t, finest_population.empty() ? std::span<const std::optional<double>>(no_population) : finest_population);
    std::vector<RollupRow> rows;
    for (std::size_t l = 0; l < t.levels.size(); ++l) {
        const TreeLevel& level = t.levels[l];
        const bool top = l + 1 == t.levels.size();
        for (std::size_t i = 0; i < level.ids.size(); ++i) {
            RollupRow r;
            r.level = l;
            r.level_name = level.name;
            r.area_id = level.ids[i];
            r.area_name = level.names[i];
            r.parent_id = top ? "" : t.levels[l + 1].ids[level.parent[i]];
            r.count = count[l][i];
            r.population = population[l][i];
            // Sum O / sum P of the level's own area: never a mean of its children's rates.
            if (r.population && *r.population > 0) r.rate_per_1000_per_year = 1000.0 * r.count / *r.population * 12.0 / months;
            r.children = level.children[i].size();
            rows.push_back(std::move(r));
        }
    }
    return rows;
}

}  // namespace hotspot
