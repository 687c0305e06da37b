#pragma once
// The points of a tiled job, projected once by `hotspot plan` and shared by every task: a binary
// file of x, y and weight (float64, this machine's byte order), sorted north to south so a task
// reads only the band of rows its tile and halo need.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct PointSlice {
    std::vector<double> x, y, w;
};

// Writes the points sorted by northing (descending), ties by easting, then input order (a
// stable sort: incidents at one place keep their order, so their weights add up in the same
// order wherever they are read). Atomic: a temporary renamed into place. Returns the file's SHA-256.
std::string write_tile_points(const std::string& path, std::span<const double> x, std::span<const double> y, std::span<const double> w);

// The points with y_min <= y <= y_max, in file order. InputError naming the file when it is not
// a points file, is truncated, or its SHA-256 is not `sha256` (checked when not empty).
PointSlice read_tile_points(const std::string& path, double y_min, double y_max, const std::string& sha256 = "");

}  // namespace hotspot
