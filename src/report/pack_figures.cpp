// The numbers of a tasking pack (definitions in pack_figures.hpp).
#include "hotspot/report/pack_figures.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace hotspot::report {

namespace {

// The value of `key` in section [section] of an effective INI text.
std::string ini_value(const std::string& ini, const std::string& section, const std::string& key) {
    std::istringstream lines(ini);
    std::string line, current;
    while (std::getline(lines, line)) {
        const std::string t(trim(line));
        if (t.starts_with('[') && t.ends_with(']')) current = t.substr(1, t.size() - 2);
        else if (current == section) {
            const auto eq = t.find('=');
            if (eq != std::string::npos && trim(t.substr(0, eq)) == key) return std::string(trim(t.substr(eq + 1)));
        }
    }
    return "";
}

// The files a run read with their checksums: the input entries naming a file (not an area layer).
std::set<std::string> input_files(const SourceFile& s) {
    std::set<std::string> out;
    for (const ReportEntry& e : s.report)
        if (e.section == "input" && !e.key.starts_with("area_layer ")) out.insert(e.key + " " + e.value);
    return out;
}

const ValuedShape* holding(const std::vector<ValuedShape>& shapes, double x, double y) {
    for (const ValuedShape& v : shapes)
        if (contains(v.shape, x, y)) return &v;
    return nullptr;
}

void hot_months(SiteFigures& f) {
    const std::size_t n = f.monthly.size();
    f.monthly_mean = n ? static_cast<double>(f.total) / static_cast<double>(n) : 0;
    for (std::size_t k = n > 12 ? n - 12 : 0; k < n; ++k) f.hot_last12 += static_cast<double>(f.monthly[k]) > f.monthly_mean;
    for (std::size_t k = n; k > 0 && static_cast<double>(f.monthly[k - 1]) > f.monthly_mean; --k) ++f.hot_streak;
}

}  // namespace

std::vector<std::string> site_categories(const SourceFile& sites) {
    std::vector<std::string> out;
    for (const std::string& c : split(ini_value(sites.get("config", "effective_ini"), "measures", "categories"), ';'))
        if (!trim(c).empty()) out.emplace_back(trim(c));
    return out;
}

std::string gi_bin_words(const std::string& bin) {
    const auto b = parse_integer(bin);
    if (!b) return "not computed";
    static const char* level[] = {"not significant", "90 %", "95 %", "99 %"};
    const long long a = std::min<long long>(std::llabs(*b), 3);
    if (a == 0) return "0 (not significant)";
    std::string out(*b > 0 ? "+" : "");  // appended, not "literal" + string: GCC 12 warns falsely (-Wrestrict)
    out += std::to_string(*b);
    return out + (*b > 0 ? " (hot, " : " (cold, ") + level[a] + ")";
}

PackFigures compute_pack_figures(const PackInputs& in, int period_months) {
    PackFigures out;
    out.categories = site_categories(in.sites.source);
    out.same_inputs = input_files(in.run) == input_files(in.sites.source);
    const std::set<std::string> wanted(out.categories.begin(), out.categories.end());
    std::vector<const PackIncident*> chosen;
    for (const PackIncident& i : in.incidents)
        if (wanted.empty() || wanted.count(i.category)) chosen.push_back(&i);
    if (chosen.empty())
        throw InputError(quote_value(in.run.path) + " holds no incident of the categories of " + quote_value(in.sites.source.path) + " (" +
                         (out.categories.empty() ? std::string("all") : ini_value(in.sites.source.get("config", "effective_ini"), "measures", "categories")) + ")");
    PackWindow& w = out.window;
    w.first = w.last = chosen.front()->month;
    for (const PackIncident* i : chosen) w.first = std::min(w.first, i->month), w.last = std::max(w.last, i->month);
    w.months = period_months;
    if (w.data_months() < 2 * period_months)
        throw InputError(quote_value(in.run.path) + " covers " + std::to_string(w.data_months()) + " months (" + month_range_label(w.first, w.last) +
                         "): fewer than two periods of " + std::to_string(period_months) + " months to compare (give a shorter --months)");
    w.now_first = w.last - period_months + 1;
    w.before_first = w.now_first - period_months;
    const std::size_t n = static_cast<std::size_t>(w.data_months());
    out.selection_monthly.assign(n, 0);
    out.sites_monthly.assign(n, 0);
    out.sites.assign(in.sites.sites.size(), SiteFigures{});
    for (SiteFigures& f : out.sites) f.monthly.assign(n, 0);
    std::vector<PreviousSiteFigures>& prev = out.previous;
    if (in.previous)
        for (const PackSite& s : in.previous->sites) prev.push_back({s.rank, s.place, s.wards, 0, 0, 0});
    const auto in_now = [&](MonthIndex m) { return m >= w.now_first; };
    const auto in_before = [&](MonthIndex m) { return m >= w.before_first && m < w.now_first; };
    for (const PackIncident* i : chosen) {
        const std::size_t k = static_cast<std::size_t>(i->month - w.first);
        ++out.selection_monthly[k];
        out.selection_now += in_now(i->month);
        out.selection_before += in_before(i->month);
        bool in_any = false;
        for (std::size_t s = 0; s < out.sites.size(); ++s) {
            if (!contains(in.sites.sites[s].shape, i->x, i->y)) continue;
            in_any = true;
            SiteFigures& f = out.sites[s];
            ++f.monthly[k], ++f.total;
            f.now += in_now(i->month);
            f.before += in_before(i->month);
        }
        out.sites_monthly[k] += in_any;
        out.sites_now += in_any && in_now(i->month);
        out.sites_before += in_any && in_before(i->month);
        out.sites_total += in_any;
        if (in.previous)
            for (std::size_t s = 0; s < prev.size(); ++s)
                if (contains(in.previous->sites[s].shape, i->x, i->y)) prev[s].now += in_now(i->month), prev[s].before += in_before(i->month);
    }
    for (std::size_t s = 0; s < out.sites.size(); ++s) {
        SiteFigures& f = out.sites[s];
        hot_months(f);
        const PackSite& site = in.sites.sites[s];
        f.confidence = in.stats ? "no stats unit holds the centre" : "not computed";
        if (const ValuedShape* v = holding(in.gistar, site.easting, site.northing)) {
            f.gi_bin = v->value;
            f.confidence = gi_bin_words(v->value) + ", " + v->label;
        }
        if (const ValuedShape* v = holding(in.emerging_patterns, site.easting, site.northing)) f.emerging = v->value;
    }
    for (std::size_t s = 0; s < prev.size(); ++s) {
        const PackSite& old = in.previous->sites[s];
        for (const PackSite& now : in.sites.sites)
            if (std::hypot(now.easting - old.easting, now.northing - old.northing) <= old.radius_m) {
                prev[s].current_rank = now.rank;
                break;
            }
    }
    return out;
}

}  // namespace hotspot::report
