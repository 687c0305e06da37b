#pragma once
// p-values and confidence bins shared by Gi*, Local Moran's I and global Moran's I.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace hotspot {

// Two-sided p of a standard normal z: 2 P(Z > |z|).
double two_sided_p(double z);

// ArcGIS's confidence bins: +-3 / +-2 / +-1 where p < 0.01 / 0.05 / 0.10, signed by z; 0 otherwise.
std::int8_t confidence_bin(double z, double p);

// The same bins after Benjamini-Hochberg false discovery rate correction: at each level
// alpha (0.10, 0.05, 0.01) the features with p <= p_(k) are significant, k the largest rank with
// p_(k) <= k alpha / m over the m tested features. z and p themselves are not changed.
// Missing p (no test) gives no bin and does not count in m.
std::vector<std::optional<std::int8_t>> fdr_bins(std::span<const std::optional<double>> z,
                                                 std::span<const std::optional<double>> p);

// Benjamini-Hochberg at one level: the largest p still significant, or -1 when none is.
double fdr_cutoff(std::vector<double> p, double alpha);

}  // namespace hotspot
