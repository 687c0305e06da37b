#include "hotspot/stats/rank_correlation.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace hotspot {

std::vector<double> average_ranks(std::span<const double> x) {
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
    std::vector<double> rank(x.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
        const double mean_rank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;  // ranks i+1 .. j+1 share their mean
        for (std::size_t k = i; k <= j; ++k) rank[order[k]] = mean_rank;
        i = j + 1;
    }
    return rank;
}

Spearman spearman(std::span<const double>, std::span<const double>) { throw std::logic_error("not implemented: spearman"); }

}  // namespace hotspot
