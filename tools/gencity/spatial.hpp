// A uniform grid over points for nearest-neighbour and "anything within r" queries
// (snapping incidents to snap points, spacing snap points, naming them after streets).
#pragma once

#include "geos_util.hpp"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace gencity {

class PointGrid {
public:
    explicit PointGrid(double cell) : cell_(cell) {}
    void add(XY p, int id);
    int nearest(XY p) const;  // -1 if the grid is empty; ties go to the smaller id
    bool any_within(XY p, double r) const;
    std::size_t size() const { return count_; }

private:
    struct Entry {
        XY p;
        int id;
    };
    std::int64_t key(std::int64_t cx, std::int64_t cy) const { return cx * 1000003 + cy; }
    std::int64_t cell_of(double v) const;
    const std::vector<Entry>* cell(std::int64_t cx, std::int64_t cy) const;

    double cell_;
    std::size_t count_ = 0;
    std::unordered_map<std::int64_t, std::vector<Entry>> cells_;
};

}  // namespace gencity
