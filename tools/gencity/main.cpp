// hotspot-gencity: writes the synthetic city "Brindleford" into an output folder.
//
//   hotspot-gencity [--seed N] [--out DIR]      (defaults: 20260401, geodata)
//
// Everything is derived from the seed, so two runs give byte-identical CSV/gzip files.
#include "incidents.hpp"
#include "writers.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>

namespace {

void usage() {
    std::fprintf(stderr, "usage: hotspot-gencity [--seed N] [--out DIR]\n");
}

void print_summary(const gencity::City& city, const gencity::PoliceStats& police,
                   const gencity::FlyStats& fly) {
    using namespace gencity;
    const TilingChecks& c = city.checks;
    long population = 0, planted_asb = 0;
    for (const Ward& w : city.wards) population += w.population;
    for (const Hotspot& h : city.hotspots) planted_asb += h.n_asb;
    const Box b = bounds(city.outline.get());
    std::printf("Brindleford (seed %llu)\n", static_cast<unsigned long long>(city.seed));
    std::printf("  outline %.1f x %.1f km, %.2f km2; %zu wards, %zu neighbourhoods, population %ld\n",
                (b.maxx - b.minx) / 1000.0, (b.maxy - b.miny) / 1000.0, c.outline_area / 1e6,
                city.wards.size(), city.nbhds.size(), population);
    std::printf("  checks: invalid wards %d, invalid neighbourhoods %d, multipart wards %d, "
                "multipart neighbourhoods %d\n",
                c.invalid_wards, c.invalid_nbhds, c.multipart_wards, c.multipart_nbhds);
    std::printf("  checks: ward areas - outline %.6f m2, ward overlaps %.6f m2, max nesting error "
                "%.6f m2, max |sum(nbhd) - ward| %.6f m2\n",
                c.ward_area_sum - c.outline_area, std::abs(c.overlap_area), c.max_nesting_error,
                c.max_ward_sum_error);
    std::printf("  snap points %zu, distinct locations used %ld\n", city.snaps.size(),
                police.distinct_locations);
    std::printf("  police: %zu files, %ld data rows, %zu bad, %ld valid, %ld ASB (%.1f%%), "
                "%ld duplicate Crime ID row(s)\n",
                police.months.size(), police.data_rows, police.bad.size(), police.valid_rows,
                police.asb_valid, 100.0 * static_cast<double>(police.asb_valid) / static_cast<double>(police.valid_rows), police.duplicate_rows);
    std::printf("  planted hotspots: %zu, ASB rows %ld = %.1f%% of ASB\n", city.hotspots.size(),
                planted_asb, 100.0 * static_cast<double>(planted_asb) / static_cast<double>(police.asb_valid));
    for (int t = 0; t < kNumTypes; ++t)
        std::printf("    %-30s %6ld  %5.1f%%\n", kCrimeTypes[t], police.type_valid[t],
                    100.0 * static_cast<double>(police.type_valid[t]) / static_cast<double>(police.valid_rows));
    std::printf("  fly-tipping: %ld data rows, %ld bad, %ld valid, %ld in pilot wards\n",
                fly.data_rows, fly.bad_rows, fly.valid_rows, fly.in_pilot_wards);
    std::printf("  bad rows:\n");
    for (const auto* list : {&police.bad, &fly.bad})
        for (const BadRow& r : *list)
            std::printf("    %s line %ld: %s\n", r.file.c_str(), r.line, r.problem.c_str());
    std::printf("  valid oddities: %s line %ld (quoted Location), lines %ld-%ld (duplicate row)\n",
                police.special_file.c_str(), police.quoted_line, police.duplicate_line - 1,
                police.duplicate_line);
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t seed = 20260401;
    std::string out = "geodata";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seed" && i + 1 < argc) {
            seed = std::strtoull(argv[++i], nullptr, 10);
        } else if (a == "--out" && i + 1 < argc) {
            out = argv[++i];
        } else {
            usage();
            return 2;
        }
    }
    try {
        using namespace gencity;
        for (const char* sub : {"police", "flytipping", "ground_truth"})
            std::filesystem::create_directories(std::filesystem::path(out) / sub);

        // Each stage has its own random stream (see Rng), derived from the one seed.
        City city;
        city.seed = seed;
        Rng tiling_rng(seed, "tiling");
        build_tiling(city, tiling_rng);
        choose_pilot_wards(city);
        Rng names_rng(seed, "names");
        name_areas(city, names_rng);
        Rng places_rng(seed, "places");
        place_concentrations(city, places_rng);
        place_hotspots(city, places_rng);
        Rng snap_rng(seed, "snap points");
        build_snap_points(city, snap_rng);
        Rng incident_rng(seed, "incidents");
        const std::vector<Incident> incidents = generate_incidents(city, incident_rng);

        Rng police_rng(seed, "police files");
        const PoliceStats police = write_police(city, incidents, police_rng, out);
        Rng fly_rng(seed, "fly-tipping");
        const FlyStats fly = write_flytipping(city, fly_rng, out);
        write_boundaries(city, out);
        write_ground_truth(city, police, fly, out);
        write_readme(city, police, fly, out);
        print_summary(city, police, fly);
        const TilingChecks& c = city.checks;
        if (c.invalid_wards + c.invalid_nbhds > 0 || c.max_nesting_error > 1.0) {
            std::fprintf(stderr, "hotspot-gencity: boundary checks failed\n");
            return 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "hotspot-gencity: %s\n", e.what());
        return 1;
    }
    return 0;
}
