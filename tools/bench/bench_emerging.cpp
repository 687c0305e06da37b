// tools/bench-emerging's harness: a seeded synthetic Emerging Hot Spot Analysis of the issue's
// size: 100,000 cells (a 316 x 317 lattice of 100 m) x 60 months (6 million bins), band 300 m,
// time window 1, alpha 0.05. Counts: Poisson around a smooth field, with 200 clusters of 3 x 3
// cells that appear, grow, fade or persist at random months. Timed: neighbours (distance band
// through the k-d tree) plus the whole analysis (space-time Gi*, FDR over the cube, two
// Mann-Kendall tests per cell, the patterns), the median of --repeat runs. With --dump DIR it
// writes the cube (raw little-endian, step-major) and our z, FDR bins and patterns for the peer.
#include "hotspot/geo/neighbours.hpp"
#include "hotspot/time/emerging.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

using namespace hotspot;

int main(int argc, char** argv) {
    std::string dump;
    std::size_t columns = 316, rows = 317, steps = 60, repeat = 3;
    unsigned threads = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--dump") dump = argv[i + 1];
        else if (a == "--repeat") repeat = std::stoul(argv[i + 1]);
        else if (a == "--threads") threads = static_cast<unsigned>(std::stoul(argv[i + 1]));
        else {
            std::cerr << "usage: hotspot_bench_emerging [--repeat N] [--threads N] [--dump DIR]\n";
            return 2;
        }
    }
    const double cell = 100, band = 300;
    const std::size_t n = columns * rows;
    std::vector<double> x(n), y(n);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < columns; ++c) x[r * columns + c] = (static_cast<double>(c) + 0.5) * cell, y[r * columns + c] = (static_cast<double>(rows - r) - 0.5) * cell;
    std::mt19937_64 rng(13);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> counts(steps * n);
    std::vector<double> base(n);
    for (std::size_t i = 0; i < n; ++i) base[i] = 0.3 + 0.25 * std::sin(x[i] / 4000.0) * std::cos(y[i] / 5400.0);
    struct Cluster {
        std::size_t r, c, from, to;
        double rate, growth;
    };
    std::vector<Cluster> clusters;
    for (int k = 0; k < 200; ++k) {
        const std::size_t from = static_cast<std::size_t>(u(rng) * static_cast<double>(steps));
        clusters.push_back({1 + static_cast<std::size_t>(u(rng) * static_cast<double>(rows - 2)), 1 + static_cast<std::size_t>(u(rng) * static_cast<double>(columns - 2)),
                            from, from + 1 + static_cast<std::size_t>(u(rng) * static_cast<double>(steps - from)), 1 + 3 * u(rng), (u(rng) - 0.4) * 0.1});
    }
    for (std::size_t t = 0; t < steps; ++t) {
        std::vector<double> rate = base;
        for (const Cluster& k : clusters)
            if (t >= k.from && t < k.to)
                for (std::size_t dr = 0; dr < 3; ++dr)
                    for (std::size_t dc = 0; dc < 3; ++dc)
                        rate[(k.r + dr - 1) * columns + k.c + dc - 1] += std::max(0.0, k.rate + k.growth * static_cast<double>(t - k.from));
        for (std::size_t i = 0; i < n; ++i) {
            std::poisson_distribution<int> pois(rate[i]);
            counts[t * n + i] = pois(rng);
        }
    }
    EmergingOptions o;
    o.threads = threads;
    std::vector<double> seconds;
    EmergingResult r;
    for (std::size_t k = 0; k < repeat; ++k) {
        const auto t0 = std::chrono::steady_clock::now();
        const Neighbours nb = distance_band(x.data(), y.data(), n, band, threads);
        r = emerging_hot_spots(counts, n, nb, o);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::vector<double> sorted = seconds;
    std::sort(sorted.begin(), sorted.end());
    std::cout << "cells: " << n << "\nsteps: " << steps << "\nbins: " << counts.size() << "\nruns:";
    for (double s : seconds) std::cout << " " << s;
    std::cout << "\nemerging_seconds: " << sorted[sorted.size() / 2] << "\n";
    for (int code = 8; code >= -8; --code)
        if (r.pattern_count[static_cast<std::size_t>(code + 8)])
            std::cout << "pattern " << code << ": " << r.pattern_count[static_cast<std::size_t>(code + 8)] << "\n";
    if (!dump.empty()) {
        std::ofstream(dump + "/cube.f64", std::ios::binary).write(reinterpret_cast<const char*>(counts.data()), static_cast<std::streamsize>(counts.size() * 8));
        std::vector<double> z(counts.size());
        std::vector<std::int8_t> bins(counts.size()), patterns(n);
        for (std::size_t b = 0; b < counts.size(); ++b) z[b] = r.bins.z[b].value_or(NAN), bins[b] = r.bins.bin_fdr[b].value_or(0);
        for (std::size_t i = 0; i < n; ++i) patterns[i] = static_cast<std::int8_t>(r.at[i].pattern.code());
        std::ofstream(dump + "/z.f64", std::ios::binary).write(reinterpret_cast<const char*>(z.data()), static_cast<std::streamsize>(z.size() * 8));
        std::ofstream(dump + "/bins.i8", std::ios::binary).write(reinterpret_cast<const char*>(bins.data()), static_cast<std::streamsize>(bins.size()));
        std::ofstream(dump + "/patterns.i8", std::ios::binary).write(reinterpret_cast<const char*>(patterns.data()), static_cast<std::streamsize>(n));
        std::ofstream(dump + "/shape.txt") << columns << " " << rows << " " << steps << "\n";
    }
    return 0;
}
