// Statistical disclosure control of published count tables (issue 14, "safe public outputs"):
// primary suppression of small counts, secondary suppression so that no suppressed cell can be
// recovered from the published totals (checked by linear programming), optional rounding.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace hotspot {

struct DisclosureRule {
    int min_count = 10;          // counts 1..min_count-1 are suppressed (ONS output checking); 0 is published
    int round_base = 0;          // 0: no rounding; 5: published counts rounded to the nearest multiple of 5
    double protection_width = -1.0;  // a suppressed cell is protected when max - min of its feasible value >= this; < 0: min_count
    double width() const { return protection_width < 0 ? static_cast<double>(min_count) : protection_width; }
    bool is_small(std::int64_t v) const { return v >= 1 && v < min_count; }
};

// The published totals of a table: sum of `members` = the value of cell `total`, or `constant`
// when total < 0 (a total known from elsewhere, such as a column total of the whole area layer).
struct TableEquation {
    std::vector<int> members;
    int total = -1;
    std::int64_t constant = 0;
};

// A table of counts (cells) with its margins: any cell may be an inner cell or a total.
struct CountTable {
    std::vector<std::int64_t> values;
    std::vector<TableEquation> equations;
    int add_cell(std::int64_t v) {
        values.push_back(v);
        return static_cast<int>(values.size()) - 1;
    }
};

enum class CellState : std::uint8_t { published, primary, secondary };

// The range an attacker can infer for a suppressed cell from the published cells and totals,
// with every suppressed cell >= 1 while no zero of the table is suppressed, else >= 0 (the LP
// relaxation; `upper` is infinite when nothing bounds it).
struct FeasibleRange {
    double lower = 1.0;
    double upper = std::numeric_limits<double>::infinity();
    double width() const { return upper - lower; }
};

struct TableProtection {
    std::vector<CellState> state;      // per cell
    std::vector<FeasibleRange> range;  // per cell; meaningful for suppressed cells
    int primary = 0, secondary = 0;
    int unprotected = 0;  // primary cells whose range stays narrower than their required width (0 unless the table cannot be protected)
    bool suppressed(int cell) const { return state[static_cast<std::size_t>(cell)] != CellState::published; }
};

// The LP audit: min and max of each suppressed cell subject to the published cells, the
// equations and every suppressed cell >= 1, or >= 0 when a suppressed cell of the table is 0
// (COIN-OR CLP; see disclosure_audit.cpp). Published cells get a zero-width range at their value.
std::vector<FeasibleRange> audit_suppression(const CountTable& table, const std::vector<bool>& suppressed);

// The width a suppressed cell's range must reach: rule.width(), or less when no table with the same
// known totals lets the cell hold that much: a member of a total known from elsewhere (a constant)
// below the width (the whole city's bicycle thefts in a month may be 6), or a total whose members
// are so bounded (zeros, which are never suppressed, count 0). A cell that can hold at most m has
// a range of at most m - 2: it is at least 1, and so is the other suppressed cell it needs.
std::vector<double> required_widths(const CountTable& table, const DisclosureRule& rule);

// Primary suppression (rule.is_small), then complementary cells until every primary cell's
// feasible range is at least its required width (required_widths; a complement holds no small
// count, so its own range does not matter): for an unprotected cell, the smallest non-zero
// published cell of one of its equations is suppressed too (the total when no member is left);
// when none is left, a 0 of its equations, after which no suppressed cell is known to be >= 1.
TableProtection protect_table(const CountTable& table, const DisclosureRule& rule);

// Round to the nearest multiple of base (halves up); base 0 leaves the value.
std::int64_t round_to_base(std::int64_t value, int base);

// Totals of one protection or of many.
struct DisclosureSummary {
    std::int64_t cells = 0, primary = 0, secondary = 0, unprotected = 0, rounded = 0;
    std::int64_t derived_suppressed = 0;  // rates, shares, changes, ranks blanked with their count
    std::int64_t masked_raster_cells = 0;
    std::vector<std::string> dropped_layers;  // point layers and record-level tables not published
    void add(const TableProtection& p, std::size_t cell_count);
};

}  // namespace hotspot
