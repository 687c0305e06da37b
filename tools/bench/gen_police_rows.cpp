// Deterministic generator of synthetic police.uk street-level CSVs (gzip) for tools/bench-join.
//
// Why a generator: no real West Midlands street files are available (see the data README),
// and the benchmark needs ~10 million rows over Birmingham. The rows have the 12 police.uk
// columns and the same conventions as the real files (64-hex Crime ID, empty ID and outcome
// on ASB rows, "On or near ..." locations, 6-decimal WGS84 coordinates, empty Context).
//
// Two modes, so the benchmark can show honestly what the per-distinct-location shortcut in
// hotspot buys:
//   snap      every row sits on one of a fixed set of "snap points", as police.uk publishes
//             them (anonymised locations shared by many rows), chosen with uneven weights;
//   distinct  every row gets its own coordinate: a snap point chosen the same way plus a
//             random offset of up to ~100 m, so the spatial density stays comparable.
// LSOA code/name columns are plausible-looking but NOT the polygon the point falls in (the
// join does not read them).
//
// Determinism: own PRNG (splitmix64 + xoshiro256**) and own distributions, no std::
// distributions (their output is implementation-defined); each file has its own stream, so
// the output does not depend on the thread count.
//
// Build: g++ -O2 -std=c++20 gen_police_rows.cpp -lz -lpthread
// Usage: gen_police_rows --out DIR --mode snap|distinct [--files 100] [--rows 100000]
//                        [--snap-points 200000] [--seed 20240601] [--threads 2]
// Writes DIR/YYYY-MM-synthetic-street.csv.gz and DIR/MANIFEST.txt (rows, distinct locations).
#include "police_rows.hpp"

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace police_rows;

// ---- the fixed world: snap points with weights ------------------------------------------
// Coordinates are kept as integer micro-degrees: police.uk prints 6 decimals, and integer
// formatting is exact and fast.
constexpr std::int64_t lon_min = -2030000, lon_max = -1700000;  // -2.03 .. -1.70
constexpr std::int64_t lat_min = 52380000, lat_max = 52610000;  // 52.38 .. 52.61

struct SnapPoint {
    std::int32_t lon, lat;  // micro-degrees
    std::uint32_t street;   // index into the street names
    std::uint32_t lsoa;     // fake LSOA number
};

std::int32_t clamp_lon(double v) { return static_cast<std::int32_t>(std::clamp<std::int64_t>(std::llround(v), lon_min, lon_max)); }
std::int32_t clamp_lat(double v) { return static_cast<std::int32_t>(std::clamp<std::int64_t>(std::llround(v), lat_min, lat_max)); }

// Snap points cluster like a city: 70% around 80 centres (town/district centres, Gaussian,
// 0.5-2 km), the first centre being Birmingham city centre with the widest, densest cluster;
// 30% spread uniformly. Weights are heavy-tailed (Pareto, alpha 1.2) and higher near the
// centres, so a few locations carry many rows, as in real data.
std::vector<SnapPoint> make_snap_points(std::size_t n, std::uint64_t seed, std::vector<double>& weight) {
    Rng rng(seed ^ 0x5A5A5A5A12345678ull);
    struct Centre { double lon, lat, sigma_m, share; };
    std::vector<Centre> centres;
    centres.push_back({-1898000, 52479000, 2500, 8.0});  // city centre (micro-degrees, metres)
    for (int c = 1; c < 80; ++c)
        centres.push_back({lon_min + rng.uniform() * (lon_max - lon_min), lat_min + rng.uniform() * (lat_max - lat_min),
                           500 + 1500 * rng.uniform(), 0.5 + rng.uniform()});
    double share_total = 0;
    for (const auto& c : centres) share_total += c.share;
    constexpr double m_per_ulon = 0.0679, m_per_ulat = 0.1113;  // metres per micro-degree at 52.5 N
    std::vector<SnapPoint> pts(n);
    weight.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        SnapPoint& p = pts[i];
        double boost = 1.0;
        if (rng.uniform() < 0.7) {
            double pick = rng.uniform() * share_total;
            std::size_t c = 0;
            while (c + 1 < centres.size() && pick >= centres[c].share) pick -= centres[c++].share;
            p.lon = clamp_lon(centres[c].lon + rng.normal() * centres[c].sigma_m / m_per_ulon);
            p.lat = clamp_lat(centres[c].lat + rng.normal() * centres[c].sigma_m / m_per_ulat);
            boost = c == 0 ? 4.0 : 2.0;
        } else {
            p.lon = clamp_lon(lon_min + rng.uniform() * (lon_max - lon_min));
            p.lat = clamp_lat(lat_min + rng.uniform() * (lat_max - lat_min));
        }
        p.street = rng.below(4000);
        p.lsoa = rng.below(800);
        weight[i] = boost * std::pow(1.0 - rng.uniform(), -1.0 / 1.2);
    }
    return pts;
}

struct Options {
    std::string out, mode = "snap";
    int files = 100, rows = 100000, threads = 2;
    std::size_t snap_points = 200000;
    std::uint64_t seed = 20240601;
};

[[noreturn]] void die(const std::string& why) {
    std::fprintf(stderr, "gen_police_rows: %s\n", why.c_str());
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (i + 1 >= argc) die("missing value after " + std::string(a));
        const char* v = argv[++i];
        if (a == "--out") o.out = v;
        else if (a == "--mode") o.mode = v;
        else if (a == "--files") o.files = std::atoi(v);
        else if (a == "--rows") o.rows = std::atoi(v);
        else if (a == "--snap-points") o.snap_points = std::strtoull(v, nullptr, 10);
        else if (a == "--seed") o.seed = std::strtoull(v, nullptr, 10);
        else if (a == "--threads") o.threads = std::max(1, std::atoi(v));
        else die("unknown option " + std::string(a));
    }
    if (o.out.empty() || (o.mode != "snap" && o.mode != "distinct") || o.files < 1 || o.rows < 1 || o.snap_points < 1)
        die("usage: --out DIR --mode snap|distinct [--files N] [--rows N] [--snap-points N] [--seed N] [--threads N]");
    const bool distinct = o.mode == "distinct";
    std::filesystem::create_directories(o.out);

    std::vector<double> w;
    const std::vector<SnapPoint> snaps = make_snap_points(o.snap_points, o.seed, w);
    const Alias pick(w);
    std::vector<std::string> streets(4000);
    for (std::uint32_t s = 0; s < streets.size(); ++s) streets[s] = "On or near " + street_name(s);
    std::vector<double> type_w;
    for (const auto& t : crime_types) type_w.push_back(t.share);
    const Alias pick_type(type_w);
    constexpr std::size_t n_outcomes = sizeof outcomes / sizeof *outcomes;

    // One key per row (lon, lat packed) to count distinct locations afterwards.
    std::vector<std::uint64_t> keys(static_cast<std::size_t>(o.files) * static_cast<std::size_t>(o.rows));
    std::atomic<int> next_file{0};
    std::atomic<bool> failed{false};
    const auto work = [&] {
        std::string buf;
        for (int f = next_file++; f < o.files && !failed; f = next_file++) {
            Rng rng(o.seed * 1000003ull + static_cast<std::uint64_t>(f) * 7919ull + (distinct ? 1 : 0));
            const int month0 = 2017 * 12 + f;  // 2017-01 onwards, one month per file
            char month[16];
            std::snprintf(month, sizeof month, "%04d-%02d", month0 / 12, month0 % 12 + 1);
            buf.clear();
            buf.reserve(static_cast<std::size_t>(o.rows) * 200);
            buf += "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
                   "Crime type,Last outcome category,Context\n";
            for (int r = 0; r < o.rows; ++r) {
                const SnapPoint& sp = snaps[pick.draw(rng)];
                std::int64_t lon = sp.lon, lat = sp.lat;
                if (distinct) {  // up to ~100 m away, every row its own coordinate
                    lon += static_cast<std::int64_t>(rng.below(3001)) - 1500;
                    lat += static_cast<std::int64_t>(rng.below(1801)) - 900;
                }
                const std::uint32_t type = pick_type.draw(rng);
                const bool asb = type == 0;
                if (!asb) put_crime_id(buf, rng);
                buf += ',';
                buf += month;
                buf += ",West Midlands Police,West Midlands Police,";
                put_micro(buf, lon);
                buf += ',';
                put_micro(buf, lat);
                buf += ',';
                buf += streets[sp.street];
                char lsoa[48];
                std::snprintf(lsoa, sizeof lsoa, ",E0100%04u,Birmingham %03u%c,", 8800 + sp.lsoa, sp.lsoa / 4 + 1,
                              static_cast<char>('A' + sp.lsoa % 4));
                buf += lsoa;
                buf += crime_types[type].text;
                buf += ',';
                if (!asb) buf += outcomes[rng.below(n_outcomes)];
                buf += ",\n";
                keys[static_cast<std::size_t>(f) * o.rows + r] =
                    (static_cast<std::uint64_t>(lon - lon_min + 4000) << 32) | static_cast<std::uint64_t>(lat - lat_min + 4000);
            }
            char name[64];
            std::snprintf(name, sizeof name, "/%s-synthetic-street.csv.gz", month);
            const std::string path = o.out + name;
            gzFile gz = gzopen(path.c_str(), "wb1");  // level 1: fast; the files are a cache
            if (!gz || gzwrite(gz, buf.data(), static_cast<unsigned>(buf.size())) != static_cast<int>(buf.size()) ||
                gzclose(gz) != Z_OK) {
                std::fprintf(stderr, "gen_police_rows: cannot write %s\n", path.c_str());
                failed = true;
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < o.threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (failed) return 1;

    std::sort(keys.begin(), keys.end());
    const std::size_t n_distinct = static_cast<std::size_t>(std::unique(keys.begin(), keys.end()) - keys.begin());
    const std::string manifest = o.out + "/MANIFEST.txt";
    FILE* m = std::fopen(manifest.c_str(), "w");
    if (!m) die("cannot write " + manifest);
    std::fprintf(m, "mode %s\nfiles %d\nrows %zu\ndistinct_locations %zu\nsnap_points %zu\nseed %llu\n", o.mode.c_str(),
                 o.files, static_cast<std::size_t>(o.files) * o.rows, n_distinct, o.snap_points,
                 static_cast<unsigned long long>(o.seed));
    std::fclose(m);
    return 0;
}
