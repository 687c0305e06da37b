// GDAL's CSV driver vs hotspot's own police.uk reader, on the real police.uk files.
//
// The question (from the issue): is a reader of our own justified? Only if it is at least
// 3x faster than GDAL's CSV driver on the real files. So this program reads the same .csv.gz
// files, single-threaded, with:
//   gdal-geom     OGR CSV driver through /vsigzip/, X/Y_POSSIBLE_NAMES=Longitude/Latitude,
//                 KEEP_GEOM_COLUMNS=NO: the coordinates come from the driver's point geometry
//   gdal-fields   OGR CSV driver, no geometry detection: every field is a string, the
//                 coordinates are parsed from the Longitude/Latitude fields
//   hotspot       hotspot::read_police_uk_file (src/read/csv.cpp + src/read/police_uk.cpp)
// Both GDAL variants then do exactly what the hotspot reader does with a record: the same
// checks, the same number parsing (hotspot::parse_finite_double, parse_year_month) and the same
// IncidentTable (interned Crime type, Location and LSOA code; compact Crime IDs), so the
// difference measured is the CSV reading itself. Three "floor" variants show where the time
// goes: gzip decompression only, hotspot's CSV tokenizer only, GDAL feature iteration only.
// Variants are interleaved within each repetition so background load hits them alike.
//
// Usage: csv_reader_bench [--repeat 5] FILE.csv.gz...
#include "hotspot/base/incidents.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"
#include "hotspot/read/inputs.hpp"

#include <cpl_conv.h>
#include <gdal.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace {

// What one pass over all files produced; rows and coordinate sums must agree across readers.
struct Pass {
    std::size_t rows = 0;       // accepted rows (records for the floor variants)
    std::size_t rejected = 0;
    double sum_lon = 0, sum_lat = 0;
    std::size_t bytes = 0;      // uncompressed bytes (decompression floor only)
};

// ---- hotspot ---------------------------------------------------------------------------
Pass read_hotspot(const std::vector<std::string>& files) {
    hotspot::InputSpec spec;
    spec.name = "police";
    spec.format = hotspot::InputFormat::police_uk;
    Pass p;
    for (const auto& f : files) {
        const hotspot::ReadResult r = hotspot::read_police_uk_file(f, spec);
        p.rows += r.incidents.size();
        p.rejected += r.rejects.size();
        for (std::size_t i = 0; i < r.incidents.size(); ++i) p.sum_lon += r.incidents.x[i], p.sum_lat += r.incidents.y[i];
    }
    return p;
}

Pass tokenize_hotspot(const std::vector<std::string>& files) {  // CsvReader only
    Pass p;
    hotspot::CsvRecord rec;
    for (const auto& f : files) {
        hotspot::CsvReader reader(f);
        while (reader.next(rec)) p.rows += 1;
        p.rows -= 1;  // the header
    }
    return p;
}

Pass gunzip_only(const std::vector<std::string>& files) {
    Pass p;
    std::vector<char> buf(1 << 20);
    for (const auto& f : files) {
        hotspot::ByteReader bytes(f);
        for (std::size_t got; (got = bytes.read(buf.data(), buf.size())) > 0;) p.bytes += got;
    }
    return p;
}

// ---- GDAL --------------------------------------------------------------------------------
GDALDatasetUniquePtr open_csv(const std::string& path, bool geometry) {
    const char* drivers[] = {"CSV", nullptr};
    // HEADERS=YES: police.uk files always have one (saves the driver guessing).
    const char* with_geom[] = {"X_POSSIBLE_NAMES=Longitude", "Y_POSSIBLE_NAMES=Latitude", "KEEP_GEOM_COLUMNS=NO",
                               "HEADERS=YES", nullptr};
    const char* without_geom[] = {"HEADERS=YES", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(("/vsigzip/" + path).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                              drivers, geometry ? with_geom : without_geom, nullptr));
    if (!ds || ds->GetLayerCount() != 1) {
        std::fprintf(stderr, "csv_reader_bench: GDAL cannot open %s as CSV\n", path.c_str());
        std::exit(1);
    }
    return ds;
}

int field(OGRLayer* layer, const char* name, const std::string& path) {
    const int i = layer->GetLayerDefn()->GetFieldIndex(name);
    if (i < 0) {
        std::fprintf(stderr, "csv_reader_bench: no field '%s' in %s\n", name, path.c_str());
        std::exit(1);
    }
    return i;
}

// The same record handling as hotspot::read_police_uk_file, fed from OGR features.
Pass read_gdal(const std::vector<std::string>& files, bool geometry) {
    Pass p;
    for (const auto& path : files) {
        GDALDatasetUniquePtr ds = open_csv(path, geometry);
        OGRLayer* layer = ds->GetLayer(0);
        const int f_id = field(layer, "Crime ID", path), f_month = field(layer, "Month", path),
                  f_loc = field(layer, "Location", path), f_lsoa = field(layer, "LSOA code", path),
                  f_type = field(layer, "Crime type", path);
        const int f_lon = geometry ? -1 : field(layer, "Longitude", path), f_lat = geometry ? -1 : field(layer, "Latitude", path);
        hotspot::IncidentTable t;
        t.reserve(16384);
        std::uint32_t line = 1;
        for (auto& feature : *layer) {
            ++line;
            double lon = 0, lat = 0;
            if (geometry) {
                const OGRGeometry* g = feature->GetGeometryRef();
                if (!g || wkbFlatten(g->getGeometryType()) != wkbPoint) {
                    ++p.rejected;  // no_location (or a non-numeric coordinate)
                    continue;
                }
                lon = g->toPoint()->getX(), lat = g->toPoint()->getY();
            } else {
                const auto x = hotspot::parse_finite_double(feature->GetFieldAsString(f_lon));
                const auto y = hotspot::parse_finite_double(feature->GetFieldAsString(f_lat));
                if (!x || !y) {
                    ++p.rejected;
                    continue;
                }
                lon = *x, lat = *y;
            }
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                ++p.rejected;
                continue;
            }
            const auto month = hotspot::parse_year_month(hotspot::trim(feature->GetFieldAsString(f_month)));
            const std::string_view type = hotspot::trim(feature->GetFieldAsString(f_type));
            if (!month || type.empty()) {
                ++p.rejected;
                continue;
            }
            t.x.push_back(lon);
            t.y.push_back(lat);
            t.month.push_back(*month);
            t.category.push_back(t.categories.intern(type));
            t.weight.push_back(1.0);
            t.file.push_back(0);
            t.line.push_back(line);
            t.location.push_back(t.locations.intern(feature->GetFieldAsString(f_loc)));
            t.lsoa.push_back(t.lsoa_codes.intern(hotspot::trim(feature->GetFieldAsString(f_lsoa))));
            t.crime_id.push_back(hotspot::trim(feature->GetFieldAsString(f_id)));
        }
        p.rows += t.size();
        for (std::size_t i = 0; i < t.size(); ++i) p.sum_lon += t.x[i], p.sum_lat += t.y[i];
    }
    return p;
}

Pass iterate_gdal(const std::vector<std::string>& files) {  // features only, no field access
    Pass p;
    for (const auto& path : files) {
        GDALDatasetUniquePtr ds = open_csv(path, false);
        for (auto& feature : *ds->GetLayer(0)) p.rows += feature ? 1 : 0;
    }
    return p;
}

struct Variant {
    std::string name, what;
    std::function<Pass()> run;
    bool full;  // produces the rows and coordinates (checked), or a floor measurement
    std::vector<double> seconds;
    Pass pass;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string thousands(double v) {
    std::string s = std::to_string(static_cast<long long>(v + 0.5)), out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i && (s.size() - i) % 3 == 0) out += ',';
        out += s[i];
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    int repeat = 5;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
        else files.push_back(a);
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: csv_reader_bench [--repeat N] FILE.csv.gz...\n");
        return 2;
    }
    // /vsigzip/ may write a .gz.properties index next to a file it seeks in: never do that
    // (the shared data are read in place).
    CPLSetConfigOption("CPL_VSIL_GZIP_WRITE_PROPERTIES", "NO");
    GDALAllRegister();

    std::vector<Variant> v = {
        {"hotspot", "read_police_uk_file", [&] { return read_hotspot(files); }, true, {}, {}},
        {"gdal-geom", "OGR CSV, X/Y_POSSIBLE_NAMES, geometry", [&] { return read_gdal(files, true); }, true, {}, {}},
        {"gdal-fields", "OGR CSV, no geometry, parse fields", [&] { return read_gdal(files, false); }, true, {}, {}},
        {"floor: gunzip", "zlib decompression only", [&] { return gunzip_only(files); }, false, {}, {}},
        {"floor: hotspot tok", "hotspot CsvReader only", [&] { return tokenize_hotspot(files); }, false, {}, {}},
        {"floor: gdal iterate", "OGR GetNextFeature only", [&] { return iterate_gdal(files); }, false, {}, {}},
    };
    for (int r = 0; r < repeat; ++r)
        for (auto& var : v) {
            const auto t0 = std::chrono::steady_clock::now();
            var.pass = var.run();
            var.seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }

    const double ours = median(v[0].seconds);
    std::printf("%zu files, %d runs each, single-threaded, variants interleaved\n\n", files.size(), repeat);
    const double mb = static_cast<double>(v[3].pass.bytes) / 1e6;  // uncompressed CSV text
    std::printf("%-20s %-38s %9s %9s %11s %7s %10s\n", "variant", "what", "rows", "median s", "rows/s", "MB/s",
                "vs hotspot");
    std::printf("%-20s %-38s %9s %9s %11s %7s %10s\n", "-------", "----", "----", "--------", "------", "----",
                "----------");
    for (const auto& var : v) {
        const double m = median(var.seconds);
        // The floors handle the same records; rows/s is per police.uk row for all variants.
        const double rows = static_cast<double>(v[0].pass.rows);
        std::printf("%-20s %-38s %9s %9.3f %11s %7.0f %9.2fx\n", var.name.c_str(), var.what.c_str(),
                    var.name == "floor: gunzip" ? "-" : thousands(static_cast<double>(var.pass.rows)).c_str(), m,
                    thousands(rows / m).c_str(), mb / m, m / ours);
    }
    std::printf("(MB/s of uncompressed CSV text, %.1f MB in all; vs hotspot = median time / hotspot's)\n\n", mb);
    for (const auto& var : v) {
        std::printf("runs %-20s", var.name.c_str());
        for (double s : var.seconds) std::printf(" %.3f", s);
        std::printf("\n");
    }

    // Agreement: every full reader must accept the same rows with the same coordinates.
    std::printf("\n");
    bool ok = true;
    for (const auto& var : v) {
        if (!var.full) continue;
        std::printf("check %-12s rows %s, rejected %zu, sum lon %.6f, sum lat %.6f\n", var.name.c_str(),
                    thousands(static_cast<double>(var.pass.rows)).c_str(), var.pass.rejected, var.pass.sum_lon,
                    var.pass.sum_lat);
        ok = ok && var.pass.rows == v[0].pass.rows && var.pass.sum_lon == v[0].pass.sum_lon &&
             var.pass.sum_lat == v[0].pass.sum_lat;
    }
    if (v[4].pass.rows != v[0].pass.rows + v[0].pass.rejected) ok = false;
    std::printf("readers agree: %s\n", ok ? "yes (same rows, bit-identical coordinate sums)" : "NO: see above");

    const double best_gdal = std::min(median(v[1].seconds), median(v[2].seconds));
    std::printf("\nhotspot's reader is %.2fx faster than GDAL's CSV driver (its faster variant); the bar is 3x: %s\n",
                best_gdal / ours, best_gdal / ours >= 3 ? "met" : "NOT met");
    return ok ? 0 : 1;
}
