#include "hotspot/decide/indicator.hpp"

#include <stdexcept>

namespace hotspot {  // stub

const char* to_string(IndicatorKind) { throw std::logic_error("not implemented: indicator"); }
const char* to_string(IndicatorPer) { throw std::logic_error("not implemented: indicator"); }
const IndicatorValues* IndicatorTable::find(const std::string& name) const {
    for (const auto& i : indicators)
        if (i.spec.name == name) return &i;
    return nullptr;
}

}  // namespace hotspot
