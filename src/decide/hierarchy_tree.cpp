#include "decide/hierarchy_tree.hpp"

#include "hotspot/base/errors.hpp"

namespace hotspot {

namespace {

void check_shape(const Hierarchy& h) {
    if (h.levels.empty()) throw Error("hierarchy: no levels (start with hierarchy_from_layer)");
    for (std::size_t l = 0; l < h.levels.size(); ++l) {
        const HierarchyLevel& level = h.levels[l];
        if (level.names.size() != level.ids.size() || level.parent.size() != level.ids.size())
            throw Error("hierarchy level '" + level.name + "': ids, names and parents differ in number");
        if (l + 1 == h.levels.size()) continue;
        for (const auto& p : level.parent)
            if (p && *p >= h.levels[l + 1].ids.size())
                throw Error("hierarchy level '" + level.name + "': a parent index beyond level '" + h.levels[l + 1].name + "'");
    }
}

TreeLevel copy_level(const HierarchyLevel& level) {
    TreeLevel t;
    t.name = level.name;
    t.ids = level.ids;
    t.names = level.names;
    t.no_parent_bucket.assign(level.ids.size(), false);
    t.parent.assign(level.ids.size(), 0);
    t.children.resize(level.ids.size());
    return t;
}

std::size_t bucket_of(TreeLevel& level) {
    if (!level.no_parent_bucket.empty() && level.no_parent_bucket.back()) return level.ids.size() - 1;
    level.ids.emplace_back(no_parent_id);
    level.names.emplace_back(no_parent_id);
    level.no_parent_bucket.push_back(true);
    level.parent.push_back(0);
    level.children.emplace_back();
    return level.ids.size() - 1;
}

template <typename Value, typename Add>
std::vector<std::vector<Value>> sum_levels(const HierarchyTree& t, std::span<const Value> finest, Value zero, Add add) {
    if (finest.size() != t.levels[0].ids.size())
        throw Error("hierarchy: " + std::to_string(finest.size()) + " values for " + std::to_string(t.levels[0].ids.size()) +
                    " areas of level '" + t.levels[0].name + "'");
    std::vector<std::vector<Value>> out(t.levels.size());
    out[0].assign(finest.begin(), finest.end());
    for (std::size_t l = 1; l < t.levels.size(); ++l) {
        out[l].assign(t.levels[l].ids.size(), zero);
        for (std::size_t i = 0; i < t.levels[l].ids.size(); ++i)
            for (std::size_t c : t.levels[l].children[i]) out[l][i] = add(out[l][i], out[l - 1][c]);
    }
    return out;
}

}  // namespace

void report_orphans(Hierarchy& h, const HierarchyLevel& child, const std::string& parent_level) {
    std::size_t orphans = 0;
    std::string listed;
    for (std::size_t i = 0; i < child.ids.size(); ++i) {
        if (child.parent[i]) continue;
        if (++orphans <= 10) listed += (listed.empty() ? "" : ", ") + child.ids[i] + " (" + child.names[i] + ")";
    }
    if (orphans == 0) return;
    h.warnings.push_back(std::to_string(orphans) + " of " + std::to_string(child.ids.size()) + " areas of level '" + child.name +
                         "' have no parent in level '" + parent_level + "' and roll up into '" + no_parent_id + "': " + listed +
                         (orphans > 10 ? " and " + std::to_string(orphans - 10) + " more" : ""));
}

HierarchyTree resolve_tree(const Hierarchy& h) {
    check_shape(h);
    HierarchyTree t;
    for (const auto& level : h.levels) t.levels.push_back(copy_level(level));
    // Level by level upwards, so a "(no parent)" area made at level l is itself placed at l + 1.
    for (std::size_t l = 0; l + 1 < t.levels.size(); ++l) {
        TreeLevel& level = t.levels[l];
        for (std::size_t i = 0; i < level.ids.size(); ++i) {
            const bool bucket = level.no_parent_bucket[i];
            const std::optional<std::size_t> p = bucket ? std::nullopt : h.levels[l].parent[i];
            level.parent[i] = p ? *p : bucket_of(t.levels[l + 1]);
            t.levels[l + 1].children[level.parent[i]].push_back(i);
        }
    }
    return t;
}

std::vector<std::vector<double>> sum_up(const HierarchyTree& t, std::span<const double> finest) {
    return sum_levels<double>(t, finest, 0.0, [](double a, double b) { return a + b; });
}

std::vector<std::vector<std::optional<double>>> sum_up(const HierarchyTree& t, std::span<const std::optional<double>> finest) {
    using V = std::optional<double>;
    return sum_levels<V>(t, finest, V(0.0), [](V a, V b) { return a && b ? V(*a + *b) : std::nullopt; });
}

}  // namespace hotspot
