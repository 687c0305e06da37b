#include "hotspot/decide/composite_index.hpp"

#include <stdexcept>

namespace hotspot {  // stub

const char* to_string(Scaling) { throw std::logic_error("not implemented: composite_index"); }
const char* to_string(Combine) { throw std::logic_error("not implemented: composite_index"); }
const char* to_string(MissingPolicy) { throw std::logic_error("not implemented: composite_index"); }
Scaling parse_scaling(const std::string&) { throw std::logic_error("not implemented: composite_index"); }
Combine parse_combine(const std::string&) { throw std::logic_error("not implemented: composite_index"); }
MissingPolicy parse_missing_policy(const std::string&) { throw std::logic_error("not implemented: composite_index"); }
CompositeSpec composite_preset(const std::string&, const std::vector<std::string>&) {
    throw std::logic_error("not implemented: composite_index");
}
CompositeResult composite_index(const CompositeInput&, const CompositeSpec&) { throw std::logic_error("not implemented: composite_index"); }

}  // namespace hotspot
