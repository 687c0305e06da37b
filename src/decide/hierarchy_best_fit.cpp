// Parents by best fit: each child polygon's point on surface (a point GEOS guarantees to be
// inside the polygon, unlike the centroid of a crescent) located in the parent layer with the
// layer's own boundary rule. Population-weighted centroids would be the ONS choice, but no
// such points are in the data, so the geometric point stands in and the level says so.
#include "hotspot/decide/hierarchy.hpp"

#include "decide/hierarchy_tree.hpp"
#include "detail/geos_context.hpp"
#include "hotspot/base/errors.hpp"

#include <unordered_map>

namespace hotspot {

namespace {

struct Point {
    double x = 0, y = 0;
};

Point point_on_surface(const AreaLayer& layer, std::size_t i) {
    using namespace detail;
    GEOSContextHandle_t ctx = geos_context();
    const std::string wkb = layer.wkb(i);
    GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx);
    GeosGeometryPtr polygon(GEOSWKBReader_read_r(ctx, reader, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size()));
    GEOSWKBReader_destroy_r(ctx, reader);
    if (!polygon) throw GeometryError("area " + layer.id(i) + " of " + layer.name() + ": cannot read its polygon: " + last_geos_message());
    GeosGeometryPtr point(GEOSPointOnSurface_r(ctx, polygon.get()));
    Point p;
    if (!point || GEOSGeomGetX_r(ctx, point.get(), &p.x) != 1 || GEOSGeomGetY_r(ctx, point.get(), &p.y) != 1)
        throw GeometryError("area " + layer.id(i) + " of " + layer.name() + ": no point on surface: " + last_geos_message());
    return p;
}

}  // namespace

void add_level_by_best_fit(Hierarchy& h, const AreaLayer& child_layer, const AreaLayer& parent_layer) {
    if (h.levels.empty()) throw Error("hierarchy: no level to add '" + parent_layer.name() + "' above (start with hierarchy_from_layer)");
    HierarchyLevel& child = h.levels.back();
    std::unordered_map<std::string, std::size_t> polygon_of;
    for (std::size_t i = 0; i < child_layer.size(); ++i) polygon_of.emplace(child_layer.id(i), i);
    HierarchyLevel up;
    up.name = parent_layer.name();
    for (std::size_t i = 0; i < parent_layer.size(); ++i) {
        up.ids.push_back(parent_layer.id(i));
        up.names.push_back(parent_layer.label(i));
    }
    up.parent.assign(up.ids.size(), std::nullopt);
    std::size_t without_polygon = 0;
    std::vector<bool> has_child(up.ids.size(), false);
    for (std::size_t c = 0; c < child.ids.size(); ++c) {
        const auto found = polygon_of.find(child.ids[c]);
        if (found == polygon_of.end()) {
            ++without_polygon;
            h.warnings.push_back("best fit: " + child.ids[c] + " of level '" + child.name + "' has no polygon in " + child_layer.name());
            continue;
        }
        const Point p = point_on_surface(child_layer, found->second);
        child.parent[c] = parent_layer.locate(p.x, p.y);
        if (child.parent[c]) has_child[*child.parent[c]] = true;
    }
    std::size_t childless = 0;
    for (bool b : has_child) childless += b ? 0 : 1;
    up.link = "best fit: the point on surface of each " + child_layer.name() + " polygon in a " + parent_layer.name() +
              " polygon (population-weighted centroids are not in the data); " + std::to_string(without_polygon) + " without a polygon, " +
              std::to_string(childless) + " " + parent_layer.name() + " areas with no child";
    report_orphans(h, child, up.name);
    h.levels.push_back(std::move(up));
}

}  // namespace hotspot
