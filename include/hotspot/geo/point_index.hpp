#pragma once
// A 2-D k-d tree over points (nanoflann behind a small facade). Distances in and out are
// in metres; nanoflann's squared-distance convention is handled here and nowhere else.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace hotspot {

struct Neighbour {
    std::uint32_t index;
    double distance_m;
};

class PointIndex {
public:
    // The index keeps pointers to x and y: they must outlive it.
    PointIndex(const double* x, const double* y, std::size_t n);
    ~PointIndex();
    PointIndex(const PointIndex&) = delete;
    PointIndex& operator=(const PointIndex&) = delete;

    // All points within radius_m (inclusive) of (x, y), nearest first.
    std::vector<Neighbour> within(double x, double y, double radius_m) const;
    // The k nearest points (fewer if there are fewer points), nearest first.
    std::vector<Neighbour> nearest(double x, double y, std::size_t k) const;
    std::size_t size() const { return n_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::size_t n_;
};

// For each point, the distance to its k-th nearest other point (itself skipped by index, so
// a coincident point counts as a neighbour at 0), on `threads` threads (0: all cores).
std::vector<double> kth_neighbour_distances(const double* x, const double* y, std::size_t n, std::size_t k, unsigned threads);

}  // namespace hotspot
