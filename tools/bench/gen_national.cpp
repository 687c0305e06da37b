// Deterministic generator of a national police.uk-shaped data set for tools/bench-national:
// synthetic England-and-Wales-sized geography in EPSG:27700 and monthly street-level files.
//
// Geography (all in metres of EPSG:27700, inside the box x 130000..660000, y 10000..660000):
//   LSOAs   an nx x ny grid whose interior vertices are jittered (up to 20 % of a cell) and
//           whose interior edges wiggle (6 extra vertices each, shared by the two cells), so
//           polygons are irregular but tile the box exactly, with no gap and no overlap;
//   wards   runs of k = lsoas / wards LSOAs along x: exact unions of their LSOAs' outlines;
//   forces  6 bands along y, each split along x on ward boundaries (43 forces: 7 or 8 a band).
// Snap points (as police.uk's anonymised locations) cluster around 400 towns of Pareto sizes,
// 30 % spread uniformly, with heavy-tailed weights. Each is written as 6-decimal WGS84
// (projected with PROJ, the same proj_create_crs_to_crs call hotspot uses), projected back,
// and kept only when the point hotspot will see lies 5 m or more from every edge of its LSOA,
// so the planted LSOA of every row is the truth whatever the rounding.
// Rows: about 1.5 % have no location (empty coordinates, "No location", as police.uk), 0.1 %
// lie outside the box (past the coast); the rest sit on snap points. Files are one per force
// and month, police/YYYY-MM/YYYY-MM-<force>-street.csv, rows by month with a seasonal cycle.
//
// Truth written beside the data: truth_lsoa.csv and truth_ward.csv (rows planted per area,
// every area listed), MANIFEST.txt (row totals: inside, outside, no location), forces.csv
// (each force's box and rows). Deterministic: own PRNG (police_rows.hpp), one stream per month.
//
// Build: cmake --build BUILD --target hotspot_gen_national (tools/CMakeLists.txt)
// Usage: hotspot_gen_national --out DIR [--rows 60000000] [--months 120] [--first-month 2015-10]
//        [--lsoas 35000] [--wards 7000] [--forces 43] [--snap-points 750000] [--seed 20261201]
//        [--threads 2] [--gzip 0|1]
#include "police_rows.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <proj.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace police_rows;
namespace fs = std::filesystem;

[[noreturn]] void die(const std::string& why) {
    std::fprintf(stderr, "gen_national: %s\n", why.c_str());
    std::exit(2);
}

constexpr double box_x0 = 130000, box_x1 = 660000, box_y0 = 10000, box_y1 = 660000;  // the box, EPSG:27700 metres

// The 43 territorial forces of England and Wales, as police.uk names them; the geography is
// synthetic, so a name is only a label for its block of LSOAs.
const char* const force_names[] = {
    "Avon and Somerset Constabulary", "Bedfordshire Police", "Cambridgeshire Constabulary", "Cheshire Constabulary",
    "City of London Police", "Cleveland Police", "Cumbria Constabulary", "Derbyshire Constabulary",
    "Devon & Cornwall Police", "Dorset Police", "Durham Constabulary", "Dyfed-Powys Police", "Essex Police",
    "Gloucestershire Constabulary", "Greater Manchester Police", "Gwent Police", "Hampshire Constabulary",
    "Hertfordshire Constabulary", "Humberside Police", "Kent Police", "Lancashire Constabulary",
    "Leicestershire Police", "Lincolnshire Police", "Merseyside Police", "Metropolitan Police Service",
    "Norfolk Constabulary", "North Wales Police", "North Yorkshire Police", "Northamptonshire Police",
    "Northumbria Police", "Nottinghamshire Police", "South Wales Police", "South Yorkshire Police",
    "Staffordshire Police", "Suffolk Constabulary", "Surrey Police", "Sussex Police", "Thames Valley Police",
    "Warwickshire Police", "West Mercia Police", "West Midlands Police", "West Yorkshire Police", "Wiltshire Police"};
const char* const force_slugs[] = {
    "avon-and-somerset", "bedfordshire", "cambridgeshire", "cheshire", "city-of-london", "cleveland", "cumbria",
    "derbyshire", "devon-and-cornwall", "dorset", "durham", "dyfed-powys", "essex", "gloucestershire",
    "greater-manchester", "gwent", "hampshire", "hertfordshire", "humberside", "kent", "lancashire", "leicestershire",
    "lincolnshire", "merseyside", "metropolitan", "norfolk", "north-wales", "north-yorkshire", "northamptonshire",
    "northumbria", "nottinghamshire", "south-wales", "south-yorkshire", "staffordshire", "suffolk", "surrey",
    "sussex", "thames-valley", "warwickshire", "west-mercia", "west-midlands", "west-yorkshire", "wiltshire"};
constexpr int max_forces = sizeof force_names / sizeof *force_names;

struct Options {
    std::string out;
    std::uint64_t rows = 60'000'000, snap_points = 750'000, seed = 20261201;
    int months = 120, lsoas = 35000, wards = 7000, forces = 43, threads = 2, first_year = 2015, first_month = 10;
    bool gzip = false;
};

struct Pt { double x, y; };
using Ring = std::vector<Pt>;

// ---- the LSOA tiling ---------------------------------------------------------------------
struct Tiling {
    int nx = 0, ny = 0, k = 0;  // cells along x and y; LSOAs per ward (along x)
    double dx = 0, dy = 0;
    std::uint64_t seed = 0;
    std::vector<Pt> v;  // (nx + 1) x (ny + 1) vertices, row by row

    const Pt& vertex(int i, int j) const { return v[static_cast<std::size_t>(j) * (nx + 1) + i]; }

    // The wiggle points strictly inside an edge, from its start to its end; both cells sharing
    // the edge get the same points. Outer edges stay straight, so the union is the box.
    void edge(bool horizontal, int i, int j, bool forward, Ring& out) const {
        const Pt a = vertex(i, j), b = horizontal ? vertex(i + 1, j) : vertex(i, j + 1);
        const bool outer = horizontal ? (j == 0 || j == ny) : (i == 0 || i == nx);
        constexpr int m = 6;
        Pt inner[m];
        std::uint64_t s = seed ^ (static_cast<std::uint64_t>(horizontal) << 63) ^ (static_cast<std::uint64_t>(i) << 32) ^
                          static_cast<std::uint64_t>(j);
        Rng rng(splitmix64(s));
        const double len = std::hypot(b.x - a.x, b.y - a.y), nxv = -(b.y - a.y) / len, nyv = (b.x - a.x) / len;
        const double amp = outer ? 0.0 : 0.05 * std::min(dx, dy);
        for (int q = 0; q < m; ++q) {
            const double t = (q + 1.0) / (m + 1.0), off = amp * std::sin(3.141592653589793 * t) * (2 * rng.uniform() - 1);
            inner[q] = {a.x + t * (b.x - a.x) + off * nxv, a.y + t * (b.y - a.y) + off * nyv};
        }
        if (forward) {
            out.push_back(a);
            for (int q = 0; q < m; ++q) out.push_back(inner[q]);
        } else {
            out.push_back(b);
            for (int q = m - 1; q >= 0; --q) out.push_back(inner[q]);
        }
    }
    // Counter-clockwise outline of the cells i0..i1-1 of row j, closed.
    Ring outline(int i0, int i1, int j) const {
        Ring r;
        for (int i = i0; i < i1; ++i) edge(true, i, j, true, r);
        edge(false, i1, j, true, r);
        for (int i = i1 - 1; i >= i0; --i) edge(true, i, j + 1, false, r);
        edge(false, i0, j, false, r);
        r.push_back(r.front());
        return r;
    }
};

Tiling make_tiling(const Options& o) {
    Tiling t;
    t.k = o.lsoas / o.wards;
    t.seed = o.seed ^ 0x7117E5ull;
    // nx: a multiple of k dividing the LSOA count, closest to square cells.
    const double want = std::sqrt(o.lsoas * (box_x1 - box_x0) / (box_y1 - box_y0));
    for (int nx = t.k; nx <= o.lsoas; nx += t.k)
        if (o.lsoas % nx == 0 && (t.nx == 0 || std::fabs(nx - want) < std::fabs(t.nx - want))) t.nx = nx;
    if (t.nx == 0) die("no grid of " + std::to_string(o.lsoas) + " LSOAs has rows of whole wards");
    t.ny = o.lsoas / t.nx;
    t.dx = (box_x1 - box_x0) / t.nx, t.dy = (box_y1 - box_y0) / t.ny;
    Rng rng(o.seed ^ 0xD15C0ull);
    t.v.resize(static_cast<std::size_t>(t.nx + 1) * (t.ny + 1));
    for (int j = 0; j <= t.ny; ++j)
        for (int i = 0; i <= t.nx; ++i) {
            const double jx = (2 * rng.uniform() - 1) * 0.2 * t.dx, jy = (2 * rng.uniform() - 1) * 0.2 * t.dy;
            // Outer vertices move only along the outer edge; corners stay put.
            const bool edge_x = i == 0 || i == t.nx, edge_y = j == 0 || j == t.ny;
            t.v[static_cast<std::size_t>(j) * (t.nx + 1) + i] = {box_x0 + i * t.dx + (edge_x ? 0 : jx), box_y0 + j * t.dy + (edge_y ? 0 : jy)};
        }
    return t;
}

bool inside(const Ring& r, double x, double y) {  // crossing number; r is closed
    bool in = false;
    for (std::size_t a = 0, b = 1; b < r.size(); ++a, ++b)
        if ((r[a].y > y) != (r[b].y > y) && x < r[a].x + (y - r[a].y) * (r[b].x - r[a].x) / (r[b].y - r[a].y)) in = !in;
    return in;
}

double edge_distance(const Ring& r, double x, double y) {
    double best = 1e300;
    for (std::size_t a = 0, b = 1; b < r.size(); ++a, ++b) {
        const double ex = r[b].x - r[a].x, ey = r[b].y - r[a].y;
        const double t = std::clamp(((x - r[a].x) * ex + (y - r[a].y) * ey) / (ex * ex + ey * ey), 0.0, 1.0);
        best = std::min(best, std::hypot(x - r[a].x - t * ex, y - r[a].y - t * ey));
    }
    return best;
}

// The cell holding (x, y) and the point's distance to that cell's edges; -1 when in none.
int locate(const Tiling& t, double x, double y, double& margin) {
    const int bi = static_cast<int>(std::floor((x - box_x0) / t.dx)), bj = static_cast<int>(std::floor((y - box_y0) / t.dy));
    for (int j = bj - 1; j <= bj + 1; ++j)
        for (int i = bi - 1; i <= bi + 1; ++i) {
            if (i < 0 || j < 0 || i >= t.nx || j >= t.ny) continue;
            const Ring r = t.outline(i, i + 1, j);
            if (inside(r, x, y)) {
                margin = edge_distance(r, x, y);
                return j * t.nx + i;
            }
        }
    return -1;
}

// ---- forces: 6 bands along y, split along x on ward boundaries -----------------------------
struct Forces {
    int bands = 0;
    std::vector<int> band_row;              // first LSOA row of each band, + ny
    std::vector<std::vector<int>> col;      // per band: first LSOA column of each force, + nx
    std::vector<int> first;                 // per band: index of its first force
    int of(const Tiling& t, int cell) const {
        const int i = cell % t.nx, j = cell / t.nx;
        int b = 0;
        while (j >= band_row[b + 1]) ++b;
        int c = 0;
        while (i >= col[b][c + 1]) ++c;
        return first[b] + c;
    }
};

Forces make_forces(const Tiling& t, int n) {
    Forces f;
    f.bands = std::min(6, n);
    const int ward_cols = t.nx / t.k;
    for (int b = 0; b <= f.bands; ++b) f.band_row.push_back(static_cast<int>(std::lround(static_cast<double>(b) * t.ny / f.bands)));
    int next = 0;
    for (int b = 0; b < f.bands; ++b) {
        const int c = n / f.bands + (b < n % f.bands ? 1 : 0);
        if (c > ward_cols || f.band_row[b + 1] <= f.band_row[b])
            die(std::to_string(n) + " forces do not fit the grid of " + std::to_string(ward_cols) + " ward columns x " +
                std::to_string(t.ny) + " rows: use fewer forces or more LSOAs");
        std::vector<int> cols;
        for (int q = 0; q <= c; ++q) cols.push_back(static_cast<int>(std::lround(static_cast<double>(q) * ward_cols / c)) * t.k);
        f.col.push_back(cols);
        f.first.push_back(next);
        next += c;
    }
    return f;
}

// ---- projection ----------------------------------------------------------------------------
struct Projector {
    PJ_CONTEXT* ctx = proj_context_create();
    PJ* to_wgs = nullptr;  // EPSG:27700 -> EPSG:4326 (lon, lat)
    PJ* to_bng = nullptr;  // back, as hotspot does it
    static PJ* op(PJ_CONTEXT* c, const char* a, const char* b) {
        PJ* raw = proj_create_crs_to_crs(c, a, b, nullptr);
        if (!raw) die(std::string("PROJ has no operation ") + a + " -> " + b);
        PJ* n = proj_normalize_for_visualization(c, raw);
        proj_destroy(raw);
        if (!n) die("PROJ could not normalise the axis order");
        return n;
    }
    Projector() : to_wgs(op(ctx, "EPSG:27700", "EPSG:4326")), to_bng(op(ctx, "EPSG:4326", "EPSG:27700")) {}
    ~Projector() {
        proj_destroy(to_wgs);
        proj_destroy(to_bng);
        proj_context_destroy(ctx);
    }
};

// A snap point: what the file shows (micro-degrees) and where it lands (the planted cell).
struct Snap {
    std::int32_t lon, lat;
    std::int32_t cell;  // -1: outside the box
    std::uint32_t street;
};

// Projects (x, y) to micro-degrees and back; the point hotspot will see.
bool round_trip(const Projector& p, double x, double y, std::int32_t& lon, std::int32_t& lat, double& bx, double& by) {
    PJ_COORD c = proj_trans(p.to_wgs, PJ_FWD, proj_coord(x, y, 0, 0));
    if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y)) return false;
    lon = static_cast<std::int32_t>(std::llround(c.xy.x * 1e6));
    lat = static_cast<std::int32_t>(std::llround(c.xy.y * 1e6));
    PJ_COORD b = proj_trans(p.to_bng, PJ_FWD, proj_coord(lon / 1e6, lat / 1e6, 0, 0));
    bx = b.xy.x, by = b.xy.y;
    return std::isfinite(bx) && std::isfinite(by);
}

std::vector<Snap> make_snaps(const Options& o, const Tiling& t, std::vector<double>& weight, std::vector<Snap>& outside_pts) {
    Rng rng(o.seed ^ 0x5A5A5A5A12345678ull);
    struct Town { double x, y, sigma, share; };
    std::vector<Town> towns;
    for (int c = 0; c < 400; ++c) {
        const double size = std::pow(1.0 - rng.uniform(), -1.0 / 1.1);  // Pareto: a few cities, many towns
        towns.push_back({box_x0 + rng.uniform() * (box_x1 - box_x0), box_y0 + rng.uniform() * (box_y1 - box_y0), std::min(12000.0, 1200.0 * std::sqrt(size)), size});
    }
    std::vector<double> tw;
    for (const auto& tn : towns) tw.push_back(tn.share);
    const Alias pick_town(tw);
    const Projector proj;
    std::vector<Snap> pts;
    pts.reserve(o.snap_points);
    weight.clear();
    std::uint64_t resampled = 0;
    while (pts.size() < o.snap_points) {
        double x, y, boost = 1.0;
        if (rng.uniform() < 0.7) {
            const Town& tn = towns[pick_town.draw(rng)];
            x = tn.x + rng.normal() * tn.sigma, y = tn.y + rng.normal() * tn.sigma;
            boost = 2.0;
        } else {
            x = box_x0 + rng.uniform() * (box_x1 - box_x0), y = box_y0 + rng.uniform() * (box_y1 - box_y0);
        }
        Snap s{};
        double bx, by, margin = 0;
        if (x <= box_x0 || x >= box_x1 || y <= box_y0 || y >= box_y1 || !round_trip(proj, x, y, s.lon, s.lat, bx, by) ||
            (s.cell = locate(t, bx, by, margin)) < 0 || margin < 5.0) {
            ++resampled;
            continue;
        }
        s.street = rng.below(4000);
        pts.push_back(s);
        weight.push_back(boost * std::pow(1.0 - rng.uniform(), -1.0 / 1.2));
    }
    // Points past the coast: 1 km to 20 km outside the box, west or north.
    const std::size_t n_out = std::max<std::size_t>(10, o.snap_points / 1000);
    while (outside_pts.size() < n_out) {
        const bool west = rng.uniform() < 0.5;
        const double x = west ? box_x0 - 1000 - 19000 * rng.uniform() : box_x0 + rng.uniform() * (box_x1 - box_x0);
        const double y = west ? box_y0 + rng.uniform() * (box_y1 - box_y0) : box_y1 + 1000 + 19000 * rng.uniform();
        Snap s{};
        double bx, by;
        if (!round_trip(proj, x, y, s.lon, s.lat, bx, by)) continue;
        // Its force: the one of the nearest cell on the box's edge.
        const int i = std::clamp(static_cast<int>((bx - box_x0) / t.dx), 0, t.nx - 1), j = std::clamp(static_cast<int>((by - box_y0) / t.dy), 0, t.ny - 1);
        s.cell = -1 - (j * t.nx + i);  // -1 - edge cell: outside, with a force
        s.street = rng.below(4000);
        outside_pts.push_back(s);
    }
    std::fprintf(stderr, "gen_national: %zu snap points (%llu draws resampled: outside the box or within 5 m of an LSOA edge)\n",
                 pts.size(), static_cast<unsigned long long>(resampled));
    return pts;
}

// ---- boundaries GeoPackage -------------------------------------------------------------------
std::string lsoa_code(int c) { char b[16]; std::snprintf(b, sizeof b, "E01%06d", c + 1); return b; }
std::string ward_code(int w) { char b[16]; std::snprintf(b, sizeof b, "E05%06d", w + 1); return b; }

void write_layer(GDALDatasetH ds, OGRSpatialReferenceH srs, const char* name, const char* code_field, const char* name_field,
                 int n, const std::vector<std::uint32_t>& population, const auto& ring_of, const auto& code_of, const char* label) {
    OGRLayerH lyr = GDALDatasetCreateLayer(ds, name, srs, wkbPolygon, nullptr);
    if (!lyr) die(std::string("cannot create layer ") + name);
    for (const char* f : {code_field, name_field}) {
        OGRFieldDefnH fd = OGR_Fld_Create(f, OFTString);
        OGR_L_CreateField(lyr, fd, TRUE);
        OGR_Fld_Destroy(fd);
    }
    OGRFieldDefnH fd = OGR_Fld_Create("population", OFTInteger);
    OGR_L_CreateField(lyr, fd, TRUE);
    OGR_Fld_Destroy(fd);
    for (int a = 0; a < n; ++a) {
        OGRFeatureH feat = OGR_F_Create(OGR_L_GetLayerDefn(lyr));
        OGR_F_SetFieldString(feat, 0, code_of(a).c_str());
        OGR_F_SetFieldString(feat, 1, (std::string(label) + " " + std::to_string(a + 1)).c_str());
        OGR_F_SetFieldInteger(feat, 2, static_cast<int>(population[a]));
        OGRGeometryH poly = OGR_G_CreateGeometry(wkbPolygon), ring = OGR_G_CreateGeometry(wkbLinearRing);
        for (const Pt& p : ring_of(a)) OGR_G_AddPoint_2D(ring, p.x, p.y);
        OGR_G_AddGeometryDirectly(poly, ring);
        OGR_F_SetGeometryDirectly(feat, poly);
        if (OGR_L_CreateFeature(lyr, feat) != OGRERR_NONE) die(std::string("cannot write a feature of ") + name);
        OGR_F_Destroy(feat);
    }
}

void write_boundaries(const std::string& path, const Tiling& t, const std::vector<std::uint32_t>& lsoa_pop,
                      const std::vector<std::uint32_t>& ward_pop) {
    GDALAllRegister();
    const std::string tmp = path.substr(0, path.size() - 5) + ".partial.gpkg";
    fs::remove(tmp);
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds) die("cannot create " + tmp);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 27700);
    GDALDatasetStartTransaction(ds, FALSE);
    const int n_wards = t.nx / t.k * t.ny;
    write_layer(ds, srs, "lsoa", "lsoa_code", "lsoa_name", t.nx * t.ny, lsoa_pop,
                [&](int c) { return t.outline(c % t.nx, c % t.nx + 1, c / t.nx); }, lsoa_code, "Synthetic LSOA");
    write_layer(ds, srs, "ward", "ward_code", "ward_name", n_wards, ward_pop,
                [&](int w) {
                    const int per_row = t.nx / t.k, i0 = (w % per_row) * t.k;
                    return t.outline(i0, i0 + t.k, w / per_row);
                },
                ward_code, "Synthetic ward");
    if (GDALDatasetCommitTransaction(ds) != OGRERR_NONE) die("cannot commit " + tmp);
    OSRDestroySpatialReference(srs);
    GDALClose(ds);
    fs::rename(tmp, path);
}

// ---- rows ----------------------------------------------------------------------------------
void write_file(const std::string& path, const std::string& text, bool gzip) {
    const std::string tmp = path + ".partial";
    bool ok;
    if (gzip) {
        gzFile gz = gzopen(tmp.c_str(), "wb1");
        ok = gz && gzwrite(gz, text.data(), static_cast<unsigned>(text.size())) == static_cast<int>(text.size()) && gzclose(gz) == Z_OK;
    } else {
        FILE* f = std::fopen(tmp.c_str(), "wb");
        ok = f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
        ok = (f && std::fclose(f) == 0) && ok;
    }
    if (!ok) die("cannot write " + tmp);
    fs::rename(tmp, path);
}

std::uint64_t parse_count(std::string_view name, const char* v) {
    char* end = nullptr;
    const unsigned long long n = std::strtoull(v, &end, 10);
    if (!*v || *end || v[0] == '-') die(std::string(name) + " must be a whole number >= 0, not '" + v + "'");
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (i + 1 >= argc) die("missing value after " + std::string(a));
        const char* v = argv[++i];
        const auto small = [&] { const auto n = parse_count(a, v); if (n > 100'000'000) die(std::string(a) + " is too large: " + v); return static_cast<int>(n); };
        if (a == "--out") o.out = v;
        else if (a == "--rows") o.rows = parse_count(a, v);
        else if (a == "--snap-points") o.snap_points = parse_count(a, v);
        else if (a == "--seed") o.seed = parse_count(a, v);
        else if (a == "--months") o.months = small();
        else if (a == "--lsoas") o.lsoas = small();
        else if (a == "--wards") o.wards = small();
        else if (a == "--forces") o.forces = small();
        else if (a == "--threads") o.threads = std::max(1, small());
        else if (a == "--gzip") o.gzip = small() != 0;
        else if (a == "--first-month") {
            if (std::sscanf(v, "%4d-%2d", &o.first_year, &o.first_month) != 2 || o.first_month < 1 || o.first_month > 12)
                die(std::string("--first-month must be YYYY-MM, not '") + v + "'");
        } else die("unknown option " + std::string(a));
    }
    if (o.out.empty()) die("usage: --out DIR [--rows N] [--months N] [--lsoas N] [--wards N] [--forces N] [--snap-points N] [--seed N]");
    if (o.months < 1 || o.lsoas < 1 || o.wards < 1 || o.snap_points < 1 || o.rows < 1) die("sizes must be at least 1");
    if (o.lsoas % o.wards) die("--lsoas must be a multiple of --wards (wards are runs of whole LSOAs)");
    if (o.forces < 1 || o.forces > max_forces) die("--forces must be 1 to " + std::to_string(max_forces));
    fs::create_directories(o.out + "/police");

    const Tiling tiling = make_tiling(o);
    const Forces forces = make_forces(tiling, o.forces);
    const int n_cells = tiling.nx * tiling.ny, n_wards = n_cells / tiling.k;
    std::vector<double> w;
    std::vector<Snap> outside_pts;
    const std::vector<Snap> snaps = make_snaps(o, tiling, w, outside_pts);
    const Alias pick(w);

    // Populations: 1,000 to 3,000 residents an LSOA (ONS LSOAs hold 1,000 to 3,000); wards sum them.
    std::vector<std::uint32_t> lsoa_pop(n_cells), ward_pop(n_wards, 0);
    {
        Rng rng(o.seed ^ 0x909ull);
        for (int c = 0; c < n_cells; ++c) lsoa_pop[c] = 1000 + rng.below(2001), ward_pop[c / tiling.k] += lsoa_pop[c];
    }
    write_boundaries(o.out + "/boundaries.gpkg", tiling, lsoa_pop, ward_pop);

    std::vector<int> snap_force(snaps.size());
    std::vector<double> force_w(o.forces, 0.0);
    for (std::size_t s = 0; s < snaps.size(); ++s) snap_force[s] = forces.of(tiling, snaps[s].cell), force_w[snap_force[s]] += w[s];
    const Alias pick_force(force_w);  // no-location rows: spread like the located ones
    std::vector<int> out_force(outside_pts.size());
    for (std::size_t s = 0; s < outside_pts.size(); ++s) out_force[s] = forces.of(tiling, -1 - outside_pts[s].cell);

    // Rows per month: a seasonal cycle (summer peak) and a slight upward trend, summing exactly.
    std::vector<std::uint64_t> month_rows(o.months);
    {
        std::vector<double> mw(o.months);
        double total = 0;
        for (int m = 0; m < o.months; ++m)
            total += mw[m] = 1.0 + 0.08 * std::sin(6.283185307179586 * ((o.first_month - 1 + m) % 12 - 3) / 12.0) + 0.002 * m;
        std::uint64_t given = 0;
        for (int m = 0; m < o.months; ++m) given += month_rows[m] = static_cast<std::uint64_t>(std::floor(o.rows * mw[m] / total));
        for (int m = 0; given < o.rows; m = (m + 1) % o.months) ++month_rows[m], ++given;
    }

    std::vector<double> type_w;
    for (const auto& t : crime_types) type_w.push_back(t.share);
    const Alias pick_type(type_w);
    std::vector<std::string> streets(4000);
    for (std::uint32_t s = 0; s < streets.size(); ++s) streets[s] = "On or near " + street_name(s);
    constexpr std::size_t n_outcomes = sizeof outcomes / sizeof *outcomes;
    constexpr double p_no_location = 0.015, p_outside = 0.001;

    struct Tally {
        std::vector<std::uint64_t> per_snap, per_force;
        std::uint64_t no_location = 0, outside = 0, files = 0;
    };
    std::vector<Tally> tallies(o.threads);
    std::atomic<int> next_month{0};
    const auto work = [&](int thread) {
        Tally& tally = tallies[thread];
        tally.per_snap.assign(snaps.size(), 0);
        tally.per_force.assign(o.forces, 0);
        std::vector<std::string> buf(o.forces);
        for (int m = next_month++; m < o.months; m = next_month++) {
            Rng rng(o.seed * 1000003ull + static_cast<std::uint64_t>(m) * 7919ull);
            const int ym = o.first_year * 12 + o.first_month - 1 + m;
            char month[16];
            std::snprintf(month, sizeof month, "%04d-%02d", ym / 12, ym % 12 + 1);
            for (auto& b : buf) {
                b.clear();
                b += "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
                     "Last outcome category,Context\n";
            }
            for (std::uint64_t r = 0; r < month_rows[m]; ++r) {
                const double u = rng.uniform();
                const Snap* sp = nullptr;
                int force;
                if (u < p_no_location) {
                    force = static_cast<int>(pick_force.draw(rng));
                    ++tally.no_location;
                } else if (u < p_no_location + p_outside) {
                    const std::uint32_t s = rng.below(static_cast<std::uint32_t>(outside_pts.size()));
                    sp = &outside_pts[s], force = out_force[s];
                    ++tally.outside;
                } else {
                    const std::uint32_t s = pick.draw(rng);
                    sp = &snaps[s], force = snap_force[s];
                    ++tally.per_snap[s];
                }
                ++tally.per_force[force];
                std::string& b = buf[force];
                const std::uint32_t type = pick_type.draw(rng);
                const bool asb = type == 0;
                if (!asb) put_crime_id(b, rng);
                b += ',';
                b += month;
                b += ',';
                b += force_names[force];
                b += ',';
                b += force_names[force];
                b += ',';
                if (sp) {
                    put_micro(b, sp->lon);
                    b += ',';
                    put_micro(b, sp->lat);
                    b += ',';
                    b += streets[sp->street];
                    b += ',';
                    if (sp->cell >= 0) {
                        b += lsoa_code(sp->cell);
                        b += ",Synthetic LSOA ";
                        b += std::to_string(sp->cell + 1);
                    } else {
                        b += ',';
                    }
                } else {
                    b += ",,No location,,";
                }
                b += ',';
                b += crime_types[type].text;
                b += ',';
                if (!asb) b += outcomes[rng.below(n_outcomes)];
                b += ",\n";
            }
            const std::string dir = o.out + "/police/" + month;
            fs::create_directories(dir);
            for (int f = 0; f < o.forces; ++f) {
                write_file(dir + "/" + month + "-" + force_slugs[f] + "-street.csv" + (o.gzip ? ".gz" : ""), buf[f], o.gzip);
                ++tally.files;
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < o.threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& t : pool) t.join();

    // ---- truth ----------------------------------------------------------------------------
    Tally all;
    all.per_snap.assign(snaps.size(), 0);
    all.per_force.assign(o.forces, 0);
    for (const Tally& t : tallies) {
        for (std::size_t s = 0; s < snaps.size(); ++s) all.per_snap[s] += t.per_snap[s];
        for (int f = 0; f < o.forces; ++f) all.per_force[f] += t.per_force[f];
        all.no_location += t.no_location, all.outside += t.outside, all.files += t.files;
    }
    std::vector<std::uint64_t> per_lsoa(n_cells, 0), per_ward(n_wards, 0);
    std::uint64_t inside_rows = 0;
    for (std::size_t s = 0; s < snaps.size(); ++s) {
        per_lsoa[snaps[s].cell] += all.per_snap[s];
        per_ward[snaps[s].cell / tiling.k] += all.per_snap[s];
        inside_rows += all.per_snap[s];
    }
    const auto write_text = [&](const std::string& name, const std::string& text) { write_file(o.out + "/" + name, text, false); };
    std::string t = "lsoa_code,rows\n";
    for (int c = 0; c < n_cells; ++c) t += lsoa_code(c) + "," + std::to_string(per_lsoa[c]) + "\n";
    write_text("truth_lsoa.csv", t);
    t = "ward_code,rows\n";
    for (int c = 0; c < n_wards; ++c) t += ward_code(c) + "," + std::to_string(per_ward[c]) + "\n";
    write_text("truth_ward.csv", t);
    // Each force's box (metres, EPSG:27700) for a per-force density surface.
    t = "force,slug,xmin,ymin,xmax,ymax,rows\n";
    for (int b = 0; b < forces.bands; ++b)
        for (std::size_t c = 0; c + 1 < forces.col[b].size(); ++c) {
            const int f = forces.first[b] + static_cast<int>(c);
            char line[256];
            std::snprintf(line, sizeof line, "%s,%s,%.0f,%.0f,%.0f,%.0f,%llu\n", force_names[f], force_slugs[f],
                          box_x0 + forces.col[b][c] * tiling.dx, box_y0 + forces.band_row[b] * tiling.dy, box_x0 + forces.col[b][c + 1] * tiling.dx,
                          box_y0 + forces.band_row[b + 1] * tiling.dy, static_cast<unsigned long long>(all.per_force[f]));
            t += line;
        }
    write_text("forces.csv", t);
    std::vector<std::uint64_t> keys;
    for (const Snap& s : snaps) keys.push_back((static_cast<std::uint64_t>(static_cast<std::uint32_t>(s.lon)) << 32) | static_cast<std::uint32_t>(s.lat));
    std::sort(keys.begin(), keys.end());
    const std::size_t distinct = static_cast<std::size_t>(std::unique(keys.begin(), keys.end()) - keys.begin());
    char m[1024];
    std::snprintf(m, sizeof m,
                  "rows %llu\nrows_inside %llu\nrows_outside %llu\nrows_no_location %llu\nfiles %llu\nmonths %d\nforces %d\n"
                  "lsoas %d\nwards %d\ngrid %d x %d LSOAs of %.1f x %.1f m\nsnap_points %zu\nsnap_points_distinct %zu\n"
                  "outside_points %zu\nseed %llu\nbox_27700 %.0f %.0f %.0f %.0f\n",
                  static_cast<unsigned long long>(o.rows), static_cast<unsigned long long>(inside_rows),
                  static_cast<unsigned long long>(all.outside), static_cast<unsigned long long>(all.no_location),
                  static_cast<unsigned long long>(all.files), o.months, o.forces, n_cells, n_wards, tiling.nx, tiling.ny,
                  tiling.dx, tiling.dy, snaps.size(), distinct, outside_pts.size(), static_cast<unsigned long long>(o.seed), box_x0, box_y0, box_x1, box_y1);
    write_text("MANIFEST.txt", m);
    if (inside_rows + all.outside + all.no_location != o.rows) die("internal error: rows do not add up");
    return 0;
}
