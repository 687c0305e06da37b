#pragma once
// Float-to-integer conversions that cannot be undefined behaviour: converting a double that
// is NaN, infinite or outside the integer's range is UB in C++ (a 1e-300 m cell makes
// x / cell infinite). These return nullopt instead, and the caller says what was too large.
#include <cmath>
#include <concepts>
#include <limits>
#include <optional>

namespace hotspot {

// x, already a whole number, as T when T holds it.
template <std::integral T>
std::optional<T> whole_to(double x) {
    // 2^digits is exactly representable and is the first value past T's maximum.
    const double past_max = std::ldexp(1.0, std::numeric_limits<T>::digits);
    const double min = std::numeric_limits<T>::is_signed ? -past_max : 0.0;
    if (!(x >= min && x < past_max)) return std::nullopt;  // also refuses NaN
    return static_cast<T>(x);
}

template <std::integral T>
std::optional<T> floor_to(double x) { return whole_to<T>(std::floor(x)); }
template <std::integral T>
std::optional<T> ceil_to(double x) { return whole_to<T>(std::ceil(x)); }
template <std::integral T>
std::optional<T> trunc_to(double x) { return whole_to<T>(std::trunc(x)); }

}  // namespace hotspot
