#pragma once
// Where `hotspot place` may put a site: every distinct incident location, grid cell centres at a
// spacing, or the points of a user layer (lamp columns, mounting points); kept only inside the
// chosen areas and outside every exclusion layer. Each candidate left out is counted by reason,
// so the report says what was considered and why any was dropped.
#include "hotspot/workflow/pipeline.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hotspot {

enum class CandidateSource {
    incidents,  // every distinct incident location (police.uk snap point) inside the chosen areas
    grid,       // cell centres at spacing_m, inside the chosen areas
    layer,      // the points of an OGR layer
};

struct CandidateSpec {
    CandidateSource source = CandidateSource::incidents;
    double spacing_m = 0.0;  // grid
    std::string path, layer;  // layer: file and (optional) layer name
};

// "PATH[,layer=NAME]" (--existing, --exclude, layer: candidates) -> the file and the layer (empty: its only one).
void split_layer(const std::string& text, std::string& path, std::string& layer);

// "incidents", "grid:50" or "layer:PATH[,layer=NAME]"; anything else is refused naming the value.
CandidateSpec parse_candidates(const std::string& text);

// An OGR polygon layer where no site may go (parks, private land): "PATH[,layer=NAME]".
struct ExclusionSpec {
    std::string path, layer;
};
ExclusionSpec parse_exclusion(const std::string& text);

// A grid this fine over the chosen areas would be too big for the solver: refused, with the size.
inline constexpr std::size_t max_grid_candidates = 500'000;

struct CandidateSet {
    std::vector<double> x, y;
    std::string description;             // "grid cell centres every 50 m inside wards: Ladywood"
    std::uint64_t considered = 0;        // before the area and exclusion tests
    std::uint64_t outside_areas = 0;     // not inside the chosen areas
    std::vector<std::uint64_t> excluded; // per exclusion layer (first layer that holds it)
};

// The chosen areas: chosen[k] for area k of `layer` (none: no area restriction).
struct PlaceArea {
    const AreaLayer* layer = nullptr;
    std::vector<std::uint8_t> chosen;
    std::string description;
    bool inside(double x, double y) const;
};

// Demand points (distinct incident locations inside the area) serve the `incidents` source.
CandidateSet make_candidates(const CandidateSpec& spec, const PlaceArea& area, const std::vector<double>& demand_x,
                             const std::vector<double>& demand_y, const std::vector<ExclusionSpec>& exclusions,
                             const std::string& target_crs);

}  // namespace hotspot
