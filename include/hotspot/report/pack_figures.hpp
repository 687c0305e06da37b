#pragma once
// The numbers of a tasking pack, all counted from the run's incidents (one per accepted row,
// unweighted) of the sites' categories:
// - the pack period is the last `period_months` months of the data, the previous period the
//   as many months before it; a site's count in each is the incidents inside its polygon
//   (the site's circle clipped to the chosen areas, as the sites layer stores it);
// - a site was "hot" in a month when its count that month exceeded its own monthly mean over
//   every month of the data; the pack gives the hot months among the last 12 and the run of
//   hot months ending with the last month;
// - a site's confidence is the Gi* bin of the stats unit holding the site's centre, its
//   emerging pattern that of the emerging location holding it.
#include "hotspot/report/pack_inputs.hpp"

#include <string>
#include <vector>

namespace hotspot::report {

struct PackWindow {
    MonthIndex first = 0, last = 0;  // the months of the data
    int months = 0;                  // the pack period's length
    MonthIndex now_first = 0, before_first = 0;
    int data_months() const { return static_cast<int>(last - first) + 1; }
};

struct SiteFigures {
    long long now = 0, before = 0, total = 0;  // pack period, previous period, every month
    std::vector<long long> monthly;            // window.first .. window.last
    double monthly_mean = 0;
    int hot_last12 = 0, hot_streak = 0;
    std::string gi_bin;                // the stats unit's bin as written, "" when none holds the centre
    std::string confidence, emerging;  // "" when no stats / emerging GeoPackage was given
};

// A site of the last pack: counts now and in the period before, and the current site at its place.
struct PreviousSiteFigures {
    int rank = 0;
    std::string place, wards;
    long long now = 0, before = 0;
    int current_rank = 0;  // the current site whose centre lies within this site's radius; 0 when none
};

struct PackFigures {
    PackWindow window;
    std::vector<std::string> categories;  // empty: every category
    std::vector<SiteFigures> sites;       // as inputs.sites.sites
    std::vector<long long> selection_monthly, sites_monthly;  // the categories everywhere; inside any site
    long long selection_now = 0, selection_before = 0;
    long long sites_now = 0, sites_before = 0, sites_total = 0;  // inside any site (once where sites overlap)
    std::vector<PreviousSiteFigures> previous;
    bool same_inputs = true;  // the run and the sites read the same files (same checksums)
};

// The categories a sites GeoPackage counted ([measures] categories of its effective INI).
std::vector<std::string> site_categories(const SourceFile& sites);

// Throws InputError when the run holds no incident of the categories or fewer months than
// two pack periods.
PackFigures compute_pack_figures(const PackInputs& in, int period_months);

// "+3 (hot, 99 %)" for a Gi* bin value as written by stats.
std::string gi_bin_words(const std::string& bin);

}  // namespace hotspot::report
