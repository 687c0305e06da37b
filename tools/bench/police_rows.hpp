#pragma once
// Shared by the police.uk row generators (gen_police_rows.cpp for tools/bench-join,
// gen_national.cpp for tools/bench-national): the PRNG, weighted draws and the row contents.
// Own PRNG and distributions, no std:: distributions (their output is implementation-defined),
// so the generated files are the same on every platform.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace police_rows {

// ---- random numbers -------------------------------------------------------------------
inline std::uint64_t splitmix64(std::uint64_t& s) {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

struct Rng {  // xoshiro256**
    std::uint64_t s[4];
    explicit Rng(std::uint64_t seed) {
        for (auto& v : s) v = splitmix64(seed);
    }
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t next() {
        const std::uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
        s[2] ^= s[0], s[3] ^= s[1], s[1] ^= s[2], s[0] ^= s[3], s[2] ^= t, s[3] = rotl(s[3], 45);
        return r;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>((next() >> 32) * n >> 32); }
    double normal() {  // Box-Muller (one value; the other is thrown away for simplicity)
        const double u1 = 1.0 - uniform(), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
};

// Walker/Vose alias table: O(1) weighted draws.
struct Alias {
    std::vector<double> prob;
    std::vector<std::uint32_t> alias;
    explicit Alias(const std::vector<double>& w) : prob(w.size()), alias(w.size()) {
        const std::size_t n = w.size();
        double total = 0;
        for (double v : w) total += v;
        std::vector<double> scaled(n);
        std::vector<std::uint32_t> small, large;
        for (std::size_t i = 0; i < n; ++i) {
            scaled[i] = w[i] * static_cast<double>(n) / total;
            (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
        }
        while (!small.empty() && !large.empty()) {
            const auto s = small.back(), l = large.back();
            small.pop_back();
            prob[s] = scaled[s], alias[s] = l;
            scaled[l] -= 1.0 - scaled[s];
            if (scaled[l] < 1.0) large.pop_back(), small.push_back(l);
        }
        for (auto i : large) prob[i] = 1.0, alias[i] = i;
        for (auto i : small) prob[i] = 1.0, alias[i] = i;
    }
    std::uint32_t draw(Rng& rng) const {
        const std::uint32_t i = rng.below(static_cast<std::uint32_t>(prob.size()));
        return rng.uniform() < prob[i] ? i : alias[i];
    }
};

// ---- row contents -----------------------------------------------------------------------
// Crime types with the shares seen in the real Merseyside files (ASB 9.6%; West Midlands has
// more ASB, ~17%, which is used here).
struct Weighted { const char* text; double share; };
inline const Weighted crime_types[] = {
    {"Anti-social behaviour", 17.0}, {"Violence and sexual offences", 36.0}, {"Public order", 10.0},
    {"Criminal damage and arson", 7.5}, {"Drugs", 3.0}, {"Other theft", 5.5}, {"Shoplifting", 5.5},
    {"Vehicle crime", 6.0}, {"Burglary", 4.0}, {"Other crime", 2.0}, {"Theft from the person", 1.0},
    {"Possession of weapons", 1.0}, {"Robbery", 1.2}, {"Bicycle theft", 0.6}};
inline const char* const outcomes[] = {
    "Investigation complete; no suspect identified", "Unable to prosecute suspect", "Under investigation",
    "Status update unavailable", "Court result unavailable", "Local resolution", "Awaiting court outcome",
    "Further investigation is not in the public interest", "Action to be taken by another organisation",
    "Offender given a caution", "Suspect charged as part of another case"};
inline const char* const stems[] = {"Alcester", "Bristol", "Coventry", "Digbeth", "Edgbaston", "Fox Hollies", "Gravelly",
                             "Hagley", "Icknield", "Jewellery", "Kings", "Lichfield", "Moseley", "Newhall",
                             "Oxford", "Pershore", "Queens", "Ryland", "Stratford", "Tyburn", "Union", "Vicarage",
                             "Warwick", "Yardley", "Church", "Station", "Park", "Mill", "Green", "High"};
inline const char* const suffixes[] = {"Road", "Street", "Lane", "Avenue", "Close", "Grove", "Way", "Drive"};
inline const char* const places[] = {"Supermarket", "Parking Area", "Petrol Station", "Shopping Area", "Nightclub",
                              "Sports/Recreation Area", "Further/Higher Educational Building", "Hospital",
                              "Police Station", "Conference/Exhibition Centre"};

inline std::string street_name(std::uint32_t s) {
    // 4000 names: 30 stems x 8 suffixes, a numbered variant for the rest, and some places.
    if (s % 25 == 0) return places[(s / 25) % (sizeof places / sizeof *places)];
    const std::size_t n_stems = sizeof stems / sizeof *stems, n_suf = sizeof suffixes / sizeof *suffixes;
    std::string out = std::string(stems[s % n_stems]) + " " + suffixes[(s / n_stems) % n_suf];
    if (s >= n_stems * n_suf) out = std::string(stems[(s * 7) % n_stems]) + " " + out;
    return out;
}

// A police.uk-style Crime ID: 64 lowercase hex digits from four draws (low nibble first).
inline void put_crime_id(std::string& out, Rng& rng) {
    static const char hex[] = "0123456789abcdef";
    for (int k = 0; k < 4; ++k) {
        std::uint64_t v = rng.next();
        for (int d = 0; d < 16; ++d) out += hex[v & 15], v >>= 4;
    }
}

inline void put_micro(std::string& out, std::int64_t v) {  // micro-degrees as %.6f
    if (v < 0) out += '-', v = -v;
    out += std::to_string(v / 1000000);
    out += '.';
    char frac[6];
    std::int64_t f = v % 1000000;
    for (int k = 5; k >= 0; --k) frac[k] = static_cast<char>('0' + f % 10), f /= 10;
    out.append(frac, 6);
}

}  // namespace police_rows
