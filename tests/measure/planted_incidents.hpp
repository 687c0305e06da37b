#pragma once
// Small hand-made incident tables for measure tests: square areas side by side and rows
// planted n at a time in a month, a category and an area (-1: in no area).
#include "hotspot/base/incidents.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/geo/areas.hpp"

#include <string>
#include <vector>

namespace hotspot::test {

inline std::string square(int x0) {
    const std::string a = std::to_string(x0), b = std::to_string(x0 + 10);
    return "POLYGON((" + a + " 0," + b + " 0," + b + " 10," + a + " 10," + a + " 0))";
}

// Areas A, B, C (10 x 10 squares) with the given residents.
inline AreaLayer three_areas(double pop_a, double pop_b, double pop_c) {
    return AreaLayer::from_wkt("wards", {"A", "B", "C"}, {square(0), square(10), square(20)}, {pop_a, pop_b, pop_c});
}

struct PlantedRows {
    IncidentTable t;
    std::vector<std::int32_t> area;  // row-aligned with t
    double weight = 1.0;
    void add(int n, int year, int month, const std::string& category, std::int32_t a) {
        for (int i = 0; i < n; ++i) {
            t.x.push_back(0);
            t.y.push_back(0);
            t.month.push_back(month_index(year, month));
            t.category.push_back(t.categories.intern(category));
            t.weight.push_back(weight);
            area.push_back(a);
        }
    }
};

}  // namespace hotspot::test
