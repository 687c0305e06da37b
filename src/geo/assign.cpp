#include "hotspot/base/parallel.hpp"
#include "hotspot/geo/areas.hpp"

#include <algorithm>

namespace hotspot {

Assignment assign_points(const AreaLayer& layer, const double* x, const double* y, std::size_t n, unsigned threads) {
    Assignment out;
    out.area.assign(n, -1);
    const unsigned n_threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n / 20000 + 1)));
    // Blocks handed out dynamically: polygons differ in cost, so static halves stall.
    parallel_blocks(n, n_threads, 8192, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            if (const auto a = layer.locate(x[i], y[i])) out.area[i] = static_cast<std::int32_t>(*a);
    });
    out.inside = static_cast<std::uint64_t>(std::count_if(out.area.begin(), out.area.end(), [](std::int32_t a) { return a >= 0; }));
    out.outside = n - out.inside;
    return out;
}

}  // namespace hotspot
