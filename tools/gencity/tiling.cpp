// The city outline, the wards and the neighbourhoods.
//
// Shared boundaries must be exactly shared (no slivers, no gaps), and neighbourhoods must nest
// exactly in wards. Clipping each Voronoi cell separately does not guarantee that: the point
// where a cell edge crosses the outline is computed once per cell and can differ in the last
// bits. So all cutting lines (outline, ward Voronoi edges, neighbourhood Voronoi edges) are
// noded together once, polygonized into small "atoms", and every ward and neighbourhood is the
// union of its atoms. Two neighbours then use the very same vertices along their common edge.
#include "city.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <stdexcept>

namespace gencity {
namespace {

constexpr int kTargetWards = 52;
constexpr int kTargetNbhds = 360;
constexpr double kNodingGrid = 0.001;  // 1 mm snap-rounding grid: robust noding
// Cutting lines overshoot the polygon they cut by this much, so that they cross its boundary
// instead of stopping a rounding error short of it (which polygonize would treat as a dangle).
constexpr double kOvershoot = 0.5;

Geom make_outline(Rng& rng) {
    // A wobbly ellipse (semi-axes 10.0 km east-west, 8.5 km north-south) made irregular by a few
    // low harmonics with random phases; small enough that the outline stays star-shaped.
    struct Harmonic { int k; double amp, phase; };
    std::vector<Harmonic> hs;
    for (int k : {2, 3, 4, 5, 7, 11}) {
        const double amp = rng.uniform(0.025, 0.06) / std::sqrt(static_cast<double>(k) - 1.0);
        hs.push_back({k, amp, rng.uniform(0.0, 2.0 * std::numbers::pi)});
    }
    const int n = 240;
    std::vector<XY> ring;
    for (int i = 0; i < n; ++i) {
        const double t = 2.0 * std::numbers::pi * i / n;
        double r = 1.0;
        for (const Harmonic& h : hs) r += h.amp * std::sin(h.k * t + h.phase);
        // Round to 0.1 m like a digitised boundary.
        ring.push_back({std::round((kCityCentre.x + 10000.0 * r * std::cos(t)) * 10.0) / 10.0,
                        std::round((kCityCentre.y + 8500.0 * r * std::sin(t)) * 10.0) / 10.0});
    }
    return make_polygon(ring);
}

// Mitchell's best-candidate sampling: well-spread points whose spacing shrinks where `weight`
// is high (so wards and neighbourhoods are smaller where more people live).
template <class Weight>
std::vector<XY> spaced_points(Rng& rng, const GEOSPreparedGeometry* poly, const Box& box,
                              int n, Weight weight, double max_weight) {
    std::vector<XY> pts;
    for (int i = 0; i < n; ++i) {
        XY best{};
        double best_score = -1.0;
        for (int c = 0; c < 15; ++c) {
            XY p;
            do { p = uniform_point_in(rng, poly, box); } while (!rng.chance(weight(p) / max_weight));
            double nearest = 1e18;
            for (const XY& q : pts) nearest = std::min(nearest, dist(p, q));
            const double score = nearest * std::sqrt(weight(p));
            if (score > best_score) {
                best_score = score;
                best = p;
            }
        }
        pts.push_back(best);
    }
    return pts;
}

Geom voronoi(const std::vector<XY>& seeds, const GEOSGeometry* extent, bool only_edges) {
    const Geom sites = make_multipoint(seeds);
    return checked(GEOSVoronoiDiagram_r(geos(), sites.get(), extent, 0.0, only_edges ? 1 : 0),
                   "voronoi");
}

Geom buffer(const GEOSGeometry* g, double width) {
    return checked(GEOSBuffer_r(geos(), g, width, 8), "buffer");
}

Geom intersection(const GEOSGeometry* a, const GEOSGeometry* b) {
    return checked(GEOSIntersection_r(geos(), a, b), "intersection");
}

std::size_t nearest(const std::vector<XY>& seeds, XY p) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < seeds.size(); ++i)
        if (dist(seeds[i], p) < dist(seeds[best], p)) best = i;
    return best;
}

Geom union_of(std::vector<Geom> atoms) {
    Geom coll = make_collection(GEOS_GEOMETRYCOLLECTION, std::move(atoms));
    // Atoms share edges exactly, which is what the (fast) coverage union expects.
    GEOSGeometry* u = GEOSCoverageUnion_r(geos(), coll.get());
    if (u == nullptr) u = GEOSUnaryUnion_r(geos(), coll.get());
    return as_multipolygon(checked(u, "union of atoms"));
}

// Relative amount of residents in a polygon, by summing the density on a 150 m grid.
double density_integral(const GEOSPreparedGeometry* poly, const Box& b) {
    double sum = 0.0;
    for (double x = std::floor(b.minx / 150.0) * 150.0 + 75.0; x < b.maxx; x += 150.0)
        for (double y = std::floor(b.miny / 150.0) * 150.0 + 75.0; y < b.maxy; y += 150.0)
            if (contains(poly, {x, y})) sum += residential_density({x, y});
    return sum;
}

void check_tiling(City& city) {
    TilingChecks& c = city.checks;
    c.outline_area = area(city.outline.get());
    std::vector<Geom> all;
    for (Ward& w : city.wards) {
        if (!is_valid(w.geom.get())) ++c.invalid_wards;
        if (GEOSGetNumGeometries_r(geos(), w.geom.get()) > 1) ++c.multipart_wards;
        c.ward_area_sum += w.area;
        double sum = 0.0;
        for (int n : w.nbhds) {
            const Neighbourhood& nb = city.nbhds[n];
            sum += nb.area;
            const Geom inside = intersection(nb.geom.get(), w.geom.get());
            c.max_nesting_error = std::max(c.max_nesting_error, std::abs(area(inside.get()) - nb.area));
        }
        c.max_ward_sum_error = std::max(c.max_ward_sum_error, std::abs(sum - w.area));
        all.push_back(clone(w.geom.get()));
    }
    for (const Neighbourhood& nb : city.nbhds) {
        if (!is_valid(nb.geom.get())) ++c.invalid_nbhds;
        if (GEOSGetNumGeometries_r(geos(), nb.geom.get()) > 1) ++c.multipart_nbhds;
        c.nbhd_area_sum += nb.area;
    }
    const Geom coll = make_collection(GEOS_GEOMETRYCOLLECTION, std::move(all));
    const Geom u = checked(GEOSUnaryUnion_r(geos(), coll.get()), "union of wards");
    c.overlap_area = c.ward_area_sum - area(u.get());
}

}  // namespace

void build_tiling(City& city, Rng& rng) {
    city.outline = make_outline(rng);
    city.outline_prep = prepare(city.outline.get());
    const Box obox = bounds(city.outline.get());
    const Geom extent = buffer(city.outline.get(), 3000.0);

    // 1. Ward seeds follow the residential density, so wards have similar populations (as
    //    English wards have similar electorates): small in the centre, large at the edge.
    std::vector<XY> ward_seeds = spaced_points(rng, city.outline_prep.get(), obox, kTargetWards,
                                               residential_density, 2.0);

    // 2. Provisional ward polygons (Voronoi cell ∩ outline): only used to place neighbourhood
    //    seeds and to cut neighbourhood edges; the final polygons come from the atoms.
    const Geom cells = voronoi(ward_seeds, extent.get(), false);
    std::vector<Geom> provisional(ward_seeds.size());
    for (const GEOSGeometry* cell : parts(cells.get())) {
        const std::size_t w = nearest(ward_seeds, interior_point(cell));
        provisional[w] = intersection(cell, city.outline.get());
    }

    // 3. Neighbourhood seeds: count per ward in proportion to its residents, at least 3.
    std::vector<double> weight(ward_seeds.size());
    double total = 0.0;
    for (std::size_t w = 0; w < ward_seeds.size(); ++w) {
        const Prepared prep = prepare(provisional[w].get());
        weight[w] = density_integral(prep.get(), bounds(provisional[w].get()));
        total += weight[w];
    }
    std::vector<std::vector<XY>> nbhd_seeds(ward_seeds.size());
    std::vector<Geom> lines;
    lines.push_back(checked(GEOSBoundary_r(geos(), city.outline.get()), "outline boundary"));
    {
        const Geom around = buffer(city.outline.get(), kOvershoot);
        lines.push_back(intersection(voronoi(ward_seeds, extent.get(), true).get(), around.get()));
    }
    for (std::size_t w = 0; w < ward_seeds.size(); ++w) {
        const int k = std::max(3, static_cast<int>(std::lround(kTargetNbhds * weight[w] / total)));
        const Prepared prep = prepare(provisional[w].get());
        nbhd_seeds[w] = spaced_points(rng, prep.get(), bounds(provisional[w].get()), k,
                                      residential_density, 2.0);
        const Geom around = buffer(provisional[w].get(), kOvershoot);
        const Geom box = buffer(provisional[w].get(), 1000.0);
        lines.push_back(intersection(voronoi(nbhd_seeds[w], box.get(), true).get(), around.get()));
    }

    // 4. Node all cutting lines together (snap-rounded to 1 mm) and polygonize into atoms.
    const Geom all_lines = make_collection(GEOS_GEOMETRYCOLLECTION, std::move(lines));
    const Geom noded = checked(GEOSUnaryUnionPrec_r(geos(), all_lines.get(), kNodingGrid), "noding");
    const GEOSGeometry* noded_raw = noded.get();
    const Geom atoms = checked(GEOSPolygonize_r(geos(), &noded_raw, 1), "polygonize");

    // 5. Each atom belongs to the nearest ward seed, then to the nearest neighbourhood seed of
    //    that ward: exactly the Voronoi rule, and every atom lies on one side of every edge.
    std::vector<std::vector<std::vector<Geom>>> atoms_of(ward_seeds.size());
    for (std::size_t w = 0; w < ward_seeds.size(); ++w) atoms_of[w].resize(nbhd_seeds[w].size());
    for (const GEOSGeometry* atom : parts(atoms.get())) {
        const XY p = interior_point(atom);
        if (!contains(city.outline_prep.get(), p)) continue;  // overshoot leftovers outside
        const std::size_t w = nearest(ward_seeds, p);
        atoms_of[w][nearest(nbhd_seeds[w], p)].push_back(clone(atom));
    }

    for (std::size_t w = 0; w < ward_seeds.size(); ++w) {
        Ward ward;
        ward.seed = ward_seeds[w];
        std::vector<Geom> ward_atoms;
        for (std::size_t n = 0; n < nbhd_seeds[w].size(); ++n) {
            if (atoms_of[w][n].empty()) throw std::runtime_error("neighbourhood without area");
            for (const Geom& a : atoms_of[w][n]) ward_atoms.push_back(clone(a.get()));
            Neighbourhood nb;
            nb.seed = nbhd_seeds[w][n];
            nb.ward = static_cast<int>(w);
            nb.geom = union_of(std::move(atoms_of[w][n]));
            ward.nbhds.push_back(static_cast<int>(city.nbhds.size()));
            city.nbhds.push_back(std::move(nb));
        }
        ward.geom = union_of(std::move(ward_atoms));
        city.wards.push_back(std::move(ward));
    }

    // 6. Derived attributes. Residents per neighbourhood: 1,200-3,200, more near the centre.
    for (Neighbourhood& nb : city.nbhds) {
        nb.prep = prepare(nb.geom.get());
        nb.box = bounds(nb.geom.get());
        nb.area = area(nb.geom.get());
        nb.centroid = centroid(nb.geom.get());
        const double d = dist(nb.centroid, kCityCentre);
        const double pop = 1250.0 + 1350.0 * std::exp(-d * d / (2.0 * 4500.0 * 4500.0)) +
                           220.0 * rng.normal();
        nb.population = static_cast<int>(std::clamp(std::lround(pop / 5.0) * 5L, 1200L, 3200L));
    }
    for (Ward& w : city.wards) {
        w.prep = prepare(w.geom.get());
        w.area = area(w.geom.get());
        w.centroid = centroid(w.geom.get());
        for (int n : w.nbhds) w.population += city.nbhds[n].population;
    }
    check_tiling(city);
}

}  // namespace gencity
