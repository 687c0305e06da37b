// QGIS 3.22's heatmap (qgskde.cpp) on QGIS's grid, arithmetic and quirks included
// (docs/decisions.md, "The QGIS grid, quirks included"). Compiled with -ffp-contract=off:
// a fused multiply-add would round differently from QGIS and break bit-identity.
#include "density/density_grid.hpp"
#include "density/target_clones.hpp"
#include "hotspot/base/errors.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

namespace hotspot::detail {

namespace {

// Where each point's block of (2 buffer + 1)^2 pixels lands, as QGIS computes it.
struct QgisPlan {
    const double* x;
    const double* y;
    const double* w;
    std::size_t n;
    double h, px, min_x, min_y, decay;
    Kernel kernel;
    bool scaled;
    double scale;  // QGIS's "scaled" constant for this radius (1 for raw values)
    long buffer, block;
    std::size_t cols;
    std::vector<long> xpos, ypos, ypos_io;
    std::vector<std::uint8_t> used;
};

// qgskde.cpp's kernel at a distance, raw or scaled (pow(v, 2) and pow(v, 3) are exact
// products, so GCC writes them as such and the loop vectorises).
template <Kernel K, bool Scaled>
[[gnu::always_inline]] inline double qgis_kernel(double distance, const QgisPlan& p) {
    double r = 1.0;
    if constexpr (K == Kernel::quartic) r = std::pow(1. - std::pow(distance / p.h, 2), 2);
    else if constexpr (K == Kernel::triweight) r = std::pow(1. - std::pow(distance / p.h, 2), 3);
    else if constexpr (K == Kernel::epanechnikov) r = 1. - std::pow(distance / p.h, 2);
    else if constexpr (K == Kernel::triangular) r = 1. - (1. - p.decay) * (distance / p.h);
    if constexpr (!Scaled) return r;
    else if constexpr (K == Kernel::uniform) return p.scale;
    else return p.scale * r;
}

// One cell of QGIS's loop, branch-free so that it vectorises: a cell beyond the radius keeps
// its value.
template <Kernel K, bool Scaled>
[[gnu::always_inline]] inline void add_cell(float& cell, double dx2, double dy2, double weight, const QgisPlan& p) {
    const double distance = std::sqrt(dx2 + dy2);
    const double value = weight * qgis_kernel<K, Scaled>(distance, p);
    const float old = cell;
    const float base = old == Grid::nodata ? 0.0f : old;
    const float sum = static_cast<float>(static_cast<double>(base) + value);
    cell = distance > p.h ? old : sum;
}

// Adds the points' kernels to the rows [r0, r1) of the raster, points in input order so each
// cell sees the same float additions as in QGIS. Rows outside, whole block rows inside (QGIS
// loops columns outside; the order of additions into any one cell is the same). Visiting only
// each row's span of the disc measured slower than the branch-free full row.
template <Kernel K, bool Scaled>
[[gnu::always_inline]] inline void add_points_to_rows(const QgisPlan& p, std::span<const std::uint32_t> points, std::size_t r0,
                                                      std::size_t r1, float* values, double* dx2) {
    for (const std::uint32_t i : points) {
        const long yp_begin = std::max(0L, static_cast<long>(r0) - p.ypos_io[i]);
        const long yp_end = std::min(p.block, static_cast<long>(r1) - p.ypos_io[i]);
        const double xi = p.x[i], yi = p.y[i];
        const double weight = p.w ? p.w[i] : 1.0;
        for (long xp = 0; xp < p.block; ++xp) {
            const double cx = (static_cast<double>(p.xpos[i] + xp) + 0.5) * p.px + p.min_x;
            dx2[xp] = std::pow(cx - xi, 2.0);
        }
        for (long yp = yp_begin; yp < yp_end; ++yp) {
            // QGIS takes the centroid's y from the bottom but writes the row from the top.
            const double cy = (static_cast<double>(p.ypos[i] + yp) + 0.5) * p.px + p.min_y;
            const double dy2 = std::pow(cy - yi, 2.0);
            if (std::sqrt(dy2) > p.h) continue;  // every cell of the row is farther: dx2 >= 0
            float* row = values + static_cast<std::size_t>(p.ypos_io[i] + yp) * p.cols + static_cast<std::size_t>(p.xpos[i]);
            for (long xp = 0; xp < p.block; ++xp) add_cell<K, Scaled>(row[xp], dx2[xp], dy2, weight, p);
        }
    }
}

// No lambdas on the way to the loop: a lambda body is compiled for the default target, not
// for the target of the function that calls it.
template <Kernel K>
[[gnu::always_inline]] inline void add_kernel(const QgisPlan& p, std::span<const std::uint32_t> points, std::size_t r0, std::size_t r1,
                                              float* values, double* dx2) {
    if (p.scaled) add_points_to_rows<K, true>(p, points, r0, r1, values, dx2);
    else add_points_to_rows<K, false>(p, points, r0, r1, values, dx2);
}

// The hot loop, built for AVX2 and for baseline x86-64; the loader picks one for the CPU.
// Wider vectors change no result: sqrt, division and products are correctly rounded per
// lane, and nothing is fused (-ffp-contract=off). (AVX-512 measured slower here.)
HOTSPOT_AVX2_CLONES
void add_band(const QgisPlan& p, std::span<const std::uint32_t> points, std::size_t r0, std::size_t r1, float* values) {
    std::vector<double> dx2(static_cast<std::size_t>(p.block));
    switch (p.kernel) {
        case Kernel::quartic: return add_kernel<Kernel::quartic>(p, points, r0, r1, values, dx2.data());
        case Kernel::triweight: return add_kernel<Kernel::triweight>(p, points, r0, r1, values, dx2.data());
        case Kernel::epanechnikov: return add_kernel<Kernel::epanechnikov>(p, points, r0, r1, values, dx2.data());
        case Kernel::triangular: return add_kernel<Kernel::triangular>(p, points, r0, r1, values, dx2.data());
        case Kernel::uniform: return add_kernel<Kernel::uniform>(p, points, r0, r1, values, dx2.data());
        case Kernel::gaussian: break;
    }
}

// Rows per band: a band's cells (about 1 MB, a core's L2 cache) stay in cache while its
// points, scattered over the square in input order, are added. Measured on 1M points over
// 2,541 x 2,541 cells: bands of 635 rows (25 MB over 4 bands a thread) took 2.6x as long.
std::size_t band_rows(std::size_t cols, long block) {
    const std::size_t by_cache = (std::size_t{1} << 20) / (cols * sizeof(float));
    return std::max<std::size_t>({by_cache, static_cast<std::size_t>(block), 1});
}

// The used points whose block reaches each band, in input order (a counting sort).
struct PointsByBand {
    std::vector<std::size_t> first;  // band b: points[first[b] .. first[b + 1])
    std::vector<std::uint32_t> points;
    std::span<const std::uint32_t> of(std::size_t b) const { return {points.data() + first[b], first[b + 1] - first[b]}; }
};

PointsByBand points_by_band(const QgisPlan& p, std::size_t bands, std::size_t rows_per_band) {
    PointsByBand out;
    out.first.assign(bands + 1, 0);
    const auto band_range = [&](std::size_t i) {
        const auto top = static_cast<std::size_t>(p.ypos_io[i]);
        return std::pair{top / rows_per_band, std::min(bands - 1, (top + static_cast<std::size_t>(p.block) - 1) / rows_per_band)};
    };
    for (std::size_t i = 0; i < p.n; ++i) {
        if (!p.used[i]) continue;
        const auto [b0, b1] = band_range(i);
        for (std::size_t b = b0; b <= b1; ++b) ++out.first[b + 1];
    }
    for (std::size_t b = 0; b < bands; ++b) out.first[b + 1] += out.first[b];
    out.points.resize(out.first[bands]);
    std::vector<std::size_t> next(out.first.begin(), out.first.end() - 1);
    for (std::size_t i = 0; i < p.n; ++i) {
        if (!p.used[i]) continue;
        const auto [b0, b1] = band_range(i);
        for (std::size_t b = b0; b <= b1; ++b) out.points[next[b]++] = static_cast<std::uint32_t>(i);
    }
    return out;
}

}  // namespace

double qgis_scale(Kernel k, double h, double decay) {
    switch (k) {
        case Kernel::uniform: return (2. / (pi * h)) * (0.5 / h);
        case Kernel::quartic: return 116. / (5. * pi * std::pow(h, 2)) * (15. / 16.);
        case Kernel::triweight: return 128. / (35. * pi * std::pow(h, 2)) * (35. / 32.);
        case Kernel::epanechnikov: return 8. / (3. * pi * std::pow(h, 2)) * (3. / 4.);
        case Kernel::triangular: return 3. / ((1. + 2. * decay) * pi * std::pow(h, 2));
        case Kernel::gaussian: break;
    }
    throw ConfigError("QGIS has no gaussian kernel: qgis_scaled values are not defined for it");
}

DensityResult qgis_density(const double* x, const double* y, const double* w, std::size_t n, const DensityOptions& o,
                           DensityReport report) {
    const double h = o.bandwidth_m, px = o.cell_m;
    const Bounds pts = o.qgis_extent ? Bounds{o.qgis_extent->min_x, o.qgis_extent->min_y, o.qgis_extent->max_x, o.qgis_extent->max_y}
                                     : envelope_of(x, y, n);
    const Bounds b{pts.min_x - h, pts.min_y - h, pts.max_x + h, pts.max_y + h};
    Grid g;
    g.min_x = b.min_x;
    g.max_y = b.max_y;
    g.cell_m = px;
    std::tie(g.nx, g.ny) = grid_size(std::ceil((b.max_x - b.min_x) / px) + 1, std::ceil((b.max_y - b.min_y) / px) + 1, o);
    const auto rows = static_cast<long>(g.ny), cols = static_cast<long>(g.nx);  // bounded by memory: they fit
    g.values.assign(g.nx * g.ny, Grid::nodata);
    if (n > std::numeric_limits<std::uint32_t>::max()) throw ConfigError("the QGIS grid takes at most 4,294,967,295 points");
    // QGIS's pixel buffer: truncated radius in pixels, plus one when the remainder is more
    // than half a map unit (not half a pixel).
    long buffer = static_cast<long>(h / px);
    if (h - px * static_cast<double>(buffer) > 0.5) ++buffer;
    const bool scaled = o.values == DensityValues::qgis_scaled;
    QgisPlan p{x, y, w, n, h, px, b.min_x, b.min_y, o.decay, o.kernel, scaled, scaled ? qgis_scale(o.kernel, h, o.decay) : 1.0,
               buffer, 2 * buffer + 1, g.nx, std::vector<long>(n), std::vector<long>(n), std::vector<long>(n),
               std::vector<std::uint8_t>(n, 1)};

    // QGIS's RasterIO fails for blocks crossing the raster edge and the point is then skipped
    // without a word: we count it.
    for (std::size_t i = 0; i < n; ++i) {
        const double bf = static_cast<double>(buffer);
        const double vx = (x[i] - b.min_x) / px - bf, vy = (y[i] - b.min_y) / px - bf, vio = (b.max_y - y[i]) / px - bf;
        p.xpos[i] = static_cast<long>(vx);  // truncation toward zero, as QGIS's conversion to unsigned
        p.ypos[i] = static_cast<long>(vy);
        p.ypos_io[i] = static_cast<long>(vio);
        if (vx <= -1 || vy <= -1 || vio <= -1 || p.xpos[i] + p.block > cols || p.ypos_io[i] + p.block > rows) {
            p.used[i] = 0;
            ++report.qgis_edge_skipped;
        }
    }
    const std::size_t rows_per_band = band_rows(g.nx, p.block);
    const std::size_t bands = (g.ny + rows_per_band - 1) / rows_per_band;
    const PointsByBand by_band = points_by_band(p, bands, rows_per_band);
    parallel_for(bands, thread_count(o.threads), [&](std::size_t band) {
        add_band(p, by_band.of(band), band * rows_per_band, std::min(g.ny, (band + 1) * rows_per_band), g.values.data());
    });
    report.support_m = h;
    return {std::move(g), report};
}

}  // namespace hotspot::detail
