#pragma once
// Runs body(begin, end) over [0, n) in blocks handed out dynamically to `threads` threads
// (0 = all cores). Each index is visited once; the body must only write to its own indices.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace hotspot {

template <class Body>
void parallel_blocks(std::size_t n, unsigned threads, std::size_t block, Body body) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    block = std::max<std::size_t>(block, 1);
    const std::size_t blocks = (n + block - 1) / block;
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t b = next++; b < blocks; b = next++) body(b * block, std::min(n, (b + 1) * block));
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < blocks; ++t) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();
}

}  // namespace hotspot
