#include "workflow/emerging_isolated.hpp"

#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hotspot {

namespace {

// The largest, over the areas without a neighbour, of the distance to their nearest other centroid:
// the band from which each of them has one (brute force: only the isolated areas are measured).
double band_reaching_all(const Neighbours& n, const std::vector<double>& cx, const std::vector<double>& cy) {
    double worst = 0;
    for (std::size_t i = 0; i < n.size(); ++i) {
        if (n.count(i) > 0) continue;
        double nearest = std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < cx.size(); ++j)
            if (j != i) nearest = std::min(nearest, std::hypot(cx[i] - cx[j], cy[i] - cy[j]));
        if (std::isfinite(nearest)) worst = std::max(worst, nearest);
    }
    return worst;
}

}  // namespace

std::string no_neighbour_warning(const EmergingRun& r, const EmergingConfig& c, const std::vector<double>& cx, const std::vector<double>& cy) {
    const bool cells = r.areas_layer.empty();
    const std::string of = std::to_string(r.without_neighbour) + " of " + std::to_string(r.locations()) + " " +
                           (cells ? "cells" : "areas of layer " + r.areas_layer);
    std::string why;
    if (cells)
        why = " have no other cell centre within the --band of " + format_plain(c.band_m) + " m" +
              (c.band_m < c.cell_m ? " (adjacent cell centres are " + format_plain(c.cell_m) + " m apart)" : " (cells cut off from the others)");
    else if (c.contiguity)
        why = " share no boundary point with another area (--contiguity)";
    else
        why = " have no other area centroid within the --band of " + format_plain(c.band_m) + " m (for them the nearest centroid is up to " +
              format_fixed(band_reaching_all(r.spatial, cx, cy), 0) + " m away)";
    return of + why + ": for them the analysis is purely temporal (each bin's Gi* sees only the location's own counts over the time window, "
                      "no neighbour's); widen --band to compare places";
}

}  // namespace hotspot
