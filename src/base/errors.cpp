#include "hotspot/base/errors.hpp"
// Exception classes are header-only; this file anchors the library's first unit.
