#pragma once
// Attribute tables keyed by area code (ward populations, Census population by LSOA, IMD
// scores and deciles, locality lookups): a CSV read whole, one row per key, with the chosen
// columns typed as integer, real or text (by their content, or as stated).
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace hotspot {

enum class AttributeType { automatic, integer, real, text };

const char* to_string(AttributeType t);
// "integer", "real", "text" (also "int", "double", "string"); throws ConfigError.
AttributeType parse_attribute_type(const std::string& what, const std::string& text);

struct AttributeField {
    std::string column;  // the CSV column, also the output field name
    AttributeType type = AttributeType::automatic;
};

struct AttributeTableSpec {
    std::string name;                   // [attributes.NAME]; for --attributes the layer name (+ _2, _3, ...)
    std::string layer;                  // the area layer joined to (by its id field)
    std::string path;
    std::string sheet;                  // a spreadsheet's sheet or a GeoPackage's layer (read/ogr_table); empty: the only one
    std::string key;                    // the column holding the area code
    std::vector<AttributeField> fields; // carried into the layer's outputs
    std::string population;             // optional: a column giving the layer's population
    // Optional: the table is the result of this query (SQLite dialect, through OGR) on the
    // file, e.g. a long table of monthly counts summed per area for one category and window.
    std::string sql;
    // Optional: the keys are codes of another vintage of the layer's areas (LSOA 2011 for an
    // LSOA 2021 layer), moved to the layer's areas (workflow/attribute_vintage): by geometric
    // best fit with these polygons, or by an ONS-style lookup table; `move` says how.
    std::string vintage_areas, vintage_id;            // polygons of the keys' vintage, and their code field
    std::string vintage_lookup, vintage_from, vintage_to;  // lookup CSV and its two code columns
    std::string move;                                 // "counts" (split by population, summed) or "scores" (copied, averaged)
    // true (absent = zero): an area without a row has 0 in every field, for tables that list only
    // areas with a count (e.g. FixMyStreet reports); false: it has no value (listed as missing).
    bool absent_is_zero = false;
    bool has_vintage() const { return !vintage_areas.empty() || !vintage_lookup.empty(); }
};

// One chosen column after reading: its final type and a value per row (nullopt: empty cell).
struct AttributeColumn {
    std::string name;
    AttributeType type = AttributeType::text;  // never automatic after reading
    std::vector<std::optional<std::string>> text;  // as written (trimmed), for text fields
    std::vector<std::optional<double>> number;     // integer and real fields
};

struct AttributeTable {
    AttributeTableSpec spec;
    std::vector<std::string> keys;                      // one per data row kept
    std::vector<std::uint64_t> lines;                   // the physical line of each kept row
    std::unordered_map<std::string, std::size_t> row_of;
    std::vector<AttributeColumn> columns;               // in spec.fields order
    std::optional<std::vector<double>> population;      // when spec.population is given
    std::uint64_t rows_read = 0;                        // data rows (header not counted)
    std::vector<std::uint64_t> rows_without_key;        // lines whose key cell is empty (e.g. a NOMIS footer): skipped
    std::string sha256;
};

// Reads the whole table. Errors (InputError, exit 3) name the file, the line and the value:
// a duplicate key, a row with another number of fields than the header, a stated integer or
// real field or the population column holding something else (population must be a number
// >= 0 on every keyed row). A missing column is a ConfigError naming the columns there are.
AttributeTable read_attribute_table(const AttributeTableSpec& spec);

}  // namespace hotspot
