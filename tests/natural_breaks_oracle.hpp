#pragma once
// Oracle for natural breaks: the within-class sum of squares of a grouping, and its least value
// over every cut of the distinct values into k contiguous groups (brute force, small inputs).
#include <algorithm>
#include <cstddef>
#include <vector>

namespace hotspot::test {

// Sum of squared deviations of each group of `sorted`, groups ending at `uppers`.
inline double total_ssd(const std::vector<double>& sorted, const std::vector<double>& uppers) {
    double total = 0;
    auto it = sorted.begin();
    for (double u : uppers) {
        const auto end = std::upper_bound(it, sorted.end(), u);
        double mean = 0;
        for (auto p = it; p != end; ++p) mean += *p;
        mean /= static_cast<double>(end - it);
        for (auto p = it; p != end; ++p) total += (*p - mean) * (*p - mean);
        it = end;
    }
    return total;
}

inline double brute_force_best(const std::vector<double>& sorted, std::size_t k) {
    std::vector<double> d = sorted;
    d.erase(std::unique(d.begin(), d.end()), d.end());
    std::vector<int> cut(d.size() - 1, 0);  // 1: a group ends after d[i]
    std::fill(cut.end() - static_cast<std::ptrdiff_t>(k - 1), cut.end(), 1);
    double best = 1e300;
    do {
        std::vector<double> uppers;
        for (std::size_t i = 0; i < cut.size(); ++i)
            if (cut[i]) uppers.push_back(d[i]);
        uppers.push_back(d.back());
        best = std::min(best, total_ssd(sorted, uppers));
    } while (std::next_permutation(cut.begin(), cut.end()));
    return best;
}

}  // namespace hotspot::test
