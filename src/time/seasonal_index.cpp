#include "hotspot/time/seasonal_index.hpp"

#include "hotspot/base/periods.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <vector>

namespace hotspot {

std::optional<SeasonalIndex> seasonal_index(std::span<const double> x, MonthIndex first_month, std::string* why) {
    const std::size_t n = x.size();
    if (n < seasonal_minimum_months) {
        if (why) *why = std::to_string(n) + " months; a seasonal index needs at least " + std::to_string(seasonal_minimum_months);
        return std::nullopt;
    }
    std::array<std::vector<double>, 12> ratios;
    for (std::size_t i = 6; i + 6 < n; ++i) {
        double sum = 0.5 * (x[i - 6] + x[i + 6]);  // NaN anywhere in the window makes the trend NaN
        for (std::size_t j = i - 5; j <= i + 5; ++j) sum += x[j];
        const double trend = sum / 12;
        const double ratio = x[i] / trend;
        if (std::isfinite(ratio)) ratios[static_cast<std::size_t>(month_of(first_month + static_cast<MonthIndex>(i)) - 1)].push_back(ratio);
    }
    SeasonalIndex s;
    double total = 0;
    for (std::size_t m = 0; m < 12; ++m) {
        if (ratios[m].empty()) {
            if (why) *why = "no ratio to the 12-month moving average for " + month_short_name(month_index(2000, static_cast<int>(m) + 1)) +
                            " (missing months or a zero moving average)";
            return std::nullopt;
        }
        double sum = 0;
        for (double r : ratios[m]) sum += r;
        s.index[m] = sum / static_cast<double>(ratios[m].size());
        s.ratios[m] = ratios[m].size();
        total += s.index[m];
    }
    s.normaliser = total / 12;
    for (std::size_t m = 0; m < 12; ++m) {
        s.index[m] /= s.normaliser;
        const std::vector<double>& r = ratios[m];
        const std::size_t k = r.size();
        s.t_p[m] = std::numeric_limits<double>::quiet_NaN();
        if (k >= 2) {
            double mean = 0, ss = 0;
            for (double v : r) mean += v / s.normaliser;
            mean /= static_cast<double>(k);
            for (double v : r) ss += (v / s.normaliser - mean) * (v / s.normaliser - mean);
            const double sd = std::sqrt(ss / static_cast<double>(k - 1));
            if (sd > 0) {
                const double t = (mean - 1) / (sd / std::sqrt(static_cast<double>(k)));
                s.t_p[m] = boost::math::cdf(boost::math::complement(boost::math::students_t(static_cast<double>(k - 1)), t));
            }  // equal ratios: no test (R's t.test refuses "essentially constant" data)
        }
        s.above[m] = s.index[m] > 1 && s.t_p[m] < 0.05;
    }
    return s;
}

}  // namespace hotspot
