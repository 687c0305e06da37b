// tools/bench-evaluate's harness: a seeded synthetic back-test of `hotspot evaluate`'s size
// (plan section 6): 1,000 x 1,000 cells of 250 m, 36 months, methods prev:12, prev:1, kde:250
// (monthly surfaces summed) and gistar:750, 24 test months, shares 1 % and 5 %.
// Counts: Poisson around a smooth field with 300 persistent hotspots; each incident is a point
// in its cell (the kernel's input). Prints "key value" lines; with --dump DIR it writes the
// points and counts (raw little-endian) and our per-origin n for the numpy peer.
#include "hotspot/decide/backtest.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

using namespace hotspot;

int main(int argc, char** argv) {
    std::string dump;
    std::size_t side = 1000, months = 36;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--dump") dump = argv[i + 1];
        else if (a == "--side") side = std::stoul(argv[i + 1]);
        else {
            std::cerr << "usage: hotspot_bench_evaluate [--side CELLS] [--dump DIR]\n";
            return 2;
        }
    }
    const double cell = 250;
    BacktestData d;
    d.cell_m = cell;
    const std::size_t cells = side * side;
    for (std::size_t r = 0; r < side; ++r)
        for (std::size_t c = 0; c < side; ++c) {
            d.x.push_back((static_cast<double>(c) + 0.5) * cell);
            d.y.push_back((static_cast<double>(side - r) - 0.5) * cell);
        }
    d.area.assign(cells, cell * cell);
    std::mt19937_64 rng(12);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> rate(cells);
    for (std::size_t i = 0; i < cells; ++i)  // a smooth field, 0.01..0.09 a month
        rate[i] = 0.05 + 0.04 * std::sin(d.x[i] / 20000.0) * std::cos(d.y[i] / 27000.0);
    for (int h = 0; h < 300; ++h) {  // persistent hotspots of 3 x 3 cells
        const std::size_t r = 1 + static_cast<std::size_t>(u(rng) * static_cast<double>(side - 2));
        const std::size_t c = 1 + static_cast<std::size_t>(u(rng) * static_cast<double>(side - 2));
        for (std::size_t dr = 0; dr < 3; ++dr)
            for (std::size_t dc = 0; dc < 3; ++dc) rate[(r + dr - 1) * side + c + dc - 1] += 2.0 + 3.0 * u(rng);
    }
    d.counts.assign(months, std::vector<double>(cells, 0.0));
    for (std::size_t m = 0; m < months; ++m)
        for (std::size_t i = 0; i < cells; ++i) {
            std::poisson_distribution<int> pois(rate[i]);
            const int n = pois(rng);
            for (int k = 0; k < n; ++k) {
                d.px.push_back(d.x[i] + (u(rng) - 0.5) * cell);
                d.py.push_back(d.y[i] + (u(rng) - 0.5) * cell);
                d.pw.push_back(1.0);
                d.pmonth.push_back(static_cast<std::uint32_t>(m));
            }
            d.counts[m][i] = n;
        }
    BacktestOptions o;
    o.methods = parse_backtest_methods("prev:12,prev:1,kde:250,gistar:750");
    o.fit_months = 12, o.first_test = 12, o.last_test = months - 1;
    const auto t0 = std::chrono::steady_clock::now();
    const BacktestResult r = run_backtest(d, o);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "cells: " << cells << "\nmonths: " << months << "\npoints: " << d.px.size() << "\norigins: " << r.origins.size()
              << "\nbacktest_seconds: " << seconds << "\n";
    for (const BacktestSummary& s : r.summaries)
        std::cout << "mean_pai " << o.methods[s.method].name << "@" << o.shares[s.share] << ": " << s.pai.mean << "\n";
    if (!dump.empty()) {
        const auto write = [&](const std::string& name, const void* data, std::size_t bytes) {
            std::ofstream f(dump + "/" + name, std::ios::binary);
            f.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
        };
        for (std::size_t m = 0; m < months; ++m) write("counts_" + std::to_string(m) + ".f64", d.counts[m].data(), cells * 8);
        write("px.f64", d.px.data(), d.px.size() * 8);
        write("py.f64", d.py.data(), d.py.size() * 8);
        write("pmonth.u32", d.pmonth.data(), d.pmonth.size() * 4);
        std::ofstream n(dump + "/ours.txt");
        for (const BacktestOrigin& b : r.origins)
            n << o.methods[b.method].name << " " << o.shares[b.share] << " " << b.test_month << " " << b.accuracy.k << " "
              << std::to_string(b.accuracy.hits) << "\n";
    }
    return 0;
}
