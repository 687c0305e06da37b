#include "hotspot/geo/attribute_join.hpp"

#include <unordered_set>

namespace hotspot {

AttributeJoinSummary join_attributes(AreaLayer& layer, const AttributeTable& table) {
    AttributeJoinSummary s{table.spec.name, layer.name(), table.spec.path, table.rows_read, 0, {}, {}, table.rows_without_key};
    std::vector<std::optional<std::size_t>> row_of_area(layer.size());
    std::unordered_set<std::size_t> used_rows;
    for (std::size_t a = 0; a < layer.size(); ++a) {
        const auto it = table.row_of.find(layer.id(a));
        if (it == table.row_of.end()) {
            s.areas_without_row.push_back(layer.id(a));
            continue;
        }
        row_of_area[a] = it->second;
        used_rows.insert(it->second);
    }
    s.rows_matched = used_rows.size();
    for (std::size_t r = 0; r < table.keys.size(); ++r)
        if (!used_rows.count(r)) s.keys_without_area.push_back(table.keys[r]);

    for (const AttributeColumn& column : table.columns) {
        AttributeColumn per_area{column.name, column.type, {}, {}};
        for (std::size_t a = 0; a < layer.size(); ++a) {
            const auto r = row_of_area[a];
            if (column.type == AttributeType::text) per_area.text.push_back(r ? column.text[*r] : std::nullopt);
            else per_area.number.push_back(r ? column.number[*r] : std::nullopt);
        }
        layer.add_extra_attribute(std::move(per_area));
    }
    if (table.population) {
        std::vector<std::optional<double>> population(layer.size());
        for (std::size_t a = 0; a < layer.size(); ++a)
            if (row_of_area[a]) population[a] = (*table.population)[*row_of_area[a]];
        layer.set_population(std::move(population), "column " + table.spec.population + " of " + table.spec.path);
    }
    return s;
}

}  // namespace hotspot
