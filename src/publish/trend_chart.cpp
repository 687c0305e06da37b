// The charts of `hotspot trend`: plain SVG written here (no plotting dependency). A series'
// counts per period with its Sen's slope line, and a 12-bar chart of its seasonal indices; both
// with the unit and period on the axes and the test in words.
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/trend_output.hpp"
#include "publish/svg_text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace hotspot {

using detail::nice_step;
using detail::svg_escape;

namespace {

constexpr double width = 900, height = 560, left = 80, right = 30, top = 98, bottom = 96;

std::string signed_text(double v, int decimals) {
    std::string text = format_fixed(v, decimals);
    if (v > 0) text.insert(text.begin(), '+');
    return text;
}

// The series in bold, then what is drawn and how it was tested, one line each (short enough for A4).
void frame(std::ostringstream& s, const std::string& title, const std::string& what, const std::string& subtitle, const std::string& subtitle2) {
    s << trend_chart_start << " width=\"" << width << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " " << height
      << "\" font-family=\"sans-serif\" font-size=\"13\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << left << "\" y=\"24\" font-size=\"16\" font-weight=\"bold\">" << svg_escape(title) << "</text>\n"
      << "<text x=\"" << left << "\" y=\"44\" font-size=\"14\">" << svg_escape(what) << "</text>\n"
      << "<text x=\"" << left << "\" y=\"64\" fill=\"#333\">" << svg_escape(subtitle) << "</text>\n"
      << "<text x=\"" << left << "\" y=\"82\" fill=\"#333\">" << svg_escape(subtitle2) << "</text>\n";
}

// Horizontal grid lines with y labels from 0 to ytop, and the two axes.
void y_axis(std::ostringstream& s, double ytop, double step, const std::string& label) {
    const double pw = width - left - right, ph = height - top - bottom;
    for (double v = 0; v <= ytop + step / 2; v += step) {
        const double y = top + ph * (1 - v / ytop);
        s << "<line x1=\"" << left << "\" x2=\"" << left + pw << "\" y1=\"" << y << "\" y2=\"" << y << "\" stroke=\"#ddd\"/>\n"
          << "<text x=\"" << left - 6 << "\" y=\"" << y + 4 << "\" text-anchor=\"end\">" << format_plain(v) << "</text>\n";
    }
    s << "<line x1=\"" << left << "\" x2=\"" << left << "\" y1=\"" << top << "\" y2=\"" << top + ph << "\" stroke=\"black\"/>\n"
      << "<line x1=\"" << left << "\" x2=\"" << left + pw << "\" y1=\"" << top + ph << "\" y2=\"" << top + ph << "\" stroke=\"black\"/>\n"
      << "<text transform=\"rotate(-90)\" x=\"" << -(top + ph / 2) << "\" y=\"20\" text-anchor=\"middle\">" << svg_escape(label) << "</text>\n";
}

}  // namespace

std::string trend_chart_svg(const TrendResult& r, std::size_t si) {
    const TrendSeries& ser = r.series[si];
    const MannKendall& mk = ser.mk;
    const std::string step = trend_step_name(r.config.step);
    const std::size_t n = r.step_starts.size();
    const double pw = width - left - right, ph = height - top - bottom;
    double ymax = 0;
    for (double v : ser.counts)
        if (!std::isnan(v)) ymax = std::max(ymax, v);
    const auto line_at = [&mk](double k) { return mk.sen_intercept + mk.sen_slope * k; };
    if (std::isfinite(mk.sen_slope)) ymax = std::max({ymax, line_at(0), line_at(static_cast<double>(n - 1))});
    if (ymax <= 0) ymax = 1;
    const double ystep = nice_step(ymax, 5), ytop = std::ceil(ymax / ystep) * ystep;
    const auto px = [&](double k) { return left + (n > 1 ? pw * k / static_cast<double>(n - 1) : pw / 2); };
    const auto py = [&](double v) { return top + ph * (1 - std::clamp(v, 0.0, ytop) / ytop); };
    std::ostringstream s;
    const std::string span = trend_step_label(r.config.step, r.step_starts.front()) + ".." + trend_step_label(r.config.step, r.step_starts.back());
    std::string test = "Mann-Kendall: " + ser.direction + " (S = " + format_plain(mk.s) + ", Z = " + format_fixed(mk.z, 2) + ", p = " +
                       format_fixed(mk.p, 4) + ", n = " + std::to_string(mk.n) + " " + step + "s)";
    std::string sen = std::isfinite(mk.sen_slope)
                          ? "Sen's slope (dashed): the count per " + step + " changes by " + signed_text(mk.sen_slope, 2) + " each " + step + ", " +
                                format_plain(r.config.confidence * 100) + " % CI " +
                                (std::isfinite(mk.sen_lower) && std::isfinite(mk.sen_upper)
                                     ? signed_text(mk.sen_lower, 2) + " to " + signed_text(mk.sen_upper, 2)
                                     : std::string("not available (too few ") + step + "s)")
                          : "no Sen's slope (fewer than 2 " + step + "s with data)";
    frame(s, trend_series_label(ser), "Incidents per " + step + ", " + span, test, sen);
    y_axis(s, ytop, ystep, "Incidents per " + step + " (count)");
    const std::size_t every = n <= 16 ? 1 : n <= 40 ? 3 : 6;
    for (std::size_t k = 0; k < n; ++k) {
        const double x = px(static_cast<double>(k));
        if (std::isnan(ser.counts[k])) {  // no data: a grey band half way to each neighbour, never a zero, inside the plot
            const double half = n > 1 ? pw / static_cast<double>(2 * (n - 1)) : pw / 2;
            const double x0 = std::max(left, x - half), x1 = std::min(left + pw, x + half);
            s << "<rect x=\"" << x0 << "\" y=\"" << top << "\" width=\"" << x1 - x0 << "\" height=\"" << ph << "\" fill=\"#eee\"/>\n";
        }
        if (k % every == 0 || k + 1 == n)
            s << "<text x=\"" << x << "\" y=\"" << top + ph + 16 << "\" text-anchor=\"end\" transform=\"rotate(-45 " << x << " " << top + ph + 16
              << ")\">" << trend_step_label(r.config.step, r.step_starts[k]) << "</text>\n";
    }
    std::string points;  // one polyline per run of periods with data
    const auto flush = [&] {
        if (!points.empty()) s << "<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" points=\"" << points << "\"/>\n";
        points.clear();
    };
    for (std::size_t k = 0; k < n; ++k) {
        if (std::isnan(ser.counts[k])) {
            flush();
            continue;
        }
        const double x = px(static_cast<double>(k)), y = py(ser.counts[k]);
        points += format_fixed(x, 1) + "," + format_fixed(y, 1) + " ";
        s << "<circle cx=\"" << format_fixed(x, 1) << "\" cy=\"" << format_fixed(y, 1) << "\" r=\"2.5\" fill=\"#1f5fa8\"/>\n";
    }
    flush();
    if (std::isfinite(mk.sen_slope))
        s << "<line x1=\"" << px(0) << "\" y1=\"" << py(line_at(0)) << "\" x2=\"" << px(static_cast<double>(n - 1)) << "\" y2=\""
          << py(line_at(static_cast<double>(n - 1))) << "\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n";
    std::string x_label = trend_step_name(r.config.step) + " (" + month_range_label(r.first_month, r.last_month) + ")";
    x_label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(x_label[0])));
    if (ser.missing_steps > 0) x_label += "; grey: no data (" + std::to_string(ser.missing_steps) + " " + step + "s, not zero)";
    s << "<text x=\"" << left + pw / 2 << "\" y=\"" << height - 10 << "\" text-anchor=\"middle\">" << svg_escape(x_label) << "</text>\n</svg>\n";
    return s.str();
}

std::string seasonal_chart_svg(const TrendResult& r, std::size_t si) {
    const TrendSeries& ser = r.series[si];
    if (!ser.seasonal) return "";
    const SeasonalIndex& x = *ser.seasonal;
    const double pw = width - left - right, ph = height - top - bottom;
    const double ymax = std::max(1.2, *std::max_element(x.index.begin(), x.index.end()));
    const double ystep = nice_step(ymax, 6), ytop = std::ceil(ymax / ystep) * ystep;
    const auto py = [&](double v) { return top + ph * (1 - v / ytop); };
    std::string peaks;
    for (std::size_t m = 0; m < 12; ++m)
        if (x.above[m]) peaks += (peaks.empty() ? "" : ", ") + month_short_name(month_index(2000, static_cast<int>(m) + 1));
    std::ostringstream s;
    frame(s, trend_series_label(ser), "Seasonal index by calendar month",
          "Monthly incidents " + month_range_label(r.first_month, r.last_month) + " relative to the centred 12-month moving average, averaged over years",
          "Red bars: significantly above average (index > 1, one-sided t-test of the yearly ratios, p < 0.05): " +
              (peaks.empty() ? std::string("none") : peaks));
    y_axis(s, ytop, ystep, "Seasonal index (1 = an average month; the 12 sum to 12)");
    const double slot = pw / 12, bar = slot * 0.7;
    for (std::size_t m = 0; m < 12; ++m) {
        const double x0 = left + slot * static_cast<double>(m) + (slot - bar) / 2, y = py(x.index[m]);
        s << "<rect x=\"" << format_fixed(x0, 1) << "\" y=\"" << format_fixed(y, 1) << "\" width=\"" << format_fixed(bar, 1) << "\" height=\""
          << format_fixed(top + ph - y, 1) << "\" fill=\"" << (x.above[m] ? "#b03a2e" : "#9db8d9") << "\"/>\n"
          << "<text x=\"" << format_fixed(x0 + bar / 2, 1) << "\" y=\"" << format_fixed(y - 4, 1) << "\" text-anchor=\"middle\" font-size=\"11\">"
          << format_fixed(x.index[m], 2) << "</text>\n"
          << "<text x=\"" << format_fixed(x0 + bar / 2, 1) << "\" y=\"" << top + ph + 18 << "\" text-anchor=\"middle\">"
          << month_short_name(month_index(2000, static_cast<int>(m) + 1)) << "</text>\n";
    }
    s << "<line x1=\"" << left << "\" x2=\"" << left + pw << "\" y1=\"" << py(1) << "\" y2=\"" << py(1)
      << "\" stroke=\"black\" stroke-dasharray=\"4 3\"/>\n"
      << "<text x=\"" << left + pw / 2 << "\" y=\"" << height - 40 << "\" text-anchor=\"middle\">Calendar month</text>\n"
      << "<text x=\"" << left + pw / 2 << "\" y=\"" << height - 18 << "\" text-anchor=\"middle\" fill=\"#333\">"
      << svg_escape("Yearly ratios per month: " + std::to_string(*std::min_element(x.ratios.begin(), x.ratios.end())) + " to " +
                    std::to_string(*std::max_element(x.ratios.begin(), x.ratios.end())) + " (one per year with a centred average)")
      << "</text>\n</svg>\n";
    return s.str();
}

}  // namespace hotspot
