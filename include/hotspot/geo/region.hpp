#pragma once
// The chosen areas as one region: the GEOS union of some polygons of an area layer. Sites and
// hotspots are clipped to it (issue 10): a shape's part outside the chosen areas is not theirs.
#include "hotspot/geo/areas.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hotspot {

class Region {
public:
    // The union of the listed areas of `layer` (indices into the layer).
    static Region of_areas(const AreaLayer& layer, const std::vector<std::size_t>& areas);
    Region(Region&&) noexcept;
    Region& operator=(Region&&) noexcept;
    ~Region();

    double area_m2() const { return area_m2_; }
    // The part of a (Multi)Polygon given as WKB inside the region, as ISO WKB MultiPolygon;
    // empty when nothing of it (no area) is inside.
    std::string clip(const std::string& wkb) const;
    // A circle (polygon of 4 x quadrant_segments sides, as OGR's Buffer) clipped to the region.
    std::string clip_circle(double x, double y, double radius_m, int quadrant_segments = 16) const;
    // True when (x, y) is at most distance_m from the region (inside counts as 0): exact, no
    // polygonised circle (an intervention's buffer ring, time/intervention).
    bool within_distance(double x, double y, double distance_m) const;
    // The ring of the given width around the region, without the region, as ISO WKB MultiPolygon
    // (arcs as OGR's Buffer draws them, quadrant_segments per quarter circle): for maps only.
    std::string ring(double width_m, int quadrant_segments = 16) const;
    // The region as ISO WKB MultiPolygon.
    std::string wkb() const;

private:
    Region();
    struct Geos;
    std::unique_ptr<Geos> geos_;
    double area_m2_ = 0;
};

// The polygonal part of a minus b (both (Multi)Polygon WKB; b empty: a), as ISO WKB MultiPolygon;
// empty when nothing with an area is left.
std::string wkb_difference(const std::string& a, const std::string& b);

// The area of a (Multi)Polygon given as WKB, square metres of its CRS.
double wkb_area_m2(const std::string& wkb);

// The centroid of a (Multi)Polygon given as WKB (GEOS), in its CRS: where distances between
// polygons are measured from. GeometryError when it has none (an empty polygon).
std::pair<double, double> wkb_centroid(const std::string& wkb);

}  // namespace hotspot
