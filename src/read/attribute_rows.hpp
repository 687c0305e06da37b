#pragma once
// Builds an AttributeTable row by row from text fields, so that a CSV file and an OGR table
// (an xlsx sheet, a GeoPackage layer) give the same keys, duplicate-key errors, population
// checks and column types.
#include "hotspot/read/attribute_table.hpp"

#include <functional>
#include <string_view>

namespace hotspot {

// The start of a message about a row: "PATH line 12: " or "PATH sheet IMD25 row 12: ".
using RowPlace = std::function<std::string(std::uint64_t)>;

class AttributeTableBuilder {
public:
    // ConfigError naming the columns there are when the key, a field or the population is absent.
    AttributeTableBuilder(const AttributeTableSpec& spec, const std::vector<std::string>& header, RowPlace at);
    // One data row with as many fields as the header (the caller checks); an empty key is
    // counted in rows_without_key, a duplicate key or a bad population is an InputError.
    void add(std::uint64_t line, const std::vector<std::string_view>& fields);
    // Types the columns (InputError for a stated type a value does not fit).
    AttributeTable finish(std::string sha256);

private:
    AttributeTable t_;
    RowPlace at_;
    std::size_t key_col_ = 0;
    std::vector<std::size_t> field_cols_;
    std::optional<std::size_t> pop_col_;
    std::vector<double> population_;
};

}  // namespace hotspot
