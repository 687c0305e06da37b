#pragma once
// Ranks with ties sharing their mean rank, and Spearman's rank correlation with the two-sided
// p-value SciPy's spearmanr gives (Student t with n - 2 degrees of freedom).
#include <cstddef>
#include <span>
#include <vector>

namespace hotspot {

// 1..n ascending; tied values share the mean of their ranks (R rank(), scipy rankdata "average").
std::vector<double> average_ranks(std::span<const double> x);

struct Spearman {
    std::size_t n = 0;
    double rho = 0;
    double t = 0;
    double p_two_sided = 0;
    const char* p_method = "Student t, n - 2 df (as scipy.stats.spearmanr)";
};

// Spearman's rho from the average_ranks of each side (Pearson's r of the ranks), for many pairs
// of samples ranked once each. Both of equal length >= 2, neither constant (not checked here).
double rho_of_ranks(std::span<const double> rank_x, std::span<const double> rank_y);

// Refuses (InputError) fewer than 3 pairs, non-finite values, different lengths, or a constant side.
Spearman spearman(std::span<const double> x, std::span<const double> y);

}  // namespace hotspot
