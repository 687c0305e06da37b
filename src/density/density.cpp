#include "hotspot/density/density.hpp"

#include "density/density_grid.hpp"
#include "density/target_clones.hpp"
#include "hotspot/base/checked_conversion.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/point_index.hpp"
#include "hotspot/geo/unique_points.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hotspot {

using detail::pi;
using detail::qgis_scale;

std::string to_string(Kernel k) {
    switch (k) {
        case Kernel::quartic: return "quartic";
        case Kernel::triweight: return "triweight";
        case Kernel::epanechnikov: return "epanechnikov";
        case Kernel::triangular: return "triangular";
        case Kernel::uniform: return "uniform";
        case Kernel::gaussian: return "gaussian";
    }
    return "?";
}
std::string to_string(DensityValues v) {
    switch (v) {
        case DensityValues::raw: return "raw";
        case DensityValues::per_km2: return "per_km2";
        case DensityValues::qgis_scaled: return "qgis_scaled";
    }
    return "?";
}
std::string to_string(BandwidthRule r) {
    switch (r) {
        case BandwidthRule::fixed: return "fixed";
        case BandwidthRule::silverman: return "silverman";
        case BandwidthRule::scott: return "scott";
        case BandwidthRule::arcgis: return "arcgis";
        case BandwidthRule::adaptive_knn: return "adaptive";
    }
    return "?";
}
Kernel parse_kernel(const std::string& text) {
    for (Kernel k : {Kernel::quartic, Kernel::triweight, Kernel::epanechnikov, Kernel::triangular, Kernel::uniform, Kernel::gaussian})
        if (lowercase(text) == to_string(k)) return k;
    throw ConfigError("kernel " + quote_value(text) + " is not one of quartic, triweight, epanechnikov, triangular, uniform, gaussian");
}
DensityValues parse_density_values(const std::string& text) {
    const std::string t = lowercase(text);
    if (t == "raw") return DensityValues::raw;
    if (t == "per_km2" || t == "density") return DensityValues::per_km2;
    if (t == "qgis_scaled" || t == "scaled") return DensityValues::qgis_scaled;
    throw ConfigError("density values " + quote_value(text) + " is not one of raw, per_km2, qgis_scaled");
}
BandwidthRule parse_bandwidth_rule(const std::string& text) {
    for (BandwidthRule r : {BandwidthRule::fixed, BandwidthRule::silverman, BandwidthRule::scott, BandwidthRule::arcgis,
                            BandwidthRule::adaptive_knn})
        if (lowercase(text) == to_string(r)) return r;
    throw ConfigError("bandwidth rule " + quote_value(text) + " is not one of fixed, silverman, scott, arcgis, adaptive");
}

// Integral of the raw kernel over its disc, divided by h^2 (polar integration):
// uniform pi, quartic pi/3, triweight pi/4, epanechnikov pi/2, triangular pi(1+2d)/3,
// gaussian (h = sigma, truncated at t sigma) 2 pi (1 - exp(-t^2/2)).
static double raw_mass_over_h2(Kernel k, double decay, double t) {
    switch (k) {
        case Kernel::uniform: return pi;
        case Kernel::quartic: return pi / 3.0;
        case Kernel::triweight: return pi / 4.0;
        case Kernel::epanechnikov: return pi / 2.0;
        case Kernel::triangular: return pi * (1.0 + 2.0 * decay) / 3.0;
        case Kernel::gaussian: return 2.0 * pi * (1.0 - std::exp(-t * t / 2.0));
    }
    return 1.0;
}

static double raw_kernel(Kernel k, double u2, double decay) {
    switch (k) {
        case Kernel::uniform: return 1.0;
        case Kernel::quartic: return (1.0 - u2) * (1.0 - u2);
        case Kernel::triweight: return (1.0 - u2) * (1.0 - u2) * (1.0 - u2);
        case Kernel::epanechnikov: return 1.0 - u2;
        case Kernel::triangular: return 1.0 - (1.0 - decay) * std::sqrt(u2);
        case Kernel::gaussian: return std::exp(-u2 / 2.0);
    }
    return 0.0;
}

static double value_factor(Kernel k, DensityValues v, double h, double decay, double t) {
    switch (v) {
        case DensityValues::raw: return 1.0;
        case DensityValues::per_km2: return 1e6 / (raw_mass_over_h2(k, decay, t) * h * h);
        case DensityValues::qgis_scaled: return qgis_scale(k, h, decay);
    }
    return 1.0;
}

double kernel_value(Kernel k, DensityValues v, double u, double h, double decay, double t) {
    const double support_u = k == Kernel::gaussian ? t : 1.0;
    if (u > support_u) return 0.0;
    return value_factor(k, v, h, decay, t) * raw_kernel(k, u * u, decay);
}

// --- bandwidth rules

double choose_bandwidth(BandwidthRule rule, const double* x, const double* y, const double* w, std::size_t n,
                        std::string* detail) {
    if (n == 0) throw ConfigError("no points to choose a bandwidth from");
    double sw = 0, mx = 0, my = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double wi = w ? w[i] : 1.0;
        sw += wi;
        mx += wi * x[i];
        my += wi * y[i];
    }
    mx /= sw;
    my /= sw;
    double vx = 0, vy = 0;
    std::vector<double> dist(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double wi = w ? w[i] : 1.0;
        vx += wi * (x[i] - mx) * (x[i] - mx);
        vy += wi * (y[i] - my) * (y[i] - my);
        dist[i] = std::hypot(x[i] - mx, y[i] - my);
    }
    vx /= sw;
    vy /= sw;
    const double sd = std::sqrt(vx + vy);  // standard distance
    double h = 0;
    if (rule == BandwidthRule::silverman || rule == BandwidthRule::scott) {
        const double sigma = std::sqrt((vx + vy) / 2.0);
        h = sigma * std::pow(sw, -1.0 / 6.0);
        if (detail)
            *detail = to_string(rule) + ": sigma = sqrt((sx^2 + sy^2)/2) = " + format_fixed(sigma, 3) + " m, n = " + format_fixed(sw, 3) +
                      ", h = sigma * n^(-1/6) = " + format_fixed(h, 3) + " m";
    } else if (rule == BandwidthRule::arcgis) {
        // Dm: the (unweighted) median distance to the weighted mean centre.
        std::nth_element(dist.begin(), dist.begin() + static_cast<std::ptrdiff_t>(n / 2), dist.end());
        double median = dist[n / 2];
        if (n % 2 == 0) median = (median + *std::max_element(dist.begin(), dist.begin() + static_cast<std::ptrdiff_t>(n / 2))) / 2.0;
        const double a = std::sqrt(1.0 / std::log(2.0)) * median;
        h = 0.9 * std::min(sd, a) * std::pow(sw, -0.2);
        if (detail)
            *detail = "arcgis: SD = " + format_fixed(sd, 3) + " m, Dm = " + format_fixed(median, 3) + " m, n = " + format_fixed(sw, 3) +
                      ", h = 0.9 * min(SD, sqrt(1/ln 2) * Dm) * n^-0.2 = " + format_fixed(h, 3) + " m";
    } else {
        throw ConfigError("bandwidth rule " + to_string(rule) + " is not a global rule");
    }
    if (!(h > 0))
        throw ConfigError("the " + to_string(rule) + " bandwidth is 0 because all points are at the same place: give a fixed bandwidth");
    return h;
}

namespace {

using detail::Bounds;
using detail::envelope_of;
using detail::grid_size;
using detail::for_row_bands;
using detail::thread_count;

// --- hotspot alignment: true cell centres, double accumulation.
// g is the whole grid (cell centres from its corner, the same arithmetic for a tile as for the
// whole); acc holds the window w's cells; rows [row0, row1) are whole-grid rows inside w.
template <Kernel K>
[[gnu::always_inline]] inline void splat_rows(const Grid& g, const GridWindow& win, std::vector<double>& acc, std::size_t row0, std::size_t row1, const double* x, const double* y,
                const double* wk, const double* h, const double* support, const std::vector<std::uint32_t>& by_y,
                double max_support, double decay) {
    // Points sorted by y (descending northing <=> ascending row): find those that can reach the band.
    const double band_top = g.max_y - static_cast<double>(row0) * g.cell_m + max_support;
    const double band_bottom = g.max_y - static_cast<double>(row1) * g.cell_m - max_support;
    auto first = std::lower_bound(by_y.begin(), by_y.end(), band_top, [&](std::uint32_t i, double v) { return y[i] > v; });
    std::vector<double> dx2(win.nx);
    const auto col_first = static_cast<double>(win.col0), col_last = static_cast<double>(win.col0 + win.nx) - 1.0;
    for (auto it = first; it != by_y.end() && y[*it] >= band_bottom; ++it) {
        const std::uint32_t i = *it;
        const double s = support[i], s2 = s * s, inv_h2 = 1.0 / (h[i] * h[i]), w = wk[i];
        const double r_lo = std::ceil((g.max_y - y[i] - s) / g.cell_m - 0.5);
        const double r_hi = std::floor((g.max_y - y[i] + s) / g.cell_m - 0.5);
        const double c_lo = std::ceil((x[i] - s - g.min_x) / g.cell_m - 0.5);
        const double c_hi = std::floor((x[i] + s - g.min_x) / g.cell_m - 0.5);
        // Clamped to the band and the grid before conversion: a point far off a given extent
        // has cell indices beyond any integer type.
        const auto r_begin = static_cast<std::size_t>(std::clamp(r_lo, static_cast<double>(row0), static_cast<double>(row1)));
        const auto r_end = static_cast<std::ptrdiff_t>(std::clamp(r_hi, static_cast<double>(row0) - 1.0, static_cast<double>(row1) - 1.0));
        const auto c_begin = static_cast<std::size_t>(std::clamp(c_lo, col_first, col_last + 1.0));
        const auto c_end = static_cast<std::ptrdiff_t>(std::clamp(c_hi, col_first - 1.0, col_last));
        if (c_end < static_cast<std::ptrdiff_t>(c_begin)) continue;
        const auto columns = static_cast<std::size_t>(c_end) + 1 - c_begin;
        for (std::size_t c = 0; c < columns; ++c) {  // outside the row loop: no integer-to-double conversion in it
            const double dx = g.centre_x(c_begin + c) - x[i];
            dx2[c] = dx * dx;
        }
        for (auto r = static_cast<std::ptrdiff_t>(r_begin); r <= r_end; ++r) {
            const double dy = g.centre_y(static_cast<std::size_t>(r)) - y[i];
            const double dy2 = dy * dy;
            double* row = acc.data() + (static_cast<std::size_t>(r) - win.row0) * win.nx + (c_begin - win.col0);
            for (std::size_t c = 0; c < columns; ++c) {
                const double d2 = dx2[c] + dy2;
                const double u2 = d2 * inv_h2;
                double k;
                if constexpr (K == Kernel::quartic) k = (1.0 - u2) * (1.0 - u2);
                else if constexpr (K == Kernel::triweight) k = (1.0 - u2) * (1.0 - u2) * (1.0 - u2);
                else if constexpr (K == Kernel::epanechnikov) k = 1.0 - u2;
                else if constexpr (K == Kernel::uniform) k = 1.0;
                else k = raw_kernel(K, u2, decay);
                row[c] += d2 <= s2 ? w * k : 0.0;
            }
        }
    }
}

// The splatting loop for AVX2 and for baseline x86-64, picked by the loader for the CPU (no
// FMA: contraction stays off, so results do not depend on the CPU).
HOTSPOT_AVX2_CLONES
void splat_band(Kernel k, const Grid& g, const GridWindow& win, std::vector<double>& acc, std::size_t r0, std::size_t r1, const double* x, const double* y,
                const double* wk, const double* h, const double* support, const std::vector<std::uint32_t>& by_y,
                double max_support, double decay) {
    switch (k) {
        case Kernel::quartic: return splat_rows<Kernel::quartic>(g, win, acc, r0, r1, x, y, wk, h, support, by_y, max_support, decay);
        case Kernel::triweight: return splat_rows<Kernel::triweight>(g, win, acc, r0, r1, x, y, wk, h, support, by_y, max_support, decay);
        case Kernel::epanechnikov: return splat_rows<Kernel::epanechnikov>(g, win, acc, r0, r1, x, y, wk, h, support, by_y, max_support, decay);
        case Kernel::uniform: return splat_rows<Kernel::uniform>(g, win, acc, r0, r1, x, y, wk, h, support, by_y, max_support, decay);
        case Kernel::triangular: return splat_rows<Kernel::triangular>(g, win, acc, r0, r1, x, y, wk, h, support, by_y, max_support, decay);
        case Kernel::gaussian: return splat_rows<Kernel::gaussian>(g, win, acc, r0, r1, x, y, wk, h, support, by_y, max_support, decay);
    }
}

DensityResult hotspot_density(const double* x, const double* y, const double* w, std::size_t n, const DensityOptions& o,
                              DensityReport report, const std::vector<double>& h);

// Kernel sums are linear in the weights, and a point's bandwidth depends only on where it
// is, so incidents at the same place can be splatted once with their summed weight: police.uk
// publishes snap points (10 million rows on ~200,000 places). Exact up to summation order.
DensityResult density_of_places(const double* x, const double* y, const double* w, std::size_t n, const DensityOptions& o,
                                DensityReport report, const std::vector<double>& h) {
    const std::span<const double> xs(x, n), ys(y, n);
    if (!o.merge_places.value_or(locations_repeat(xs, ys))) return hotspot_density(x, y, w, n, o, report, h);
    const UniquePoints u = unique_points(xs, ys);
    std::vector<double> weight(u.x.size(), 0.0), hu(u.x.size(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        weight[u.of_row[i]] += w ? w[i] : 1.0;
        hu[u.of_row[i]] = h[i];
    }
    return hotspot_density(u.x.data(), u.y.data(), weight.data(), u.x.size(), o, report, hu);
}

DensityResult hotspot_density(const double* x, const double* y, const double* w, std::size_t n, const DensityOptions& o,
                              DensityReport report, const std::vector<double>& h) {
    const double t = o.gaussian_support_sd;
    std::vector<double> support(n), wk(n);
    double max_support = 0;
    for (std::size_t i = 0; i < n; ++i) {
        support[i] = o.kernel == Kernel::gaussian ? t * h[i] : h[i];
        max_support = std::max(max_support, support[i]);
        wk[i] = (w ? w[i] : 1.0) * value_factor(o.kernel, o.values, h[i], o.decay, t);
    }
    report.support_m = o.bandwidth_rule == BandwidthRule::adaptive_knn ? max_support : support[0];
    Grid g;
    g.cell_m = o.cell_m;
    double nx = 0, ny = 0;  // in double until grid_size has checked them
    if (o.extent) {
        g.min_x = o.extent->min_x;
        g.max_y = o.extent->max_y;
        nx = std::ceil((o.extent->max_x - o.extent->min_x) / o.cell_m);
        ny = std::ceil((o.extent->max_y - o.extent->min_y) / o.cell_m);
    } else {
        const Envelope e = default_density_extent(x, y, n, max_support, o.cell_m, o.cover);
        g.min_x = e.min_x;
        g.max_y = e.max_y;
        nx = std::ceil((e.max_x - e.min_x) / o.cell_m);
        ny = std::ceil((e.max_y - e.min_y) / o.cell_m);
    }
    GridWindow win{0, 0, 0, 0};
    if (o.window) {  // the whole grid only needs to be addressable; the window must fit in memory
        win = *o.window;
        const auto whole = whole_to<int>(nx), tall = whole_to<int>(ny);
        if (!whole || !tall) throw ConfigError("the density grid (" + format_plain(nx) + " x " + format_plain(ny) + " cells) is larger than a GeoTIFF can hold");
        g.nx = static_cast<std::size_t>(*whole), g.ny = static_cast<std::size_t>(*tall);
        if (win.nx == 0 || win.ny == 0 || win.col0 + win.nx > g.nx || win.row0 + win.ny > g.ny)
            throw ConfigError("the density window (columns " + std::to_string(win.col0) + "+" + std::to_string(win.nx) + ", rows " +
                              std::to_string(win.row0) + "+" + std::to_string(win.ny) + ") is not inside the " + std::to_string(g.nx) + " x " +
                              std::to_string(g.ny) + " grid");
        grid_size(static_cast<double>(win.nx), static_cast<double>(win.ny), o);  // refuses a window larger than memory
    } else {
        std::tie(g.nx, g.ny) = grid_size(nx, ny, o);
        win = {0, 0, g.nx, g.ny};
    }

    // North to south; ties by easting, then input order: a total order on places, so a tile
    // given a subset of the points adds each cell's terms in the same order as the whole grid.
    std::vector<std::uint32_t> by_y(n);
    std::iota(by_y.begin(), by_y.end(), 0u);
    std::stable_sort(by_y.begin(), by_y.end(), [&](std::uint32_t a, std::uint32_t b) { return y[a] > y[b] || (y[a] == y[b] && x[a] < x[b]); });
    std::vector<double> acc(win.nx * win.ny, 0.0);
    for_row_bands(win.ny, thread_count(o.threads), [&](std::size_t r0, std::size_t r1) {
        splat_band(o.kernel, g, win, acc, win.row0 + r0, win.row0 + r1, x, y, wk.data(), h.data(), support.data(), by_y, max_support, o.decay);
    });
    if (o.window) {  // the result is the window, georeferenced
        g.min_x += static_cast<double>(win.col0) * g.cell_m;
        g.max_y -= static_cast<double>(win.row0) * g.cell_m;
        g.nx = win.nx, g.ny = win.ny;
    }
    g.values.resize(acc.size());
    double mass = 0;
    for (std::size_t i = 0; i < acc.size(); ++i) {
        g.values[i] = static_cast<float>(acc[i]);
        mass += acc[i];
    }
    if (o.values == DensityValues::per_km2) report.weight_not_on_grid = report.weight_total - mass * o.cell_m * o.cell_m / 1e6;
    return {std::move(g), report};
}

}  // namespace

namespace {
std::string ordinal(std::size_t k) {
    const std::size_t tens = k % 100, units = k % 10;
    const char* suffix = tens >= 11 && tens <= 13 ? "th" : units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th";
    return std::to_string(k) + suffix;
}
}  // namespace

std::vector<double> adaptive_bandwidths(const double* x, const double* y, std::size_t n, std::size_t k, std::size_t* places) {
    const UniquePoints u = unique_points({x, n}, {y, n});
    if (places) *places = u.x.size();
    if (k < 1 || k >= u.x.size())
        throw ConfigError("adaptive bandwidth: k must be between 1 and the number of distinct locations - 1 (" + std::to_string(u.x.size()) +
                          " locations)");
    // Places are distinct, so each place's k-th nearest other place is never at distance 0.
    const std::vector<double> of_place = kth_neighbour_distances(u.x.data(), u.y.data(), u.x.size(), k, 1);
    std::vector<double> h(n);
    for (std::size_t i = 0; i < n; ++i) h[i] = of_place[u.of_row[i]];
    return h;
}

Envelope default_density_extent(const double* x, const double* y, std::size_t n, double support_m, double cell_m, const std::optional<Envelope>& cover) {
    // Points +- support, the west and north edges snapped outward to multiples of the cell size
    // so runs align; the grid's east and south edges are the next whole cell beyond.
    const Bounds b = envelope_of(x, y, n);
    double x0 = b.min_x - support_m, y0 = b.min_y - support_m, x1 = b.max_x + support_m, y1 = b.max_y + support_m;
    if (cover) {  // ... and the whole study area, wherever the points are
        x0 = std::min(x0, cover->min_x), y0 = std::min(y0, cover->min_y);
        x1 = std::max(x1, cover->max_x), y1 = std::max(y1, cover->max_y);
    }
    return {std::floor(x0 / cell_m) * cell_m, y0, x1, std::ceil(y1 / cell_m) * cell_m};
}

bool density_merges_places(const double* x, const double* y, std::size_t n) { return locations_repeat({x, n}, {y, n}); }

DensityResult kernel_density(const double* x, const double* y, const double* w, std::size_t n, const DensityOptions& o) {
    if (n == 0) throw ConfigError("no incidents to estimate a density from (check the inputs and filters)");
    if (!(o.cell_m > 0 && std::isfinite(o.cell_m))) throw ConfigError("the cell size must be a positive number of metres, not " + format_exact(o.cell_m));
    if (o.extent && !(o.extent->min_x < o.extent->max_x && o.extent->min_y < o.extent->max_y))
        throw ConfigError("the grid extent must have xmin < xmax and ymin < ymax");
    if (o.decay < 0 || o.decay > 1) throw ConfigError("the triangular decay must be between 0 and 1, not " + format_fixed(o.decay, 3));
    if (o.kernel == Kernel::gaussian && !(o.gaussian_support_sd > 0)) throw ConfigError("the gaussian support must be positive");
    if (o.window && !o.extent) throw ConfigError("a density window needs the whole grid's extent");
    if (o.window && o.bandwidth_rule != BandwidthRule::fixed)  // a tile sees only some incidents
        throw ConfigError("a density window takes a fixed bandwidth: a data-driven one is chosen once from every incident (hotspot plan does)");
    DensityReport report;
    report.points = n;
    for (std::size_t i = 0; i < n; ++i) {
        const double wi = w ? w[i] : 1.0;
        if (!std::isfinite(wi) || wi < 0) throw ConfigError("weight " + format_fixed(wi, 6) + " of point " + std::to_string(i) + " is negative or not a number");
        report.weight_total += wi;
    }
    std::vector<double> h(n, o.bandwidth_m);
    switch (o.bandwidth_rule) {
        case BandwidthRule::fixed:
            if (!(o.bandwidth_m > 0 && std::isfinite(o.bandwidth_m)))
                throw ConfigError("a fixed bandwidth must be a positive number of metres, not " + format_exact(o.bandwidth_m));
            report.bandwidth_detail = "fixed: " + format_fixed(o.bandwidth_m, 3) + " m";
            break;
        case BandwidthRule::silverman:
        case BandwidthRule::scott:
        case BandwidthRule::arcgis:
            h.assign(n, choose_bandwidth(o.bandwidth_rule, x, y, w, n, &report.bandwidth_detail));
            break;
        case BandwidthRule::adaptive_knn: {
            std::size_t places = 0;
            h = adaptive_bandwidths(x, y, n, o.knn_k, &places);
            std::vector<double> sorted = h;
            std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n / 2), sorted.end());
            const auto [lo, hi] = std::minmax_element(h.begin(), h.end());
            report.bandwidth_detail = "adaptive: distance to the " + ordinal(o.knn_k) + " nearest distinct location (" +
                                      std::to_string(places) + " locations), min " +
                                      format_fixed(*lo, 1) + " m, median " + format_fixed(sorted[n / 2], 1) + " m, max " +
                                      format_fixed(*hi, 1) + " m";
            break;
        }
    }
    report.bandwidth_m = h[0];
    if (o.bandwidth_rule == BandwidthRule::adaptive_knn) {
        std::vector<double> sorted = h;
        std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n / 2), sorted.end());
        report.bandwidth_m = sorted[n / 2];
    }
    const double smallest_h = *std::min_element(h.begin(), h.end());
    if (smallest_h < o.cell_m)
        throw ConfigError("the bandwidth (" + format_fixed(smallest_h, 1) + " m) is smaller than the cell size (" + format_fixed(o.cell_m, 1) +
                          " m): each incident would touch at most one cell. Use a cell size of at most a third of the bandwidth");
    {  // A bandwidth wider than the data smooths it into one blob: allowed, but said.
        const Bounds b = envelope_of(x, y, n);
        const double side = std::max(b.max_x - b.min_x, b.max_y - b.min_y);
        if (side > 0 && report.bandwidth_m > side)
            report.warnings.push_back("the bandwidth (" + format_fixed(report.bandwidth_m, 1) + " m) is larger than the data's extent (" +
                                      format_fixed(side, 1) + " m): the surface is one smooth blob, not a map of hotspots");
    }
    if (o.alignment == GridAlignment::qgis) {
        if (o.bandwidth_rule == BandwidthRule::adaptive_knn) throw ConfigError("the QGIS grid takes one fixed radius, not an adaptive bandwidth");
        if (o.values == DensityValues::per_km2) throw ConfigError("the QGIS grid reproduces QGIS's raw and scaled values; per_km2 uses the hotspot grid");
        if (o.kernel == Kernel::gaussian) throw ConfigError("QGIS has no gaussian kernel");
        if (o.extent) throw ConfigError("the QGIS grid is always the points' extent plus the radius: an extent cannot be given");
        if (o.window) throw ConfigError("the QGIS grid is computed whole, not in tiles");
        DensityOptions fixed = o;
        fixed.bandwidth_m = h[0];
        return detail::qgis_density(x, y, w, n, fixed, report);
    }
    if (o.values == DensityValues::qgis_scaled) qgis_scale(o.kernel, h[0], o.decay);  // refuses gaussian
    return density_of_places(x, y, w, n, o, report, h);
}

}  // namespace hotspot
