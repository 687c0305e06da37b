#include "hotspot/decide/empirical_bayes.hpp"

#include <stdexcept>

namespace hotspot {  // stub

EbGlobal eb_global(std::span<const double>, std::span<const double>, std::span<const std::string>) {
    throw std::logic_error("not implemented: eb_global");
}
EbLocal eb_local(std::span<const double>, std::span<const double>, const Neighbours&, std::span<const std::string>) {
    throw std::logic_error("not implemented: eb_local");
}

}  // namespace hotspot
