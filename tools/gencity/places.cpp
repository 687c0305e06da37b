// Where things happen: the four pilot wards, the non-ASB concentrations and the 26 planted
// ASB hotspots.
#include "city.hpp"
#include "names.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <stdexcept>

namespace gencity {
namespace {

constexpr double kHotspotInset = 150.0;   // centre at least this far inside its ward
constexpr double kHotspotSpacing = 300.0; // centres at least this far apart

double bearing(XY from, XY to) { return std::atan2(to.y - from.y, to.x - from.x); }

double angle_between(double a, double b) {
    double d = std::fmod(std::abs(a - b), 2.0 * std::numbers::pi);
    return d > std::numbers::pi ? 2.0 * std::numbers::pi - d : d;
}

double inner_area(const Ward& w) {
    const Geom inner = checked(GEOSBuffer_r(geos(), w.geom.get(), -kHotspotInset, 8), "inset");
    return area(inner.get());
}

double inside_margin(const GEOSGeometry* poly, XY p) {
    const Geom edge = checked(GEOSBoundary_r(geos(), poly), "boundary");
    return distance_to(edge.get(), p);
}

}  // namespace

void choose_pilot_wards(City& city) {
    const int central = city.ward_at(kCityCentre);
    city.wards[central].name = kCentralWard;

    // Candidates: "central-ish" wards (centroid 1.5-5.5 km from the centre), not the central
    // ward nor a district-centre ward, big enough to hold their hotspots with room to spare.
    std::vector<int> excluded{central};
    for (XY d : kDistrictCentres) excluded.push_back(city.ward_at(d));
    std::vector<int> candidates;
    for (std::size_t i = 0; i < city.wards.size(); ++i) {
        const double d = dist(city.wards[i].centroid, kCityCentre);
        if (d < 1500.0 || d > 5500.0) continue;
        if (std::find(excluded.begin(), excluded.end(), static_cast<int>(i)) != excluded.end())
            continue;
        candidates.push_back(static_cast<int>(i));
    }
    std::sort(candidates.begin(), candidates.end(), [&](int a, int b) {
        return dist(city.wards[a].centroid, kCityCentre) < dist(city.wards[b].centroid, kCityCentre);
    });

    // Greedy: nearest suitable ward first, in different directions from the centre so the
    // pilot covers different parts of the city. The required angle between the directions is
    // relaxed step by step until all four wards are found.
    for (double min_angle = 75.0; min_angle >= 30.0; min_angle -= 5.0) {
        std::vector<int> picks;
        std::vector<double> chosen_bearings;
        for (const PilotWard& pw : kPilotWards) {
            for (int c : candidates) {
                const Ward& w = city.wards[c];
                if (std::find(picks.begin(), picks.end(), c) != picks.end()) continue;
                if (inner_area(w) < pw.hotspots * 0.2e6) continue;
                const double b = bearing(kCityCentre, w.centroid);
                bool apart = true;
                for (double o : chosen_bearings)
                    apart = apart && angle_between(b, o) >= min_angle * std::numbers::pi / 180.0;
                if (!apart) continue;
                picks.push_back(c);
                chosen_bearings.push_back(b);
                break;
            }
        }
        if (picks.size() < std::size(kPilotWards)) continue;
        for (std::size_t k = 0; k < picks.size(); ++k) {
            city.wards[picks[k]].pilot = true;
            city.wards[picks[k]].name = kPilotWards[k].name;
        }
        return;
    }
    throw std::runtime_error("no four wards suitable for the pilot");
}

void place_concentrations(City& city, Rng& rng) {
    // A point in a non-pilot ward, `r_lo`..`r_hi` metres from the centre, well inside its ward.
    auto site = [&](double r_lo, double r_hi) {
        for (int tries = 0; tries < 100000; ++tries) {
            const double a = rng.uniform(0.0, 2.0 * std::numbers::pi);
            const double r = rng.uniform(r_lo, r_hi);
            const XY p{kCityCentre.x + r * std::cos(a), kCityCentre.y + r * std::sin(a)};
            const int w = city.ward_at(p);
            if (w < 0 || city.wards[w].pilot) continue;
            if (inside_margin(city.wards[w].geom.get(), p) < 200.0) continue;
            bool far = true;
            for (const Ward& pw : city.wards)
                if (pw.pilot) far = far && distance_to(pw.geom.get(), p) > 600.0;
            if (far) return p;
        }
        throw std::runtime_error("cannot place a concentration");
    };
    auto round10 = [](XY p) { return XY{std::round(p.x / 10.0) * 10.0, std::round(p.y / 10.0) * 10.0}; };
    // C1 sits on the city centre itself, which is in the ward named Brindleford Central.
    const int district = city.wards[city.ward_at(kDistrictCentres[0])].pilot ? 1 : 0;

    city.concentrations = {
        {"C1", "Town centre night-time economy",
         "violence, public order and theft from the person around the bars and clubs", -1,
         kCityCentre, 180.0, 55.0,
         {{kViolence, 0.55}, {kPublicOrder, 0.25}, {kTheftPerson, 0.08}, {kDrugs, 0.07},
          {kRobbery, 0.05}},
         {"Nightclub", "Nightclub", "Nightclub", "Nightclub", "Theatre/Concert Hall",
          "Parking Area"}, 0},
        {"C2", "Retail park", "shoplifting with some vehicle crime in the car parks", -1,
         round10(site(5500.0, 6800.0)), 70.0, 28.0,
         {{kShoplifting, 0.78}, {kVehicle, 0.12}, {kOtherTheft, 0.10}},
         {"Supermarket", "Shopping Area", "Shopping Area", "Parking Area", "Petrol Station"}, 0},
        {"C3", "Railway station", "bicycle theft, theft from the person and other theft", -1,
         round10(site(1000.0, 1600.0)), 60.0, 12.0,
         {{kBicycle, 0.35}, {kTheftPerson, 0.25}, {kOtherTheft, 0.25}, {kRobbery, 0.15}},
         {"Bus/Coach Station", "Parking Area"}, 0},
        {"C4", "District centre shopping street", "shoplifting and other theft", -1,
         round10(kDistrictCentres[district]), 120.0, 16.0,
         {{kShoplifting, 0.55}, {kOtherTheft, 0.20}, {kViolence, 0.15}, {kPublicOrder, 0.10}},
         {"Shopping Area", "Supermarket"}, 0},
    };
    for (Concentration& c : city.concentrations) {
        c.ward = city.ward_at(c.centre);
        if (c.ward < 0 || city.wards[c.ward].pilot)
            throw std::runtime_error("concentration " + c.id + " is not in a non-pilot ward");
    }
}

void place_hotspots(City& city, Rng& rng) {
    using P = Pattern;
    // Per pilot ward (same order as kPilotWards): 14 persistent, 6 emerging, 6 fading in all.
    const std::vector<std::vector<P>> patterns{
        {P::Persistent, P::Persistent, P::Persistent, P::Persistent, P::Emerging, P::Emerging,
         P::Fading, P::Fading},
        {P::Persistent, P::Persistent, P::Persistent, P::Persistent, P::Emerging, P::Emerging,
         P::Fading},
        {P::Persistent, P::Persistent, P::Persistent, P::Emerging, P::Fading, P::Fading},
        {P::Persistent, P::Persistent, P::Persistent, P::Emerging, P::Fading}};

    for (std::size_t k = 0; k < std::size(kPilotWards); ++k) {
        const int wi = city.ward_by_name(kPilotWards[k].name);
        const Ward& w = city.wards[wi];
        const Geom edge = checked(GEOSBoundary_r(geos(), w.geom.get()), "boundary");
        const Box box = bounds(w.geom.get());
        for (P pattern : patterns[k]) {
            XY c{};
            bool ok = false;
            for (int tries = 0; tries < 100000 && !ok; ++tries) {
                // Whole metres: ground truth coordinates are then exact in the CSV.
                c = uniform_point_in(rng, w.prep.get(), box);
                c = {std::round(c.x), std::round(c.y)};
                if (!contains(w.prep.get(), c) || distance_to(edge.get(), c) < kHotspotInset) continue;
                ok = true;
                for (const Hotspot& h : city.hotspots) ok = ok && dist(h.centre, c) >= kHotspotSpacing;
                // Keep clear of the non-ASB concentrations so the two never blur together.
                for (const Concentration& cc : city.concentrations)
                    ok = ok && dist(cc.centre, c) >= 4.0 * cc.sigma + 300.0;
            }
            if (!ok) throw std::runtime_error("cannot place hotspot in " + w.name);
            Hotspot h;
            char id[32];
            std::snprintf(id, sizeof id, "H%02zu", city.hotspots.size() + 1);
            h.id = id;
            h.ward = wi;
            h.centre = c;
            h.sigma = std::round(rng.uniform(40.0, 90.0));
            h.pattern = pattern;
            // Relative intensity for now; incidents.cpp scales it to the target ASB share.
            // Emerging/fading hotspots are more intense while active so they stand out.
            h.monthly_rate = rng.uniform(0.6, 1.4) * (pattern == P::Persistent ? 1.0 : 1.5);
            city.hotspots.push_back(h);
        }
    }
}

}  // namespace gencity
