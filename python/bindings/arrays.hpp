#pragma once
// NumPy arrays without copies: results hand their std::vector to the array (a capsule owns it),
// views of a longer-lived C++ object keep that object alive through the array's base, and inputs
// are read in place when they already are C-contiguous arrays of the right type.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cmath>
#include <cstddef>
#include <optional>
#include <vector>

namespace hotspot::python {

namespace py = pybind11;

// An input array: forcecast converts (copies) only when the caller's array is not already
// C-contiguous of type T; a float64 array from NumPy is read where it is.
template <class T>
using In = py::array_t<T, py::array::c_style | py::array::forcecast>;

// The vector's buffer as a 1-D (or shaped) array, owned by the array: no copy.
template <class T>
py::array_t<T> owned(std::vector<T>&& v, std::vector<py::ssize_t> shape = {}) {
    auto* heap = new std::vector<T>(std::move(v));
    py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<T>*>(p); });
    if (shape.empty()) shape = {static_cast<py::ssize_t>(heap->size())};
    return py::array_t<T>(shape, heap->data(), owner);
}

// A read-only view of a vector inside `owner` (a Python object that keeps it alive).
template <class T>
py::array_t<T> view(const std::vector<T>& v, py::handle owner) {
    py::array_t<T> a({static_cast<py::ssize_t>(v.size())}, v.data(), owner);
    py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
    return a;
}

// Optional values as float64 with NaN where missing (a new array: the layout differs).
inline py::array_t<double> with_nan(const std::vector<std::optional<double>>& v) {
    std::vector<double> out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out[i] = v[i] ? *v[i] : std::nan("");
    return owned(std::move(out));
}

// Two coordinate arrays of one length; `what` names them in the message.
inline std::size_t same_length(const py::array& x, const py::array& y, const char* what) {
    if (x.ndim() != 1 || y.ndim() != 1 || x.size() != y.size())
        throw py::value_error(std::string(what) + ": x and y must be 1-D arrays of the same length");
    return static_cast<std::size_t>(x.size());
}

}  // namespace hotspot::python
