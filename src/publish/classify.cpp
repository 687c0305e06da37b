#include "hotspot/publish/classify.hpp"

#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hotspot {

namespace {

struct Distinct {
    std::vector<double> value, weight;
};

Distinct distinct_sorted(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    Distinct d;
    for (double v : values) {
        if (!d.value.empty() && d.value.back() == v) d.weight.back() += 1;
        else {
            d.value.push_back(v);
            d.weight.push_back(1);
        }
    }
    return d;
}

// Group boundaries (index one past each group's last distinct value) of the optimum.
std::vector<std::size_t> optimal_cuts(const Distinct& d, std::size_t k) {
    const std::size_t n = d.value.size();
    // Shifted by the mean so the prefix sums of squares do not cancel catastrophically.
    double mean = 0, total = 0;
    for (std::size_t i = 0; i < n; ++i) mean += d.value[i] * d.weight[i], total += d.weight[i];
    mean /= total;
    std::vector<double> w(n + 1, 0), s1(n + 1, 0), s2(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const double x = d.value[i] - mean;
        w[i + 1] = w[i] + d.weight[i];
        s1[i + 1] = s1[i] + d.weight[i] * x;
        s2[i + 1] = s2[i] + d.weight[i] * x * x;
    }
    const auto ssd = [&](std::size_t i, std::size_t j) {  // distinct values [i, j)
        const double sw = w[j] - w[i], sx = s1[j] - s1[i];
        return std::max(0.0, s2[j] - s2[i] - sx * sx / sw);
    };
    const double inf = std::numeric_limits<double>::infinity();
    // cost[g][j]: best split of the first j distinct values into g groups; from[g][j] its last cut.
    std::vector<std::vector<double>> cost(k + 1, std::vector<double>(n + 1, inf));
    std::vector<std::vector<std::size_t>> from(k + 1, std::vector<std::size_t>(n + 1, 0));
    cost[0][0] = 0;
    for (std::size_t g = 1; g <= k; ++g)
        for (std::size_t j = g; j <= n; ++j)
            for (std::size_t i = g - 1; i < j; ++i) {
                const double c = cost[g - 1][i] + ssd(i, j);
                if (c < cost[g][j]) cost[g][j] = c, from[g][j] = i;
            }
    std::vector<std::size_t> cuts(k);
    for (std::size_t g = k, j = n; g > 0; --g) {
        cuts[g - 1] = j;
        j = from[g][j];
    }
    return cuts;
}

bool all_whole(const std::vector<double>& values) {
    return std::all_of(values.begin(), values.end(), [](double v) { return std::floor(v) == v && std::fabs(v) < 1e15; });
}

std::string with_thousands(const std::string& s) {
    const std::size_t start = s[0] == '-' ? 1 : 0;
    const std::size_t dot = std::min(s.find('.'), s.size());
    std::string out = s.substr(0, start);
    for (std::size_t i = start; i < dot; ++i) {
        if (i > start && (dot - i) % 3 == 0) out += ',';
        out += s[i];
    }
    return out + s.substr(dot);
}

// Natural breaks of log(v) when every value is positive: counts and rates of crime are
// right-skewed, and breaks of the raw values put most areas in the lowest class (212 of the
// 297 Liverpool LSOAs). Returns values of `sorted` (ascending), not logs.
std::vector<double> breaks_of_skewed(const std::vector<double>& sorted, int classes) {
    if (sorted.empty() || sorted.front() <= 0) return natural_breaks(sorted, classes);
    std::vector<double> logs;
    for (double v : sorted) logs.push_back(std::log(v));
    std::vector<double> out;
    for (double b : natural_breaks(logs, classes))
        out.push_back(sorted[static_cast<std::size_t>(std::upper_bound(logs.begin(), logs.end(), b) - logs.begin()) - 1]);
    return out;
}

}  // namespace

std::string legend_number(double v, int significant) {
    if (v == 0) return "0";
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(v))));
    const int decimals = std::max(0, significant - 1 - magnitude);
    std::string s = format_fixed(v, decimals);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return with_thousands(s);
}

std::vector<double> natural_breaks(std::vector<double> values, int classes) {
    if (values.empty() || classes < 1) return {};
    const Distinct d = distinct_sorted(std::move(values));
    const std::size_t k = std::min(d.value.size(), static_cast<std::size_t>(classes));
    std::vector<double> breaks;
    for (std::size_t cut : optimal_cuts(d, k)) breaks.push_back(d.value[cut - 1]);
    return breaks;
}

std::vector<ValueClass> classify(const std::vector<double>& values, int classes, Breaks kind) {
    std::vector<ValueClass> out;
    if (values.empty() || classes < 1) return out;
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> breaks;
    const bool zero_class = kind == Breaks::skewed && sorted.front() == 0 && sorted.back() > 0 && classes > 1;
    if (zero_class) breaks.push_back(0);
    const std::vector<double> rest(zero_class ? std::upper_bound(sorted.begin(), sorted.end(), 0.0) : sorted.begin(), sorted.end());
    const int left = classes - (zero_class ? 1 : 0);
    for (double b : kind == Breaks::plain ? natural_breaks(rest, left) : breaks_of_skewed(rest, left)) breaks.push_back(b);
    auto it = sorted.begin();
    for (double b : breaks) {
        const auto end = std::upper_bound(it, sorted.end(), b);
        ValueClass c;
        c.lower = out.empty() ? *it : out.back().upper;
        c.upper = b;
        c.min = *it;
        c.max = b;
        c.count = static_cast<std::size_t>(end - it);
        out.push_back(c);
        it = end;
    }
    // Labels: round, then add digits until neighbouring classes read apart ("1.2 - 1.3", "1.3 - 2"
    // would not tell which class 1.3 is in).
    const bool whole = all_whole(sorted);
    for (int sig = 3; sig <= 17; ++sig) {
        std::vector<std::string> shown;
        for (const ValueClass& c : out) {
            shown.push_back(whole ? with_thousands(format_fixed(c.min, 0)) : legend_number(c.min, sig));
            shown.push_back(whole ? with_thousands(format_fixed(c.max, 0)) : legend_number(c.max, sig));
        }
        bool apart = true;
        for (std::size_t k = 1; k + 1 < shown.size(); k += 2) apart = apart && shown[k] != shown[k + 1];
        if (apart || whole || sig == 17) {
            for (std::size_t k = 0; k < out.size(); ++k)
                out[k].label = shown[2 * k] == shown[2 * k + 1] ? shown[2 * k] : shown[2 * k] + " - " + shown[2 * k + 1];
            break;
        }
    }
    return out;
}

}  // namespace hotspot
