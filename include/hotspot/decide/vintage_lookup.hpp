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
    std::string how;  // "table line 12", "unchanged", "split", "merge", "best fit"
};

struct VintageLookup {
    std::string method;                       // "table PATH (columns A -> B)" or "geometric best fit"
    std::vector<VintageLink> links;
    std::vector<std::string> from_unmatched;  // old areas with no new area
    std::vector<std::string> to_unmatched;    // new areas with no old area
};

// A CSV with a from column and a to column (any others ignored); InputError naming line and
// value for an empty code.
VintageLookup read_vintage_lookup(const std::string& path, const std::string& from_column, const std::string& to_column);

// Geometric best fit between two layers in the same CRS.
VintageLookup best_fit_lookup(const AreaLayer& from, const AreaLayer& to);

struct MovedValues {
    std::vector<std::optional<double>> value;  // per `to` area
    std::vector<std::string> from_without_link;  // values that could not be moved
    std::vector<std::string> to_without_value;   // new areas left without a value
    std::string rule;                            // stated in the report
};

// Counts (extensive): an old area's value is split among its new areas by their share of
// to_weight (e.g. Census 2021 population; equal shares when absent), and merges add up.
MovedValues move_counts(const VintageLookup& lookup, std::span<const std::string> from_ids,
                        std::span<const std::optional<double>> from_value, std::span<const std::string> to_ids,
                        std::span<const std::optional<double>> to_weight);
// Scores and rates (intensive): copied to every new area of a split; a merge takes the
// mean of the old values weighted by from_weight (old population) when given, else their mean.
MovedValues move_scores(const VintageLookup& lookup, std::span<const std::string> from_ids,
                        std::span<const std::optional<double>> from_value, std::span<const std::optional<double>> from_weight,
                        std::span<const std::string> to_ids);

}  // namespace hotspot
