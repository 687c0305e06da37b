#include "hotspot/decide/poisson_interval.hpp"

#include <stdexcept>

namespace hotspot {  // stub: the interval helper replaces this file

const char* to_string(IntervalMethod) { throw std::logic_error("not implemented: poisson_interval"); }
IntervalMethod parse_interval_method(const std::string&) { throw std::logic_error("not implemented: poisson_interval"); }
CountInterval count_interval(double, double, IntervalMethod) { throw std::logic_error("not implemented: poisson_interval"); }
double poisson_upper_tail_p(double, double) { throw std::logic_error("not implemented: poisson_interval"); }

}  // namespace hotspot
