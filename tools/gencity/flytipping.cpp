// Fly-tipping reports in a council-style schema (not police.uk): BNG easting/northing and
// DD/MM/YYYY dates. Concentrated in back alleys near some planted ASB hotspots, at
// edge-of-city dumping sites, and (mildly) in the pilot wards.
#include "io.hpp"
#include "writers.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <stdexcept>

namespace gencity {
namespace {

constexpr const char* kFile = "flytipping/brindleford_flytipping_2022-04_2025-03.csv.gz";
constexpr double kBackgroundPerMonth = 37.5;  // ~45% of ~3,000 rows
constexpr double kAlleyPerMonth = 3.6;        // per alley site (7 sites, ~30%)
constexpr double kEdgePerMonth = 3.5;         // per edge site (6 sites, ~25%)
constexpr long kEmptyEastingLine = 700;
constexpr std::array<double, 12> kSeason{0.85, 0.85, 0.95, 1.05, 1.10, 1.15,
                                         1.15, 1.10, 1.00, 0.95, 0.95, 0.90};

struct Choice {
    const char* text;
    double weight;
};
const std::vector<Choice> kWasteHousehold{
    {"Black bags - household", 30}, {"Other household waste", 25}, {"Green", 8},
    {"Construction/demolition/excavation", 6}, {"White goods", 5}, {"Other electrical", 4},
    {"Black bags - commercial", 4}, {"Other commercial waste", 5}, {"Tyres", 2},
    {"Vehicle parts", 2}, {"Clinical", 0.5}, {"Asbestos", 0.5}, {"Animal carcass", 0.3},
    {"Chemical drums/oil/fuel", 0.5}, {"Other (unidentified)", 5}};
const std::vector<Choice> kWasteAlley{
    {"Black bags - household", 45}, {"Other household waste", 30}, {"White goods", 6},
    {"Other electrical", 4}, {"Green", 5}, {"Other (unidentified)", 5}};
const std::vector<Choice> kWasteEdge{
    {"Construction/demolition/excavation", 30}, {"Green", 15}, {"Other household waste", 15},
    {"Tyres", 10}, {"Other commercial waste", 10}, {"Black bags - commercial", 8},
    {"Vehicle parts", 5}, {"Asbestos", 3}, {"Chemical drums/oil/fuel", 2}, {"Animal carcass", 1}};
const std::vector<Choice> kLandBackground{
    {"Highway", 50}, {"Footpath/bridleway", 15}, {"Back alleyway", 12}, {"Council land", 10},
    {"Private/residential", 6}, {"Commercial/industrial", 4}, {"Watercourse/bank", 2},
    {"Railway", 1}};

std::string pick(Rng& rng, const std::vector<Choice>& table) {
    std::vector<double> w;
    for (const Choice& c : table) w.push_back(c.weight);
    return table[rng.weighted(w)].text;
}

int days_in(int year, int month) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

struct FlyRow {
    int year = 0, month = 0, day = 0;
    XY p;
    bool decimal = false;  // one decimal place instead of whole metres
    int site = -1;
    std::string waste, land;
    std::uint64_t key = 0;
    bool bad = false;
    std::string date_text, easting_text, northing_text;  // as written
};

int date_key(const FlyRow& r) { return r.year * 10000 + r.month * 100 + r.day; }

std::string coord(double v, bool decimal) { return decimal ? fixed(v, 1) : fixed(v, 0); }

std::string format(const FlyRow& r, const std::string& ref) {
    return ref + "," + r.date_text + "," + r.easting_text + "," + r.northing_text + "," +
           csv_field(r.waste) + "," + csv_field(r.land);
}

std::vector<FlySite> make_sites(const City& city, Rng& rng) {
    std::vector<FlySite> sites;
    // Back alleys next to some persistent hotspots: the first two persistent hotspots of each
    // pilot ward (one in the smallest), 20-50 m from the hotspot centre.
    std::vector<int> per_ward(city.wards.size(), 0);
    for (const Hotspot& h : city.hotspots) {
        const int quota = city.wards[h.ward].name == "Ladymead" ? 1 : 2;
        if (h.pattern != Pattern::Persistent || per_ward[h.ward] >= quota) continue;
        ++per_ward[h.ward];
        const double a = rng.uniform(0.0, 2.0 * std::numbers::pi), r = rng.uniform(20.0, 50.0);
        FlySite s;
        s.kind = "back alley near planted hotspot";
        s.land_type = "Back alleyway";
        s.hotspot = h.id;
        s.centre = {std::round(h.centre.x + r * std::cos(a)), std::round(h.centre.y + r * std::sin(a))};
        s.sigma = 60.0;
        s.monthly_rate = kAlleyPerMonth;
        sites.push_back(s);
    }
    // Edge-of-city dumping sites (lay-bys, field gateways): 150-400 m inside the outline,
    // at least 2.5 km apart.
    const Geom edge = checked(GEOSBoundary_r(geos(), city.outline.get()), "outline boundary");
    const Box box = bounds(city.outline.get());
    const char* lands[] = {"Agricultural", "Highway", "Footpath/bridleway"};
    for (int i = 0; i < 6; ++i) {
        for (int tries = 0;; ++tries) {
            if (tries > 100000) throw std::runtime_error("cannot place edge fly-tipping site");
            XY p = uniform_point_in(rng, city.outline_prep.get(), box);
            p = {std::round(p.x), std::round(p.y)};
            const double d = distance_to(edge.get(), p);
            if (d < 150.0 || d > 400.0) continue;
            bool apart = true;
            for (const FlySite& s : sites) apart = apart && dist(s.centre, p) >= 2500.0;
            if (!apart) continue;
            FlySite s;
            s.kind = "edge-of-city site";
            s.land_type = lands[i % 3];
            s.centre = p;
            s.sigma = 80.0;
            s.monthly_rate = kEdgePerMonth;
            sites.push_back(s);
            break;
        }
    }
    for (std::size_t i = 0; i < sites.size(); ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "F%02zu", i + 1);
        sites[i].id = id;
        sites[i].ward = city.ward_at(sites[i].centre);
    }
    return sites;
}

}  // namespace

FlyStats write_flytipping(const City& city, Rng& rng, const std::string& out_dir) {
    FlyStats st;
    st.file = kFile;
    st.sites = make_sites(city, rng);

    std::vector<double> w;
    for (const Neighbourhood& nb : city.nbhds)
        w.push_back(nb.population * (city.wards[nb.ward].pilot ? 1.6 : 1.0));
    const WeightedTable where(w);

    std::vector<FlyRow> rows;
    for (int m = 0; m < kMonths; ++m) {
        const double s = kSeason[month_of_year(m) - 1];
        auto add = [&](XY p, int site, const std::string& waste, const std::string& land) {
            FlyRow r;
            r.year = month_year(m);
            r.month = month_of_year(m);
            r.day = 1 + static_cast<int>(rng.below(static_cast<std::size_t>(days_in(r.year, r.month))));
            r.decimal = rng.chance(0.25);
            r.p = r.decimal ? XY{std::round(p.x * 10.0) / 10.0, std::round(p.y * 10.0) / 10.0}
                            : XY{std::round(p.x), std::round(p.y)};
            r.site = site;
            r.waste = waste;
            r.land = land;
            r.key = rng.bits();
            rows.push_back(r);
        };
        for (long n = rng.poisson(kBackgroundPerMonth * s); n > 0; --n) {
            const Neighbourhood& nb = city.nbhds[where.draw(rng)];
            add(uniform_point_in(rng, nb.prep.get(), nb.box), -1, pick(rng, kWasteHousehold),
                pick(rng, kLandBackground));
        }
        for (std::size_t k = 0; k < st.sites.size(); ++k) {
            const FlySite& site = st.sites[k];
            const bool alley = !site.hotspot.empty();
            for (long n = rng.poisson(site.monthly_rate * s); n > 0; --n) {
                XY p;
                do {  // reports come from within the council's area only
                    p = {site.centre.x + site.sigma * rng.normal(), site.centre.y + site.sigma * rng.normal()};
                } while (!contains(city.outline_prep.get(), p));
                const std::string land = rng.chance(0.8) ? site.land_type : std::string("Highway");
                add(p, static_cast<int>(k), pick(rng, alley ? kWasteAlley : kWasteEdge), land);
            }
        }
    }
    std::sort(rows.begin(), rows.end(), [](const FlyRow& a, const FlyRow& b) {
        return date_key(a) != date_key(b) ? date_key(a) < date_key(b) : a.key < b.key;
    });
    for (FlyRow& r : rows) {
        char d[32];
        std::snprintf(d, sizeof d, "%02d/%02d/%04d", r.day, r.month, r.year);
        r.date_text = d;
        r.easting_text = coord(r.p.x, r.decimal);
        r.northing_text = coord(r.p.y, r.decimal);
    }

    // Bad row 1: empty easting, at a fixed line (a copy of the row it displaces, new reference).
    const auto e = static_cast<std::size_t>(kEmptyEastingLine - 2);
    FlyRow empty = rows.at(e);
    empty.bad = true;
    empty.easting_text.clear();
    rows.insert(rows.begin() + static_cast<long>(e), empty);
    // Bad row 2: "31/02/2024", placed where the February 2024 reports end.
    const auto f = static_cast<std::size_t>(
        std::find_if(rows.begin(), rows.end(), [](const FlyRow& r) { return date_key(r) >= 20240301; }) -
        rows.begin());
    if (f <= e || f >= rows.size()) throw std::runtime_error("fly-tipping bad rows out of order");
    FlyRow feb = rows[f - 1];
    feb.bad = true;
    feb.date_text = "31/02/2024";
    rows.insert(rows.begin() + static_cast<long>(f), feb);

    std::string content = "reference,date_reported,easting,northing,waste_type,land_type\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        char ref[32];
        std::snprintf(ref, sizeof ref, "BFT-%06zu", i + 1);
        const std::string line = format(rows[i], ref);
        content += line + "\n";
        ++st.data_rows;
        if (rows[i].bad) {
            ++st.bad_rows;
            const long ln = static_cast<long>(i) + 2;
            st.bad.push_back({"flytipping", kFile, ln,
                              ln == kEmptyEastingLine ? "empty easting" : "invalid date \"31/02/2024\"",
                              line});
            continue;
        }
        ++st.valid_rows;
        const int ward = city.ward_at(rows[i].p);
        if (ward >= 0 && city.wards[ward].pilot) ++st.in_pilot_wards;
        if (rows[i].site >= 0) ++st.sites[rows[i].site].n_rows;
    }
    write_gzip(out_dir + "/" + kFile, content);
    return st;
}

}  // namespace gencity
