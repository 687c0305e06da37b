// hotspot_bench_priority: times the priority analysis on a synthetic England-sized case (run
// by tools/bench-priority, which also times R spdep on the same data).
//
// Areas: a jittered lattice of quadrilaterals (shared corners moved by up to 30 % of the side,
// seeded; each side with --edge-points extra collinear vertices, shared exactly with the
// neighbour), LSOA-like in number; populations 1,000..3,000; 50 count indicators drawn as Poisson
// around a smooth spatial field. Steps, each timed separately (median of --repeat runs):
//   queen      queen contiguity of the areas (geo/neighbours, GEOS)
//   eb         eb_global and eb_local (queen) for every indicator
//   composite  composite_index, preset sumFlagsPercentile (rates), with leave-one-out ranks
//   grid       study_grid + cell_overlaps + apportion (population as a count, the index as a
//              score) + priority_zones (Gi* band 750 m, FDR bin >= 2, overlay: the areas)
// A step whose implementation is not there yet reports "not implemented" and is left out of
// the total. Prints "key: value" lines; --csv writes the EB input (and our estimates) for R.
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/composite_index.hpp"
#include "hotspot/decide/empirical_bayes.hpp"
#include "hotspot/decide/priority_grid.hpp"
#include "hotspot/geo/neighbours.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace hotspot;

namespace {

struct Options {
    std::size_t areas_x = 175, areas_y = 200, indicators = 50, repeat = 3;
    double side_m = 1336.3, cell_m = 250, band_m = 750;  // 35,000 areas x 5.345^2 cells ~ 1M cells
    unsigned threads = 2, seed = 11;
    std::size_t edge_points = 8;  // extra collinear vertices per side: 36 per area, the median of bsol_lsoa21.gpkg
    std::string csv;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--areas-x") o.areas_x = std::stoul(v);
        else if (k == "--areas-y") o.areas_y = std::stoul(v);
        else if (k == "--indicators") o.indicators = std::stoul(v);
        else if (k == "--repeat") o.repeat = std::stoul(v);
        else if (k == "--side") o.side_m = std::stod(v);
        else if (k == "--cell") o.cell_m = std::stod(v);
        else if (k == "--band") o.band_m = std::stod(v);
        else if (k == "--threads") o.threads = static_cast<unsigned>(std::stoul(v));
        else if (k == "--seed") o.seed = static_cast<unsigned>(std::stoul(v));
        else if (k == "--csv") o.csv = v;
        else if (k == "--edge-points") o.edge_points = std::stoul(v);
        else throw std::runtime_error("unknown option " + k);
    }
    return o;
}

struct Case {
    AreaLayer areas;
    std::vector<double> population;
    std::vector<std::vector<double>> counts;  // [indicator][area]
};

Case make_case(const Options& o) {
    std::mt19937_64 rng(o.seed);
    std::uniform_real_distribution<double> jitter(-0.3, 0.3), unit(0, 1);
    const std::size_t vx = o.areas_x + 1, vy = o.areas_y + 1;
    std::vector<double> px(vx * vy), py(vx * vy);
    for (std::size_t j = 0; j < vy; ++j)
        for (std::size_t i = 0; i < vx; ++i) {
            const bool edge_x = i == 0 || i == vx - 1, edge_y = j == 0 || j == vy - 1;
            px[j * vx + i] = 300000 + (static_cast<double>(i) + (edge_x ? 0 : jitter(rng))) * o.side_m;
            py[j * vx + i] = 100000 + (static_cast<double>(j) + (edge_y ? 0 : jitter(rng))) * o.side_m;
        }
    std::vector<std::string> ids, wkt;
    const auto pt = [&](double x, double y) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g %.17g", x, y);
        return std::string(buf);
    };
    // The side from corner a to corner b with its collinear extra vertices (b left out), computed
    // from the lower corner index whichever way it runs, so that neighbours share them exactly.
    const auto side = [&](std::size_t a, std::size_t b) {
        const std::size_t lo = std::min(a, b), hi = std::max(a, b);
        std::vector<std::string> pts = {pt(px[lo], py[lo])};
        for (std::size_t k = 1; k <= o.edge_points; ++k) {
            const double t = static_cast<double>(k) / static_cast<double>(o.edge_points + 1);
            pts.push_back(pt(px[lo] + (px[hi] - px[lo]) * t, py[lo] + (py[hi] - py[lo]) * t));
        }
        pts.push_back(pt(px[hi], py[hi]));
        if (a != lo) std::reverse(pts.begin(), pts.end());
        pts.pop_back();  // b starts the next side
        std::string s;
        for (const auto& p : pts) s += p + ", ";
        return s;
    };
    for (std::size_t j = 0; j < o.areas_y; ++j)
        for (std::size_t i = 0; i < o.areas_x; ++i) {
            const std::size_t a = j * vx + i, b = a + 1, c = b + vx, d = a + vx;
            ids.push_back("A" + std::to_string(j * o.areas_x + i));
            wkt.push_back("POLYGON((" + side(a, b) + side(b, c) + side(c, d) + side(d, a) + pt(px[a], py[a]) + "))");
        }
    Case c{AreaLayer::from_wkt("areas", ids, wkt), {}, {}};
    const std::size_t n = ids.size();
    for (std::size_t a = 0; a < n; ++a) c.population.push_back(std::round(1000 + 2000 * unit(rng)));
    c.counts.assign(o.indicators, std::vector<double>(n));
    for (std::size_t k = 0; k < o.indicators; ++k) {
        const double base = 0.002 + 0.05 * unit(rng), fx = 0.5 + 3 * unit(rng), fy = 0.5 + 3 * unit(rng);
        for (std::size_t a = 0; a < n; ++a) {
            const double u = static_cast<double>(a % o.areas_x) / static_cast<double>(o.areas_x);
            const double v = static_cast<double>(a / o.areas_x) / static_cast<double>(o.areas_y);
            const double field = 1 + 0.8 * std::sin(fx * M_PI * u) * std::cos(fy * M_PI * v);
            c.counts[k][a] = static_cast<double>(std::poisson_distribution<long>(c.population[a] * base * field)(rng));
        }
    }
    return c;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Processor time of the whole process (every thread), in seconds: on a loaded machine the wall
// time grows with others' work, this much less.
double cpu_now() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Runs a step `repeat` times; prints its median, or that it is not implemented yet.
std::map<std::string, double> medians;
void step(const std::string& key, std::size_t repeat, const std::function<void()>& body) {
    std::vector<double> runs, cpu;
    try {
        for (std::size_t r = 0; r < repeat; ++r) {
            const auto t0 = std::chrono::steady_clock::now();
            const double c0 = cpu_now();
            body();
            runs.push_back(seconds_since(t0));
            cpu.push_back(cpu_now() - c0);
        }
    } catch (const std::logic_error& e) {
        std::cout << key << "_seconds: not implemented (" << e.what() << ")\n";
        return;
    }
    medians[key] = median(runs);
    std::cout << key << "_seconds: " << medians[key] << "\n" << key << "_cpu_seconds: " << median(cpu) << "\n";
    std::cout << key << "_runs:";
    for (double s : runs) std::cout << " " << s;
    std::cout << "\n" << std::flush;
}

}  // namespace

int main(int argc, char** argv) try {
    const Options o = parse(argc, argv);
    const Case c = make_case(o);
    const std::size_t n = c.areas.size();
    std::cout << "areas: " << n << "\nindicators: " << o.indicators << "\nrepeat: " << o.repeat << "\nthreads: " << o.threads << "\n";

    Neighbours queen;
    step("queen", o.repeat, [&] {
        std::vector<std::string> wkb(n);
        for (std::size_t a = 0; a < n; ++a) wkb[a] = c.areas.wkb(a);
        queen = queen_contiguity(wkb, 0.0, o.threads);
    });
    std::cout << "queen_links: " << queen.index.size() << "\n";

    std::vector<std::string> ids(n);
    for (std::size_t a = 0; a < n; ++a) ids[a] = c.areas.id(a);
    std::vector<EbGlobal> global(o.indicators);
    step("eb_global", o.repeat, [&] {
        for (std::size_t k = 0; k < o.indicators; ++k) global[k] = eb_global(c.counts[k], c.population, ids);
    });
    step("eb_local", o.repeat, [&] {
        for (std::size_t k = 0; k < o.indicators; ++k) (void)eb_local(c.counts[k], c.population, queen, ids);
    });

    CompositeInput in;
    in.area_ids = ids;
    for (std::size_t k = 0; k < o.indicators; ++k) {
        in.indicator_names.push_back("ind" + std::to_string(k + 1));
        std::vector<std::optional<double>> rate(n);
        for (std::size_t a = 0; a < n; ++a) rate[a] = c.counts[k][a] / c.population[a];
        in.values.push_back(std::move(rate));
    }
    std::vector<std::optional<double>> area_index;
    step("composite", o.repeat, [&] {
        const CompositeResult r = composite_index(in, composite_preset("sumFlagsPercentile", in.indicator_names));
        area_index = r.index;
    });
    if (area_index.empty()) area_index = in.values[0];  // until composite_index is merged: the first rate
    std::cout << "grid_index: " << (medians.count("composite") ? "composite index (sumFlagsPercentile)" : "indicator 1 rate (composite not implemented)") << "\n";

    std::vector<std::optional<double>> pop(c.population.begin(), c.population.end());
    std::size_t cells = 0, zones = 0, shares = 0;
    double pop_in_cells = 0;
    std::vector<double> grid_parts[4], grid_cpu;
    for (std::size_t r = 0; r < o.repeat; ++r) {
        const double c0 = cpu_now();
        auto t0 = std::chrono::steady_clock::now();
        const StudyGrid study = study_grid_with_overlaps(c.areas, o.cell_m, o.threads);
        const Fishnet& grid = study.grid;
        const CellOverlaps& ov = study.overlaps;
        grid_parts[0].push_back(seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        const CellOverlaps again = cell_overlaps(grid, c.areas, o.threads);  // as for a second layer (wards)
        grid_parts[1].push_back(seconds_since(t0));
        if (again.area.size() != ov.area.size()) throw std::runtime_error("cell_overlaps differs from study_grid_with_overlaps");
        t0 = std::chrono::steady_clock::now();
        const auto cell_pop = apportion_counts(ov, c.areas, pop);
        const auto cell_index = apportion_scores(ov, area_index);
        grid_parts[2].push_back(seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        std::vector<double> idx(cell_index.size());
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = cell_index[i].value_or(0.0);
        const PriorityZones z = priority_zones(grid, idx, o.band_m, 2, {&c.areas}, {&ov}, o.threads);
        grid_parts[3].push_back(seconds_since(t0));
        grid_cpu.push_back(cpu_now() - c0);
        cells = grid.size(), zones = z.zone_cells.size(), shares = z.shares.size();
        pop_in_cells = 0;
        for (const auto& p : cell_pop) pop_in_cells += p.value_or(0.0);
    }
    // cell_overlaps of a second layer is shown, not counted: the grid variant needs the study
    // layer's overlaps (from study_grid_with_overlaps) and reuses them for the zones' shares.
    const char* names[4] = {"grid_study_grid", "grid_cell_overlaps", "grid_apportion", "grid_zones"};
    double grid_total = 0;
    for (int k = 0; k < 4; ++k) {
        const double m = median(grid_parts[k]);
        if (k != 1) grid_total += m;
        std::cout << names[k] << "_seconds: " << m << "\n";
    }
    medians["grid"] = grid_total;
    double pop_total = 0;
    for (double p : c.population) pop_total += p;
    std::cout << "grid_cpu_seconds: " << median(grid_cpu) << "\n";  // cell_overlaps again included
    std::cout << "grid_seconds: " << grid_total << "\ncells: " << cells << "\nzones: " << zones << "\nzone_shares: " << shares
              << "\npopulation_total: " << pop_total << "\npopulation_in_cells: " << pop_in_cells << "\n";

    double total = 0;
    for (const auto& [k, v] : medians) total += v;
    std::cout << "total_seconds: " << total << "\n";
    std::cout << "steps_missing: " << (medians.count("eb_global") && medians.count("eb_local") && medians.count("composite") ? 0 : 1) << "\n";

    if (!o.csv.empty()) {  // long format: indicator, area, events, population[, our EBest estimate]
        std::ofstream f(o.csv);
        f.precision(17);
        f << "indicator,area,events,population" << (medians.count("eb_global") ? ",ours" : "") << "\n";
        for (std::size_t k = 0; k < o.indicators; ++k)
            for (std::size_t a = 0; a < n; ++a) {
                f << k + 1 << "," << ids[a] << "," << c.counts[k][a] << "," << c.population[a];
                if (medians.count("eb_global")) f << "," << global[k].estimate[a];
                f << "\n";
            }
        if (!f) throw std::runtime_error("cannot write " + o.csv);
    }
    return 0;
} catch (const std::exception& e) {
    std::cerr << "hotspot_bench_priority: " << e.what() << "\n";
    return 1;
}
