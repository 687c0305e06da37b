#include "hotspot/workflow/stats_workflow.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/option_values.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/region.hpp"
#include "hotspot/geo/unique_points.hpp"
#include "hotspot/measure/selection.hpp"

#include <chrono>
#include <cmath>

namespace hotspot {

std::string StatsUnits::unit_id(std::size_t i) const {
    if (!fishnet) return id[i];
    std::string s = "c";  // piecewise: GCC 12 warns falsely (-Wrestrict) on "c" + std::string chains
    s += std::to_string(fishnet->col[i]);
    s += "_r";
    s += std::to_string(fishnet->row[i]);
    return s;
}

std::string StatsUnits::unit_name(std::size_t i) const { return fishnet ? std::string() : name[i]; }

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::size_t layer_index(const AnalysisResult& a, const std::string& name) {
    std::string known;
    for (std::size_t l = 0; l < a.layers.size(); ++l) {
        if (a.layers[l].name() == name) return l;
        known += (known.empty() ? "" : ", ") + a.layers[l].name();
    }
    throw ConfigError("--units " + quote_value(name) + " is neither grid nor a loaded area layer (loaded: " + (known.empty() ? "none" : known) + ")");
}

StatsUnits grid_units(const SelectedPoints& p, const AnalysisResult& a, const StatsConfig& c, double cell_m, FishnetCells cells) {
    // "areas" cells: those inside the study area's layer (the first layer when the study area is a box).
    const AreaLayer* areas = a.layers.empty() ? nullptr : &a.layers[a.study_area.layer.value_or(0)];
    StatsUnits u;
    u.kind = "grid cells";
    u.fishnet = build_fishnet(p.x, p.y, p.w, cell_m, cells, areas);
    const Fishnet& f = *u.fishnet;
    u.description = f.describe();
    if (cells == FishnetCells::inside_areas) u.description += " (areas: " + areas->name() + ")";
    u.cx = f.centres_x();
    u.cy = f.centres_y();
    u.incidents = f.count;
    u.value = c.weighted ? f.weighted : f.count;
    u.counted = u.value;
    u.incidents_outside = f.points_outside_cells;
    return u;
}

StatsUnits area_units(const SelectedPoints& p, const AnalysisResult& a, const StatsConfig& c) {
    const std::size_t l = layer_index(a, c.units);
    const AreaLayer& layer = a.layers[l];
    const auto& area_of = a.assignments[l].area;
    const bool rate = c.value == StatsValue::rate;
    if (rate && !layer.has_population())
        throw ConfigError("--value rate needs a population for area layer " + quote_value(layer.name()) +
                          ": give population=FIELD in --area, or population=COLUMN in --attributes " + layer.name() + "=FILE.csv,...");
    std::vector<double> counted(layer.size(), 0.0), incidents(layer.size(), 0.0);
    StatsUnits u;
    u.kind = layer.name();
    std::size_t k = 0;  // index into the selected points, which are in row order
    for (std::size_t row = 0; row < p.include.size(); ++row) {
        if (!p.include[row]) continue;
        const std::int32_t area = area_of[row];
        if (area < 0) {
            ++u.incidents_outside;
        } else {
            incidents[static_cast<std::size_t>(area)] += 1.0;
            counted[static_cast<std::size_t>(area)] += c.weighted ? p.w[k] : 1.0;
        }
        ++k;
    }
    std::vector<std::size_t> kept;  // a rate has no meaning without residents: those areas are left out, counted
    for (std::size_t i = 0; i < layer.size(); ++i) {
        const auto pop = layer.population(i);
        if (rate && !(pop && *pop > 0)) {
            u.excluded.push_back(layer.id(i));
            u.incidents_in_excluded += static_cast<std::uint64_t>(incidents[i]);
            continue;
        }
        kept.push_back(i);
        u.id.push_back(layer.id(i));
        u.name.push_back(layer.label(i));
        u.wkb.push_back(layer.wkb(i));
        const auto [x, y] = wkb_centroid(u.wkb.back());
        u.cx.push_back(x);
        u.cy.push_back(y);
        u.incidents.push_back(incidents[i]);
        u.counted.push_back(counted[i]);
        u.value.push_back(rate ? counted[i] / *pop * 1000.0 : counted[i]);
        if (layer.has_population()) u.population.push_back(pop);
    }
    for (const AttributeColumn& col : layer.extra_attributes()) {
        AttributeColumn per_unit{col.name, col.type, {}, {}};
        for (std::size_t i : kept) {
            if (col.type == AttributeType::text) per_unit.text.push_back(col.text[i]);
            else per_unit.number.push_back(col.number[i]);
        }
        u.extra.push_back(std::move(per_unit));
    }
    if (u.id.empty()) throw ConfigError("--value rate: no area of " + quote_value(layer.name()) + " has a population above 0");
    u.description = std::to_string(u.id.size()) + " " + layer.name() + " polygons (centroids for distances)";
    if (!u.excluded.empty()) u.description += "; " + std::to_string(u.excluded.size()) + " areas without a population > 0 left out";
    return u;
}

// "2023/24" or "2022-10..2025-01 (all months of the selected incidents)".
std::string period_words(const AnalysisResult& a, const SelectedPoints& p, const StatsConfig& c) {
    if (c.period) return c.period->label;
    std::optional<MonthIndex> first, last;
    for (std::size_t row = 0; row < p.include.size(); ++row) {
        if (!p.include[row]) continue;
        const auto m = a.incidents.month[row];
        if (!first || m < *first) first = m;
        if (!last || m > *last) last = m;
    }
    if (!first) return "no months";
    return month_label(*first) + ".." + month_label(*last) + " (all months of the selected incidents, " +
           std::to_string(*last - *first + 1) + " months, not annualised)";
}

Neighbours neighbour_lists(const StatsUnits& u, const StatsConfig& c, double band_m) {
    const std::size_t n = u.cx.size();
    switch (c.rule) {
        case NeighbourRule::band:
            // Cells: decided on the lattice, as the Gi* prefix sums are, so every statistic of a
            // run uses the same neighbourhoods.
            if (u.fishnet) return band_neighbours(*u.fishnet, band_m, c.threads);
            return distance_band(u.cx.data(), u.cy.data(), n, band_m, c.threads);
        case NeighbourRule::knn: return k_nearest(u.cx.data(), u.cy.data(), n, c.k, c.threads);
        case NeighbourRule::queen:
            if (u.fishnet) {
                // Cells sharing an edge or a corner: offsets within sqrt(2) cells.
                Neighbours nb = band_neighbours(*u.fishnet, u.fishnet->cell_m * std::sqrt(2.0), c.threads);
                nb.rule = "queen contiguity (cells sharing an edge or a corner)";
                return nb;
            }
            return queen_contiguity(u.wkb, c.snap_m, c.threads);
    }
    throw Error("unknown neighbour rule");
}

// The nearest neighbour index's study area and the selected incidents inside it: an area
// layer's polygons (units are areas, or cells inside areas) with the incidents assigned to
// them, else the fishnet's whole rectangle, which holds every incident.
struct NniInput {
    double area_m2 = 0;
    std::string source;
    std::vector<double> x, y;
};

NniInput nni_input(const StatsUnits& u, const AnalysisResult& a, const SelectedPoints& p) {
    NniInput in;
    std::optional<std::size_t> l;
    if (!u.fishnet) l = layer_index(a, u.kind);
    else if (u.fishnet->cells == FishnetCells::inside_areas) l = a.study_area.layer.value_or(0);
    if (!l) {
        const Fishnet& f = *u.fishnet;
        in.area_m2 = static_cast<double>(f.nx) * static_cast<double>(f.ny) * f.cell_m * f.cell_m;
        in.source = "the fishnet's rectangle, " + std::to_string(f.nx) + " x " + std::to_string(f.ny) + " cells of " + format_exact(f.cell_m) + " m";
        in.x = p.x;
        in.y = p.y;
        return in;
    }
    const AreaLayer& layer = a.layers[*l];
    for (std::size_t i = 0; i < layer.size(); ++i) in.area_m2 += layer.area_m2(i);
    std::size_t k = 0;
    for (std::size_t row = 0; row < p.include.size(); ++row) {
        if (!p.include[row]) continue;
        if (a.assignments[*l].area[row] >= 0) in.x.push_back(p.x[k]), in.y.push_back(p.y[k]);
        ++k;
    }
    in.source = "sum of the areas of the " + std::to_string(layer.size()) + " " + layer.name() + " polygons; the " + std::to_string(in.x.size()) +
                " selected incidents inside them";
    return in;
}

}  // namespace

void parse_neighbour_rule(const std::string& text, StatsConfig& c) {
    const std::string t = lowercase(trim(text));
    if (t == "queen") {
        c.rule = NeighbourRule::queen;
    } else if (t.rfind("band:", 0) == 0) {
        c.rule = NeighbourRule::band;
        c.band_m = parse_real("--neighbours band:METRES", t.substr(5), ranges::distance_m);
    } else if (t.rfind("knn:", 0) == 0) {
        c.rule = NeighbourRule::knn;
        c.k = parse_count("--neighbours knn:K", t.substr(4), ranges::neighbours_k);
    } else {
        throw ConfigError("--neighbours must be band:METRES, knn:K or queen, not " + quote_value(text));
    }
}

StatsValue parse_stats_value(const std::string& text) {
    const std::string t = lowercase(trim(text));
    if (t == "count") return StatsValue::count;
    if (t == "rate") return StatsValue::rate;
    throw ConfigError("--value must be count or rate (incidents per 1,000 residents), not " + quote_value(text));
}

void parse_grid_output(const std::string& text, StatsConfig& c) {
    const std::string t = lowercase(trim(text));
    if (t != "polygons" && t != "raster" && t != "both") throw ConfigError("--grid-output must be polygons, raster or both, not " + quote_value(text));
    c.gistar_polygons = t != "raster";
    c.gistar_rasters = t != "polygons";
}

void parse_statistics(const std::string& text, StatsConfig& c) {
    c.gistar = c.lisa = c.moran = c.concentration = c.nni = false;
    for (const auto& part : split(text, ',')) {
        const std::string s = lowercase(trim(part));
        if (s == "gistar") c.gistar = true;
        else if (s == "lisa") c.lisa = true;
        else if (s == "moran") c.moran = true;
        else if (s == "concentration") c.concentration = true;
        else if (s == "nni") c.nni = true;
        else if (s == "all") c.gistar = c.lisa = c.moran = c.concentration = c.nni = true;
        else if (!s.empty()) throw ConfigError("--statistics: unknown statistic " + quote_value(part) + " (gistar, lisa, moran, concentration, nni, all)");
    }
    if (!(c.gistar || c.lisa || c.moran || c.concentration || c.nni)) throw ConfigError("--statistics names no statistic");
}

StatsResult run_stats(const AnalysisResult& a, const StatsConfig& c) {
    StatsResult r;
    auto& params = r.parameters;
    const SelectedPoints p = select_points(a.incidents, c.categories, c.period);
    r.incidents_selected = p.x.size();
    if (p.x.empty()) throw ConfigError("stats: no incidents are selected (categories and period leave none)");
    const bool grid = lowercase(c.units) == "grid";
    if (c.auto_scale && !grid) throw ConfigError("--auto chooses a fishnet cell size and band: it needs --units grid");
    if (c.value == StatsValue::rate && grid)
        throw ConfigError("--value rate needs residents per unit: use --units with an area layer that has a population (grid cells have none)");
    if (c.gistar_rasters && !grid) throw ConfigError("--grid-output raster writes grid cells as rasters: it needs --units grid");
    // Concentration and the nearest neighbour index use no neighbours.
    const bool needs_neighbours = c.gistar || c.lisa || c.moran;
    if (needs_neighbours && c.rule == NeighbourRule::band && c.band_m <= 0 && !c.auto_scale)
        throw ConfigError("stats needs --neighbours band:METRES, knn:K or queen (or --auto) for gistar, lisa and moran");

    double band_m = c.band_m;
    if (grid) {
        double cell = c.cell_m;
        if (c.auto_scale) {
            std::string detail;
            cell = optimized_cell_size(p.x, p.y, c.threads, detail);
            params.emplace_back("cell_m_rule", detail);
        } else if (cell <= 0) {
            throw ConfigError("stats on grid units needs --cell METRES (or --auto)");
        }
        const FishnetCells cells = c.cells.value_or(a.layers.empty() ? FishnetCells::extent : FishnetCells::inside_areas);
        r.units = grid_units(p, a, c, cell, cells);
        params.emplace_back("cell_m", format_exact(cell));
        params.emplace_back("fishnet_cells", to_string(cells));
    } else {
        if (c.cells) throw ConfigError("--fishnet-cells applies to --units grid only");
        r.units = area_units(p, a, c);
    }
    {
        StatsUnits& w = r.units;
        const std::string what = c.weighted ? "weighted incidents" : "incidents";
        const std::string period = period_words(a, p, c);
        if (c.value == StatsValue::rate) {
            const AreaLayer& layer = a.layers[layer_index(a, c.units)];
            w.value_measure = "rate_per_1000";
            w.value_description = what + " per 1,000 residents, " + period + "; residents from " + layer.population_source();
        } else {
            w.value_measure = c.weighted ? "weighted_count" : "count";
            w.value_description = what + ", " + period;
        }
    }
    const StatsUnits& u = r.units;
    params.emplace_back("units", round_long_decimals(u.description));  // cell_m holds the exact size
    params.emplace_back("value", u.value_measure + ": " + u.value_description);
    if (c.value == StatsValue::rate) {
        params.emplace_back("rate_units_excluded", std::to_string(u.excluded.size()) + " areas without a population > 0 left out of every statistic" +
                                                       (u.excluded.empty() ? std::string() : ": " + u.excluded.front() + (u.excluded.size() > 1 ? ", ..." : "")));
        params.emplace_back("rate_incidents_in_excluded_units", std::to_string(u.incidents_in_excluded));
        if (!u.excluded.empty())
            r.warnings.push_back(std::to_string(u.excluded.size()) + " areas have no population > 0 and are left out of the rate statistics (" +
                                 std::to_string(u.incidents_in_excluded) + " selected incidents in them)");
    }
    params.emplace_back("incidents_selected", std::to_string(r.incidents_selected));
    params.emplace_back("incidents_in_units", format_exact(static_cast<double>(r.incidents_selected - u.incidents_outside - u.incidents_in_excluded)));
    params.emplace_back("incidents_outside_units", std::to_string(u.incidents_outside));
    if (u.incidents_outside)
        r.warnings.push_back(std::to_string(u.incidents_outside) + " of " + std::to_string(r.incidents_selected) +
                             " selected incidents lie in no unit and are not in the statistics");

    if (c.auto_scale) {
        r.isa = choose_band(*u.fishnet, u.value, c.threads);
        band_m = r.isa->band_m;
        params.emplace_back("band_m_rule", r.isa->detail);
    }

    std::optional<Neighbours> lists;
    const auto need_lists = [&]() -> const Neighbours& {
        if (!lists) lists = neighbour_lists(u, c, band_m);
        return *lists;
    };
    if (c.gistar) {
        const auto t0 = Clock::now();
        if (u.fishnet && c.rule == NeighbourRule::band) {
            const BandSums sums = band_sums(*u.fishnet, u.value, band_m, c.threads);
            r.gistar = gi_star(u.value, sums.sum, sums.count);
            r.neighbours_rule = "distance band " + format_exact(band_m) + " m (inclusive), cell centres";
        } else {
            const Neighbours& nb = need_lists();
            r.gistar = gi_star(u.value, nb);
            r.neighbours_rule = nb.rule;
        }
        r.gistar_seconds = seconds_since(t0);
        r.neighbour_count = r.gistar->neighbours;
        params.emplace_back("gistar_weights", "binary, the unit itself included (spdep include.self + style B; ArcGIS fixed distance band)");
        params.emplace_back("gistar_mean", format_exact(r.gistar->mean));
        params.emplace_back("gistar_sd", format_exact(r.gistar->sd) + " (population)");
        params.emplace_back("gistar_without_neighbours", std::to_string(r.gistar->without_neighbours));
        if (r.gistar->without_neighbours)
            r.warnings.push_back(std::to_string(r.gistar->without_neighbours) + " units have no neighbour within the rule: their Gi* is not computed (NULL)");
        if (r.gistar->everyone_neighbours)
            r.warnings.push_back(std::to_string(r.gistar->everyone_neighbours) + " units neighbour every other unit: their Gi* is undefined (NULL)");
    }
    if (c.lisa || c.moran) {
        const auto t0 = Clock::now();
        const Neighbours& nb = need_lists();
        if (r.neighbours_rule.empty()) r.neighbours_rule = nb.rule;
        for (std::size_t i = 0; i < nb.size(); ++i) r.lisa_neighbour_count.push_back(static_cast<std::uint32_t>(nb.count(i)));
        if (c.lisa) {
            r.lisa = local_moran(u.value, nb, c.lisa_options);
            params.emplace_back("lisa_weights", to_string(c.lisa_options.style));
            params.emplace_back("lisa_scaling", std::string(to_string(c.lisa_options.scaling)) +
                                                    (c.lisa_options.scaling == MoranScaling::spdep ? " (I_i = z_i / m2 * lag_i, m2 = sum z^2 / n)"
                                                                                                   : " (I_i = (n - 1) z_i lag_i / sum z^2)"));
            params.emplace_back("lisa_moments", "spdep localmoran conditional = TRUE, mlvar = TRUE");
            params.emplace_back("lisa_inference", r.lisa->p_used + ", alpha " + format_exact(c.lisa_options.alpha));
            params.emplace_back("lisa_permutations", std::to_string(c.lisa_options.permutations));
            params.emplace_back("lisa_seed", std::to_string(c.lisa_options.seed));
            if (r.lisa->at_mean)
                r.warnings.push_back(std::to_string(r.lisa->at_mean) +
                                     " units have exactly the mean value: their Local Moran's I is 0 with variance 0, so z and p are NULL");
            if (r.lisa->without_neighbours)
                r.warnings.push_back(std::to_string(r.lisa->without_neighbours) + " units have no neighbours: Local Moran's I not computed (NULL)");
        }
        r.lisa_seconds = seconds_since(t0);
        if (c.moran) {
            if (nb.without_neighbours() == nb.size()) {
                r.warnings.push_back("global Moran's I not computed: no unit has a neighbour");
            } else {
                try {  // a failed global test must not cost the run its local results
                    r.moran = global_moran(u.value, nb, c.lisa_options.style, true);
                    params.emplace_back("moran_weights", to_string(c.lisa_options.style));
                } catch (const InputError& e) {
                    r.warnings.push_back(std::string("global Moran's I not computed: ") + e.what());
                }
            }
        }
    }
    params.emplace_back("neighbours", r.neighbours_rule.empty() ? "none (no neighbour-based statistic)" : round_long_decimals(r.neighbours_rule));
    if (needs_neighbours && c.rule == NeighbourRule::band) params.emplace_back("band_m", format_exact(band_m));  // the exact band
    if (c.concentration) {
        // Concentration is of incidents over units whatever --value says: a share of rates means nothing.
        r.concentration = concentration(u.counted);
        r.deciles = ntile_table(u.counted, 10);
    }
    if (c.nni) {
        const NniInput in = nni_input(u, a, p);
        r.nni.push_back(clark_evans(in.x.data(), in.y.data(), in.x.size(), in.area_m2, in.source, c.threads));
        const UniquePoints places = unique_points(in.x, in.y);
        if (places.x.size() >= 2 && places.x.size() < in.x.size())
            r.nni.push_back(clark_evans(places.x.data(), places.y.data(), places.x.size(), in.area_m2, in.source, c.threads));
        params.emplace_back("nni_study_area", format_fixed(in.area_m2, 0) + " m2: " + in.source);
    }
    return r;
}

}  // namespace hotspot
