#include "hotspot/time/space_time_gistar.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/parallel.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace hotspot {

GiStarResult space_time_gi_star(std::span<const double> counts, std::size_t locations, const Neighbours& spatial, std::size_t window,
                                GiStarFdr fdr, unsigned threads) {
    if (locations == 0 || counts.size() % locations != 0)
        throw Error("space-time Gi*: " + std::to_string(counts.size()) + " bins are not whole steps of " + std::to_string(locations) +
                    " locations");
    if (spatial.size() != locations) throw Error("space-time Gi*: neighbour lists and locations differ in number");
    const std::size_t steps = counts.size() / locations;
    // Per bin: the location and its spatial neighbours at that step (the "column" of the bin).
    std::vector<double> column(counts.size());
    parallel_blocks(steps, threads, 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t t = begin; t < end; ++t) {
            const double* x = counts.data() + t * locations;
            for (std::size_t i = 0; i < locations; ++i) {
                double s = x[i];
                for (std::uint32_t j : spatial.of(i)) s += x[j];
                column[t * locations + i] = s;
            }
        }
    });
    // The neighbourhood of (i, t) is the columns of i at steps t - window .. t, less the bin itself.
    std::vector<double> sum(counts.size());
    std::vector<std::uint32_t> count(counts.size());
    parallel_blocks(locations, threads, 4096, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const auto width = static_cast<std::uint32_t>(spatial.count(i) + 1);
            for (std::size_t t = 0; t < steps; ++t) {
                const std::size_t back = std::min(t, window);
                double columns = 0;  // summed in time order, so the result does not drift with the step
                for (std::size_t s = t - back; s <= t; ++s) columns += column[s * locations + i];
                const std::size_t b = t * locations + i;
                sum[b] = columns - counts[b];
                count[b] = width * static_cast<std::uint32_t>(back + 1) - 1;
            }
        }
    });
    return gi_star(counts, sum, count, fdr);
}

}  // namespace hotspot
