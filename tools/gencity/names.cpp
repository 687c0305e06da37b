// Names and codes for wards and neighbourhoods, and street names for snap points.
// Everything is fictional; codes use the unused "9" block (E059xxxxx, E019xxxxx) so they
// cannot collide with real ONS codes in the same range of digits.
#include "city.hpp"
#include "names.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace gencity {
namespace {

const std::vector<std::string> kWardNames{
    "Abbey Fields",   "Alderbrook",     "Ambervale",      "Ashby Cross",    "Barrow Hill",
    "Beckside",       "Bellhouse",      "Birchmoor",      "Blackthorn",     "Bramley Vale",
    "Brookfield",     "Burdett Park",   "Canal Side",     "Carrow Heath",   "Castle Mead",
    "Chapel End",     "Cherrywood",     "Clayfield",      "Colston Rise",   "Coppice Hill",
    "Crossways",      "Dunmore Dale",   "Eastgate",       "Elmstead",       "Fairholme",
    "Fenbridge",      "Foxhollow",      "Frith Common",   "Gallows Hill",   "Goldthorpe Park",
    "Grange Park",    "Greaves Wood",   "Hallam Fields",  "Harrowby",       "Hatherley",
    "Highcross",      "Holbrook",       "Holywell",       "Hulland Moor",   "Kingsmead",
    "Knighton Park",  "Larkhill Rise",  "Lenton Vale",    "Longmoor",       "Lowfield",
    "Maltings",       "Marlpit",        "Meadowcroft",    "Millbrook",      "Moorgate",
    "Netherfield",    "Newbold Vale",   "Northgate",      "Oakwood",        "Orchard Park",
    "Parkside",       "Priory",         "Quarry Bank",    "Radley Heath",   "Ravensdale",
    "Redhill",        "Rookery",        "Saxondale",      "Sheepwash",      "Southfields",
    "Stanton Rise",   "Stoneleigh Park", "Swanmore",      "Thornbury Heath", "Tollgate",
    "Upton Moor",     "Walcott",        "Westgate",       "Whitmore",       "Willowbrook",
    "Windmill Hill",  "Woodhouse",      "Wrenfield"};

const std::vector<std::string> kStreetStems{
    "Mill", "Church", "Station", "Park", "Victoria", "Albert", "Queen's", "King's", "High",
    "Chapel", "School", "Manor", "Green", "Grange", "Orchard", "Meadow", "Willow", "Oak", "Ash",
    "Elm", "Beech", "Birch", "Cedar", "Chestnut", "Hawthorn", "Holly", "Laurel", "Maple", "Rowan",
    "Sycamore", "Poplar", "Hazel", "Lime", "Cherry", "Alder", "Windsor", "York", "Lancaster",
    "Stafford", "Derby", "Leicester", "Warwick", "Cambridge", "Oxford", "Richmond", "Devonshire",
    "Portland", "Rutland", "Clarence", "Wellington", "Nelson", "Trafalgar", "Waterloo",
    "Cromwell", "Milton", "Byron", "Tennyson", "Shakespeare", "Chaucer", "Brook", "River",
    "Canal", "Bridge", "Ferry", "Wharf", "Quarry", "Forge", "Foundry", "Tannery", "Brewery",
    "Kiln", "Spinney", "Coppice", "Fox", "Badger", "Heron", "Kingfisher", "Lark", "Swallow",
    "Linnet", "Wren", "Thrush", "Robin", "Jubilee", "Coronation", "Crown", "Castle", "Abbey",
    "Priory", "Friars", "Vicarage", "Rectory", "Hall", "Lodge", "Farm", "Barn", "Field",
    "Marsh", "Moor", "Heath", "Common", "Valley", "Dale", "Hollow", "Ridge", "Spring", "Well",
    "Market", "Union", "Granby", "Belvoir", "Charnwood", "Sherwood", "Beaumont", "Hastings",
    "Talbot", "Curzon", "Harcourt", "Ferrers", "Bentinck", "Cavendish", "Spencer", "Grosvenor",
    "Russell", "Stanley", "Percy", "Neville", "Howard", "Seymour", "Dudley", "Brindle",
    "Wexley", "Ashcombe", "Ladymead", "Billing", "Tollgate", "Netherfield", "Carrow"};

struct Suffix {
    const char* word;
    double weight;
};
const std::vector<Suffix> kStreetSuffixes{
    {"Road", 28}, {"Street", 22}, {"Lane", 12}, {"Close", 10}, {"Avenue", 8}, {"Drive", 6},
    {"Way", 5},   {"Crescent", 4}, {"Grove", 4}, {"Place", 3},  {"Gardens", 3}, {"Court", 3},
    {"Terrace", 3}, {"Walk", 2},  {"Rise", 2},  {"View", 2},   {"Mews", 1},    {"Square", 1},
    {"Row", 1}};

template <class T>
void shuffle(Rng& rng, std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

// Moves the elements of `v` into the order given by `order` (a permutation of indices).
template <class T>
std::vector<T> permuted(std::vector<T>& v, const std::vector<int>& order) {
    std::vector<T> out;
    out.reserve(v.size());
    for (int i : order) out.push_back(std::move(v[i]));
    return out;
}

}  // namespace

std::vector<std::string> street_names(Rng& rng, std::size_t n) {
    std::vector<double> w;
    for (const Suffix& s : kStreetSuffixes) w.push_back(s.weight);
    const WeightedTable suffixes(w);
    std::set<std::string> seen;
    std::vector<std::string> out;
    // "Mill Lane" always exists: the deliberately quoted row in the police files uses it.
    out.push_back("Mill Lane");
    seen.insert(out.back());
    while (out.size() < n) {
        std::string name = kStreetStems[rng.below(kStreetStems.size())] + " " +
                           kStreetSuffixes[suffixes.draw(rng)].word;
        if (seen.insert(name).second) out.push_back(name);
        if (seen.size() >= kStreetStems.size() * kStreetSuffixes.size())
            throw std::runtime_error("too many street names requested");
    }
    return out;
}

void name_areas(City& city, Rng& rng) {
    // Ward names: pilot and central wards were named by choose_pilot_wards(); the rest get
    // names from the list in a seeded order.
    std::vector<std::string> pool = kWardNames;
    shuffle(rng, pool);
    std::size_t next = 0;
    for (Ward& w : city.wards) {
        if (!w.name.empty()) continue;
        if (next >= pool.size()) throw std::runtime_error("not enough ward names");
        w.name = pool[next++];
    }

    // Neighbourhood names follow police.uk LSOA names ("Brindleford 001A"): the number runs
    // over wards from north to south (like MSOA numbering), the letter over the
    // neighbourhoods of that ward from north to south.
    std::vector<int> by_north(city.wards.size());
    for (std::size_t i = 0; i < by_north.size(); ++i) by_north[i] = static_cast<int>(i);
    std::sort(by_north.begin(), by_north.end(), [&](int a, int b) {
        return city.wards[a].centroid.y > city.wards[b].centroid.y;
    });
    for (std::size_t rank = 0; rank < by_north.size(); ++rank) {
        std::vector<int> ns = city.wards[by_north[rank]].nbhds;
        std::sort(ns.begin(), ns.end(), [&](int a, int b) {
            return city.nbhds[a].centroid.y > city.nbhds[b].centroid.y;
        });
        for (std::size_t j = 0; j < ns.size(); ++j) {
            char buf[48];
            std::snprintf(buf, sizeof buf, "Brindleford %03zu%c", rank + 1,
                          static_cast<char>('A' + j));
            city.nbhds[ns[j]].name = buf;
        }
    }

    // Final order: wards and neighbourhoods sorted by name, codes assigned in that order.
    std::vector<int> ward_order(city.wards.size()), nbhd_order(city.nbhds.size());
    for (std::size_t i = 0; i < ward_order.size(); ++i) ward_order[i] = static_cast<int>(i);
    for (std::size_t i = 0; i < nbhd_order.size(); ++i) nbhd_order[i] = static_cast<int>(i);
    std::sort(ward_order.begin(), ward_order.end(),
              [&](int a, int b) { return city.wards[a].name < city.wards[b].name; });
    std::sort(nbhd_order.begin(), nbhd_order.end(),
              [&](int a, int b) { return city.nbhds[a].name < city.nbhds[b].name; });
    std::vector<int> new_ward(ward_order.size());
    for (std::size_t i = 0; i < ward_order.size(); ++i) new_ward[ward_order[i]] = static_cast<int>(i);

    city.wards = permuted(city.wards, ward_order);
    city.nbhds = permuted(city.nbhds, nbhd_order);
    for (std::size_t i = 0; i < city.wards.size(); ++i) {
        Ward& w = city.wards[i];
        char buf[32];
        std::snprintf(buf, sizeof buf, "E059%05zu", i + 1);
        w.code = buf;
        w.nbhds.clear();
    }
    for (std::size_t i = 0; i < city.nbhds.size(); ++i) {
        Neighbourhood& nb = city.nbhds[i];
        char buf[32];
        std::snprintf(buf, sizeof buf, "E019%05zu", i + 1);
        nb.code = buf;
        nb.ward = new_ward[nb.ward];
        city.wards[nb.ward].nbhds.push_back(static_cast<int>(i));
    }
}

}  // namespace gencity
