#include "hotspot/time/knox.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/parallel.hpp"
#include "hotspot/base/random.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/point_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hotspot {

namespace {

template <class T>
std::string breaks_text(const std::vector<T>& breaks) {
    std::string s;
    for (const T b : breaks) s.append(s.empty() ? "" : ",").append(format_fixed(static_cast<double>(b), b == std::floor(b) ? 0 : 2));
    return s;
}

template <class T>
void check_breaks(const std::vector<T>& breaks, const char* option) {
    const auto fail = [&](const std::string& why) {
        throw ConfigError(std::string(option) + " " + quote_value(breaks_text(breaks)) + ": " + why);
    };
    if (breaks.empty()) fail("give at least one break, starting at 0");
    if (breaks.front() != 0) fail("the first break must be 0, so that every pair is in a band");
    for (std::size_t k = 0; k < breaks.size(); ++k) {
        if (!std::isfinite(static_cast<double>(breaks[k]))) fail("every break must be a finite number");
        if (k > 0 && !(breaks[k] > breaks[k - 1])) fail("the breaks must increase");
    }
}

// Right-open bands: the band of v is the last break <= v (the last band is open above).
template <class T, class V>
std::uint16_t band_of(const std::vector<T>& breaks, V v) {
    return static_cast<std::uint16_t>(std::upper_bound(breaks.begin(), breaks.end(), v) - breaks.begin() - 1);
}

double pair_distance(const std::vector<double>& x, const std::vector<double>& y, std::size_t i, std::size_t j, KnoxDistance d) {
    const double dx = std::abs(x[i] - x[j]), dy = std::abs(y[i] - y[j]);
    return d == KnoxDistance::manhattan ? dx + dy : std::hypot(dx, dy);
}

std::int64_t day_gap(DayIndex a, DayIndex b) { return std::abs(static_cast<std::int64_t>(a) - static_cast<std::int64_t>(b)); }

struct NearPair {
    std::uint32_t i, j;
    std::uint16_t space_band;
};

// Pairs closer than the last finite spatial break, found through the k-d tree: a Manhattan
// distance is never below the Euclidean one, so a Euclidean search of that radius finds them all.
std::vector<NearPair> near_pairs(const std::vector<double>& x, const std::vector<double>& y, const KnoxOptions& o) {
    std::vector<NearPair> out;
    const double reach = o.space_breaks_m.back();
    if (reach <= 0.0) return out;
    const PointIndex index(x.data(), y.data(), x.size());
    const double search = reach * (1.0 + 1e-9) + 1e-9;  // the tree's squared distances may round the other way
    for (std::size_t i = 0; i < x.size(); ++i)
        for (const Neighbour& n : index.within(x[i], y[i], search)) {
            if (n.index <= i) continue;
            const double d = pair_distance(x, y, i, n.index, o.distance);
            if (d >= reach) continue;
            if (out.size() == o.max_near_pairs)
                throw ConfigError("--space-breaks: more than " + std::to_string(o.max_near_pairs) + " pairs of incidents are closer than " +
                                  format_fixed(reach, 0) + " m (the last break); give a smaller last break (the pairs beyond it "
                                  "are counted without being listed) or fewer incidents");
            out.push_back({static_cast<std::uint32_t>(i), n.index, band_of(o.space_breaks_m, d)});
        }
    return out;
}

// Pairs per time band over all pairs, near or not: O(n log n) on the sorted days. These column
// totals do not change when the dates are permuted over the events.
std::vector<std::uint64_t> time_band_totals(std::vector<DayIndex> days, const std::vector<std::int32_t>& breaks) {
    std::sort(days.begin(), days.end());
    // at_least[k]: pairs at least breaks[k] days apart.
    std::vector<std::uint64_t> at_least(breaks.size(), 0);
    for (std::size_t k = 0; k < breaks.size(); ++k)
        for (std::size_t j = 0; j < days.size(); ++j) {
            const std::int64_t latest = static_cast<std::int64_t>(days[j]) - breaks[k];  // days[i] <= latest, i < j
            at_least[k] += static_cast<std::uint64_t>(
                std::upper_bound(days.begin(), days.begin() + static_cast<std::ptrdiff_t>(j), latest,
                                 [](std::int64_t v, DayIndex d) { return v < static_cast<std::int64_t>(d); }) -
                days.begin());
        }
    std::vector<std::uint64_t> totals(breaks.size());
    for (std::size_t k = 0; k < breaks.size(); ++k) totals[k] = at_least[k] - (k + 1 < breaks.size() ? at_least[k + 1] : 0);
    return totals;
}

// The time band of a gap in days: a lookup table below the last break (the simulations look up
// every near pair R times), the last band above it.
class TimeBands {
public:
    explicit TimeBands(const std::vector<std::int32_t>& breaks) : breaks_(breaks) {
        if (breaks.back() <= 1'000'000)
            for (std::int32_t gap = 0; gap < breaks.back(); ++gap) by_gap_.push_back(band_of(breaks, gap));
    }
    std::uint16_t operator()(std::int64_t gap) const {
        if (gap < static_cast<std::int64_t>(by_gap_.size())) return by_gap_[static_cast<std::size_t>(gap)];
        return band_of(breaks_, gap);
    }

private:
    const std::vector<std::int32_t>& breaks_;
    std::vector<std::uint16_t> by_gap_;
};

// The full table for one assignment of days to events: near rows counted, the last row by difference.
void count_table(const std::vector<NearPair>& near, const std::vector<DayIndex>& day, const KnoxOptions& o,
                 const std::vector<std::uint64_t>& column_totals, std::vector<std::uint64_t>& table) {
    const std::size_t tb = o.time_breaks_days.size(), last_row = o.space_breaks_m.size() - 1;
    const TimeBands time_band(o.time_breaks_days);
    std::fill(table.begin(), table.end(), 0);
    for (const NearPair& p : near) ++table[p.space_band * tb + time_band(day_gap(day[p.i], day[p.j]))];
    for (std::size_t t = 0; t < tb; ++t) {
        std::uint64_t near_in_column = 0;
        for (std::size_t s = 0; s < last_row; ++s) near_in_column += table[s * tb + t];
        table[last_row * tb + t] = column_totals[t] - near_in_column;
    }
}

void check_inputs(const std::vector<double>& x, const std::vector<double>& y, const std::vector<DayIndex>& day, const KnoxOptions& o) {
    check_knox_breaks(o);
    if (x.size() != y.size() || x.size() != day.size()) throw Error("knox: x, y and day differ in length");
    if (x.size() > std::numeric_limits<std::uint32_t>::max()) throw ConfigError("knox: more than 2^32 events");
    for (std::size_t i = 0; i < day.size(); ++i)
        if (day[i] == unknown_day) throw ConfigError("knox: event " + std::to_string(i + 1) + " has no day (month-resolution date)");
}

double median_of(std::vector<double>& v) {
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
    const double upper = v[mid];
    if (v.size() % 2 == 1) return upper;
    return 0.5 * (upper + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid)));
}

std::string number_text(double v) {
    return format_fixed(v, v == std::floor(v) ? 0 : 2);
}

}  // namespace

void check_knox_breaks(const KnoxOptions& options) {
    check_breaks(options.space_breaks_m, "--space-breaks");
    check_breaks(options.time_breaks_days, "--time-breaks");
    if (options.space_breaks_m.size() > 1000 || options.time_breaks_days.size() > 1000)
        throw ConfigError("--space-breaks/--time-breaks: at most 1000 breaks each");
}

std::vector<std::uint64_t> knox_observed(const std::vector<double>& x, const std::vector<double>& y,
                                         const std::vector<DayIndex>& day, const KnoxOptions& options) {
    check_inputs(x, y, day, options);
    std::vector<std::uint64_t> table(options.space_breaks_m.size() * options.time_breaks_days.size());
    count_table(near_pairs(x, y, options), day, options, time_band_totals(day, options.time_breaks_days), table);
    return table;
}

KnoxTable knox_test(const std::vector<double>& x, const std::vector<double>& y, const std::vector<DayIndex>& day,
                    const KnoxOptions& options) {
    check_inputs(x, y, day, options);
    KnoxTable out;
    out.space_bands = options.space_breaks_m.size();
    out.time_bands = options.time_breaks_days.size();
    out.events = x.size();
    out.pairs = out.events * (out.events - (out.events > 0 ? 1 : 0)) / 2;
    out.simulations = options.simulations;
    out.seed = options.seed;
    const std::size_t cells = out.space_bands * out.time_bands;
    const std::vector<NearPair> near = near_pairs(x, y, options);
    out.near_pairs = near.size();
    const std::vector<std::uint64_t> totals = time_band_totals(day, options.time_breaks_days);
    out.observed.assign(cells, 0);
    count_table(near, day, options, totals, out.observed);

    // Simulated tables, one row of `cells` per permutation of the dates over the events.
    const std::size_t r = options.simulations;
    std::vector<double> simulated(r * cells);
    parallel_blocks(r, options.threads, 8, [&](std::size_t begin, std::size_t end) {
        std::vector<std::uint64_t> table(cells);
        std::vector<DayIndex> shuffled;
        for (std::size_t k = begin; k < end; ++k) {
            SplitMix64 rng(options.seed, k);
            shuffled = day;
            for (std::size_t i = shuffled.size(); i > 1; --i) std::swap(shuffled[i - 1], shuffled[rng.below(i)]);  // Fisher-Yates
            count_table(near, shuffled, options, totals, table);
            for (std::size_t c = 0; c < cells; ++c) simulated[k * cells + c] = static_cast<double>(table[c]);
        }
    });
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out.mean_expected.assign(cells, nan);
    out.median_expected.assign(cells, nan);
    out.ratio.assign(cells, nan);
    out.ratio_median.assign(cells, nan);
    out.p_value.assign(cells, nan);
    if (r == 0) return out;
    std::vector<double> column(r);
    for (std::size_t c = 0; c < cells; ++c) {
        double sum = 0;
        std::size_t at_least = 0;
        for (std::size_t k = 0; k < r; ++k) {
            column[k] = simulated[k * cells + c];
            sum += column[k];
            at_least += column[k] >= static_cast<double>(out.observed[c]) ? 1 : 0;
        }
        out.mean_expected[c] = sum / static_cast<double>(r);
        out.median_expected[c] = median_of(column);
        const double obs = static_cast<double>(out.observed[c]);
        if (out.mean_expected[c] > 0) out.ratio[c] = obs / out.mean_expected[c];
        if (out.median_expected[c] > 0) out.ratio_median[c] = obs / out.median_expected[c];
        out.p_value[c] = static_cast<double>(1 + at_least) / static_cast<double>(1 + r);
    }
    return out;
}

std::string knox_space_label(const KnoxOptions& o, std::size_t band) {
    const auto& b = o.space_breaks_m;
    std::string label = "[";  // appended, not "[" + ...: GCC 12 warns falsely (-Wrestrict) on a literal + a temporary
    label += number_text(b[band]) + "," + (band + 1 < b.size() ? number_text(b[band + 1]) : std::string("∞")) + ") m";
    return label;
}

std::string knox_time_label(const KnoxOptions& o, std::size_t band) {
    const auto& b = o.time_breaks_days;
    std::string label = "[";
    label += std::to_string(b[band]) + "," + (band + 1 < b.size() ? std::to_string(b[band + 1]) : std::string("∞")) + ") days";
    return label;
}

// NRC 1.3 labels a band [a, b) as "a+1 to b" (its first bands "Same location", "1 to ...",
// "0 to ..."), and the last as "More than a" (NearRepeat vignette NRC.Rmd).
std::string knox_space_label_nrc(const KnoxOptions& o, std::size_t band) {
    const auto& b = o.space_breaks_m;
    if (band + 1 == b.size()) return "More than " + number_text(b[band]);
    if (band == 0 && b[1] == 1) return "Same location";
    return number_text(b[band] <= 1 ? b[band] : b[band] + 1) + " to " + number_text(b[band + 1]);
}

std::string knox_time_label_nrc(const KnoxOptions& o, std::size_t band) {
    const auto& b = o.time_breaks_days;
    if (band + 1 == b.size()) return "More than " + std::to_string(b[band]);
    return std::to_string(b[band] == 0 ? 0 : b[band] + 1) + " to " + std::to_string(b[band + 1]);
}

}  // namespace hotspot
