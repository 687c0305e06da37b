#include "hotspot/decide/outlier_treatment.hpp"

#include <stdexcept>

namespace hotspot {  // stub

const char* to_string(OutlierMode) { throw std::logic_error("not implemented: outlier_treatment"); }
OutlierMode parse_outlier_mode(const std::string&) { throw std::logic_error("not implemented: outlier_treatment"); }
double skewness_type2(std::span<const double>) { throw std::logic_error("not implemented: outlier_treatment"); }
double kurtosis_type2(std::span<const double>) { throw std::logic_error("not implemented: outlier_treatment"); }
OutlierTreatment treat_outliers(std::vector<double>&, OutlierMode, const std::string&, std::size_t) {
    throw std::logic_error("not implemented: outlier_treatment");
}

}  // namespace hotspot
