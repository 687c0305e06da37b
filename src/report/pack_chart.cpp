// Monthly bar chart of the tasking pack (see pack_chart.hpp).
#include "pack_chart.hpp"

#include "hotspot/base/text.hpp"
#include "publish/svg_text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace hotspot::report {

std::string monthly_chart(const std::string& id, const std::string& title, const std::string& y_title, MonthIndex first,
                          const std::vector<long long>& counts, MonthIndex highlight_from, const std::vector<char>& withheld) {
    using detail::svg_escape;
    constexpr double width = 680, height = 230, left = 52, right = 10, top = 28, bottom = 40;
    const auto is_withheld = [&](std::size_t k) { return k < withheld.size() && withheld[k]; };
    long long most = 1;  // the axis fits the bars shown; a withheld bar must not be read off the axis
    for (std::size_t k = 0; k < counts.size(); ++k)
        if (!is_withheld(k)) most = std::max(most, counts[k]);
    const double top_value = static_cast<double>(most);
    const double step = detail::nice_step(top_value, 4), axis_top = std::ceil(top_value / step) * step;
    const double plot_w = width - left - right, plot_h = height - top - bottom, bar = plot_w / static_cast<double>(counts.size());
    const auto y = [&](double v) { return top + plot_h * (1 - v / axis_top); };
    std::ostringstream o;
    o << "<svg class=\"chart\" data-chart=\"" << id << "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << width << " " << height
      << "\" role=\"img\" aria-label=\"" << svg_escape(title) << "\"><title>" << svg_escape(title) << "</title>\n"
      << "<text x=\"" << left << "\" y=\"16\" font-size=\"13\" font-weight=\"bold\">" << svg_escape(title) << "</text>\n";
    for (double v = 0; v <= axis_top + step / 2; v += step)
        o << "<line x1=\"" << left << "\" x2=\"" << width - right << "\" y1=\"" << format_fixed(y(v), 1) << "\" y2=\"" << format_fixed(y(v), 1)
          << "\" stroke=\"#ddd\"/><text x=\"" << left - 4 << "\" y=\"" << format_fixed(y(v) + 4, 1) << "\" text-anchor=\"end\" font-size=\"10\">"
          << format_fixed(v, 0) << "</text>\n";
    for (std::size_t k = 0; k < counts.size(); ++k) {
        const MonthIndex m = first + static_cast<MonthIndex>(k);
        const double x = left + bar * static_cast<double>(k), v = static_cast<double>(counts[k]);
        if (month_of(m) == 1 || k == 0) {  // a label near the right edge ends there instead of running past it
            const bool at_edge = x + 40 > width - right;
            o << "<text x=\"" << format_fixed(at_edge ? width - right : x, 1) << "\" y=\"" << height - bottom + 14 << "\" font-size=\"10\""
              << (at_edge ? " text-anchor=\"end\"" : "") << ">" << month_label(m) << "</text>\n";
        }
        if (is_withheld(k)) {  // a marker on the baseline, no height
            o << "<text class=\"withheld\" x=\"" << format_fixed(x + bar * 0.5, 1) << "\" y=\"" << format_fixed(top + plot_h - 3, 1)
              << "\" text-anchor=\"middle\" font-size=\"8\" fill=\"#555\" data-month=\"" << month_label(m) << "\" data-count=\"[c]\">c<title>"
              << month_label(m) << ": withheld [c]</title></text>\n";
            continue;
        }
        o << "<rect x=\"" << format_fixed(x + bar * 0.1, 1) << "\" y=\"" << format_fixed(y(v), 1) << "\" width=\"" << format_fixed(bar * 0.8, 1)
          << "\" height=\"" << format_fixed(top + plot_h - y(v), 1) << "\" fill=\"" << (m >= highlight_from ? "#d7191c" : "#7f9fbf")
          << "\" data-month=\"" << month_label(m) << "\" data-count=\"" << counts[k] << "\"><title>" << month_label(m) << ": " << counts[k]
          << "</title></rect>\n";
    }
    o << "<text transform=\"translate(12 " << top + plot_h / 2 << ") rotate(-90)\" text-anchor=\"middle\" font-size=\"10\">" << svg_escape(y_title)
      << "</text>\n<text x=\"" << width - right << "\" y=\"" << height - 6 << "\" text-anchor=\"end\" font-size=\"10\">red: the pack period; month of the "
      << "incident as recorded (police.uk: month only)" << (withheld.empty() ? "" : "; c: withheld") << "</text>\n</svg>\n";
    return o.str();
}

}  // namespace hotspot::report
