#include "hotspot/geo/neighbours.hpp"

#include "detail/geos_context.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/parallel.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/point_index.hpp"

#include <geos_c.h>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace hotspot {

std::size_t Neighbours::without_neighbours() const {
    std::size_t none = 0;
    for (std::size_t i = 0; i < size(); ++i) none += count(i) == 0;
    return none;
}

Neighbours Neighbours::from_lists(const std::vector<std::vector<std::uint32_t>>& lists, std::string rule) {
    Neighbours nb;
    nb.rule = std::move(rule);
    nb.offsets.reserve(lists.size() + 1);
    std::size_t total = 0;
    for (const auto& l : lists) total += l.size();
    nb.index.reserve(total);
    for (const auto& l : lists) {
        std::vector<std::uint32_t> sorted = l;
        std::sort(sorted.begin(), sorted.end());  // sorted lists make w_ji a binary search
        nb.index.insert(nb.index.end(), sorted.begin(), sorted.end());
        nb.offsets.push_back(nb.index.size());
    }
    return nb;
}

namespace {

template <class Query>
Neighbours from_point_queries(std::size_t n, unsigned threads, std::string rule, Query query) {
    std::vector<std::vector<std::uint32_t>> lists(n);
    parallel_blocks(n, threads, 4096, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) lists[i] = query(i);
    });
    return Neighbours::from_lists(lists, std::move(rule));
}

void require_points(std::size_t n, const char* what) {
    if (n < 2) throw InputError(std::string(what) + ": at least 2 features are needed, there are " + std::to_string(n));
}

}  // namespace

Neighbours distance_band(const double* x, const double* y, std::size_t n, double band_m, unsigned threads) {
    require_points(n, "distance band neighbours");
    if (!(band_m > 0) || !std::isfinite(band_m)) throw ConfigError("distance band must be a positive number of metres, not " + format_exact(band_m));
    const PointIndex index(x, y, n);
    return from_point_queries(n, threads, "distance band " + format_exact(band_m) + " m (inclusive)", [&](std::size_t i) {
        std::vector<std::uint32_t> out;
        for (const Neighbour& nb : index.within(x[i], y[i], band_m))
            if (nb.index != i) out.push_back(nb.index);
        return out;
    });
}

Neighbours k_nearest(const double* x, const double* y, std::size_t n, std::size_t k, unsigned threads) {
    require_points(n, "k nearest neighbours");
    if (k < 1 || k >= n)
        throw ConfigError("k nearest neighbours: k must be between 1 and " + std::to_string(n - 1) + " (features - 1), not " + std::to_string(k));
    const PointIndex index(x, y, n);
    return from_point_queries(n, threads, std::to_string(k) + " nearest neighbours", [&](std::size_t i) {
        std::vector<std::uint32_t> out;
        for (const Neighbour& nb : index.nearest(x[i], y[i], k + 1))  // + 1: the feature itself
            if (nb.index != i && out.size() < k) out.push_back(nb.index);
        return out;
    });
}

Neighbours queen_contiguity(const std::vector<std::string>& wkb, double snap_m, unsigned threads) {
    require_points(wkb.size(), "queen contiguity");
    if (!(snap_m >= 0) || !std::isfinite(snap_m)) throw ConfigError("contiguity snap distance must be 0 or more metres, not " + format_exact(snap_m));
    const GEOSContextHandle_t h = detail::geos_context();
    GEOSWKBReader* reader = GEOSWKBReader_create_r(h);
    std::vector<detail::GeosGeometryPtr> geoms;
    for (std::size_t i = 0; i < wkb.size(); ++i) {
        GEOSGeometry* g = GEOSWKBReader_read_r(h, reader, reinterpret_cast<const unsigned char*>(wkb[i].data()), wkb[i].size());
        if (!g) {
            GEOSWKBReader_destroy_r(h, reader);
            throw GeometryError("queen contiguity: polygon " + std::to_string(i + 1) + " cannot be read");
        }
        geoms.emplace_back(g);
    }
    GEOSWKBReader_destroy_r(h, reader);

    // Candidates by envelope (widened by the snap distance), each pair once (j > i): the
    // serial part, as the tree is built on its first query. The geometry tests, the costly
    // part, then run on `threads` threads, each with its own GEOS context.
    GEOSSTRtree* tree = GEOSSTRtree_create_r(h, 10);
    for (std::size_t i = 0; i < geoms.size(); ++i) GEOSSTRtree_insert_r(h, tree, geoms[i].get(), reinterpret_cast<void*>(i));
    struct Query {
        std::size_t i;
        std::vector<std::uint32_t> hits;
    };
    std::vector<std::vector<std::uint32_t>> candidates(geoms.size());
    for (std::size_t i = 0; i < geoms.size(); ++i) {
        Query q{i, {}};
        detail::GeosGeometryPtr probe(GEOSEnvelope_r(h, geoms[i].get()));
        if (snap_m > 0) probe.reset(GEOSBuffer_r(h, probe.get(), snap_m, 1));
        GEOSSTRtree_query_r(
            h, tree, probe.get(),
            [](void* item, void* data) {
                auto* query = static_cast<Query*>(data);
                const auto j = reinterpret_cast<std::size_t>(item);
                if (j > query->i) query->hits.push_back(static_cast<std::uint32_t>(j));
            },
            &q);
        candidates[i] = std::move(q.hits);
    }
    GEOSSTRtree_destroy_r(h, tree);

    std::vector<std::vector<std::uint32_t>> touching(geoms.size());  // j > i only
    std::atomic<bool> failed{false};
    std::atomic<std::size_t> failed_i{0}, failed_j{0};
    parallel_blocks(geoms.size(), threads, 256, [&](std::size_t begin, std::size_t end) {
        const GEOSContextHandle_t th = detail::geos_context();
        for (std::size_t i = begin; i < end && !failed; ++i) {
            if (candidates[i].empty()) continue;
            const GEOSPreparedGeometry* prepared = GEOSPrepare_r(th, geoms[i].get());
            for (std::uint32_t j : candidates[i]) {
                const char touches = snap_m > 0 ? GEOSPreparedDistanceWithin_r(th, prepared, geoms[j].get(), snap_m)
                                                : GEOSPreparedIntersects_r(th, prepared, geoms[j].get());
                if (touches == 2) {
                    failed_i = i;
                    failed_j = j;
                    failed = true;
                    break;
                }
                if (touches) touching[i].push_back(j);
            }
            GEOSPreparedGeom_destroy_r(th, prepared);
        }
    });
    if (failed)
        throw GeometryError("queen contiguity: GEOS failed comparing polygons " + std::to_string(failed_i + 1) + " and " + std::to_string(failed_j + 1));
    std::vector<std::vector<std::uint32_t>> lists(geoms.size());
    for (std::size_t i = 0; i < geoms.size(); ++i)
        for (std::uint32_t j : touching[i]) {
            lists[i].push_back(j);
            lists[j].push_back(static_cast<std::uint32_t>(i));
        }
    std::string rule = "queen contiguity (shared boundary point";
    if (snap_m > 0) rule += ", or within " + format_exact(snap_m) + " m";
    return Neighbours::from_lists(lists, rule + ")");
}

const char* to_string(WeightStyle s) { return s == WeightStyle::binary ? "binary (B)" : "row-standardised (W)"; }

WeightStyle parse_weight_style(const std::string& s) {
    const std::string v = lowercase(trim(s));
    if (v == "b" || v == "binary") return WeightStyle::binary;
    if (v == "w" || v == "row" || v == "row_standardised" || v == "row-standardised") return WeightStyle::row_standardised;
    throw ConfigError("weights must be binary (B) or row (W), not " + quote_value(s));
}

std::vector<double> spatial_lag(const Neighbours& nb, WeightStyle style, std::span<const double> v) {
    std::vector<double> lag(nb.size(), 0.0);
    for (std::size_t i = 0; i < nb.size(); ++i) {
        const auto js = nb.of(i);
        if (js.empty()) continue;
        double s = 0;
        for (std::uint32_t j : js) s += v[j];
        lag[i] = s * weight(style, js.size());
    }
    return lag;
}

WeightConstants weight_constants(const Neighbours& nb, WeightStyle style) {
    const std::size_t n = nb.size();
    WeightConstants c;
    long double s0 = 0, s1 = 0, s2 = 0;  // long double sums, as R's sum()
    std::vector<double> row(n, 0.0), column(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto js = nb.of(i);
        if (js.empty()) continue;
        ++c.with_neighbours;
        const double wij = weight(style, js.size());
        for (std::uint32_t j : js) {
            const auto back = nb.of(j);
            const bool mutual = std::binary_search(back.begin(), back.end(), static_cast<std::uint32_t>(i));
            const double wji = mutual ? weight(style, back.size()) : 0.0;
            s0 += wij;
            // Each ordered pair (i, j) with j in N(i); a one-way pair also stands for (j, i).
            s1 += (wij + wji) * (wij + wji) * (mutual ? 0.5 : 1.0);
            row[i] += wij;
            column[j] += wij;
        }
    }
    for (std::size_t i = 0; i < n; ++i) s2 += (row[i] + column[i]) * (row[i] + column[i]);
    c.s0 = static_cast<double>(s0);
    c.s1 = static_cast<double>(s1);
    c.s2 = static_cast<double>(s2);
    return c;
}

}  // namespace hotspot
