#include "cli/priority_summary.hpp"

#include "hotspot/base/text.hpp"
#include "hotspot/publish/priority_output.hpp"

#include <algorithm>
#include <iomanip>

namespace hotspot::cli {

namespace {

constexpr std::size_t top_lines = 10;  // the rest are in priority_top

std::string level_area_name(const HierarchyLevel& level, std::size_t j) { return level.names[j].empty() ? level.ids[j] : level.names[j]; }

// " (Lozells; Perry Barr)": the area's parent and, above it, the top level of the hierarchy;
// "" without one. A missing parent is said, not skipped.
std::string parents_of(const PriorityResult& r, std::size_t area) {
    if (!r.hierarchy || r.hierarchy->levels.size() < 2) return "";
    const std::vector<HierarchyLevel>& levels = r.hierarchy->levels;
    std::string out;
    std::size_t at = area;
    bool linked = true;  // false once a level has no parent: every level above is then unknown
    for (std::size_t l = 1; l < levels.size(); ++l) {
        if (linked) {
            const std::optional<std::size_t> parent = levels[l - 1].parent[at];
            linked = parent.has_value();
            at = parent.value_or(0);
        }
        if (l != 1 && l + 1 != levels.size()) continue;
        out += (out.empty() ? "" : "; ") + (linked ? level_area_name(levels[l], at) : "no " + levels[l].name);
    }
    return "  (" + out + ")";
}

}  // namespace

void print_priority_summary(const PriorityResult& r, std::ostream& out) {
    const CompositeResult& c = r.composite;
    out << "layer:        " << r.analysis.layers[r.layer].name() << " (" << r.indicators.area_ids.size() << " areas, "
        << r.indicators.indicators.size() << " indicators)\n";
    out << "index:        " << c.spec.preset << ", " << (c.index.size() - c.dropped.size()) << " areas indexed, " << c.dropped.size()
        << " dropped (missing values)\n";
    out << "top " << c.top.size() << ":       rank, " << r.indicators.layer << " code and name"
        << (r.hierarchy && r.hierarchy->levels.size() > 1 ? " (" + r.hierarchy->levels[1].name +
                                                                 (r.hierarchy->levels.size() > 2 ? "; " + r.hierarchy->levels.back().name : "") + ")"
                                                           : "")
        << "\n";
    for (std::size_t k = 0; k < c.top.size() && k < top_lines; ++k) {
        const std::size_t a = c.top[k];
        out << "  " << std::setw(static_cast<int>(std::to_string(std::min(c.top.size(), top_lines)).size()))
            << (c.rank[a] ? std::to_string(*c.rank[a]) : "-") << std::setw(0) << "  " << r.indicators.area_ids[a] << "  " << r.indicators.area_names[a]
            << parents_of(r, a) << "\n";
    }
    if (c.top.size() > top_lines) out << "  ... and " << c.top.size() - top_lines << " more in priority_top\n";
    if (const auto tie = top_cut_tie(c))
        out << "              " << tie->areas << " areas tie at rank " << tie->rank << " across the cut (" << tie->inside << " of them in the top "
            << c.top.size() << ", by area code; see tied_at_cut)\n";
    for (const IndicatorRisk& k : r.risks)
        out << "over:         " << k.indicator << ": " << k.over.above << " areas above the city rate ("
            << format_significant(k.over.city_rate * k.rate_scale, 6) << " " << k.rate_unit << ")\n";
}

}  // namespace hotspot::cli
