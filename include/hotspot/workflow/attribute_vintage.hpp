#pragma once
// [attributes.NAME] tables keyed by another vintage's codes (LSOA 2011 values for an LSOA 2021
// layer): read, then moved to the layer's areas through decide/vintage_lookup (a geometric best
// fit with vintage_areas, or a lookup table), each number column as counts or as scores. What
// could not be moved is listed, and the totals say how much of each column arrived.
#include "hotspot/geo/areas.hpp"
#include "hotspot/read/attribute_table.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct VintageColumnTotals {
    std::string column;
    double total_in = 0, total_moved = 0, total_not_moved = 0;
};

struct VintageMoveSummary {
    std::string table_path;                      // the table moved
    std::string method;                          // the lookup: "geometric best fit with PATH (FIELD)" or the table
    std::string rule;                            // how values move (counts or scores)
    std::size_t links = 0;
    std::size_t source_rows = 0;                 // rows of the table as read (keys of the old vintage)
    std::vector<std::string> keys_without_link;  // table codes the lookup does not know: their values are not moved
    std::vector<std::string> areas_without_value;  // the layer's areas left without a value (in some column)
    std::vector<VintageColumnTotals> totals;     // per number column
};

struct AttributeTableOnLayer {
    AttributeTable table;                        // keyed by the layer's codes once moved
    std::optional<VintageMoveSummary> moved;     // set when the spec names a vintage
    // absent = zero: the areas without a row given 0 (of the table's vintage: before the move).
    std::vector<std::string> absent_given_zero;
};

// Reads spec's table; with absent = zero, adds a row of zeros for each area without one (of the
// layer, or of the old vintage before a move); with a vintage, moves every column to `layer` (counts split by the
// layer's population, equal shares when it has none; scores averaged unweighted in merges).
// ConfigError for a text column (text cannot be split or averaged) or a layer without a CRS.
AttributeTableOnLayer read_attribute_table_on(const AttributeTableSpec& spec, const AreaLayer& layer);

}  // namespace hotspot
