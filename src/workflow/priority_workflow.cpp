#include "hotspot/workflow/priority_workflow.hpp"

#include <stdexcept>

namespace hotspot {  // stub

PriorityResult run_priority(const AnalysisConfig&, const PriorityConfig&, const ProgressFn&) {
    throw std::logic_error("not implemented: run_priority");
}

}  // namespace hotspot
