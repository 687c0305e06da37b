// The public tasking pack's counts as one protected table (see pack_disclosure.hpp).
#include "hotspot/report/pack_disclosure.hpp"

#include "hotspot/base/text.hpp"

namespace hotspot::report {

namespace {

// The pack's cells: add() for a count, sum() for "total = these members" when it holds.
struct PackTable {
    CountTable table;
    int add(long long v) { return table.add_cell(v); }
    void sum(int total, const std::vector<int>& members) {
        long long s = 0;
        for (int m : members) s += table.values[static_cast<std::size_t>(m)];
        // Checked, not assumed: the sites' counts add up to "inside any site" only when no
        // incident lies in two sites.
        if (s == table.values[static_cast<std::size_t>(total)]) table.equations.push_back(TableEquation{members, total, 0});
    }
};

std::vector<int> months_from(const std::vector<int>& cells, std::size_t from, std::size_t to) {
    return std::vector<int>(cells.begin() + static_cast<std::ptrdiff_t>(from), cells.begin() + static_cast<std::ptrdiff_t>(to));
}

// A complement that the other shown counts and totals pin to one value protects nothing (an old
// site with a current site's circle shows it): withholding it only hides and prints one number.
// Showing a pinned cell adds nothing an attacker could not work out, so the rest stays protected;
// except a withheld 0, whose showing would tell a reader every other withheld cell is at least 1.
void release_pinned_complements(const CountTable& table, TableProtection& tp) {
    std::vector<bool> suppressed(table.values.size());
    for (std::size_t c = 0; c < suppressed.size(); ++c) suppressed[c] = tp.suppressed(static_cast<int>(c));
    const std::vector<FeasibleRange> range = audit_suppression(table, suppressed);
    for (std::size_t c = 0; c < suppressed.size(); ++c)
        if (tp.state[c] == CellState::secondary && range[c].width() < 0.5 && table.values[c] != 0) {
            tp.state[c] = CellState::published;
            --tp.secondary;
        }
}

bool same_site(const PackSite& a, const PackSite& b) {
    return a.easting == b.easting && a.northing == b.northing && a.radius_m == b.radius_m;
}

}  // namespace

PackProtection unprotected_pack(const PackFigures& f) {
    PackProtection p;
    p.selection_monthly.assign(f.selection_monthly.size(), 0);
    p.sites_monthly.assign(f.sites_monthly.size(), 0);
    p.sites.assign(f.sites.size(), {});
    p.previous.assign(f.previous.size(), {});
    return p;
}

PackProtection protect_pack(const PackInputs& in, const PackFigures& f, const DisclosureRule& rule) {
    const PackWindow& w = f.window;
    const std::size_t n = f.selection_monthly.size();
    const std::size_t now = static_cast<std::size_t>(w.now_first - w.first), before = static_cast<std::size_t>(w.before_first - w.first);
    PackTable t;
    std::vector<int> sel_m, site_m;
    for (long long v : f.selection_monthly) sel_m.push_back(t.add(v));
    for (long long v : f.sites_monthly) site_m.push_back(t.add(v));
    const int sel_now = t.add(f.selection_now), sel_before = t.add(f.selection_before);
    t.sum(sel_now, months_from(sel_m, now, n));
    t.sum(sel_before, months_from(sel_m, before, now));
    const int sites_now = t.add(f.sites_now), sites_before = t.add(f.sites_before), sites_total = t.add(f.sites_total);
    t.sum(sites_now, months_from(site_m, now, n));
    t.sum(sites_before, months_from(site_m, before, now));
    t.sum(sites_total, site_m);
    std::vector<int> s_now, s_before;
    for (std::size_t k = 0; k < f.sites.size(); ++k) {
        s_now.push_back(t.add(f.sites[k].now));
        s_before.push_back(t.add(f.sites[k].before));
    }
    t.sum(sites_now, s_now);
    t.sum(sites_before, s_before);
    std::vector<int> p_now, p_before;
    for (std::size_t k = 0; k < f.previous.size(); ++k) {
        p_now.push_back(t.add(f.previous[k].now));
        p_before.push_back(t.add(f.previous[k].before));
        for (std::size_t s = 0; s < f.sites.size(); ++s)
            if (same_site(in.previous->sites[k], in.sites.sites[s])) {
                t.sum(p_now.back(), {s_now[s]});
                t.sum(p_before.back(), {s_before[s]});
            }
    }
    TableProtection tp = protect_table(t.table, rule);
    release_pinned_complements(t.table, tp);
    const auto hidden = [&](int cell) { return tp.suppressed(cell); };
    PackProtection p;
    p.active = true;
    p.rule = rule;
    for (int c : sel_m) p.selection_monthly.push_back(hidden(c));
    for (int c : site_m) p.sites_monthly.push_back(hidden(c));
    p.selection_now = hidden(sel_now), p.selection_before = hidden(sel_before);
    p.sites_now = hidden(sites_now), p.sites_before = hidden(sites_before), p.sites_total = hidden(sites_total);
    for (std::size_t k = 0; k < f.sites.size(); ++k) p.sites.push_back({hidden(s_now[k]), hidden(s_before[k])});
    for (std::size_t k = 0; k < f.previous.size(); ++k) p.previous.push_back({hidden(p_now[k]), hidden(p_before[k])});
    p.summary.add(tp, t.table.values.size());
    return p;
}

std::string count_text(long long value, bool withheld) { return withheld ? std::string("[c]") : std::to_string(value); }

std::string count_html(long long value, bool withheld) { return "<span class=\"c\">" + count_text(value, withheld) + "</span>"; }

std::string change_html(long long now, bool now_withheld, long long before, bool before_withheld) {
    if (now_withheld || before_withheld) return "[c]";
    const long long d = now - before;
    std::string out(d > 0 ? "+" : "");  // appended, not "literal" + string: GCC 12 warns falsely (-Wrestrict)
    out += std::to_string(d);
    if (before == 0) return out + (now > 0 ? " (from 0)" : "");
    if (before < 10) return out + " (from " + std::to_string(before) + ")";
    const double pct = 100.0 * static_cast<double>(d) / static_cast<double>(before);
    return out + " (" + (pct > 0 ? "+" : "") + format_fixed(pct, 0) + " %)";
}

}  // namespace hotspot::report
