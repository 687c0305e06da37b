#pragma once
// The partnership hierarchy: areas roll up through levels (LSOA -> ward -> locality or
// constituency), each link from a lookup table or by best fit (the child's point on surface in
// a parent polygon). Counts add up exactly at every level, rates are sum O / sum P at each
// level (never a mean of rates), and a lookup that contradicts another is reported.
#include "hotspot/geo/areas.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct HierarchyLevel {
    std::string name;                                 // e.g. "lsoa", "wards", "locality"
    std::vector<std::string> ids, names;
    std::vector<std::optional<std::size_t>> parent;   // index into the next level; nullopt: no parent
    std::string link;                                 // how parents were found: "lookup FILE (A -> B)", "best fit"
};

struct Hierarchy {
    std::vector<HierarchyLevel> levels;      // levels[0] the finest
    std::vector<std::string> warnings;       // conflicting lookups, children without a parent, ...
};

// One row of a lookup table: child code -> parent code (and the parent's name when given).
struct LookupLink {
    std::string child, parent, parent_name;
    std::string source;   // "FILE line N"
};
// Reads child -> parent links from a CSV, plain or gzip (columns by name; parent_name_column may
// be empty: the parent's name is then its code). A missing column is a ConfigError; a malformed
// row or an empty child or parent cell an InputError naming the file and line.
std::vector<LookupLink> read_lookup_links(const std::string& path, const std::string& child_column,
                                          const std::string& parent_column, const std::string& parent_name_column);

// Adds a level above the current top from links. A child listed with two different parents
// (within one table or across `links`, e.g. two lookups that disagree) keeps the first and is
// reported in warnings naming both sources; children without a link are reported. Parents are
// ordered by first use; links for areas not in the level are counted in the level's `link`.
void add_level_from_lookup(Hierarchy& h, const std::string& name, const std::vector<LookupLink>& links,
                           const std::string& described_as);
// Adds a level from polygons: each child's point on surface (from child_layer, matched by id)
// in parent_layer, by the layer's boundary rule; every parent polygon becomes an area of the
// level, in layer order. Population-weighted centroids are not in the data: the level says so.
void add_level_by_best_fit(Hierarchy& h, const AreaLayer& child_layer, const AreaLayer& parent_layer);

// Starts a hierarchy at the finest level (an area layer's ids and names).
Hierarchy hierarchy_from_layer(const AreaLayer& layer);

struct RollupRow {
    std::size_t level = 0;
    std::string level_name, area_id, area_name, parent_id;
    double count = 0;
    std::optional<double> population;          // nullopt when any child lacks one
    std::optional<double> rate_per_1000_per_year;
    std::size_t children = 0;
};

// Counts and population of the finest level, rolled up; months gives the annualisation.
// Rows level by level from the finest. Areas without a parent roll up into an explicit
// "(no parent)" area of the level above (rolled up in turn), so every level sums to the total.
// Population is nullopt when any child lacks one (an empty span: no population); the rate is
// 1000 x sum count / sum population x 12 / months, nullopt without a population above 0.
std::vector<RollupRow> roll_up(const Hierarchy& h, std::span<const double> finest_count,
                               std::span<const std::optional<double>> finest_population, double months);

}  // namespace hotspot
