// Priority zones: Gi* on the cells' index, the FDR-significant hot cells joined by shared
// edges (4-connectivity: cells meeting only at a corner are separate zones) into zones, each
// zone's polygon (the exact union of its squares, cell_outline.cpp) and its share of every
// overlay area.
#include "hotspot/decide/priority_grid.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <tuple>

namespace hotspot {

namespace {

// Hot cells joined through shared edges; zones largest first (ties: the one holding the
// lowest cell index first), each zone's cells in index order.
std::vector<std::vector<std::size_t>> edge_connected(const Fishnet& grid, const std::vector<std::uint8_t>& hot) {
    std::vector<std::uint8_t> seen(grid.size(), 0);
    std::vector<std::vector<std::size_t>> zones;
    std::vector<std::size_t> stack;
    for (std::size_t start = 0; start < grid.size(); ++start) {
        if (!hot[start] || seen[start]) continue;
        std::vector<std::size_t> cells;
        seen[start] = 1;
        stack.push_back(start);
        while (!stack.empty()) {
            const std::size_t i = stack.back();
            stack.pop_back();
            cells.push_back(i);
            const std::int64_t r = grid.row[i], c = grid.col[i];
            for (const auto& [dr, dc] : {std::pair{1, 0}, std::pair{-1, 0}, std::pair{0, 1}, std::pair{0, -1}}) {
                const std::int64_t rr = r + dr, cc = c + dc;
                if (rr < 0 || cc < 0 || rr >= static_cast<std::int64_t>(grid.ny) || cc >= static_cast<std::int64_t>(grid.nx)) continue;
                const std::int64_t j = grid.cell_at[static_cast<std::size_t>(rr) * grid.nx + static_cast<std::size_t>(cc)];
                if (j < 0 || !hot[static_cast<std::size_t>(j)] || seen[static_cast<std::size_t>(j)]) continue;
                seen[static_cast<std::size_t>(j)] = 1;
                stack.push_back(static_cast<std::size_t>(j));
            }
        }
        std::sort(cells.begin(), cells.end());
        zones.push_back(std::move(cells));
    }
    std::stable_sort(zones.begin(), zones.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return zones;
}

// Every zone x area pair of one layer with a positive overlap: the zone's overlap is the sum of
// its cells' exact overlaps (the zone is exactly the union of its cells).
void add_shares(PriorityZones& z, const AreaLayer& layer, const CellOverlaps& o) {
    std::vector<std::tuple<std::size_t, std::uint32_t, double>> parts;  // zone, area, m2
    for (std::size_t c = 0; c < o.size(); ++c) {
        if (z.zone_of_cell[c] < 0) continue;
        for (std::uint64_t k = o.offsets[c]; k < o.offsets[c + 1]; ++k)
            parts.emplace_back(static_cast<std::size_t>(z.zone_of_cell[c]), o.area[k], o.overlap_m2[k]);
    }
    std::sort(parts.begin(), parts.end());
    std::vector<ZoneShare> rows;
    for (std::size_t k = 0; k < parts.size();) {
        const auto [zone, area, first] = parts[k];
        ZoneShare s;
        s.zone = zone;
        s.layer = layer.name();
        s.area_id = layer.id(area);
        s.area_name = layer.label(area);
        for (; k < parts.size() && std::get<0>(parts[k]) == zone && std::get<1>(parts[k]) == area; ++k) s.overlap_m2 += std::get<2>(parts[k]);
        s.share_of_zone_pct = 100.0 * s.overlap_m2 / z.zone_area_m2[zone];
        s.share_of_area_pct = 100.0 * s.overlap_m2 / layer.area_m2(area);
        rows.push_back(std::move(s));
    }
    // Within a zone, the area holding most of it first.
    std::stable_sort(rows.begin(), rows.end(), [](const ZoneShare& a, const ZoneShare& b) {
        return a.zone != b.zone ? a.zone < b.zone : a.overlap_m2 > b.overlap_m2;
    });
    // The part of each zone outside every area of the layer (whole cells stick out past the
    // layer's edge), as its own row, so that every zone's rows add up to 100 %.
    std::vector<double> inside(z.zone_area_m2.size(), 0.0);
    for (const ZoneShare& s : rows) inside[s.zone] += s.overlap_m2;
    std::vector<ZoneShare> with_outside;
    for (std::size_t zone = 0, k = 0; zone < inside.size(); ++zone) {
        for (; k < rows.size() && rows[k].zone == zone; ++k) with_outside.push_back(rows[k]);
        const double outside = z.zone_area_m2[zone] - inside[zone];
        if (outside <= 1e-9 * z.zone_area_m2[zone]) continue;  // rounding of the cells' overlaps
        ZoneShare s;
        s.zone = zone;
        s.layer = layer.name();
        s.area_name = "(outside every area of " + layer.name() + ")";
        s.overlap_m2 = outside;
        s.share_of_zone_pct = 100.0 * outside / z.zone_area_m2[zone];
        with_outside.push_back(std::move(s));
    }
    rows.swap(with_outside);
    z.shares.insert(z.shares.end(), rows.begin(), rows.end());
}

}  // namespace

PriorityZones priority_zones(const Fishnet& grid, std::span<const double> index, double band_m, int min_bin,
                             const std::vector<const AreaLayer*>& overlay, unsigned threads) {
    return priority_zones(grid, index, band_m, min_bin, overlay, std::vector<const CellOverlaps*>(overlay.size(), nullptr), threads);
}

PriorityZones priority_zones(const Fishnet& grid, std::span<const double> index, double band_m, int min_bin,
                             const std::vector<const AreaLayer*>& overlay,
                             const std::vector<const CellOverlaps*>& overlay_overlaps, unsigned threads) {
    if (index.size() != grid.size())
        throw Error("priority zones: " + std::to_string(index.size()) + " index values for " + std::to_string(grid.size()) + " cells");
    if (overlay_overlaps.size() != overlay.size()) throw Error("priority zones: overlaps given for a different number of overlay layers");
    if (min_bin < 1 || min_bin > 3)
        throw ConfigError("priority zones: the lowest hot-spot bin must be 1, 2 or 3 (90, 95 or 99 % after FDR), not " + std::to_string(min_bin));
    PriorityZones z;
    z.band_m = band_m;
    z.min_bin = min_bin;
    const BandSums sums = band_sums(grid, index, band_m, threads);
    z.gi = gi_star(index, sums.sum, sums.count);
    std::vector<std::uint8_t> hot(grid.size(), 0);
    for (std::size_t i = 0; i < grid.size(); ++i) hot[i] = z.gi.bin_fdr[i] && *z.gi.bin_fdr[i] >= min_bin;
    const auto zones = edge_connected(grid, hot);
    z.zone_of_cell.assign(grid.size(), -1);
    for (std::size_t k = 0; k < zones.size(); ++k) {
        for (const std::size_t i : zones[k]) z.zone_of_cell[i] = static_cast<std::int64_t>(k);
        z.zone_cells.push_back(zones[k].size());
        z.zone_area_m2.push_back(static_cast<double>(zones[k].size()) * grid.cell_m * grid.cell_m);
        z.zone_wkb.push_back(cells_outline_wkb(grid, zones[k]));
    }
    for (std::size_t k = 0; k < overlay.size(); ++k) {
        if (!overlay[k]) continue;
        if (overlay_overlaps[k]) {
            if (overlay_overlaps[k]->size() != grid.size()) throw Error("priority zones: the overlaps of layer " + overlay[k]->name() + " are for another grid");
            add_shares(z, *overlay[k], *overlay_overlaps[k]);
        } else {
            add_shares(z, *overlay[k], cell_overlaps(grid, *overlay[k], threads));
        }
    }
    std::stable_sort(z.shares.begin(), z.shares.end(), [](const ZoneShare& a, const ZoneShare& b) { return a.zone < b.zone; });
    return z;
}

}  // namespace hotspot
