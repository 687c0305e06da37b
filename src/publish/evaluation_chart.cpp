// The PAI-by-test-month chart of `hotspot evaluate`: plain SVG written here (no plotting
// dependency), one polyline per method, labelled axes (period, unit) and a legend.
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/evaluation_output.hpp"
#include "publish/svg_text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace hotspot {

using detail::nice_step;

namespace {

const char* const palette[] = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"};

}  // namespace

std::string evaluation_chart_svg(const EvaluateResult& r, std::size_t share) {
    const double width = 900, height = 520, left = 70, right = 230, top = 50, bottom = 80;
    const double pw = width - left - right, ph = height - top - bottom;
    const std::size_t months = r.test_months.size(), shares = r.options.shares.size();
    double ymax = 0;
    for (const BacktestOrigin& o : r.backtest.origins)
        if (o.share == share && o.accuracy.pai) ymax = std::max(ymax, *o.accuracy.pai);
    if (ymax <= 0) ymax = 1;
    const double step = nice_step(ymax, 5), ytop = std::ceil(ymax / step) * step;
    const auto px = [&](std::size_t i) { return left + (months > 1 ? pw * static_cast<double>(i) / static_cast<double>(months - 1) : pw / 2); };
    const auto py = [&](double v) { return top + ph * (1 - v / ytop); };
    std::ostringstream s;
    const std::string pct = share_pct_label(r.options.shares[share]);
    s << evaluation_chart_start << " width=\"" << width << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " " << height
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << left << "\" y=\"24\" font-size=\"15\" font-weight=\"bold\">"
      << detail::svg_escape("Predictive accuracy index (PAI) by test month, top " + pct + " % of " + std::to_string(r.data.x.size()) + " cells of " +
                format_plain(r.data.cell_m) + " m")
      << "</text>\n<text x=\"" << left << "\" y=\"40\" fill=\"#444\">"
      << detail::svg_escape("Each month predicted from the " + std::to_string(r.options.fit_months) + " months before it; " + r.incidents_label)
      << "</text>\n";
    for (double v = 0; v <= ytop + step / 2; v += step) {  // horizontal grid and y labels
        s << "<line x1=\"" << left << "\" x2=\"" << left + pw << "\" y1=\"" << py(v) << "\" y2=\"" << py(v)
          << "\" stroke=\"#ddd\"/>\n<text x=\"" << left - 6 << "\" y=\"" << py(v) + 4 << "\" text-anchor=\"end\">" << format_plain(v)
          << "</text>\n";
    }
    for (std::size_t i = 0; i < months; ++i)  // x labels: every month when few, else every third
        if (months <= 12 || i % 3 == 0 || i + 1 == months)
            s << "<text x=\"" << px(i) << "\" y=\"" << top + ph + 16 << "\" text-anchor=\"end\" transform=\"rotate(-45 " << px(i) << " "
              << top + ph + 16 << ")\">" << month_label(r.test_months[i]) << "</text>\n";
    s << "<line x1=\"" << left << "\" x2=\"" << left << "\" y1=\"" << top << "\" y2=\"" << top + ph << "\" stroke=\"black\"/>\n"
      << "<line x1=\"" << left << "\" x2=\"" << left + pw << "\" y1=\"" << top + ph << "\" y2=\"" << top + ph << "\" stroke=\"black\"/>\n"
      << "<text x=\"" << left + pw / 2 << "\" y=\"" << height - 12 << "\" text-anchor=\"middle\">"
      << detail::svg_escape("Test " + test_period_name(r.test_length) + (r.test_length > 1 ? ", by its first month" : "") + " (" +
                month_label(r.test_months.front()) + ".." + month_label(r.test_months.back() + static_cast<MonthIndex>(r.test_length) - 1) +
                ", one " + test_period_name(r.test_length) + " each)")
      << "</text>\n<text transform=\"rotate(-90)\" x=\"" << -(top + ph / 2) << "\" y=\"18\" text-anchor=\"middle\">"
      << detail::svg_escape("PAI = hit rate / share of area (1 = no better than chance)") << "</text>\n";
    for (std::size_t mi = 0; mi < r.options.methods.size(); ++mi) {
        const char* colour = palette[mi % std::size(palette)];
        std::string points;
        for (std::size_t ti = 0; ti < months; ++ti) {
            const auto& pai = r.backtest.origins[(mi * shares + share) * months + ti].accuracy.pai;
            if (pai) points += format_fixed(px(ti), 1) + "," + format_fixed(py(*pai), 1) + " ";
        }
        s << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\" points=\"" << points << "\"/>\n";
        const BacktestSummary& sum = r.backtest.summaries[mi * shares + share];
        const double ly = top + 10 + 22.0 * static_cast<double>(mi);
        s << "<line x1=\"" << left + pw + 15 << "\" x2=\"" << left + pw + 40 << "\" y1=\"" << ly << "\" y2=\"" << ly << "\" stroke=\"" << colour
          << "\" stroke-width=\"3\"/>\n<text x=\"" << left + pw + 46 << "\" y=\"" << ly + 4 << "\">"
          << detail::svg_escape(r.options.methods[mi].name + " (mean " + format_fixed(sum.pai.mean, 2) + ")") << "</text>\n";
    }
    s << "</svg>\n";
    return s.str();
}

}  // namespace hotspot
