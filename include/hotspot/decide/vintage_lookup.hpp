#pragma once
// Moving values between area vintages (LSOA 2011 <-> LSOA 2021): from an ONS best-fit lookup
// table, or by geometric best fit (each area's point on surface in the other vintage's polygons,
// both ways, so splits and merges are both seen). What could not be matched is listed, never
// dropped silently.
#include "hotspot/geo/areas.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct VintageLink {
    std::string from, to;
    // "table line 12"; for a geometric best fit, by the number of links of each side:
    // "unchanged" (1:1, same code), "recoded" (1:1, another code), "split" (one old, several
    // new), "merge" (several old, one new), "irregular" (several on both sides).
    std::string how;
};

struct VintageLookup {
    std::string method;                       // "table PATH (columns A -> B)" or "geometric best fit"
    std::vector<VintageLink> links;
    std::vector<std::string> from_unmatched;  // old areas with no new area
    std::vector<std::string> to_unmatched;    // new areas with no old area
};

// A CSV with a from column and a to column (any others ignored); InputError naming line and
// value for an empty code or a pair given twice, ConfigError for a missing column.
VintageLookup read_vintage_lookup(const std::string& path, const std::string& from_column, const std::string& to_column);

// Geometric best fit between two layers loaded in the same CRS: each area's point on surface
// (GEOS PointOnSurface, always inside it) located in the other layer's polygons, both ways;
// the union of the pairs found is the lookup.
VintageLookup best_fit_lookup(const AreaLayer& from, const AreaLayer& to);

// Fills from_unmatched / to_unmatched with the ids that no link names (for a table lookup,
// which only knows its own codes, against the two layers actually used).
void list_unmatched(VintageLookup& lookup, std::span<const std::string> from_ids, std::span<const std::string> to_ids);

struct MovedValues {
    std::vector<std::optional<double>> value;  // per `to` area
    std::vector<std::string> from_without_link;  // values that could not be moved
    std::vector<std::string> to_without_value;   // new areas left without a value
    // Counts only: old areas with a link whose value could not be split (a new area without a
    // weight, weights summing to 0, or a link to an area outside to_ids).
    std::vector<std::string> from_not_split;
    // Counts only: total_in (old values present) = total_moved (sum of the new values) +
    // total_not_moved (values without link or not split, and parts given to new areas left
    // without a value because another of their old areas has none).
    double total_in = 0, total_moved = 0, total_not_moved = 0;
    std::string rule;                            // stated in the report
};

// Counts (extensive): an old area's value is split among its new areas by their share of
// to_weight (e.g. Census 2021 population; equal shares when to_weight is empty), and merges
// add up. A new area gets no value (listed) when one of its old areas has none or is unknown.
MovedValues move_counts(const VintageLookup& lookup, std::span<const std::string> from_ids,
                        std::span<const std::optional<double>> from_value, std::span<const std::string> to_ids,
                        std::span<const std::optional<double>> to_weight);
// Scores and rates (intensive): copied to every new area of a split; a merge takes the
// mean of the old values weighted by from_weight (old population) when given, else their mean.
// A new area gets no value (listed) when one of its old areas has none or lacks a weight.
MovedValues move_scores(const VintageLookup& lookup, std::span<const std::string> from_ids,
                        std::span<const std::optional<double>> from_value, std::span<const std::optional<double>> from_weight,
                        std::span<const std::string> to_ids);

}  // namespace hotspot
