#pragma once
// Kernel density surfaces. Two grid conventions:
//  - hotspot (default): cell centres on a grid aligned to multiples of the cell size; the
//    kernel is evaluated at each cell centre within the bandwidth; values in double.
//  - qgis: QGIS's "Heatmap (Kernel Density Estimation)" grid and arithmetic reproduced
//    exactly, quirks included (see docs/decisions.md), to compare with QGIS heatmaps.
#include "hotspot/geo/areas.hpp"
#include "hotspot/geo/grid.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

enum class Kernel { quartic, triweight, epanechnikov, triangular, uniform, gaussian };
enum class DensityValues {
    raw,         // sum of weight x K(d/h), K(0) = 1 (QGIS "raw")
    per_km2,     // a true density: integrates to the weighted count (kernel normalised to 1)
    qgis_scaled  // QGIS "scaled", its constants reproduced (quartic integrates to 7.25, not 1)
};
enum class GridAlignment { hotspot, qgis };
enum class BandwidthRule { fixed, silverman, scott, arcgis, adaptive_knn };

std::string to_string(Kernel k);
std::string to_string(DensityValues v);
std::string to_string(BandwidthRule r);
Kernel parse_kernel(const std::string& text);
DensityValues parse_density_values(const std::string& text);
BandwidthRule parse_bandwidth_rule(const std::string& text);

struct DensityOptions {
    Kernel kernel = Kernel::quartic;
    DensityValues values = DensityValues::per_km2;
    GridAlignment alignment = GridAlignment::hotspot;
    BandwidthRule bandwidth_rule = BandwidthRule::fixed;
    double bandwidth_m = 0;     // fixed bandwidth (for gaussian: sigma)
    std::size_t knn_k = 10;     // adaptive: distance to the k-th nearest distinct location
    double decay = 0;           // triangular kernel decay, 0..1
    double gaussian_support_sd = 3.0;  // gaussian kernel truncated at this many sigma
    double cell_m = 0;
    std::optional<Envelope> extent;  // hotspot alignment: grid extent; default points +- support
    std::optional<Envelope> qgis_extent;  // qgis alignment: the layer extent QGIS reads (qgis_extent.hpp); default the points' envelope
    std::optional<Envelope> cover;   // hotspot alignment, default grid: also covers this (the study area's envelope)
    std::size_t max_cells = 0;  // 0: a quarter of physical memory
    unsigned threads = 0;
    // Tiles (workflow/tile_plan): with `extent`, compute only these cells of its grid, each bit for
    // bit as the whole grid would have it. The caller passes the points within the kernel's
    // support of the window (or more); the result's grid is the window.
    std::optional<GridWindow> window;
    // Whether incidents at the same place are splatted once with their summed weight (exact up to
    // summation order). Unset: decided from the data (a sample); a tiled job fixes it for every
    // tile from the whole input, so every tile sums in the same order as the whole grid.
    std::optional<bool> merge_places;
};

struct DensityReport {
    double bandwidth_m = 0;           // fixed or data-driven (for adaptive: the median)
    std::string bandwidth_detail;     // how it was chosen, with the numbers
    double support_m = 0;             // kernel radius (gaussian: support_sd x sigma)
    double weight_total = 0;
    double weight_not_on_grid = 0;    // per_km2: weight total - grid sum x cell area (edges + discretisation)
    std::uint64_t points = 0;
    std::uint64_t qgis_edge_skipped = 0;  // qgis alignment: points QGIS would silently skip
    std::vector<std::string> warnings;    // choices that ran but deserve a second look
};

struct DensityResult {
    Grid grid;
    DensityReport report;
};

// Data-driven bandwidths (metres), each with a description of the numbers used.
// silverman/scott: sqrt((sx^2 + sy^2) / 2) * n^(-1/6) (both rules coincide in 2-D);
// arcgis: 0.9 * min(SD, sqrt(1/ln 2) * Dm) * n^(-0.2) (ArcGIS >= 10.2.1 default radius).
double choose_bandwidth(BandwidthRule rule, const double* x, const double* y, const double* w, std::size_t n,
                        std::string* detail);

// Adaptive bandwidths, one per point: the distance from the point's location to the k-th
// nearest *other distinct* location. Incidents at the same place (police.uk snap points) share
// a location and its bandwidth; how many there are does not move the k-th place, so a snap
// point holding more than k incidents still gets a positive bandwidth (docs/decisions.md).
// `places` receives the number of distinct locations. Throws when k is not in [1, places - 1].
std::vector<double> adaptive_bandwidths(const double* x, const double* y, std::size_t n, std::size_t k, std::size_t* places = nullptr);

// Throws ConfigError for impossible requests (no points, bandwidth below a cell, a grid
// that would not fit in memory, ...). w may be null (weight 1).
DensityResult kernel_density(const double* x, const double* y, const double* w, std::size_t n, const DensityOptions& options);

// The grid extent kernel_density uses without one given: the points' envelope grown by the
// kernel's support (and covering `cover`), west and north edges on multiples of the cell size.
// Given back as DensityOptions::extent it makes the same grid.
Envelope default_density_extent(const double* x, const double* y, std::size_t n, double support_m, double cell_m, const std::optional<Envelope>& cover);

// Whether kernel_density would merge incidents at the same place for these points (the choice a
// tile plan records for DensityOptions::merge_places).
bool density_merges_places(const double* x, const double* y, std::size_t n);

// The kernel's value at u = d/h for the chosen output values (h: bandwidth in metres).
double kernel_value(Kernel k, DensityValues v, double u, double h, double decay, double gaussian_support_sd);

}  // namespace hotspot
