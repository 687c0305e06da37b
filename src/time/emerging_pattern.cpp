#include "hotspot/time/emerging_pattern.hpp"

#include <stdexcept>

namespace hotspot {

namespace {

// The hot-spot rules, written for hot bins; cold patterns call it with the series mirrored.
EmergingPattern classify_side(std::span<const BinSignificance> bins, BinSignificance side, bool trend_with, bool trend_against) {
    const BinSignificance other = side == BinSignificance::hot ? BinSignificance::cold : BinSignificance::hot;
    const std::size_t n = bins.size();
    std::size_t count = 0, first = n;
    bool other_seen = false;
    for (std::size_t i = 0; i < n; ++i) {
        if (bins[i] == side) count += 1, first = first == n ? i : first;
        other_seen = other_seen || bins[i] == other;
    }
    // >= 90 % in integers: 10 x count >= 9 x n (no rounding at exactly 90 %).
    const bool mostly = 10 * count >= 9 * n;
    if (bins[n - 1] != side) return mostly ? EmergingPattern::historical : EmergingPattern::no_pattern;
    if (mostly) return trend_with ? EmergingPattern::intensifying : trend_against ? EmergingPattern::diminishing : EmergingPattern::persistent;
    if (other_seen) return EmergingPattern::oscillating;
    if (count == 1) return EmergingPattern::new_spot;
    // One unbroken run from the first hot bin to the final one: hot bins fill [first, n).
    if (count == n - first) return EmergingPattern::consecutive;
    return EmergingPattern::sporadic;
}

}  // namespace

EmergingClass classify_emerging(std::span<const BinSignificance> bins, TrendDirection trend) {
    if (bins.empty()) throw std::invalid_argument("emerging hot spots: a location with no time steps");
    const BinSignificance last = bins.back();
    EmergingClass c;
    if (last == BinSignificance::hot || last == BinSignificance::none) {
        c.pattern = classify_side(bins, BinSignificance::hot, trend == TrendDirection::up, trend == TrendDirection::down);
        if (c.pattern != EmergingPattern::no_pattern || last == BinSignificance::hot) return c;
    }
    // Final bin cold, or not significant and not historically hot: the cold rules.
    c.pattern = classify_side(bins, BinSignificance::cold, trend == TrendDirection::down, trend == TrendDirection::up);
    c.cold = c.pattern != EmergingPattern::no_pattern;
    return c;
}

const char* emerging_pattern_name(EmergingClass c) {
    switch (c.pattern) {
        case EmergingPattern::no_pattern: return "No Pattern Detected";
        case EmergingPattern::new_spot: return c.cold ? "New Cold Spot" : "New Hot Spot";
        case EmergingPattern::consecutive: return c.cold ? "Consecutive Cold Spot" : "Consecutive Hot Spot";
        case EmergingPattern::intensifying: return c.cold ? "Intensifying Cold Spot" : "Intensifying Hot Spot";
        case EmergingPattern::persistent: return c.cold ? "Persistent Cold Spot" : "Persistent Hot Spot";
        case EmergingPattern::diminishing: return c.cold ? "Diminishing Cold Spot" : "Diminishing Hot Spot";
        case EmergingPattern::sporadic: return c.cold ? "Sporadic Cold Spot" : "Sporadic Hot Spot";
        case EmergingPattern::oscillating: return c.cold ? "Oscillating Cold Spot" : "Oscillating Hot Spot";
        case EmergingPattern::historical: return c.cold ? "Historical Cold Spot" : "Historical Hot Spot";
    }
    return "No Pattern Detected";
}

}  // namespace hotspot
