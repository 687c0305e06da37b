// The grid variant of the priority index on the real Birmingham files: the 659 Birmingham LSOAs
// (2021) on 250 m cells, Census 2021 population apportioned as a count and the IMD 2025 score
// as a score, Gi* zones on the cells' IMD score overlaid with the 69 wards (2018) and the LSOAs.
// Every cell overlap, apportioned value and zone share is recomputed here with GEOS's general
// overlay (GEOSIntersection) from the same polygons, and the CSVs are read with the system's gzip.
#include "hotspot/decide/priority_grid.hpp"
#include "shared_data.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <geos_c.h>
#include <ogrsf_frmts.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace hotspot;

namespace {

// column `value` by column `key` of a gzip CSV without quoted fields, read through gzip -dc.
std::map<std::string, double> gz_column(const std::string& path, std::size_t key, std::size_t value) {
    std::FILE* p = ::popen(("gzip -dc '" + path + "'").c_str(), "r");
    REQUIRE(p);
    std::map<std::string, double> out;
    std::string text;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
    ::pclose(p);
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream s(line);
        for (std::string x; std::getline(s, x, ',');) f.push_back(x);
        if (f.size() > std::max(key, value) && !f[value].empty() && (std::isdigit(static_cast<unsigned char>(f[value][0])) != 0))
            out[f[key]] = std::stod(f[value]);
    }
    return out;
}

struct Oracle {
    GEOSContextHandle_t ctx = GEOS_init_r();
    std::vector<GEOSGeometry*> polys;
    std::vector<std::array<double, 4>> boxes;
    explicit Oracle(const AreaLayer& l) {
        GEOSWKBReader* r = GEOSWKBReader_create_r(ctx);
        for (std::size_t a = 0; a < l.size(); ++a) {
            const std::string w = l.wkb(a);
            polys.push_back(GEOSWKBReader_read_r(ctx, r, reinterpret_cast<const unsigned char*>(w.data()), w.size()));
            std::array<double, 4> b{};
            GEOSGeom_getXMin_r(ctx, polys.back(), &b[0]);
            GEOSGeom_getYMin_r(ctx, polys.back(), &b[1]);
            GEOSGeom_getXMax_r(ctx, polys.back(), &b[2]);
            GEOSGeom_getYMax_r(ctx, polys.back(), &b[3]);
            boxes.push_back(b);
        }
        GEOSWKBReader_destroy_r(ctx, r);
    }
    ~Oracle() {
        for (auto* g : polys) GEOSGeom_destroy_r(ctx, g);
        GEOS_finish_r(ctx);
    }
    Oracle(const Oracle&) = delete;
    Oracle& operator=(const Oracle&) = delete;
    double area(const GEOSGeometry* g) const {
        double a = 0;
        GEOSArea_r(ctx, g, &a);
        return a;
    }
    // Overlap of g (with envelope e) with every polygon whose envelope meets e.
    std::map<std::size_t, double> overlaps(const GEOSGeometry* g, const std::array<double, 4>& e) const {
        std::map<std::size_t, double> out;
        for (std::size_t a = 0; a < polys.size(); ++a) {
            const auto& b = boxes[a];
            if (b[2] < e[0] || b[0] > e[2] || b[3] < e[1] || b[1] > e[3]) continue;
            GEOSGeometry* x = GEOSIntersection_r(ctx, g, polys[a]);
            REQUIRE(x);
            const double v = area(x);
            GEOSGeom_destroy_r(ctx, x);
            if (v > 0) out[a] = v;
        }
        return out;
    }
};

// The Birmingham LSOAs (field Area = 'Birmingham') of the Birmingham and Solihull layer.
AreaLayer birmingham_lsoas() {
    const std::string path = shared_data_dir() + "/boundaries/bsol_lsoa21.gpkg";
    const AreaLayer all = AreaLayer::load({.name = "lsoa", .path = path, .id_field = "LSOA21", .name_field = "LSOA21NM"}, "EPSG:27700");
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    std::map<std::string, std::string> district;
    for (auto& f : *ds->GetLayer(0)) district[f->GetFieldAsString("LSOA21")] = f->GetFieldAsString("Area");
    GEOSContextHandle_t ctx = GEOS_init_r();
    GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx);
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(ctx);
    GEOSWKTWriter_setTrim_r(ctx, writer, 1);
    GEOSWKTWriter_setRoundingPrecision_r(ctx, writer, 17);
    std::vector<std::string> ids, wkt;
    for (std::size_t a = 0; a < all.size(); ++a) {
        if (district.at(all.id(a)) != "Birmingham") continue;
        const std::string w = all.wkb(a);
        GEOSGeometry* g = GEOSWKBReader_read_r(ctx, reader, reinterpret_cast<const unsigned char*>(w.data()), w.size());
        char* text = GEOSWKTWriter_write_r(ctx, writer, g);
        ids.push_back(all.id(a));
        wkt.emplace_back(text);
        GEOSFree_r(ctx, text);
        GEOSGeom_destroy_r(ctx, g);
    }
    GEOSWKTWriter_destroy_r(ctx, writer);
    GEOSWKBReader_destroy_r(ctx, reader);
    GEOS_finish_r(ctx);
    return AreaLayer::from_wkt("lsoa", ids, wkt);
}

}  // namespace

TEST_CASE("Birmingham LSOAs on 250 m cells: population and IMD 2025 apportioned, Gi* zones shared among wards and LSOAs",
          "[real][priority_grid]") {
    const AreaLayer lsoa = birmingham_lsoas();
    REQUIRE(lsoa.size() == 659);
    const AreaLayer wards = AreaLayer::load(
        {.name = "wards", .path = shared_data_dir() + "/boundaries/birmingham_wards_2018.gpkg", .id_field = "code", .name_field = "ward_name"},
        "EPSG:27700");
    REQUIRE(wards.size() == 69);

    const auto census = gz_column(shared_data_dir() + "/population/census2021_TS001_usual_residents_lsoa21_EW.csv.gz", 2, 0);
    const auto imd = gz_column(shared_data_dir() + "/deprivation/imd2025_score_pop2024_lsoa21_lookup_england.csv.gz", 0, 1);
    std::vector<std::optional<double>> population(lsoa.size()), score(lsoa.size());
    double population_total = 0, lsoa_area = 0;
    for (std::size_t a = 0; a < lsoa.size(); ++a) {
        population[a] = census.at(lsoa.id(a));
        score[a] = imd.at(lsoa.id(a));
        population_total += *population[a];
        lsoa_area += lsoa.area_m2(a);
    }
    CHECK(population_total == 1144925);  // data/README.md: Birmingham 1,144,925

    const Fishnet grid = study_grid(lsoa, 250.0);
    const CellOverlaps o = cell_overlaps(grid, lsoa, 2);
    const auto cell_population = apportion_counts(o, lsoa, population);
    const auto cell_score = apportion_scores(o, score);

    // Every cell against GEOS overlay of its square with every LSOA.
    const Oracle lsoa_oracle(lsoa);
    double covered = 0, apportioned = 0, worst_overlap = 0, worst_population = 0, worst_score = 0;
    std::size_t pairs = 0, oracle_pairs = 0;
    for (std::size_t c = 0; c < grid.size(); ++c) {
        const double x0 = grid.min_x + grid.col[c] * 250.0, y0 = grid.min_y + grid.row[c] * 250.0;
        GEOSGeometry* square = GEOSGeom_createRectangle_r(lsoa_oracle.ctx, x0, y0, x0 + 250, y0 + 250);
        const auto want = lsoa_oracle.overlaps(square, {x0, y0, x0 + 250, y0 + 250});
        GEOSGeom_destroy_r(lsoa_oracle.ctx, square);
        oracle_pairs += want.size();
        double pop = 0, weighted = 0, weight = 0;
        for (const auto& [a, m2] : want) {
            pop += *population[a] * m2 / lsoa_oracle.area(lsoa_oracle.polys[a]);
            weighted += *score[a] * m2, weight += m2;
        }
        for (auto k = o.offsets[c]; k < o.offsets[c + 1]; ++k) {
            ++pairs;
            covered += o.overlap_m2[k];
            const auto it = want.find(o.area[k]);
            worst_overlap = std::max(worst_overlap, std::abs(o.overlap_m2[k] - (it == want.end() ? 0.0 : it->second)));
        }
        REQUIRE(cell_population[c]);
        REQUIRE(cell_score[c]);
        apportioned += *cell_population[c];
        worst_population = std::max(worst_population, std::abs(*cell_population[c] - pop));
        worst_score = std::max(worst_score, std::abs(*cell_score[c] - weighted / weight));
    }
    CHECK(pairs == oracle_pairs);
    CHECK(worst_overlap < 1e-4);  // m2 of a 62,500 m2 cell
    CHECK(worst_population < 1e-9);
    CHECK(worst_score < 1e-9);
    CHECK(covered == Approx(lsoa_area).epsilon(1e-12));
    CHECK(apportioned == Approx(population_total).epsilon(1e-12));

    // Zones: Gi* on the cells' IMD score, band 750 m, FDR bin >= 2.
    std::vector<double> index;
    for (const auto& s : cell_score) index.push_back(*s);
    const PriorityZones z = priority_zones(grid, index, 750.0, 2, {&wards, &lsoa}, {nullptr, &o}, 2);
    REQUIRE(!z.zone_cells.empty());
    std::size_t hot = 0, in_zones = 0;
    for (std::size_t c = 0; c < grid.size(); ++c) {
        const bool is_hot = z.gi.bin_fdr[c] && *z.gi.bin_fdr[c] >= 2;
        hot += is_hot;
        in_zones += z.zone_of_cell[c] >= 0;
        CHECK(is_hot == (z.zone_of_cell[c] >= 0));
    }
    CHECK(hot == in_zones);
    for (std::size_t k = 1; k < z.zone_cells.size(); ++k) CHECK(z.zone_cells[k - 1] >= z.zone_cells[k]);

    // Shares per zone and layer, against GEOS overlay of the zone's polygon with each area.
    const Oracle ward_oracle(wards);
    std::map<std::pair<std::size_t, std::string>, std::map<std::string, double>> got;  // (zone, layer) -> area -> m2
    std::map<std::pair<std::size_t, std::string>, double> pct;
    for (const ZoneShare& s : z.shares) {
        got[{s.zone, s.layer}][s.area_id] += s.overlap_m2;
        pct[{s.zone, s.layer}] += s.share_of_zone_pct;
    }
    double worst_share = 0, worst_pct = 0;
    for (std::size_t k = 0; k < z.zone_cells.size(); ++k) {
        GEOSWKBReader* r = GEOSWKBReader_create_r(ward_oracle.ctx);
        GEOSGeometry* zone = GEOSWKBReader_read_r(ward_oracle.ctx, r, reinterpret_cast<const unsigned char*>(z.zone_wkb[k].data()), z.zone_wkb[k].size());
        GEOSWKBReader_destroy_r(ward_oracle.ctx, r);
        REQUIRE(zone);
        CHECK(GEOSisValid_r(ward_oracle.ctx, zone) == 1);
        CHECK(ward_oracle.area(zone) == Approx(z.zone_cells[k] * 62500.0).epsilon(1e-12));
        CHECK(z.zone_area_m2[k] == z.zone_cells[k] * 62500.0);
        std::array<double, 4> e{};
        GEOSGeom_getXMin_r(ward_oracle.ctx, zone, &e[0]);
        GEOSGeom_getYMin_r(ward_oracle.ctx, zone, &e[1]);
        GEOSGeom_getXMax_r(ward_oracle.ctx, zone, &e[2]);
        GEOSGeom_getYMax_r(ward_oracle.ctx, zone, &e[3]);
        for (const auto& [layer, oracle] : {std::pair<std::string, const Oracle*>{"wards", &ward_oracle}, {"lsoa", &lsoa_oracle}}) {
            const AreaLayer& l = layer == "wards" ? wards : lsoa;
            const auto want = oracle->overlaps(zone, e);
            double inside = 0;
            for (const auto& [a, m2] : want) {
                inside += m2;
                worst_share = std::max(worst_share, std::abs(got[{k, layer}][l.id(a)] - m2));
            }
            const double outside = z.zone_area_m2[k] - inside;
            const double outside_got = got[{k, layer}].count("") ? got[{k, layer}][""] : 0.0;
            worst_share = std::max(worst_share, std::abs(outside_got - outside));
            worst_pct = std::max(worst_pct, std::abs(pct[{k, layer}] - 100.0));
            CHECK(got[{k, layer}].size() == want.size() + (outside_got > 0 ? 1 : 0));
        }
        GEOSGeom_destroy_r(ward_oracle.ctx, zone);
    }
    CHECK(worst_share < 1e-3);  // m2, over zones of up to millions of m2
    CHECK(worst_pct < 1e-9);

    std::size_t top_wards = 0;
    for (const auto& [area, m2] : got[{0, "wards"}]) top_wards += !area.empty();
    std::cout << std::setprecision(10) << "Birmingham priority grid: " << lsoa.size() << " LSOAs, " << grid.size() << " cells of 250 m (" << grid.nx << " x " << grid.ny
              << "), " << pairs << " cell x LSOA overlaps; LSOA area " << lsoa_area / 1e6 << " km2 all in cells; population "
              << apportioned << " of " << population_total << "; worst |d overlap| " << worst_overlap << " m2, |d population| "
              << worst_population << ", |d IMD score| " << worst_score << "\n"
              << "  Gi* on the cells' IMD 2025 score, band 750 m, FDR bin >= 2: " << hot << " hot cells in " << z.zone_cells.size()
              << " zones; largest " << z.zone_cells[0] << " cells (" << z.zone_area_m2[0] / 1e6 << " km2) across " << top_wards
              << " wards; worst |d share| " << worst_share << " m2, worst |sum of shares - 100| " << worst_pct << " %\n";
}
