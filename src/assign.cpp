#include "hotspot/areas.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace hotspot {

Assignment assign_points(const AreaLayer& layer, const double* x, const double* y, std::size_t n, unsigned threads) {
    Assignment out;
    out.area.assign(n, -1);
    const unsigned n_threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n / 20000 + 1)));
    // Work in blocks handed out dynamically: polygons differ in cost, so static halves stall.
    constexpr std::size_t block = 8192;
    std::atomic<std::size_t> next{0};
    std::vector<std::uint64_t> inside(n_threads, 0);
    const auto work = [&](unsigned t) {
        for (std::size_t begin = next.fetch_add(block); begin < n; begin = next.fetch_add(block)) {
            const std::size_t end = std::min(n, begin + block);
            for (std::size_t i = begin; i < end; ++i) {
                if (const auto a = layer.locate(x[i], y[i])) {
                    out.area[i] = static_cast<std::int32_t>(*a);
                    ++inside[t];
                }
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n_threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool) th.join();
    for (auto v : inside) out.inside += v;
    out.outside = n - out.inside;
    return out;
}

}  // namespace hotspot
