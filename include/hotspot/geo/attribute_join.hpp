#pragma once
// Joins an attribute table (read/attribute_table) to an area layer by the layer's id: the
// chosen fields become extra attributes of the layer and the population column, if any, its
// population. Nothing is dropped silently: areas without a row and rows without an area are
// listed both ways.
#include "hotspot/geo/areas.hpp"
#include "hotspot/read/attribute_table.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hotspot {

struct AttributeJoinSummary {
    std::string table, layer, path;
    std::uint64_t rows_read = 0;                    // data rows of the file
    std::uint64_t rows_matched = 0;                 // keyed rows whose key is an area id
    std::vector<std::string> areas_without_row;     // area ids with no row in the table
    std::vector<std::string> keys_without_area;     // keys of rows that match no area
    std::vector<std::uint64_t> rows_without_key;    // lines with an empty key (skipped)
};

AttributeJoinSummary join_attributes(AreaLayer& layer, const AttributeTable& table);

}  // namespace hotspot
