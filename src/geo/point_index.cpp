#include "hotspot/geo/point_index.hpp"

#include "hotspot/base/parallel.hpp"

#include <nanoflann.hpp>

#include <cmath>

namespace hotspot {

namespace {

struct Cloud {
    const double* x;
    const double* y;
    std::size_t n;
    std::size_t kdtree_get_point_count() const { return n; }
    double kdtree_get_pt(std::size_t i, std::size_t dim) const { return dim == 0 ? x[i] : y[i]; }
    template <class Box>
    bool kdtree_get_bbox(Box&) const { return false; }
};

using Tree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, Cloud>, Cloud, 2, std::uint32_t>;

}  // namespace

struct PointIndex::Impl {
    Cloud cloud;
    Tree tree;
    explicit Impl(Cloud c) : cloud(c), tree(2, cloud, nanoflann::KDTreeSingleIndexAdaptorParams(16)) {}  // builds the tree
};

PointIndex::PointIndex(const double* x, const double* y, std::size_t n)
    : impl_(std::make_unique<Impl>(Cloud{x, y, n})), n_(n) {}

PointIndex::~PointIndex() = default;

std::vector<Neighbour> PointIndex::within(double x, double y, double radius_m) const {
    const double query[2] = {x, y};
    std::vector<std::pair<std::uint32_t, double>> found;  // nanoflann 1.4: (index, squared distance)
    nanoflann::SearchParams params;
    params.sorted = true;
    // nanoflann keeps d2 < r2 (strict); search a hair wider and keep d2 <= r2 (inclusive).
    const double r2 = radius_m * radius_m;
    impl_->tree.radiusSearch(query, std::nextafter(r2, HUGE_VAL), found, params);
    std::vector<Neighbour> out;
    out.reserve(found.size());
    for (const auto& [i, d2] : found)
        if (d2 <= r2) out.push_back({i, std::sqrt(d2)});
    return out;
}

std::vector<Neighbour> PointIndex::nearest(double x, double y, std::size_t k) const {
    const double query[2] = {x, y};
    k = std::min(k, n_);
    std::vector<std::uint32_t> index(k);
    std::vector<double> d2(k);
    const std::size_t got = impl_->tree.knnSearch(query, k, index.data(), d2.data());
    std::vector<Neighbour> out;
    for (std::size_t i = 0; i < got; ++i) out.push_back({index[i], std::sqrt(d2[i])});
    return out;
}

std::vector<double> kth_neighbour_distances(const double* x, const double* y, std::size_t n, std::size_t k, unsigned threads) {
    const PointIndex index(x, y, n);
    std::vector<double> d(n, 0.0);
    parallel_blocks(n, threads, 4096, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            std::size_t seen = 0;
            for (const Neighbour& nb : index.nearest(x[i], y[i], k + 1))  // + 1: the point itself
                if (nb.index != i && ++seen == k) d[i] = nb.distance_m;
        }
    });
    return d;
}

}  // namespace hotspot
