#include "hotspot/workflow/place_candidates.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/option_values.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/site_layer.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hotspot {

namespace {

// Cells a grid may test before any is kept: beyond this the bounding box alone is too big.
constexpr double max_grid_cells_tested = 20'000'000.0;

Envelope chosen_envelope(const PlaceArea& area) {
    Envelope e{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
               -std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (std::size_t k = 0; k < area.layer->size(); ++k) {
        if (!area.chosen[k]) continue;
        const std::string wkb = area.layer->wkb(k);
        OGRGeometry* g = nullptr;
        if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE || !g) continue;
        OGREnvelope b;
        g->getEnvelope(&b);
        OGRGeometryFactory::destroyGeometry(g);
        e = {std::min(e.min_x, b.MinX), std::min(e.min_y, b.MinY), std::max(e.max_x, b.MaxX), std::max(e.max_y, b.MaxY)};
    }
    return e;
}

Envelope points_envelope(const std::vector<double>& x, const std::vector<double>& y) {
    const auto [x0, x1] = std::minmax_element(x.begin(), x.end());
    const auto [y0, y1] = std::minmax_element(y.begin(), y.end());
    return {*x0, *y0, *x1, *y1};
}

// Cell centres of the lattice of multiples of the spacing (the same lattice in every run),
// over the envelope: centre = (i + 0.5) * spacing.
void grid_centres(const Envelope& e, double s, CandidateSet& out) {
    const double i0 = std::floor(e.min_x / s), i1 = std::ceil(e.max_x / s);
    const double j0 = std::floor(e.min_y / s), j1 = std::ceil(e.max_y / s);
    if ((i1 - i0) * (j1 - j0) > max_grid_cells_tested)
        throw ConfigError("--candidates grid:" + format_fixed(s, 1) + ": the chosen areas span " + format_fixed(i1 - i0, 0) + " x " +
                          format_fixed(j1 - j0, 0) + " cells; use a larger spacing or fewer areas (--within)");
    for (double j = j0; j < j1; ++j)
        for (double i = i0; i < i1; ++i) {
            out.x.push_back((i + 0.5) * s);
            out.y.push_back((j + 0.5) * s);
        }
}

}  // namespace

void split_layer(const std::string& text, std::string& path, std::string& layer) {
    const auto comma = text.find(",layer=");
    path = text.substr(0, comma);
    layer = comma == std::string::npos ? std::string() : text.substr(comma + 7);
}

bool PlaceArea::inside(double x, double y) const {
    if (!layer) return true;
    const auto k = layer->locate(x, y);
    return k && chosen[*k];
}

CandidateSpec parse_candidates(const std::string& text) {
    CandidateSpec spec;
    if (text == "incidents") return spec;
    if (text.rfind("grid:", 0) == 0) {
        spec.source = CandidateSource::grid;
        spec.spacing_m = parse_real("--candidates grid:SPACING", text.substr(5), ranges::distance_m);
        return spec;
    }
    if (text.rfind("layer:", 0) == 0 && text.size() > 6) {
        spec.source = CandidateSource::layer;
        split_layer(text.substr(6), spec.path, spec.layer);
        return spec;
    }
    throw ConfigError("--candidates " + quote_value(text) +
                      ": expected incidents (every distinct incident location), grid:SPACING (cell centres every SPACING metres) "
                      "or layer:PATH[,layer=NAME] (the points of a layer)");
}

ExclusionSpec parse_exclusion(const std::string& text) {
    if (trim(text).empty()) throw ConfigError("--exclude: expected PATH[,layer=NAME] of a polygon layer");
    ExclusionSpec spec;
    split_layer(text, spec.path, spec.layer);
    return spec;
}

CandidateSet make_candidates(const CandidateSpec& spec, const PlaceArea& area, const std::vector<double>& demand_x,
                             const std::vector<double>& demand_y, const std::vector<ExclusionSpec>& exclusions,
                             const std::string& target_crs) {
    CandidateSet raw;
    const std::string where = area.layer ? " inside " + area.description : std::string();
    switch (spec.source) {
    case CandidateSource::incidents:
        raw.x = demand_x;
        raw.y = demand_y;
        raw.description = "every distinct incident location" + where;
        break;
    case CandidateSource::grid:
        grid_centres(area.layer ? chosen_envelope(area) : points_envelope(demand_x, demand_y), spec.spacing_m, raw);
        raw.description = "grid cell centres every " + format_fixed(spec.spacing_m, 1) + " m (multiples of the spacing + half)" + where;
        break;
    case CandidateSource::layer: {
        const SiteLayer l = read_site_layer(spec.path, spec.layer, target_crs);
        raw.x = l.x;
        raw.y = l.y;
        raw.description = "the points of " + spec.path + (spec.layer.empty() ? "" : ", layer " + spec.layer) + where;
        break;
    }
    }
    std::vector<AreaLayer> excluded;
    for (std::size_t k = 0; k < exclusions.size(); ++k) {
        AreaSpec s;
        s.name = "exclusion_" + std::to_string(k + 1);
        s.path = exclusions[k].path;
        s.layer = exclusions[k].layer;
        excluded.push_back(AreaLayer::load(s, target_crs));
    }
    CandidateSet out;
    out.description = raw.description;
    out.considered = raw.x.size();
    out.excluded.assign(excluded.size(), 0);
    for (std::size_t c = 0; c < raw.x.size(); ++c) {
        if (spec.source != CandidateSource::incidents && !area.inside(raw.x[c], raw.y[c])) {  // demand is inside already
            ++out.outside_areas;
            continue;
        }
        bool kept = true;
        for (std::size_t k = 0; k < excluded.size() && kept; ++k)
            if (excluded[k].locate(raw.x[c], raw.y[c])) ++out.excluded[k], kept = false;
        if (!kept) continue;
        out.x.push_back(raw.x[c]);
        out.y.push_back(raw.y[c]);
    }
    if (spec.source == CandidateSource::grid && out.x.size() > max_grid_candidates)
        throw ConfigError("--candidates grid:" + format_fixed(spec.spacing_m, 1) + " gives " + std::to_string(out.x.size()) +
                          " candidates (at most " + std::to_string(max_grid_candidates) + "); use a larger spacing or fewer areas (--within)");
    if (out.x.empty())
        throw ConfigError("place: no candidate site is left (" + std::to_string(out.considered) + " considered, " +
                          std::to_string(out.outside_areas) + " outside the chosen areas, the rest excluded)");
    return out;
}

}  // namespace hotspot
