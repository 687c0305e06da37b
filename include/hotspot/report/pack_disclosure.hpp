#pragma once
// A public tasking pack (report --audience public): every count the pack shows is one cell of a
// single table, protected as a public run's tables are (report/disclosure: counts 1..min_count-1
// withheld, complements withheld until no withheld count can be recovered from the totals the
// pack also shows). The totals that link the cells:
// - the study area's pack-period and previous-period counts are sums of its monthly bars;
// - "inside any site" per period and over the data period are sums of the sites' monthly bars,
//   and sums of the single sites' counts when no incident lies in two sites;
// - an old site (--previous) with a current site's very polygon has that site's counts.
// A change is withheld with either of its counts. The public pack shows no site's whole-period
// count, hot months, monthly means or sites-layer counts (tasking_pack.cpp): they relate counts
// in ways (bounds, other totals) this table does not model. Complements that the shown cells pin
// to one value are shown again.
#include "hotspot/report/disclosure.hpp"
#include "hotspot/report/pack_figures.hpp"

#include <string>
#include <vector>

namespace hotspot::report {

struct PackProtection {
    bool active = false;  // an internal pack: nothing withheld
    DisclosureRule rule;
    std::vector<char> selection_monthly, sites_monthly;  // 1: withheld
    bool selection_now = false, selection_before = false;
    bool sites_now = false, sites_before = false, sites_total = false;
    struct SiteCells {
        bool now = false, before = false;
    };
    std::vector<SiteCells> sites, previous;
    DisclosureSummary summary;
};

// Nothing withheld (internal pack).
PackProtection unprotected_pack(const PackFigures& f);
// The protection of a public pack under `rule`.
PackProtection protect_pack(const PackInputs& in, const PackFigures& f, const DisclosureRule& rule);

// A count as text: "N", or "[c]" when withheld (also for data-* attributes).
std::string count_text(long long value, bool withheld);
// A count as the pack shows it: <span class="c">N</span>, or <span class="c">[c]</span> when
// withheld. Every count of a pack goes through here, so check-disclosure can find them all.
std::string count_html(long long value, bool withheld);
// The change from `before` to `now` ("+3 (+12 %)"), "[c]" when either is withheld; no
// percentage on a base under 10, where one incident moves it by more than 10 points.
std::string change_html(long long now, bool now_withheld, long long before, bool before_withheld);

}  // namespace hotspot::report
