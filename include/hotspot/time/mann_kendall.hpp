#pragma once
// The Mann-Kendall trend test and Sen's slope of one series, as R's cor.test(x, t, method =
// "kendall", exact = FALSE) and the `trend` package's mk.test / sens.slope compute them.
//
// S = sum over pairs i < j of sign(x_j - x_i) (time strictly increasing). Ties in x reduce the
// variance: Var(S) = [n(n-1)(2n+5) - sum_g t_g(t_g-1)(2t_g+5)] / 18 over the groups of equal
// values. Z = (S - sgn S) / sqrt(Var S) (continuity corrected; 0 when S = 0 or Var S = 0), p two-
// sided from the normal. tau is Kendall's tau-b (what cor.test reports with ties; time has none):
// S / sqrt(N' (N' - sum_g t_g(t_g-1)/2)), N' = n(n-1)/2 pairs.
// Sen's slope is the median of the N' pairwise slopes (x_j - x_i) / (t_j - t_i) per time unit;
// its confidence interval is Gilbert's (1987) rank method as trend::sens.slope: C = z_(1-a/2)
// sqrt(Var S), lower = the round((N' - C)/2)-th, upper = the round((N' + C)/2 + 1)-th sorted slope
// (1-based, rounded half to even as R's round, not interpolated); NaN when a rank falls outside
// 1..N' (too few values for that confidence).
#include <span>
#include <vector>

namespace hotspot {

struct MannKendall {
    std::size_t n = 0;   // values tested
    double s = 0;        // Kendall's S
    double var_s = 0;    // Var(S) with the tie correction
    double z = 0;        // (S - sgn S) / sqrt(Var S)
    double p = 1;        // two-sided, normal approximation
    double tau_b = 0;    // Kendall's tau-b (NaN when every value is equal)
    double sen_slope = 0, sen_lower = 0, sen_upper = 0;  // per time unit; NaN when undefined
    double sen_intercept = 0;  // median(x) - sen_slope * median(t) (Conover), for drawing the line
};

// S, Var(S), Z, p and tau-b only (the Sen fields stay 0): O(n^2) sign comparisons and one sort of
// n values, for many short series (`hotspot emerging`: each location's z series). Time order is
// the values' order. `scratch` grows to n doubles.
MannKendall mann_kendall_test(std::span<const double> values, std::vector<double>& scratch);

// The test and Sen's slope: `values` at `times` (strictly increasing; same length). `scratch` is reused between calls (it
// grows to n(n-1)/2 doubles). Needs n >= 2 for S; with n < 2 everything is 0 / NaN.
// `confidence` is the Sen interval's level, e.g. 0.95.
MannKendall mann_kendall(std::span<const double> values, std::span<const double> times, double confidence,
                         std::vector<double>& scratch);

}  // namespace hotspot
