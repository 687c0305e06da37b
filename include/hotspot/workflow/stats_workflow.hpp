#pragma once
// `hotspot stats`: concentration statistics of the selected incidents on units (fishnet
// cells or an area layer): Gi* hot spots, Local Moran's I clusters, global Moran's I,
// Lorenz/Gini and the nearest neighbour index, with every choice recorded.
#include "hotspot/base/periods.hpp"
#include "hotspot/geo/fishnet.hpp"
#include "hotspot/measure/concentration.hpp"
#include "hotspot/stats/auto_scale.hpp"
#include "hotspot/stats/gistar.hpp"
#include "hotspot/stats/moran.hpp"
#include "hotspot/stats/nearest_neighbour_index.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hotspot {

enum class NeighbourRule { band, knn, queen };
// What Gi*, Local and global Moran's I analyse per unit: incidents (or weighted incidents),
// or incidents per 1,000 residents (areas with a population only).
enum class StatsValue { count, rate };

struct StatsConfig {
    std::vector<std::string> categories;  // empty: all
    std::optional<Period> period;
    std::string units = "grid";           // "grid" or the name of an area layer
    double cell_m = 0;                    // grid cells; 0 with auto_scale
    bool auto_scale = false;              // Optimized Hot Spot: cell and band from the data
    std::optional<FishnetCells> cells;    // default: areas when an area layer is loaded, else extent
    NeighbourRule rule = NeighbourRule::band;
    double band_m = 0;
    std::size_t k = 8;
    double snap_m = 0;                    // queen contiguity on polygons: snap distance
    bool weighted = false;                // analyse weighted counts instead of counts
    StatsValue value = StatsValue::count; // rate: areas without a population > 0 are left out and counted
    bool fdr = false;                     // style the FDR-corrected bins (and raster them)
    bool gistar_polygons = true;          // grid Gi* as polygons in the GeoPackage ...
    bool gistar_rasters = false;          // ... and/or as COGs of z and bins beside it
    bool gistar = true, lisa = true, moran = true, concentration = true, nni = true;
    LocalMoranOptions lisa_options;
    unsigned threads = 0;
};

// "band:300", "knn:8", "queen" -> rule and parameter.
void parse_neighbour_rule(const std::string& text, StatsConfig& c);
// "polygons", "raster" or "both": how grid Gi* is written.
void parse_grid_output(const std::string& text, StatsConfig& c);
// "gistar,lisa" -> which statistics run.
void parse_statistics(const std::string& text, StatsConfig& c);
// "count" or "rate" (--value).
StatsValue parse_stats_value(const std::string& text);

struct StatsUnits {
    std::string kind;                      // "grid cells" or the layer name
    std::string description;
    std::vector<std::string> id, name;     // areas only: a grid cell's are made on demand (34M cells
                                           // of national grid would hold 2 GB of strings)
    std::vector<double> cx, cy;            // cell centre / polygon centroid
    std::vector<double> value, incidents;  // analysed value, and the plain count
    std::vector<double> counted;           // incidents (weighted with --weighted): what concentration ranks
    std::string value_measure = "count";   // "count", "weighted_count" or "rate_per_1000"
    std::string value_description;         // what `value` is: unit, period, denominator
    std::vector<std::optional<double>> population;  // areas with a population: residents per unit
    std::vector<AttributeColumn> extra;    // attributes joined to the area layer, per unit
    std::vector<std::string> excluded;     // areas left out of a rate (no population, or 0)
    std::uint64_t incidents_in_excluded = 0;  // selected incidents in those areas
    std::vector<std::string> wkb;          // polygons (areas); empty for grid cells
    std::optional<Fishnet> fishnet;
    std::uint64_t incidents_outside = 0;   // selected incidents in no unit (counted, reported)

    std::size_t size() const { return cx.size(); }
    std::string unit_id(std::size_t i) const;    // "c<col>_r<row>" for a grid cell, else id[i]
    std::string unit_name(std::size_t i) const;  // "" for a grid cell, else name[i]
};

struct StatsResult {
    StatsUnits units;
    std::string neighbours_rule;
    std::vector<std::uint32_t> neighbour_count;       // per unit in Gi*, self not counted
    std::vector<std::uint32_t> lisa_neighbour_count;  // per unit in Local Moran's I (kNN lists may differ)
    std::optional<GiStarResult> gistar;
    std::optional<LocalMoranResult> lisa;
    std::optional<GlobalMoran> moran;
    std::optional<Concentration> concentration;
    std::vector<DecileRow> deciles;
    std::vector<NearestNeighbourIndex> nni;      // all incidents, then distinct locations
    std::optional<ChosenBand> isa;
    std::uint64_t incidents_selected = 0;
    double gistar_seconds = 0, lisa_seconds = 0;
    std::vector<std::pair<std::string, std::string>> parameters;  // every choice and the numbers behind it
    std::vector<std::string> warnings;
};

StatsResult run_stats(const AnalysisResult& analysis, const StatsConfig& config);

}  // namespace hotspot
