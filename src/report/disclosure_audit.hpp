// The LP audit for a chosen subset of cells (private to report/: protect_table re-audits only the
// cells not yet protected, since suppressing more cells can only widen a range).
#pragma once

#include "hotspot/report/disclosure.hpp"

namespace hotspot {

// `wanted` empty: every suppressed cell; otherwise only the cells flagged (others keep their value as range).
std::vector<FeasibleRange> audit_cells(const CountTable& table, const std::vector<bool>& suppressed, const std::vector<char>& wanted);

}  // namespace hotspot
