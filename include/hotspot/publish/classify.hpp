#pragma once
// Class breaks for choropleth legends that survive real data: zero-heavy, skewed counts
// (most wards with no BTP incident, one with New Street station) and few distinct values.
#include <cstddef>
#include <string>
#include <vector>

namespace hotspot {

// One legend class: the values v with lower < v <= upper (lower <= v for the first class).
// `lower` is the previous class's upper bound, so the ranges tile the data without gaps and
// QGIS (first range with lower <= v <= upper) puts every value where `count` says.
struct ValueClass {
    double lower = 0, upper = 0;
    double min = 0, max = 0;  // smallest and largest value in the class (what the label shows)
    std::size_t count = 0;    // values in the class, never 0
    std::string label;        // "0", "1 - 3", "0.12 - 1.5": rounded, min to max of the class
};

// Fisher's exact natural breaks (the optimum Jenks approximates): the sorted distinct
// values cut into at most `classes` contiguous groups minimising the within-group sum of
// squared deviations (each value weighted by how often it occurs). Returns the largest value
// of each group, increasing; as many groups as distinct values when there are fewer.
std::vector<double> natural_breaks(std::vector<double> values, int classes);

// Legend classes for `values`: a class of its own for 0 when there are zeros and positive
// values, then natural breaks of the logarithms of the other values (of the values themselves
// if any is negative), at most `classes` in all, none empty,
// none duplicated. Labels are integers (with thousands separators) when every value is whole,
// else 3 significant digits (more only where needed to tell neighbouring classes apart).
// Breaks::plain: natural breaks of the values themselves and no class of its own for 0 (a
// composite index, where 0 is the lowest score, not "nothing recorded").
enum class Breaks { skewed, plain };
std::vector<ValueClass> classify(const std::vector<double>& values, int classes, Breaks breaks = Breaks::skewed);

// A number for a legend: whole numbers as "21,500"; others to `significant` digits
// (at least as many decimals as needed, none for values of 100 and more: "239", "0.0123").
std::string legend_number(double v, int significant);

}  // namespace hotspot
