// The fixed set of police.uk-style "snap points": every incident is moved to its nearest one
// before it is written, as police.uk does to anonymise locations.
#include "city.hpp"
#include "names.hpp"
#include "projection.hpp"
#include "spatial.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace gencity {
namespace {

constexpr int kTotalSnaps = 6000;
constexpr int kStreets = 1500;          // ~4 snap points per street name
constexpr double kMinSpacing = 20.0;    // between background snap points, metres
constexpr double kBoundaryClear = 2.0;  // off neighbourhood edges, so the LSOA is unambiguous
constexpr double kSpecialShare = 0.06;  // "Supermarket", "Parking Area", ...
constexpr double kEmptyShare = 0.02;    // "On or near " with nothing after it

struct Special {
    const char* name;
    double weight;
};
// Nightclub is only used near the centre (see below).
const std::vector<Special> kSpecials{
    {"Parking Area", 5.0},      {"Supermarket", 3.0},          {"Shopping Area", 3.0},
    {"Petrol Station", 2.0},    {"Sports/Recreation Area", 2.0}, {"Park/Open Space", 2.0},
    {"Further/Higher Educational Building", 1.0}, {"Hospital", 0.3}, {"Police Station", 0.3},
    {"Nightclub", 2.0}};
const std::vector<const char*> kHotspotPlaces{
    "Parking Area", "Shopping Area", "Sports/Recreation Area", "Park/Open Space", "Supermarket",
    "Petrol Station"};

XY rounded(XY p) { return {std::round(p.x), std::round(p.y)}; }

}  // namespace

void build_snap_points(City& city, Rng& rng) {
    std::vector<Geom> edges;
    for (const Neighbourhood& nb : city.nbhds)
        edges.push_back(checked(GEOSBoundary_r(geos(), nb.geom.get()), "boundary"));
    PointGrid taken(100.0);
    std::vector<bool> named;  // true once a snap point has a special (non-street) name

    // Adds a snap point if it is in the city and clear of neighbourhood edges.
    auto add = [&](XY p, int owner, const std::string& place) {
        p = rounded(p);
        const int n = city.nbhd_at(p);
        if (n < 0 || distance_to(edges[n].get(), p) < kBoundaryClear) return false;
        SnapPoint s;
        s.p = p;
        s.nbhd = n;
        s.owner = owner;
        s.street = place;
        taken.add(p, static_cast<int>(city.snaps.size()));
        city.snaps.push_back(s);
        named.push_back(!place.empty());
        return true;
    };
    auto ring_point = [&](XY c, double r_lo, double r_hi) {
        const double a = rng.uniform(0.0, 2.0 * std::numbers::pi);
        const double r = rng.uniform(r_lo, r_hi);
        return XY{c.x + r * std::cos(a), c.y + r * std::sin(a)};
    };

    // 1. Each planted hotspot gets four snap points within 30 m of its centre, so snapping
    //    keeps the cluster where it was planted. Half of them sit at a named place.
    for (std::size_t h = 0; h < city.hotspots.size(); ++h) {
        const XY c = city.hotspots[h].centre;
        const double bands[4][2] = {{3, 10}, {12, 20}, {18, 26}, {24, 30}};
        for (int i = 0; i < 4; ++i) {
            std::string place;
            if (i == 0 && rng.chance(0.5)) place = kHotspotPlaces[rng.below(kHotspotPlaces.size())];
            for (int t = 0; t < 1000; ++t) {
                const XY p = ring_point(c, bands[i][0], bands[i][1]);
                if (taken.any_within(rounded(p), 6.0)) continue;
                if (add(p, static_cast<int>(h), place)) break;
            }
        }
    }
    // 2. Non-ASB concentrations: their special places (Nightclub, Supermarket...) plus a few
    //    street points within about one sigma.
    for (std::size_t k = 0; k < city.concentrations.size(); ++k) {
        const Concentration& c = city.concentrations[k];
        std::vector<std::string> places = c.place_names;
        places.insert(places.end(), 4, std::string());
        for (const std::string& place : places)
            for (int t = 0; t < 1000; ++t) {
                const XY p = ring_point(c.centre, 5.0, c.sigma);
                if (taken.any_within(rounded(p), 10.0)) continue;
                if (add(p, 1000 + static_cast<int>(k), place)) break;
            }
    }

    // 3. Background points per neighbourhood: more where more people live (and somewhat more
    //    in large rural neighbourhoods, which have more roads).
    std::vector<double> w;
    double wsum = 0.0;
    for (const Neighbourhood& nb : city.nbhds) {
        w.push_back(std::pow(nb.population, 0.6) * std::pow(nb.area, 0.4));
        wsum += w.back();
    }
    const double budget = kTotalSnaps - static_cast<double>(city.snaps.size());
    for (std::size_t n = 0; n < city.nbhds.size(); ++n) {
        const Neighbourhood& nb = city.nbhds[n];
        const long want = std::max(6L, std::lround(budget * w[n] / wsum));
        for (long i = 0; i < want; ++i)
            for (int t = 0; t < 200; ++t) {
                const XY p = rounded(uniform_point_in(rng, nb.prep.get(), nb.box));
                if (taken.any_within(p, kMinSpacing)) continue;
                if (add(p, -1, "")) break;
            }
    }

    // 4. Street names: each snap point takes the name of the nearest "street centre"; street
    //    centres follow the population, so each name covers a few neighbouring points.
    const std::vector<std::string> names = street_names(rng, kStreets);
    PointGrid streets(250.0);
    const Box obox = bounds(city.outline.get());
    for (int i = 0; i < kStreets; ++i) {
        XY p;
        do { p = uniform_point_in(rng, city.outline_prep.get(), obox); }
        while (!rng.chance(residential_density(p) / 2.0));
        streets.add(p, i);
    }
    std::vector<double> sw;
    for (const Special& s : kSpecials) sw.push_back(s.weight);
    const WeightedTable specials(sw);
    for (std::size_t i = 0; i < city.snaps.size(); ++i) {
        SnapPoint& s = city.snaps[i];
        if (named[i]) continue;
        const double u = rng.uniform();
        if (u < kSpecialShare && s.owner < 0) {
            std::string place;
            do { place = kSpecials[specials.draw(rng)].name; }
            while (place == "Nightclub" && dist(s.p, kCityCentre) > 1500.0);
            s.street = place;
        } else if (u >= kSpecialShare && u < kSpecialShare + kEmptyShare) {
            s.street.clear();
        } else {
            s.street = names[streets.nearest(s.p)];
        }
    }

    const Projector proj;
    for (SnapPoint& s : city.snaps) {
        const XY ll = proj.to_lonlat(s.p);
        s.lon = ll.x;
        s.lat = ll.y;
    }
    for (Hotspot& h : city.hotspots) {
        const XY ll = proj.to_lonlat(h.centre);
        h.lon = ll.x;
        h.lat = ll.y;
    }
}

}  // namespace gencity
