// Safe public GeoPackages: the disclosure rule applied to a written GeoPackage in place (the
// OutputSet's temporary, before publish), so every writer's output is covered the same way and the
// report and dashboard commands can protect what they build from the same tables.
#pragma once

#include "hotspot/report/disclosure.hpp"

#include <string>

namespace hotspot {

// Drops point layers and record-level tables (incidents, rejects, rows outside the study area,
// duplicate ids: they hold crime ids and locations finer than an area); protects every area layer
// (counts by category with `count` as their row total, and the other *_count columns) and every
// periods table (per period: areas x categories with the "All" row as total), with column totals
// taken as known; sets suppressed counts to NULL, blanks measures derived from them, optionally
// rounds the published counts (rescaling the measures derived from them), and writes the table
// `disclosure` (what was done, per layer) that check-disclosure requires.
DisclosureSummary protect_geopackage(const std::string& path, const DisclosureRule& rule);

// One line per layer, for the console and the run report.
std::string describe(const DisclosureSummary& summary, const DisclosureRule& rule);

}  // namespace hotspot
