// Writes a seeded random 200 x 12 indicator matrix (skewed, tied and missing values) and the
// composite index of it under several specs, for tests/decide/composite_oracle.py to recompute
// independently with numpy/scipy. Usage: composite_dump OUT_DIR
#include "composite_files.hpp"

#include <iostream>
#include <random>
#include <string>

using namespace hotspot;
using composite_files::Case;

namespace {

constexpr std::size_t n_areas = 200, n_indicators = 12;

CompositeInput make_input() {
    std::mt19937_64 rng(20261130);
    std::lognormal_distribution<double> mild(0, 0.5), heavy(0, 1.6);
    std::uniform_int_distribution<int> small(0, 6);
    std::uniform_real_distribution<double> u(0, 1);
    CompositeInput in;
    for (std::size_t a = 0; a < n_areas; ++a) in.area_ids.push_back("E0" + std::to_string(1000000 + (a * 7919) % 10007));
    for (std::size_t k = 0; k < n_indicators; ++k) {
        in.indicator_names.push_back("ind" + std::to_string(k));
        std::vector<std::optional<double>> v;
        for (std::size_t a = 0; a < n_areas; ++a) {
            const double x = k % 4 == 3 ? small(rng) : k % 4 == 1 ? heavy(rng) : mild(rng) + static_cast<double>(k);
            v.push_back(u(rng) < 0.01 ? std::nullopt : std::optional(x));
        }
        in.values.push_back(std::move(v));
    }
    return in;
}

std::vector<Case> make_cases(const std::vector<std::string>& names) {
    std::vector<Case> cases;
    auto add = [&](const std::string& name, CompositeSpec spec) { cases.push_back({name, std::move(spec)}); };
    add("meanScaled_drop", composite_preset("meanScaled", names));
    {
        auto s = composite_preset("meanScaled", names);
        for (std::size_t k = 0; k < names.size(); ++k) s.indicators[k].weight = 1 + static_cast<double>(k % 3) * 0.75;
        s.indicators[1].reverse = s.indicators[4].reverse = true;
        s.missing = MissingPolicy::mean;
        add("meanScaled_weights_reverse_mean", s);
    }
    {
        auto s = composite_preset("geomeanPercentile", names);
        s.missing = MissingPolicy::zero;
        s.indicators[5].reverse = true;
        add("geomeanPercentile_zero", s);
    }
    add("sumFlagsPercentile_drop", composite_preset("sumFlagsPercentile", names));
    {
        auto s = composite_preset("meanScaled", names);
        for (auto& ind : s.indicators) ind.scaling = Scaling::zscore;
        s.indicators[2].z_mean = 2.0, s.indicators[2].z_sd = 0.5;
        s.indicators[6].reverse = true;
        s.combine = Combine::sum;
        s.reverse_index = true;
        s.missing = MissingPolicy::mean;
        add("zscore_sum_reverse_index_mean", s);
    }
    {
        auto s = composite_preset("meanScaled", names);
        for (auto& ind : s.indicators) ind.scaling = Scaling::rank;
        s.indicators[3].reverse = true;
        add("rank_mean_drop", s);
    }
    {
        auto s = composite_preset("geomeanRaw", names);
        for (std::size_t k = 3; k < names.size(); k += 4) s.indicators[k].scaling = Scaling::percentile;  // raw 0s would zero it
        s.indicators[2].reverse = true;
        add("geomeanRaw_drop", s);
    }
    {
        auto s = composite_preset("meanScaled", names);
        s.outliers = OutlierMode::winsorise_log;
        s.indicators[0].range = std::make_pair(0.5, 2.0);
        add("meanScaled_outliers_range_drop", s);
    }
    {
        auto s = composite_preset("sumFlagsPercentile", names);
        for (std::size_t k = 0; k < names.size(); k += 2) {
            s.indicators[k].threshold_scale = Scaling::zscore;
            s.indicators[k].flag_above = false;
            s.indicators[k].threshold = -0.5;
        }
        s.indicators[7].reverse = true;
        s.missing = MissingPolicy::zero;
        add("flags_mixed_zero", s);
    }
    return cases;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: composite_dump OUT_DIR\n";
        return 2;
    }
    const auto in = make_input();
    composite_files::write_all(argv[1], in, make_cases(in.indicator_names));
    return 0;
}
