#include "hotspot/publish/priority_output.hpp"

#include <stdexcept>

namespace hotspot {  // stub

void report_priority(const PriorityResult&, RunReport&) { throw std::logic_error("not implemented: priority_output"); }
void append_priority_layers(const PriorityResult&, const std::string&, const std::string&) {
    throw std::logic_error("not implemented: priority_output");
}
std::vector<std::string> priority_csv_names(const PriorityResult&) { throw std::logic_error("not implemented: priority_output"); }
void write_priority_csv(const PriorityResult&, const std::string&, const std::string&) {
    throw std::logic_error("not implemented: priority_output");
}

}  // namespace hotspot
