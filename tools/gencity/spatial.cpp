#include "spatial.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace gencity {

std::int64_t PointGrid::cell_of(double v) const {
    return static_cast<std::int64_t>(std::floor(v / cell_));
}

const std::vector<PointGrid::Entry>* PointGrid::cell(std::int64_t cx, std::int64_t cy) const {
    const auto it = cells_.find(key(cx, cy));
    return it == cells_.end() ? nullptr : &it->second;
}

void PointGrid::add(XY p, int id) {
    cells_[key(cell_of(p.x), cell_of(p.y))].push_back({p, id});
    ++count_;
}

int PointGrid::nearest(XY p) const {
    if (count_ == 0) return -1;
    const std::int64_t cx = cell_of(p.x), cy = cell_of(p.y);
    double best_d = std::numeric_limits<double>::infinity();
    int best = -1;
    // Search square rings of cells outwards. Anything outside ring r is at least r cells away,
    // so stop once the best distance found is within that.
    for (std::int64_t r = 0;; ++r) {
        for (std::int64_t dx = -r; dx <= r; ++dx) {
            for (std::int64_t dy = -r; dy <= r; ++dy) {
                if (std::max(std::abs(dx), std::abs(dy)) != r) continue;
                const auto* c = cell(cx + dx, cy + dy);
                if (c == nullptr) continue;
                for (const Entry& e : *c) {
                    const double d = dist(p, e.p);
                    if (d < best_d || (d == best_d && e.id < best)) {
                        best_d = d;
                        best = e.id;
                    }
                }
            }
        }
        if (best >= 0 && best_d <= static_cast<double>(r) * cell_) return best;
    }
}

bool PointGrid::any_within(XY p, double r) const {
    const std::int64_t x0 = cell_of(p.x - r), x1 = cell_of(p.x + r);
    const std::int64_t y0 = cell_of(p.y - r), y1 = cell_of(p.y + r);
    for (std::int64_t cx = x0; cx <= x1; ++cx)
        for (std::int64_t cy = y0; cy <= y1; ++cy)
            if (const auto* c = cell(cx, cy))
                for (const Entry& e : *c)
                    if (dist(p, e.p) < r) return true;
    return false;
}

}  // namespace gencity
