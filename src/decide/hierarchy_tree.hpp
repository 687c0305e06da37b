#pragma once
// The hierarchy with every area given a parent: an area without one goes to an explicit
// "(no parent)" area of the level above (made only when needed, and itself rolled up the same
// way), so every level holds the whole total and no area is dropped on the way up.
#include "hotspot/decide/hierarchy.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

inline constexpr const char* no_parent_id = "(no parent)";

struct TreeLevel {
    std::string name;
    std::vector<std::string> ids, names;
    std::vector<bool> no_parent_bucket;               // true for the "(no parent)" area
    std::vector<std::size_t> parent;                  // index in the level above; unused at the top
    std::vector<std::vector<std::size_t>> children;   // indices in the level below
};

struct HierarchyTree {
    std::vector<TreeLevel> levels;  // levels[0] the finest, as in the Hierarchy
};

// Adds a warning listing the areas of `child` left without a parent in level `parent_level`
// (the first ten by id, and how many): they roll up into "(no parent)".
void report_orphans(Hierarchy& h, const HierarchyLevel& child, const std::string& parent_level);

// Checks the hierarchy's shape (sizes, parent indices) and resolves it; throws Error when broken.
HierarchyTree resolve_tree(const Hierarchy& h);

// A value of each finest area summed up every level: result[level][area]. An area with no
// children sums to 0.
std::vector<std::vector<double>> sum_up(const HierarchyTree& t, std::span<const double> finest);
// As sum_up, but a sum is nullopt when any finest area under it is nullopt (a partial sum
// would read as a real fall).
std::vector<std::vector<std::optional<double>>> sum_up(const HierarchyTree& t, std::span<const std::optional<double>> finest);

}  // namespace hotspot
