// Incidents: a population-weighted background, the 26 planted ASB hotspots and the non-ASB
// concentrations, month by month, each snapped to its nearest snap point.
#include "incidents.hpp"
#include "spatial.hpp"

#include <array>
#include <cmath>

namespace gencity {
namespace {

using TypeArray = std::array<double, kNumTypes>;

// Rows per type in the real Merseyside files 2022-10..2025-09 (477,331 rows): the mix of the
// non-ASB types follows these; ASB is set separately (20% here, for the ASB pilot).
constexpr TypeArray kMerseyside{45947, 3489,  14389, 39772, 36674, 10595,  27417,
                                3948,  54652, 3667,  26509, 4130,  17684, 188458};

// Seasonal factors by calendar month (Jan..Dec), normalised to mean 1 below.
// ASB peaks in summer: June-August about 1.5x December-February.
constexpr std::array<double, 12> kAsbSeason{1.00, 1.00, 1.10, 1.25, 1.35, 1.50,
                                            1.55, 1.50, 1.25, 1.15, 1.05, 0.95};
constexpr std::array<double, 12> kCrimeSeason{0.93, 0.90, 0.97, 0.98, 1.03, 1.06,
                                              1.08, 1.06, 1.00, 1.00, 0.98, 1.00};

double season(const std::array<double, 12>& s, int m) {
    double mean = 0.0;
    for (double v : s) mean += v / 12.0;
    return s[month_of_year(m) - 1] / mean;
}
double asb_season(int m) { return season(kAsbSeason, m); }
double crime_season(int m) { return season(kCrimeSeason, m); }

// Gentle national-style trends per year (shoplifting up, burglary and vehicle crime down),
// centred on the middle of the period so the 36-month mean is unchanged.
double trend(int type, int m) {
    double g = 0.0;
    if (type == kShoplifting) g = 0.12;
    if (type == kViolence) g = 0.02;
    if (type == kBurglary) g = -0.05;
    if (type == kVehicle) g = -0.04;
    return std::pow(1.0 + g, (m - (kMonths - 1) / 2.0) / 12.0);
}

// How strongly each type is drawn to the city centre on top of population (background only).
double centre_boost(int type) {
    switch (type) {
        case kTheftPerson: return 3.0;
        case kShoplifting: case kRobbery: case kBicycle: return 1.5;
        case kOtherTheft: return 1.0;
        case kViolence: case kPublicOrder: case kDrugs: case kWeapons: return 0.8;
        case kASB: return 0.4;
        default: return 0.3;
    }
}

const std::vector<TypeShare> kHotspotMix{
    {kASB, kHotspotAsbMix}, {kDamage, 0.12}, {kPublicOrder, 0.10}, {kDrugs, 0.08}};

int draw_type(Rng& rng, const std::vector<TypeShare>& mix) {
    std::vector<double> w;
    for (const TypeShare& t : mix) w.push_back(t.share);
    return mix[rng.weighted(w)].type;
}

XY gaussian_around(Rng& rng, XY c, double sigma) {
    const double dx = sigma * rng.normal();
    const double dy = sigma * rng.normal();
    return {c.x + dx, c.y + dy};
}

}  // namespace

std::vector<Incident> generate_incidents(City& city, Rng& rng) {
    // 1. Scale hotspot rates so their expected ASB is kHotspotAsbShare of all expected ASB.
    const double asb_total = kMonthlyTotal * kAsbShare * kMonths;
    double raw = 0.0;
    for (const Hotspot& h : city.hotspots)
        for (int m = 0; m < kMonths; ++m)
            if (h.active(m)) raw += h.monthly_rate * asb_season(m) * kHotspotAsbMix;
    const double scale = kHotspotAsbShare * asb_total / raw;
    for (Hotspot& h : city.hotspots) h.monthly_rate = std::round(h.monthly_rate * scale * 100.0) / 100.0;

    // 2. Expected cluster contributions per type over the period, so the background can make
    //    up the difference and the overall mix still matches the target proportions.
    TypeArray clustered{};
    for (const Hotspot& h : city.hotspots)
        for (int m = 0; m < kMonths; ++m)
            if (h.active(m))
                for (const TypeShare& t : kHotspotMix)
                    clustered[t.type] += h.monthly_rate * asb_season(m) * t.share;
    for (const Concentration& c : city.concentrations)
        for (const TypeShare& t : c.mix) clustered[t.type] += c.monthly_rate * kMonths * t.share;

    double non_asb = 0.0;
    for (int t = 1; t < kNumTypes; ++t) non_asb += kMerseyside[t];
    TypeArray background{};  // mean per month
    background[kASB] = (asb_total - clustered[kASB]) / kMonths;
    for (int t = 1; t < kNumTypes; ++t) {
        const double target = kMonthlyTotal * (1.0 - kAsbShare) * kMerseyside[t] / non_asb;
        background[t] = std::max(0.0, target - clustered[t] / kMonths);
    }

    // 3. Where background incidents fall: neighbourhood population, boosted near the centre.
    std::vector<WeightedTable> where;
    for (int t = 0; t < kNumTypes; ++t) {
        std::vector<double> w;
        for (const Neighbourhood& nb : city.nbhds) {
            const double d = dist(nb.centroid, kCityCentre);
            w.push_back(nb.population * (1.0 + centre_boost(t) * std::exp(-d * d / (2.0 * 1800.0 * 1800.0))));
        }
        where.emplace_back(w);
    }

    PointGrid grid(100.0);
    for (std::size_t i = 0; i < city.snaps.size(); ++i) grid.add(city.snaps[i].p, static_cast<int>(i));

    std::vector<Incident> out;
    auto emit = [&](int m, int type, XY p, int source) {
        out.push_back({m, type, grid.nearest(p), source});
    };
    for (int m = 0; m < kMonths; ++m) {
        for (int t = 0; t < kNumTypes; ++t) {
            const double s = t == kASB ? asb_season(m) : crime_season(m) * trend(t, m);
            const long n = rng.poisson(background[t] * s);
            for (long i = 0; i < n; ++i) {
                const Neighbourhood& nb = city.nbhds[where[t].draw(rng)];
                emit(m, t, uniform_point_in(rng, nb.prep.get(), nb.box), kBackground);
            }
        }
        for (std::size_t h = 0; h < city.hotspots.size(); ++h) {
            Hotspot& hs = city.hotspots[h];
            if (!hs.active(m)) continue;
            const long n = rng.poisson(hs.monthly_rate * asb_season(m));
            for (long i = 0; i < n; ++i) {
                const int type = draw_type(rng, kHotspotMix);
                emit(m, type, gaussian_around(rng, hs.centre, hs.sigma), static_cast<int>(h));
                ++hs.n_total;
                if (type == kASB) {
                    ++hs.n_asb;
                    if (dist(city.snaps[out.back().snap].p, hs.centre) <= 200.0) ++hs.n_asb_near;
                }
            }
        }
        for (std::size_t k = 0; k < city.concentrations.size(); ++k) {
            Concentration& c = city.concentrations[k];
            const long n = rng.poisson(c.monthly_rate * crime_season(m));
            for (long i = 0; i < n; ++i) {
                emit(m, draw_type(rng, c.mix), gaussian_around(rng, c.centre, c.sigma),
                     kConcentrationBase + static_cast<int>(k));
                ++c.n_total;
            }
        }
    }
    return out;
}

}  // namespace gencity
