#pragma once
// Hotspots from a surface (connected cells above a threshold, dissolved into polygons)
// and ranked sites for a tasking meeting (peaks inside chosen areas, kept apart).
#include "hotspot/base/incidents.hpp"
#include "hotspot/geo/areas.hpp"
#include "hotspot/geo/grid.hpp"
#include "hotspot/geo/region.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

// gistar: a cell is hot where Gi* of the incidents counted in the surface's own cells
// (weighted; binary weights within band_m, self included; every cell of the grid taking part)
// is significant at `value` % confidence (90, 95 or 99) after Benjamini-Hochberg FDR, z > 0.
enum class ThresholdRule { percentile, mean_plus_sd, gistar };

struct ThresholdOptions {
    ThresholdRule rule = ThresholdRule::percentile;
    double value = 99.0;  // percentile of non-zero cells (99: the top 1 %), k for mean + k sd, or confidence %
    double band_m = 0;    // gistar: the distance band
};

// The surface value above which a cell is hot, over cells with a value > 0.
double hot_threshold(const Grid& surface, const ThresholdOptions& t, std::string* detail);

// What is known of each incident to describe hotspots and sites.
struct IncidentView {
    const IncidentTable* table = nullptr;
    std::vector<std::uint8_t> include;  // 1: counted (category/period filters; sites: inside the chosen areas)
    const std::vector<const AreaLayer*>* layers = nullptr;           // for "containing ward(s)"
    const std::vector<const std::vector<std::int32_t>*>* areas = nullptr;  // assignment per layer
};

// The chosen areas sites and hotspots are restricted to: shapes are clipped to `region` and
// only cells whose centre is inside (`cells`, row-major like the grid) can be peaks.
struct ChosenAreas {
    const Region* region = nullptr;                     // null: no clipping
    const std::vector<std::uint8_t>* cells = nullptr;  // null: every cell
};

struct PlaceSummary {
    std::uint64_t incidents = 0;
    double weighted = 0;
    std::map<std::string, std::uint64_t> by_source, by_category;
    std::string place_name;  // the most common police.uk Location (ties: alphabetical)
    std::map<std::string, std::vector<std::string>> areas;  // layer -> area names, most incidents first
};

struct Hotspot {
    std::uint32_t id = 0;
    std::uint32_t rank = 0;       // by weighted incidents, 1 = most
    std::string wkb;              // MultiPolygon of its cells, analysis CRS
    double area_m2 = 0;
    std::uint32_t cells = 0;
    double peak = 0, peak_x = 0, peak_y = 0;
    double share_pct = 0;         // of the counted incidents inside the chosen areas
    double pai = 0;               // (n / N) / (a / A)
    PlaceSummary summary;         // incidents in its cells and inside the chosen areas
};

struct HotspotResult {
    double threshold = 0;
    std::string threshold_detail;
    double study_area_m2 = 0;
    std::uint64_t total_incidents = 0;  // counted and inside the chosen areas: N of the share and PAI
    std::uint64_t outside_chosen = 0;   // hotspots with no area inside the chosen areas, dropped
    std::vector<Hotspot> hotspots;      // by rank
};

// Cells above the threshold, 8-connected, become hotspots, clipped to the chosen areas
// (those wholly outside are dropped and counted). study_area_m2 is A of the PAI.
HotspotResult extract_hotspots(const Grid& surface, const ThresholdOptions& t, const IncidentView& incidents, double study_area_m2,
                               const ChosenAreas& chosen = {});

struct SiteOptions {
    std::size_t count = 26;
    double min_separation_m = 300;  // between site centres
    double radius_m = 150;          // a site is the circle of this radius around its centre
};

struct Site {
    std::uint32_t rank = 0;
    double x = 0, y = 0;     // centre (a surface peak)
    double peak = 0;         // surface value there
    double share_pct = 0;    // of the counted incidents (IncidentView::include): those inside the chosen areas
    PlaceSummary summary;    // incidents within radius_m and inside the chosen areas
    std::map<std::string, std::string> centre_area;  // layer -> the area holding the centre
    std::string wkb;         // the circle clipped to the chosen areas (empty: not clipped)
    double area_m2 = 0;      // of that shape
    std::string why;         // why it ranks above the next one
};

// Picks the highest surface cells whose centre is allowed (chosen.cells), each at least
// min_separation_m from those already chosen; counts and clips them to the chosen areas.
std::vector<Site> select_sites(const Grid& surface, const ChosenAreas& chosen, const IncidentView& incidents, const SiteOptions& options);

// Classes of a surface by the share of cells above zero they cover, e.g. {1, 5, 10}: the
// top 1 %, the next cells up to the top 5 %, then up to 10 %. Each class is one MultiPolygon.
struct SurfaceClass {
    double top_pct = 0;
    double threshold = 0;
    std::string detail;
    std::uint32_t cells = 0;
    std::string wkb;
};
std::vector<SurfaceClass> classify_surface(const Grid& surface, const std::vector<double>& top_percents);

// MultiPolygons (ISO WKB) of the cells carrying each label 1..n_labels (0: none).
std::vector<std::string> label_polygons(const Grid& g, const std::vector<std::int32_t>& label, std::size_t n_labels);

}  // namespace hotspot
