#pragma once
// Pieces shared by our own SVG charts (evaluation_chart, trend_chart): text escaping and round
// axis steps.
#include <cmath>
#include <string>

namespace hotspot::detail {

inline std::string svg_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

// A round step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` intervals over [0, top].
inline double nice_step(double top, int ticks) {
    const double raw = top / ticks, mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= f * mag) return f * mag;
    return 10 * mag;
}

}  // namespace hotspot::detail
