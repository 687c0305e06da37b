#include "hotspot/density/hotspots.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/fishnet.hpp"
#include "hotspot/geo/point_index.hpp"
#include "hotspot/stats/gistar.hpp"

#include <gdal_alg.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace hotspot {

double hot_threshold(const Grid& g, const ThresholdOptions& t, std::string* detail) {
    std::vector<float> v;
    for (float x : g.values)
        if (x > 0 && x != Grid::nodata) v.push_back(x);
    if (v.empty()) throw ConfigError("the surface has no cell above zero: there is nothing to call a hotspot");
    if (t.rule == ThresholdRule::percentile) {
        if (!(t.value > 0 && t.value < 100)) throw ConfigError("the percentile threshold must be between 0 and 100");
        const auto k = static_cast<std::size_t>(std::ceil(t.value / 100.0 * static_cast<double>(v.size()))) - 1;
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
        if (detail)
            *detail = "percentile " + format_fixed(t.value, 2) + " of the " + std::to_string(v.size()) + " cells above zero: " +
                      format_fixed(v[k], 6);
        return v[k];
    }
    double sum = 0, sum2 = 0;
    for (float x : v) sum += x, sum2 += static_cast<double>(x) * x;
    const double n = static_cast<double>(v.size()), mean = sum / n, sd = std::sqrt(std::max(0.0, sum2 / n - mean * mean));
    const double thr = mean + t.value * sd;
    if (detail)
        *detail = "mean + " + format_fixed(t.value, 2) + " sd of the " + std::to_string(v.size()) + " cells above zero: " +
                  format_fixed(mean, 6) + " + " + format_fixed(t.value, 2) + " x " + format_fixed(sd, 6) + " = " + format_fixed(thr, 6);
    return thr;
}

namespace {

// Adds incident i to a place summary.
void add_incident(PlaceSummary& s, const IncidentView& v, std::size_t i, std::map<std::string, std::uint64_t>& locations,
                  std::vector<std::map<std::string, std::uint64_t>>& area_counts) {
    const IncidentTable& t = *v.table;
    ++s.incidents;
    s.weighted += t.weight[i];
    ++s.by_source[t.files[t.file[i]].source];
    ++s.by_category[t.categories.at(t.category[i])];
    const std::string& loc = t.locations.at(t.location[i]);
    if (!trim(loc).empty() && trim(loc) != "On or near") ++locations[std::string(trim(loc))];
    if (v.layers)
        for (std::size_t l = 0; l < v.layers->size(); ++l) {
            const std::int32_t a = (*(*v.areas)[l])[i];
            if (a >= 0) ++area_counts[l][(*v.layers)[l]->label(static_cast<std::size_t>(a))];
        }
}

void finish_summary(PlaceSummary& s, const IncidentView& v, const std::map<std::string, std::uint64_t>& locations,
                    const std::vector<std::map<std::string, std::uint64_t>>& area_counts) {
    std::uint64_t best = 0;
    for (const auto& [name, n] : locations)  // map order: ties go to the alphabetically first
        if (n > best) best = n, s.place_name = name;
    if (!v.layers) return;
    for (std::size_t l = 0; l < v.layers->size(); ++l) {
        std::vector<std::pair<std::string, std::uint64_t>> ranked(area_counts[l].begin(), area_counts[l].end());
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        auto& names = s.areas[(*v.layers)[l]->name()];
        for (const auto& [name, n] : ranked) names.push_back(name);
    }
}

}  // namespace

// MultiPolygons of labelled cells via GDALPolygonize (4-connected pieces, gathered by label).
std::vector<std::string> label_polygons(const Grid& g, const std::vector<std::int32_t>& label, std::size_t n_labels) {
    detail::ensure_gdal_registered();
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDatasetUniquePtr raster(mem->Create("", static_cast<int>(g.nx), static_cast<int>(g.ny), 1, GDT_Int32, nullptr));
    double transform[6] = {g.min_x, g.cell_m, 0, g.max_y, 0, -g.cell_m};
    raster->SetGeoTransform(transform);
    GDALRasterBand* band = raster->GetRasterBand(1);
    if (band->RasterIO(GF_Write, 0, 0, static_cast<int>(g.nx), static_cast<int>(g.ny), const_cast<std::int32_t*>(label.data()),
                       static_cast<int>(g.nx), static_cast<int>(g.ny), GDT_Int32, 0, 0, nullptr) != CE_None)
        throw Error("internal error: cannot fill the label raster");
    GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("Memory");  // GDAL 3.6: MEM is raster only
    GDALDatasetUniquePtr vec(memory ? memory->Create("", 0, 0, 0, GDT_Unknown, nullptr) : nullptr);
    if (!vec) throw Error("internal error: cannot create an in-memory vector layer: " + detail::last_gdal_error("no Memory driver"));
    OGRLayer* layer = vec->CreateLayer("cells", nullptr, wkbPolygon, nullptr);
    OGRFieldDefn field("label", OFTInteger);
    layer->CreateField(&field);
    if (GDALPolygonize(band, band, layer, 0, nullptr, nullptr, nullptr) != CE_None)  // the band is its own mask: 0 = not hot
        throw Error("internal error: GDALPolygonize failed: " + detail::last_gdal_error("GDAL error"));
    std::vector<OGRMultiPolygon> parts(n_labels);
    for (auto& f : *layer) {
        const int id = f->GetFieldAsInteger(0);
        if (id >= 1 && static_cast<std::size_t>(id) <= n_labels) parts[static_cast<std::size_t>(id) - 1].addGeometry(f->GetGeometryRef());
    }
    std::vector<std::string> wkb(n_labels);
    for (std::size_t k = 0; k < n_labels; ++k) {
        wkb[k].resize(static_cast<std::size_t>(parts[k].WkbSize()));
        parts[k].exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb[k].data()), wkbVariantIso);
    }
    return wkb;
}

namespace {

bool cell_of(const Grid& g, double x, double y, std::size_t& cell) {
    const double c = std::floor((x - g.min_x) / g.cell_m), r = std::floor((g.max_y - y) / g.cell_m);
    if (c < 0 || r < 0 || c >= static_cast<double>(g.nx) || r >= static_cast<double>(g.ny)) return false;
    cell = static_cast<std::size_t>(r) * g.nx + static_cast<std::size_t>(c);
    return true;
}

}  // namespace

namespace {

// Hot cells by Gi*: incidents (weighted) counted in the surface's own cells, every cell of the
// grid taking part, FDR bins at the asked confidence.
std::vector<std::uint8_t> gistar_hot_cells(const Grid& g, const ThresholdOptions& t, const IncidentView& v, std::string& detail) {
    const int level = t.value == 90 ? 1 : t.value == 95 ? 2 : t.value == 99 ? 3 : 0;
    if (!level) throw ConfigError("the Gi* threshold is a confidence level: 90, 95 or 99, not " + format_exact(t.value));
    if (!(t.band_m > 0)) throw ConfigError("the Gi* threshold needs a distance band in metres");
    Fishnet f;  // the surface's cells; fishnet rows count from the south, grid rows from the north
    f.min_x = g.min_x;
    f.min_y = g.min_y();
    f.cell_m = g.cell_m;
    f.nx = g.nx;
    f.ny = g.ny;
    f.cell_at.assign(g.nx * g.ny, -1);
    for (std::size_t r = 0; r < g.ny; ++r)
        for (std::size_t c = 0; c < g.nx; ++c) {
            f.cell_at[r * g.nx + c] = static_cast<std::int64_t>(f.col.size());
            f.col.push_back(static_cast<std::uint32_t>(c));
            f.row.push_back(static_cast<std::uint32_t>(r));
        }
    f.weighted.assign(f.col.size(), 0.0);
    const IncidentTable& table = *v.table;
    std::uint64_t outside = 0;
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (!v.include[i]) continue;
        const double cx = (table.x[i] - f.min_x) / f.cell_m, cy = (table.y[i] - f.min_y) / f.cell_m;
        if (cx < 0 || cy < 0 || cx >= static_cast<double>(f.nx) || cy >= static_cast<double>(f.ny)) {
            ++outside;
            continue;
        }
        f.weighted[static_cast<std::size_t>(cy) * f.nx + static_cast<std::size_t>(cx)] += table.weight[i];
    }
    const BandSums sums = band_sums(f, f.weighted, t.band_m, 0);
    const GiStarResult gi = gi_star(f.weighted, sums.sum, sums.count);
    std::vector<std::uint8_t> hot(g.values.size(), 0);
    std::size_t n_hot = 0;
    for (std::size_t i = 0; i < f.col.size(); ++i)
        if (gi.bin_fdr[i] && *gi.bin_fdr[i] >= level) {
            hot[(g.ny - 1 - f.row[i]) * g.nx + f.col[i]] = 1;
            ++n_hot;
        }
    detail = "Gi* (binary weights, self included, band " + format_exact(t.band_m) + " m) on the weighted incidents of the " +
             std::to_string(f.col.size()) + " surface cells, FDR-corrected " + format_exact(t.value) + " % hot spots: " + std::to_string(n_hot) +
             " cells";
    if (outside) detail += " (" + std::to_string(outside) + " incidents outside the grid not counted)";
    return hot;
}

}  // namespace

HotspotResult extract_hotspots(const Grid& g, const ThresholdOptions& t, const IncidentView& v, double study_area_m2,
                               const ChosenAreas& chosen) {
    HotspotResult out;
    std::vector<std::uint8_t> gistar_hot;
    if (t.rule == ThresholdRule::gistar) gistar_hot = gistar_hot_cells(g, t, v, out.threshold_detail);
    else out.threshold = hot_threshold(g, t, &out.threshold_detail);
    const auto is_hot = [&](std::size_t k) {
        const float value = g.values[k];
        if (value == Grid::nodata) return false;
        return gistar_hot.empty() ? value > 0 && value >= out.threshold : gistar_hot[k] != 0;
    };
    out.study_area_m2 = study_area_m2;
    // Label 8-connected hot cells (breadth first; labels are 1-based for the raster).
    std::vector<std::int32_t> label(g.values.size(), 0);
    std::vector<std::size_t> queue;
    std::int32_t n_labels = 0;
    for (std::size_t start = 0; start < g.values.size(); ++start) {
        if (label[start] || !is_hot(start)) continue;
        label[start] = ++n_labels;
        queue.assign(1, start);
        for (std::size_t q = 0; q < queue.size(); ++q) {
            const std::size_t r = queue[q] / g.nx, c = queue[q] % g.nx;
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) {
                    const auto rr = static_cast<std::ptrdiff_t>(r) + dr, cc = static_cast<std::ptrdiff_t>(c) + dc;
                    if (rr < 0 || cc < 0 || rr >= static_cast<std::ptrdiff_t>(g.ny) || cc >= static_cast<std::ptrdiff_t>(g.nx)) continue;
                    const std::size_t k = static_cast<std::size_t>(rr) * g.nx + static_cast<std::size_t>(cc);
                    if (label[k] || !is_hot(k)) continue;
                    label[k] = n_labels;
                    queue.push_back(k);
                }
        }
    }
    std::vector<Hotspot> hs(static_cast<std::size_t>(n_labels));
    std::vector<std::uint8_t> peak_inside(hs.size(), 0);  // the peak is that of a cell whose centre is in the chosen areas
    for (std::size_t k = 0; k < g.values.size(); ++k) {
        if (!label[k]) continue;
        const auto id = static_cast<std::size_t>(label[k]) - 1;
        Hotspot& h = hs[id];
        ++h.cells;
        const bool inside = !chosen.cells || (*chosen.cells)[k];
        if ((inside && !peak_inside[id]) || (inside == static_cast<bool>(peak_inside[id]) && g.values[k] > h.peak)) {
            h.peak = g.values[k], h.peak_x = g.centre_x(k % g.nx), h.peak_y = g.centre_y(k / g.nx);
            peak_inside[id] = inside;
        }
    }
    const auto wkb = label_polygons(g, label, hs.size());
    std::vector<std::map<std::string, std::uint64_t>> locations(hs.size());
    std::vector<std::vector<std::map<std::string, std::uint64_t>>> area_counts(
        hs.size(), std::vector<std::map<std::string, std::uint64_t>>(v.layers ? v.layers->size() : 0));
    const IncidentTable& tab = *v.table;
    for (std::size_t i = 0; i < tab.size(); ++i) {
        if (!v.include[i]) continue;
        ++out.total_incidents;
        std::size_t cell = 0;
        if (!cell_of(g, tab.x[i], tab.y[i], cell) || !label[cell]) continue;
        const auto k = static_cast<std::size_t>(label[cell]) - 1;
        add_incident(hs[k].summary, v, i, locations[k], area_counts[k]);
    }
    std::vector<Hotspot> kept;
    for (std::size_t k = 0; k < hs.size(); ++k) {
        Hotspot& h = hs[k];
        h.id = static_cast<std::uint32_t>(k + 1);
        h.wkb = chosen.region ? chosen.region->clip(wkb[k]) : wkb[k];
        if (h.wkb.empty()) {  // no area inside the chosen areas: not theirs
            ++out.outside_chosen;
            continue;
        }
        h.area_m2 = chosen.region ? wkb_area_m2(h.wkb) : h.cells * g.cell_m * g.cell_m;
        finish_summary(h.summary, v, locations[k], area_counts[k]);
        const double n = static_cast<double>(h.summary.incidents), total = static_cast<double>(out.total_incidents);
        h.share_pct = total > 0 ? 100.0 * n / total : 0.0;
        h.pai = total > 0 && study_area_m2 > 0 ? (n / total) / (h.area_m2 / study_area_m2) : 0.0;
        kept.push_back(std::move(h));
    }
    hs = std::move(kept);
    std::stable_sort(hs.begin(), hs.end(), [](const Hotspot& a, const Hotspot& b) {
        return a.summary.weighted != b.summary.weighted ? a.summary.weighted > b.summary.weighted : a.peak > b.peak;
    });
    for (std::size_t k = 0; k < hs.size(); ++k) hs[k].rank = static_cast<std::uint32_t>(k + 1);
    out.hotspots = std::move(hs);
    return out;
}

std::vector<Site> select_sites(const Grid& g, const ChosenAreas& chosen, const IncidentView& v, const SiteOptions& o) {
    if (o.count == 0) throw ConfigError("sites: ask for at least one site");
    if (!(o.radius_m > 0) || o.min_separation_m < 0) throw ConfigError("sites: the radius must be positive and the separation not negative");
    std::vector<std::size_t> candidates;
    for (std::size_t k = 0; k < g.values.size(); ++k)
        if ((!chosen.cells || (*chosen.cells)[k]) && g.values[k] > 0 && g.values[k] != Grid::nodata) candidates.push_back(k);
    std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) { return g.values[a] > g.values[b]; });
    // Greedy: highest cell first, skipping cells too close to a chosen centre. One extra is
    // picked so the last site can be compared with the one that did not make the list.
    std::vector<Site> sites;
    const double sep2 = o.min_separation_m * o.min_separation_m;
    for (std::size_t k : candidates) {
        const double x = g.centre_x(k % g.nx), y = g.centre_y(k / g.nx);
        bool far = true;
        for (const Site& s : sites) far = far && (s.x - x) * (s.x - x) + (s.y - y) * (s.y - y) >= sep2;
        if (!far) continue;
        Site s;
        s.x = x;
        s.y = y;
        s.peak = g.values[k];
        sites.push_back(s);
        if (sites.size() == o.count + 1) break;
    }
    if (sites.empty()) throw ConfigError("sites: no cell with incidents inside the chosen areas");

    const IncidentTable& t = *v.table;
    std::vector<std::size_t> rows;  // counted: inside the chosen areas, as the clipped circle
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!v.include[i]) continue;
        rows.push_back(i);
        xs.push_back(t.x[i]);
        ys.push_back(t.y[i]);
    }
    const PointIndex index(xs.data(), ys.data(), xs.size());
    for (Site& s : sites) {
        std::map<std::string, std::uint64_t> locations;
        std::vector<std::map<std::string, std::uint64_t>> area_counts(v.layers ? v.layers->size() : 0);
        for (const Neighbour& nb : index.within(s.x, s.y, o.radius_m)) add_incident(s.summary, v, rows[nb.index], locations, area_counts);
        finish_summary(s.summary, v, locations, area_counts);
        const double denominator = static_cast<double>(rows.size());
        s.share_pct = denominator > 0 ? 100.0 * static_cast<double>(s.summary.incidents) / denominator : 0.0;
        if (v.layers)
            for (const AreaLayer* layer : *v.layers)
                if (const auto a = layer->locate(s.x, s.y)) s.centre_area[layer->name()] = layer->label(*a);
        s.wkb = chosen.region ? chosen.region->clip_circle(s.x, s.y, o.radius_m) : std::string();
        s.area_m2 = chosen.region ? wkb_area_m2(s.wkb) : std::numbers::pi * o.radius_m * o.radius_m;
    }
    for (std::size_t k = 0; k < sites.size(); ++k) {
        sites[k].rank = static_cast<std::uint32_t>(k + 1);
        if (k + 1 < sites.size()) {
            const Site &a = sites[k], &b = sites[k + 1];
            const auto diff = static_cast<long long>(a.summary.incidents) - static_cast<long long>(b.summary.incidents);
            sites[k].why = "peak density " + format_fixed(a.peak, 2) + " vs " + format_fixed(b.peak, 2) + " at " +
                           (k + 1 < o.count ? "rank " + std::to_string(k + 2) : std::string("the best site left out")) + " (" +
                           format_fixed(100.0 * (a.peak - b.peak) / b.peak, 1) + "% higher); " + std::to_string(a.summary.incidents) +
                           " incidents within " + format_fixed(o.radius_m, 0) + " m vs " + std::to_string(b.summary.incidents) +
                           " (" + (diff >= 0 ? "+" : "") + std::to_string(diff) + ")";
        } else {
            sites[k].why = "no further site at least " + format_fixed(o.min_separation_m, 0) + " m from these";
        }
    }
    if (sites.size() > o.count) sites.pop_back();
    return sites;
}

}  // namespace hotspot

namespace hotspot {

std::vector<SurfaceClass> classify_surface(const Grid& g, const std::vector<double>& top_percents) {
    std::vector<double> sorted = top_percents;
    std::sort(sorted.begin(), sorted.end());  // most exclusive class first: its cells are claimed first
    std::vector<std::int32_t> label(g.values.size(), 0);
    std::vector<SurfaceClass> out;
    for (std::size_t k = 0; k < sorted.size(); ++k) {
        SurfaceClass c;
        c.top_pct = sorted[k];
        c.threshold = hot_threshold(g, {ThresholdRule::percentile, 100.0 - sorted[k]}, &c.detail);
        for (std::size_t i = 0; i < g.values.size(); ++i)
            if (!label[i] && g.values[i] != Grid::nodata && g.values[i] > 0 && g.values[i] >= c.threshold) {
                label[i] = static_cast<std::int32_t>(k + 1);
                ++c.cells;
            }
        out.push_back(c);
    }
    const auto wkb = label_polygons(g, label, out.size());
    for (std::size_t k = 0; k < out.size(); ++k) out[k].wkb = wkb[k];
    return out;
}

}  // namespace hotspot
