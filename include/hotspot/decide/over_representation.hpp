#pragma once
// Over-representation of one count indicator against the city average: observed O, expected
// E = population x city rate, the ratio O/E (excess risk, SIR) with its confidence interval
// (decide/poisson_interval), the upper-tail Poisson p, and flags where the interval lies
// wholly above (or below) 1. The city rate is taken over the areas that have a population.
#include "hotspot/decide/poisson_interval.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct OverRepresentation {
    double level = 0.95;
    IntervalMethod method = IntervalMethod::phe;
    double city_events = 0, city_population = 0;
    double city_rate = 0;  // events per resident over the indicator's window
    // Per area; nullopt where the area has no count or no (positive) population.
    std::vector<std::optional<double>> observed, expected, ratio, lower, upper, p_upper;
    std::vector<std::optional<IntervalMethod>> rule;  // exact or byar (phe), per area
    std::vector<std::int8_t> flag;                     // +1 interval above 1, -1 below 1, 0 otherwise or missing
    std::size_t above = 0, below = 0;
};

OverRepresentation over_representation(std::span<const std::optional<double>> observed,
                                       std::span<const std::optional<double>> population,
                                       double level, IntervalMethod method);

// Location quotient (c_ik / c_i) / (C_k / C): the share of category k in area i against its
// share overall. nullopt where c_i is 0 or missing.
std::vector<std::optional<double>> location_quotient(std::span<const std::optional<double>> count_k,
                                                     std::span<const std::optional<double>> count_all);

}  // namespace hotspot
