#include "cli/priority_summary.hpp"

#include "hotspot/base/text.hpp"
#include "hotspot/publish/priority_output.hpp"

namespace hotspot::cli {

void print_priority_summary(const PriorityResult& r, std::ostream& out) {
    const CompositeResult& c = r.composite;
    out << "layer:        " << r.analysis.layers[r.layer].name() << " (" << r.indicators.area_ids.size() << " areas, "
        << r.indicators.indicators.size() << " indicators)\n";
    out << "index:        " << c.spec.preset << ", " << (c.index.size() - c.dropped.size()) << " areas indexed, " << c.dropped.size()
        << " dropped (missing values)\n";
    std::string top;
    for (std::size_t k = 0; k < c.top.size() && k < 5; ++k) top += (k ? ", " : "") + r.indicators.area_ids[c.top[k]];
    out << "top " << c.top.size() << ":       " << top << (c.top.size() > 5 ? ", ..." : "") << "\n";
    if (const auto tie = top_cut_tie(c))
        out << "              " << tie->areas << " areas tie at rank " << tie->rank << " across the cut (" << tie->inside << " of them in the top "
            << c.top.size() << ", by area code; see tied_at_cut)\n";
    for (const IndicatorRisk& k : r.risks)
        out << "over:         " << k.indicator << ": " << k.over.above << " areas above the city rate ("
            << format_significant(k.over.city_rate * k.rate_scale, 6) << " " << k.rate_unit << ")\n";
}

}  // namespace hotspot::cli
