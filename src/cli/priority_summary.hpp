#pragma once
// The console summary of a priority analysis, the same for `hotspot priority` and `hotspot run`.
#include "hotspot/workflow/priority_workflow.hpp"

#include <ostream>

namespace hotspot::cli {

// The indexed layer, the index, the top areas and each count indicator's over-representation.
void print_priority_summary(const PriorityResult& r, std::ostream& out);

}  // namespace hotspot::cli
