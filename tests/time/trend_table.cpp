// Prints our Mann-Kendall, Sen's slope and seasonal index for seeded random count series as CSV,
// for the R oracle (trend_oracle.R): Poisson counts with a trend and a season, n = 5..120, some
// with many ties (small means). Columns: id, kind, n, value list (;-separated), then results.
#include "hotspot/base/periods.hpp"
#include "hotspot/time/mann_kendall.hpp"
#include "hotspot/time/seasonal_index.hpp"

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

int main() {
    using namespace hotspot;
    std::mt19937 rng(20261130);
    std::vector<double> scratch;
    std::printf("id,n,first_month,values,s,var_s,z,p,tau_b,sen,sen_lower,sen_upper,seasonal\n");
    const double season[12] = {0.8, 0.85, 0.9, 1.05, 1.15, 1.2, 1.3, 1.2, 1.0, 0.95, 0.85, 0.75};
    for (int id = 0; id < 60; ++id) {
        const std::size_t n = id < 20 ? 5 + static_cast<std::size_t>(id) : 24 + static_cast<std::size_t>(rng() % 97);
        const double level = id % 4 == 0 ? 1.5 : id % 4 == 1 ? 8 : 60, slope = (static_cast<double>(id % 5) - 2) * 0.02;
        const MonthIndex first = month_index(2020, 1 + id % 12);
        std::vector<double> x(n), t(n);
        std::string values;
        for (std::size_t i = 0; i < n; ++i) {
            const double mean = level * std::max(0.05, 1 + slope * static_cast<double>(i)) * season[month_of(first + static_cast<MonthIndex>(i)) - 1];
            x[i] = std::poisson_distribution<int>(mean)(rng);
            t[i] = static_cast<double>(i);
            values += (i ? ";" : "") + std::to_string(static_cast<int>(x[i]));
        }
        const MannKendall r = mann_kendall(x, t, 0.95, scratch);
        std::string seasonal;
        std::string why;
        if (const auto s = seasonal_index(x, first, &why))
            for (std::size_t m = 0; m < 12; ++m) {
                char buf[40];
                std::snprintf(buf, sizeof buf, "%s%.17g", m ? ";" : "", s->index[m]);
                seasonal += buf;
            }
        std::printf("%d,%zu,%d,%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%s\n", id, n, month_of(first), values.c_str(), r.s, r.var_s,
                    r.z, r.p, r.tau_b, r.sen_slope, r.sen_lower, r.sen_upper, seasonal.c_str());
    }
    return 0;
}
