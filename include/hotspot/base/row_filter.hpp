#pragma once
// `where =`: a row filter on any column an input carries (a weapon flag, a victim's age, an
// agency), so measures and indicators can select incidents by more than category and source.
// The grammar (keywords in any case; docs/config.md "Row filters"):
//
//   where   := or
//   or      := and { "or" and }
//   and     := unary { "and" unary }
//   unary   := "not" unary | "(" or ")" | test
//   test    := column op value | column ["not"] "in" "(" value { "," value } ")"
//            | column "is" ["not"] "empty"
//   op      := "=" | "!=" | "<>" | "<" | "<=" | ">" | ">="
//   column  := name | "double-quoted name"           name: a letter or _, then letters, digits, _
//   value   := number | 'single-quoted text' | name  (a bare word is text)
//
// Values are compared after trimming. A number literal compares numerically (25 = "25.0"); a
// text literal compares the text exactly (case counts). <, <=, >, >= need a number. As in SQL,
// a test on an empty value, or a number test on a value that is not a number, is unknown,
// "not" of unknown is unknown, and a row is selected only when the whole filter is true; the
// rows left unknown are counted with their reason, never dropped silently.
#include "hotspot/base/incidents.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct RowFilterNode;

class RowFilter {
public:
    // Parses `text`; ConfigError naming `owner` (e.g. "measure 'Knife crime'"), the position and
    // what was expected.
    static RowFilter parse(const std::string& text, const std::string& owner);
    RowFilter();
    ~RowFilter();
    RowFilter(RowFilter&&) noexcept;
    RowFilter& operator=(RowFilter&&) noexcept;
    RowFilter(const RowFilter& other);
    RowFilter& operator=(const RowFilter& other);

    const std::string& text() const { return text_; }
    bool empty() const { return root_ == nullptr; }
    // The columns the filter names, in order of first mention.
    const std::vector<std::string>& columns() const { return columns_; }
    // The text literals compared with `column` by =, !=, in (for checking they occur).
    std::vector<std::string> text_values(const std::string& column) const;
    const RowFilterNode* root() const { return root_.get(); }

private:
    std::string text_;
    std::vector<std::string> columns_;
    std::unique_ptr<RowFilterNode> root_;
};

// Why rows of the scope were left out as unknown: one line per column and reason.
struct UnknownRows {
    std::string column;
    std::string reason;  // "is empty" or "is not a number"
    std::uint64_t rows = 0;
    std::string first;   // the first such row: "FILE line N: 'value'"
};

struct FilteredRows {
    std::vector<std::uint8_t> keep;  // per row of the table: in scope and the filter is true
    std::uint64_t in_scope = 0, selected = 0, unknown = 0;
    std::vector<UnknownRows> unknown_by_reason;  // a row lacking two columns is under both
    std::vector<std::string> warnings;          // an in (...) value no row holds (the others still select)
    // "where weapon = knife: 120 of 5,000 rows; 12 not counted: victim_age is empty (12, first F line 9: '')".
    std::string summary() const;
};

// Applies the filter to the rows where scope[i] != 0. Refused (ConfigError naming `owner`): a
// column that a file of the scope's inputs lacks (naming the input, the file and its columns),
// and a text literal no row of the scope holds (listing the values that occur, most frequent
// first). An empty filter keeps the whole scope.
FilteredRows apply_row_filter(const RowFilter& filter, const IncidentTable& t, const std::vector<std::uint8_t>& scope,
                              const std::string& owner);

}  // namespace hotspot
