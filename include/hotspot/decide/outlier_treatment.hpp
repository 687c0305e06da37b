#pragma once
// Outlier treatment of one indicator before scaling, as JRC COINr's default (Treat): where
// |skew| >= 2 and kurtosis >= 3.5 (sample skewness and excess kurtosis, e1071 type 2),
// winsorise the extreme values one at a time (at most winmax points in all), then, if the
// indicator still fails, use the log transform log(x - min + 0.01 (max - min)) of the original.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

enum class OutlierMode { none, winsorise, winsorise_log };
const char* to_string(OutlierMode m);
OutlierMode parse_outlier_mode(const std::string& text);

double skewness_type2(std::span<const double> x);  // e1071::skewness(type = 2); NaN if n < 3 or constant
double kurtosis_type2(std::span<const double> x);  // e1071::kurtosis(type = 2), excess; NaN if n < 4 or constant

struct OutlierTreatment {
    std::string indicator;
    double skew_before = 0, kurtosis_before = 0, skew_after = 0, kurtosis_after = 0;
    std::size_t winsorised = 0;   // points replaced, in all (0 when the log of the original is used)
    bool log_transformed = false;
    bool treated() const { return winsorised > 0 || log_transformed; }
};

// Treats x in place (values of the kept areas only, no missing values).
OutlierTreatment treat_outliers(std::vector<double>& x, OutlierMode mode, const std::string& indicator,
                                std::size_t winmax = 5);

}  // namespace hotspot
