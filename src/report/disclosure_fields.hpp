// Which layers and fields the disclosure rule concerns (private to report/: shared by the
// protection of a GeoPackage and by check-disclosure, so both read a field the same way).
#pragma once

#include <ogrsf_frmts.h>

#include <cstdint>
#include <string>

namespace hotspot {

// count, n_*, *_count, count_*, *incidents*; not weighted_* (a harm-weighted sum is no head count).
bool is_count_name(const std::string& name);
bool is_integer_field(const OGRFieldDefn& field);
bool has_count_field(OGRFeatureDefn& defn);
// False for point layers and record-level tables (incidents, rejects, rows outside the study area,
// duplicate ids) and for any table with a crime id, a free-text location or a raw input line.
bool is_published_layer(OGRLayer& layer);
// Blanks the measures computed from the count field `name` (rates, shares, lq, ranks, change);
// returns how many were set before.
int blank_derived(OGRFeature& f, const std::string& name);
// After rounding the count `name` from `from` to `to`: the measures proportional to it are scaled
// by to/from, and change / change_pct recomputed from the rounded base and current counts.
void rescale_derived(OGRFeature& f, const std::string& name, std::int64_t from, std::int64_t to);

}  // namespace hotspot
