// police.uk street-level CSV files: one gzip file per month, sorted like the real files
// (by LSOA name, then crime type), with the deliberately bad rows inserted at fixed lines.
#include "io.hpp"
#include "writers.hpp"

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <unordered_set>

namespace gencity {
namespace {

constexpr const char* kForce = "Brindleford Police";
constexpr const char* kHeader =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context\n";

struct Row {
    std::array<std::string, 12> f;  // the 12 police.uk columns
    int type = 0;
    int nbhd = -1;
    int source = kBackground;
    std::uint64_t key = 0;  // random tie-break within (LSOA, type), like the real files' order
    bool bad = false;
    bool eleven = false;    // written without the Context column
};

enum class Fault { NoLocation, BadLongitude, NaNLatitude, Scotland, NullIsland, ElevenFields, BadMonth };
struct FaultPlan {
    int month;  // 0 = 2022-04
    long line;  // physical line of the bad row in the decompressed file (header = 1)
    Fault fault;
    int type;
    const char* problem;
};
// Exactly 8 bad rows, at most one per file, so line numbers never shift each other.
const std::vector<FaultPlan> kFaults{
    {1, 101, Fault::NoLocation, kViolence, "empty Longitude and Latitude (no location; LSOA empty)"},
    {5, 250, Fault::BadLongitude, kDamage, "unparseable Longitude \"-1.2x3\""},
    {10, 1501, Fault::NoLocation, kOtherCrime, "empty Longitude and Latitude (no location; LSOA empty)"},
    {14, 777, Fault::NaNLatitude, kBurglary, "Latitude \"NaN\""},
    {18, 1200, Fault::Scotland, kVehicle, "outside the study area: lon -3.0, lat 56.5 (Scotland; LSOA empty)"},
    {20, 600, Fault::BadMonth, kDrugs, "invalid Month \"2023-13\""},
    {23, 333, Fault::NullIsland, kShoplifting, "outside the study area: lon 0.0, lat 0.0 (LSOA filled in)"},
    {28, 1024, Fault::ElevenFields, kViolence, "11 fields instead of 12 (Context column and its comma missing)"},
};
// Valid oddities, both in 2024-11: a quoted Location with a comma, and a duplicated row.
constexpr int kSpecialMonth = 31;
constexpr long kQuotedLine = 444;
constexpr long kDuplicateFrom = 889;  // the first non-ASB row from this line on is repeated

class IdMaker {
public:
    explicit IdMaker(Rng& rng) : rng_(rng) {}
    std::string next() {
        for (;;) {
            char buf[65];
            std::snprintf(buf, sizeof buf, "%016" PRIx64 "%016" PRIx64 "%016" PRIx64 "%016" PRIx64,
                          rng_.bits(), rng_.bits(), rng_.bits(), rng_.bits());
            if (used_.insert(buf).second) return buf;
        }
    }

private:
    Rng& rng_;
    std::unordered_set<std::string> used_;
};

struct Outcome {
    const char* text;
    double weight;
};
// Approximate outcome mixes seen in the real files, by kind of crime.
const std::vector<Outcome> kGeneral{
    {"Unable to prosecute suspect", 44}, {"Investigation complete; no suspect identified", 33},
    {"Court result unavailable", 9}, {"Local resolution", 4},
    {"Further investigation is not in the public interest", 2},
    {"Action to be taken by another organisation", 1.2},
    {"Further action is not in the public interest", 1.2}, {"Status update unavailable", 1},
    {"Offender given a caution", 0.6}, {"Formal action is not in the public interest", 0.6},
    {"Suspect charged as part of another case", 0.2}, {"Offender given penalty notice", 0.1}};
const std::vector<Outcome> kTheft{
    {"Investigation complete; no suspect identified", 62}, {"Unable to prosecute suspect", 20},
    {"Court result unavailable", 6}, {"Local resolution", 4},
    {"Further investigation is not in the public interest", 3},
    {"Status update unavailable", 1}, {"Action to be taken by another organisation", 1},
    {"Offender given a caution", 0.5}};
const std::vector<Outcome> kPossession{
    {"Local resolution", 28}, {"Court result unavailable", 22},
    {"Offender given a drugs possession warning", 10}, {"Unable to prosecute suspect", 12},
    {"Offender given a caution", 8}, {"Further action is not in the public interest", 6},
    {"Formal action is not in the public interest", 4}, {"Offender given penalty notice", 3},
    {"Investigation complete; no suspect identified", 4}, {"Status update unavailable", 1},
    {"Suspect charged as part of another case", 2}};
const std::vector<Outcome> kShopliftingOutcomes{
    {"Investigation complete; no suspect identified", 45}, {"Court result unavailable", 20},
    {"Unable to prosecute suspect", 18}, {"Local resolution", 8}, {"Offender given a caution", 3},
    {"Formal action is not in the public interest", 2},
    {"Further action is not in the public interest", 2}, {"Status update unavailable", 2}};

std::string outcome(Rng& rng, int type, int m) {
    // Recent months still have many open cases, as in any police.uk download.
    const int age = kMonths - 1 - m;
    const double open = age < 3 ? 0.35 : age < 9 ? 0.12 : age < 18 ? 0.03 : 0.005;
    const double court = age < 3 ? 0.05 : age < 9 ? 0.03 : age < 18 ? 0.01 : 0.003;
    const double u = rng.uniform();
    if (u < open) return "Under investigation";
    if (u < open + court) return "Awaiting court outcome";
    const std::vector<Outcome>* table = &kGeneral;
    switch (type) {
        case kBurglary: case kVehicle: case kBicycle: case kOtherTheft: case kTheftPerson:
        case kRobbery: case kDamage: table = &kTheft; break;
        case kDrugs: table = &kPossession; break;
        case kShoplifting: table = &kShopliftingOutcomes; break;
        default: break;
    }
    std::vector<double> w;
    for (const Outcome& o : *table) {
        // Drugs possession warnings only exist for drugs.
        const bool drugs_only = std::string(o.text) == "Offender given a drugs possession warning";
        w.push_back(drugs_only && type != kDrugs ? 0.0 : o.weight);
    }
    return (*table)[rng.weighted(w)].text;
}

Row make_row(const City& city, int m, int type, int snap, Rng& rng, IdMaker& ids) {
    const SnapPoint& s = city.snaps[snap];
    const Neighbourhood& nb = city.nbhds[s.nbhd];
    Row r;
    const bool asb = type == kASB;
    r.f = {asb ? std::string() : ids.next(), month_label(m), kForce, kForce, fixed(s.lon, 6),
           fixed(s.lat, 6), "On or near " + s.street, nb.code, nb.name, kCrimeTypes[type],
           asb ? std::string() : outcome(rng, type, m), ""};
    r.type = type;
    r.nbhd = s.nbhd;
    r.key = rng.bits();
    return r;
}

std::string format(const Row& r) {
    std::string line;
    const std::size_t n = r.eleven ? 11 : 12;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) line += ',';
        line += csv_field(r.f[i]);
    }
    return line;
}

Row faulty(const FaultPlan& plan, const Row& neighbour, Rng& rng, IdMaker& ids) {
    // Same place as the row it is inserted before, so it looks like an ordinary record.
    Row r = neighbour;
    r.f[0] = ids.next();
    r.f[9] = kCrimeTypes[plan.type];
    r.f[10] = outcome(rng, plan.type, plan.month);
    r.type = plan.type;
    r.bad = true;
    r.source = kBackground;
    switch (plan.fault) {
        case Fault::NoLocation:
            r.f[4] = r.f[5] = r.f[7] = r.f[8] = "";
            r.f[6] = "No Location";
            r.nbhd = -1;
            break;
        case Fault::BadLongitude: r.f[4] = "-1.2x3"; break;
        case Fault::NaNLatitude: r.f[5] = "NaN"; break;
        case Fault::Scotland:
            r.f[4] = fixed(-3.0, 6);
            r.f[5] = fixed(56.5, 6);
            r.f[7] = r.f[8] = "";
            r.nbhd = -1;
            break;
        case Fault::NullIsland: r.f[4] = r.f[5] = fixed(0.0, 6); break;
        case Fault::ElevenFields: r.eleven = true; break;
        case Fault::BadMonth: r.f[1] = "2023-13"; break;
    }
    return r;
}

}  // namespace

PoliceStats write_police(const City& city, const std::vector<Incident>& incidents, Rng& rng,
                         const std::string& out_dir) {
    IdMaker ids(rng);
    std::vector<std::vector<Row>> months(kMonths);
    for (const Incident& inc : incidents) {
        months[inc.month].push_back(make_row(city, inc.month, inc.type, inc.snap, rng, ids));
        months[inc.month].back().source = inc.source;
    }

    PoliceStats st;
    st.ward_valid.assign(city.wards.size(), 0);
    st.ward_asb.assign(city.wards.size(), 0);
    st.conc_valid.assign(city.concentrations.size(), 0);
    std::unordered_set<std::string> seen_ids;
    std::set<std::string> locations;

    for (int m = 0; m < kMonths; ++m) {
        std::vector<Row>& rows = months[m];
        std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
            if (a.f[8] != b.f[8]) return a.f[8] < b.f[8];
            if (a.type != b.type) return a.type < b.type;
            return a.key < b.key;
        });
        const std::string file = "police/" + month_label(m) + "-brindleford-street.csv.gz";
        for (const FaultPlan& plan : kFaults) {
            if (plan.month != m) continue;
            const auto at = static_cast<std::size_t>(plan.line - 2);
            if (at >= rows.size()) throw std::runtime_error("bad-row line beyond end of " + file);
            rows.insert(rows.begin() + static_cast<long>(at), faulty(plan, rows[at], rng, ids));
            st.bad.push_back({"police", file, plan.line, plan.problem, format(rows[at])});
        }
        if (m == kSpecialMonth) {
            const auto q = static_cast<std::size_t>(kQuotedLine - 2);
            rows.at(q).f[6] = "On or near Mill Lane, Upper";
            std::size_t d = static_cast<std::size_t>(kDuplicateFrom - 2);
            while (d < rows.size() && (rows[d].type == kASB || d == q)) ++d;
            if (d >= rows.size()) throw std::runtime_error("no row to duplicate");
            rows.insert(rows.begin() + static_cast<long>(d) + 1, rows[d]);
            st.special_file = file;
            st.quoted_line = kQuotedLine;
            st.duplicate_line = static_cast<long>(d) + 3;
            st.duplicate_id = rows[d].f[0];
        }

        MonthStats ms{file, month_label(m)};
        std::string content = kHeader;
        for (const Row& r : rows) {
            content += format(r);
            content += '\n';
            ++ms.data_rows;
            if (r.bad) {
                ++ms.bad_rows;
                continue;
            }
            if (!r.f[0].empty() && !seen_ids.insert(r.f[0]).second) ++st.duplicate_rows;
            ++ms.valid_rows;
            ++st.type_valid[r.type];
            const int w = city.nbhds[r.nbhd].ward;
            ++st.ward_valid[w];
            locations.insert(r.f[4] + "," + r.f[5]);
            if (r.type == kASB) {
                ++ms.asb_rows;
                ++st.ward_asb[w];
                if (r.source >= 0 && r.source < kConcentrationBase) ++st.asb_from_hotspots;
            }
            if (r.source >= kConcentrationBase) ++st.conc_valid[r.source - kConcentrationBase];
        }
        write_gzip(out_dir + "/" + file, content);
        st.data_rows += ms.data_rows;
        st.valid_rows += ms.valid_rows;
        st.asb_valid += ms.asb_rows;
        st.months.push_back(ms);
    }
    st.distinct_ids = static_cast<long>(seen_ids.size());
    st.distinct_locations = static_cast<long>(locations.size());
    return st;
}

}  // namespace gencity
