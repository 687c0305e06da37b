#pragma once
// Helpers shared by the two density grids (src/density/density.cpp, src/density/density_qgis.cpp).
#include "hotspot/density/density.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

namespace hotspot::detail {

inline constexpr double pi = 3.14159265358979323846;  // QGIS's M_PI

struct Bounds {
    double min_x, min_y, max_x, max_y;
};

Bounds envelope_of(const double* x, const double* y, std::size_t n);

// nx x ny cells, given as whole numbers in double (a tiny cell or a huge bandwidth can put
// them beyond any integer type), checked against memory before they become integers.
// Throws ConfigError when they would not fit. Returns {nx, ny}, each at least 1.
std::pair<std::size_t, std::size_t> grid_size(double nx, double ny, const DensityOptions& o);

inline unsigned thread_count(unsigned requested) { return requested ? requested : std::max(1u, std::thread::hardware_concurrency()); }

// Runs body(k) for k in [0, count) on several threads, each k once.
template <class Body>
void parallel_for(std::size_t count, unsigned threads, Body body) {
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t k = next++; k < count; k = next++) body(k);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < count; ++t) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();
}

// Runs body(first_row, end_row) over bands of rows on several threads; each thread only
// writes its own rows, so no two threads touch the same cell.
template <class Body>
void for_row_bands(std::size_t rows, unsigned threads, Body body) {
    const std::size_t bands = std::min<std::size_t>(rows, static_cast<std::size_t>(threads) * 4);
    parallel_for(bands, threads, [&](std::size_t b) { body(rows * b / bands, rows * (b + 1) / bands); });
}

// QGIS's "scaled" factor relative to raw for radius h, written as qgskde.cpp writes it (the
// quartic one makes the kernel integrate to 7.25 instead of 1). Throws for gaussian.
double qgis_scale(Kernel k, double h, double decay);

// QGIS's heatmap on QGIS's grid (src/density/density_qgis.cpp); o.bandwidth_m is the radius.
DensityResult qgis_density(const double* x, const double* y, const double* w, std::size_t n, const DensityOptions& o,
                           DensityReport report);

}  // namespace hotspot::detail
