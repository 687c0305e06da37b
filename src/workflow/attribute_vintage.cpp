#include "hotspot/workflow/attribute_vintage.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/decide/vintage_lookup.hpp"
#include "hotspot/read/ogr_table.hpp"

#include <algorithm>
#include <set>

namespace hotspot {

namespace {

VintageLookup lookup_for(const AttributeTableSpec& spec, const AreaLayer& layer, std::vector<std::string>& old_ids) {
    if (!spec.vintage_areas.empty()) {
        if (layer.crs().empty())
            throw ConfigError("attributes " + spec.name + ": layer " + quote_value(layer.name()) + " has no CRS to load vintage_areas into");
        AreaSpec old;
        old.name = spec.name + "_vintage";
        old.path = spec.vintage_areas;
        old.id_field = spec.vintage_id;
        const AreaLayer from = AreaLayer::load(old, layer.crs());
        for (std::size_t i = 0; i < from.size(); ++i) old_ids.push_back(from.id(i));
        VintageLookup l = best_fit_lookup(from, layer);
        l.method += " (" + spec.vintage_areas + ", codes in " + spec.vintage_id + ")";
        return l;
    }
    VintageLookup l = read_vintage_lookup(spec.vintage_lookup, spec.vintage_from, spec.vintage_to);
    std::set<std::string> seen;
    for (const auto& link : l.links)
        if (seen.insert(link.from).second) old_ids.push_back(link.from);
    return l;
}

// absent = zero: a row of zeros (line 0) for each of `ids` the table lacks.
void add_zero_rows(AttributeTable& t, const std::vector<std::string>& ids, std::vector<std::string>& given) {
    for (const auto& id : ids) {
        if (t.row_of.count(id)) continue;
        t.row_of.emplace(id, t.keys.size());
        t.keys.push_back(id);
        t.lines.push_back(0);
        for (auto& c : t.columns) c.number.push_back(0.0);
        ++t.rows_read;  // so the join still accounts for every row it is given
        given.push_back(id);
    }
}

void refuse_text(const AttributeTable& t, const AttributeTableSpec& spec, const char* why) {
    for (const auto& c : t.columns)
        if (c.type == AttributeType::text)
            throw ConfigError("attributes " + spec.name + ": field " + quote_value(c.name) + " of " + spec.path + " holds text, which " + why +
                              " (give numeric fields, e.g. " + c.name + ":real)");
}

}  // namespace

AttributeTableOnLayer read_attribute_table_on(const AttributeTableSpec& spec, const AreaLayer& layer) {
    AttributeTableOnLayer out{read_any_attribute_table(spec), std::nullopt, {}};
    if (spec.absent_is_zero) refuse_text(out.table, spec, "cannot be 0 for an area without a row");
    if (!spec.has_vintage()) {
        if (spec.absent_is_zero) {
            std::vector<std::string> ids;
            for (std::size_t i = 0; i < layer.size(); ++i) ids.push_back(layer.id(i));
            add_zero_rows(out.table, ids, out.absent_given_zero);
        }
        return out;
    }
    refuse_text(out.table, spec, "cannot be moved between vintages");

    std::vector<std::string> old_ids;
    VintageLookup lookup = lookup_for(spec, layer, old_ids);
    if (spec.absent_is_zero) add_zero_rows(out.table, old_ids, out.absent_given_zero);
    const AttributeTable& in = out.table;
    std::vector<std::string> to_ids(layer.size());
    std::vector<std::optional<double>> to_weight;
    for (std::size_t i = 0; i < layer.size(); ++i) to_ids[i] = layer.id(i);
    if (layer.has_population())
        for (std::size_t i = 0; i < layer.size(); ++i) to_weight.push_back(layer.population(i));
    list_unmatched(lookup, old_ids, to_ids);

    VintageMoveSummary s;
    s.table_path = spec.path;
    s.method = lookup.method;
    s.links = lookup.links.size();
    s.source_rows = in.keys.size() - out.absent_given_zero.size();
    const std::set<std::string> known(old_ids.begin(), old_ids.end());
    for (const auto& k : in.keys)
        if (!known.count(k)) s.keys_without_link.push_back(k);

    // The values of the table's keys (a key the lookup lacks is moved nowhere and listed above).
    std::vector<std::string> from_ids = in.keys;
    AttributeTable moved;
    moved.spec = in.spec;
    moved.sha256 = in.sha256;
    std::vector<std::vector<std::optional<double>>> values;
    std::set<std::string> without_value;
    for (const auto& c : in.columns) {
        const MovedValues m = spec.move == "counts" ? move_counts(lookup, from_ids, c.number, to_ids, to_weight)
                                                    : move_scores(lookup, from_ids, c.number, {}, to_ids);
        s.rule = m.rule;
        s.totals.push_back({c.name, m.total_in, m.total_moved, m.total_not_moved});
        without_value.insert(m.to_without_value.begin(), m.to_without_value.end());
        values.push_back(m.value);
    }
    s.areas_without_value.assign(without_value.begin(), without_value.end());
    if (spec.move == "counts")
        s.rule += to_weight.empty() ? "; weights: equal shares (the layer " + layer.name() + " has no population)"
                                    : "; weights: the residents of " + layer.name() + " (" + layer.population_source() + ")";

    // One row per area of the layer with a value in some column; its "line" is 0 (it has none).
    for (const auto& c : in.columns) moved.columns.push_back({c.name, AttributeType::real, {}, {}});
    for (std::size_t i = 0; i < to_ids.size(); ++i) {
        if (std::none_of(values.begin(), values.end(), [&](const auto& v) { return v[i].has_value(); })) continue;
        moved.row_of.emplace(to_ids[i], moved.keys.size());
        moved.keys.push_back(to_ids[i]);
        moved.lines.push_back(0);
        for (std::size_t c = 0; c < values.size(); ++c) moved.columns[c].number.push_back(values[c][i]);
    }
    moved.rows_read = moved.keys.size();
    out.table = std::move(moved);
    out.moved = std::move(s);
    return out;
}

}  // namespace hotspot
