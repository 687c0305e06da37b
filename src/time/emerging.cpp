#include "hotspot/time/emerging.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/parallel.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/time/mann_kendall.hpp"
#include "hotspot/time/space_time_gistar.hpp"

#include <cmath>
#include <cstdlib>

namespace hotspot {

int emerging_level(double alpha) {
    if (std::abs(alpha - 0.10) < 1e-12) return 1;
    if (std::abs(alpha - 0.05) < 1e-12) return 2;
    if (std::abs(alpha - 0.01) < 1e-12) return 3;
    throw ConfigError("emerging hot spots: significance level " + format_plain(alpha) +
                      " is not one of Gi*'s FDR levels 0.10, 0.05, 0.01");
}

namespace {

TrendDirection direction(const MannKendall& mk, double alpha) {
    if (!(mk.p < alpha) || mk.s == 0) return TrendDirection::none;
    return mk.s > 0 ? TrendDirection::up : TrendDirection::down;
}

}  // namespace

EmergingResult emerging_hot_spots(std::span<const double> counts, std::size_t locations, const Neighbours& spatial,
                                  const EmergingOptions& o) {
    const int level = emerging_level(o.alpha);
    if (locations == 0 || counts.size() % locations != 0) throw Error("emerging hot spots: the cube is not whole steps of its locations");
    EmergingResult r;
    r.locations = locations;
    r.steps = counts.size() / locations;
    if (r.steps < o.min_steps)
        throw ConfigError("emerging hot spots need at least " + std::to_string(o.min_steps) + " time steps for a trend; the cube has " +
                          std::to_string(r.steps));
    r.bins = space_time_gi_star(counts, locations, spatial, o.time_window, GiStarFdr::compute, o.threads);
    r.significance.assign(counts.size(), 0);
    for (std::size_t b = 0; b < counts.size(); ++b)
        if (r.bins.bin_fdr[b] && std::abs(*r.bins.bin_fdr[b]) >= level) r.significance[b] = *r.bins.bin_fdr[b] > 0 ? 1 : -1;
    r.at.resize(locations);
    parallel_blocks(locations, o.threads, 1024, [&](std::size_t begin, std::size_t end) {
        std::vector<double> z, c, scratch;
        std::vector<BinSignificance> bins(r.steps);
        for (std::size_t i = begin; i < end; ++i) {
            EmergingLocation& at = r.at[i];
            z.clear(), c.clear();
            for (std::size_t t = 0; t < r.steps; ++t) {
                const std::size_t b = t * locations + i;
                bins[t] = static_cast<BinSignificance>(r.significance[b]);
                at.hot_steps += r.significance[b] > 0, at.cold_steps += r.significance[b] < 0;
                if (r.bins.z[b]) z.push_back(*r.bins.z[b]);  // an undefined z is left out of the trend
                c.push_back(counts[b]);
            }
            at.steps_with_z = static_cast<std::uint32_t>(z.size());
            const MannKendall zmk = mann_kendall_test(z, scratch), cmk = mann_kendall_test(c, scratch);
            at.z_trend_z = zmk.z, at.z_trend_p = zmk.p, at.z_trend = direction(zmk, o.alpha);
            at.count_trend_z = cmk.z, at.count_trend_p = cmk.p, at.count_trend = direction(cmk, o.alpha);
            at.pattern = classify_emerging(bins, at.z_trend);
        }
    });
    for (const EmergingLocation& at : r.at) ++r.pattern_count[static_cast<std::size_t>(at.pattern.code() + 8)];
    return r;
}

}  // namespace hotspot
