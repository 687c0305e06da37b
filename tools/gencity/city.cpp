#include "city.hpp"

#include <cmath>
#include <cstdio>

namespace gencity {

std::string month_label(int m) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d", month_year(m), month_of_year(m));
    return buf;
}
int month_year(int m) { return 2022 + (m + 3) / 12; }
int month_of_year(int m) { return (m + 3) % 12 + 1; }

const char* pattern_name(Pattern p) {
    switch (p) {
        case Pattern::Persistent: return "persistent";
        case Pattern::Emerging: return "emerging";
        case Pattern::Fading: return "fading";
    }
    return "?";
}

double residential_density(XY p) {
    // Dense core fading out over ~3 km, two district centres, and a low suburban/rural floor.
    auto bump = [&p](XY c, double s) {
        const double d = dist(p, c);
        return std::exp(-d * d / (2.0 * s * s));
    };
    return 0.15 + bump(kCityCentre, 3000.0) + 0.45 * bump(kDistrictCentres[0], 1000.0) +
           0.35 * bump(kDistrictCentres[1], 900.0);
}

int City::ward_by_name(const std::string& name) const {
    for (std::size_t i = 0; i < wards.size(); ++i)
        if (wards[i].name == name) return static_cast<int>(i);
    return -1;
}

int City::ward_at(XY p) const {
    for (std::size_t i = 0; i < wards.size(); ++i)
        if (contains(wards[i].prep.get(), p)) return static_cast<int>(i);
    return -1;
}

int City::nbhd_at(XY p) const {
    for (std::size_t i = 0; i < nbhds.size(); ++i) {
        const Box& b = nbhds[i].box;
        if (p.x < b.minx || p.x > b.maxx || p.y < b.miny || p.y > b.maxy) continue;
        if (contains(nbhds[i].prep.get(), p)) return static_cast<int>(i);
    }
    return -1;
}

XY uniform_point_in(Rng& rng, const GEOSPreparedGeometry* poly, const Box& box) {
    for (;;) {
        const XY p{rng.uniform(box.minx, box.maxx), rng.uniform(box.miny, box.maxy)};
        if (contains(poly, p)) return p;
    }
}

}  // namespace gencity
