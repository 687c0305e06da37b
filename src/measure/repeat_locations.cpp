#include "hotspot/measure/repeat_locations.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/geo/unique_points.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace hotspot {

namespace {

std::string row_name(const IncidentTable& t, std::size_t i) {
    const std::string file = t.file.size() > i && t.file[i] < t.files.size() ? t.files[t.file[i]].path : "row";
    return file + " line " + std::to_string(t.line.size() > i ? t.line[i] : i + 1);
}

// Distinct months among the (location, month) pairs of some rows, per location.
std::vector<std::uint32_t> months_per_location(std::vector<std::pair<std::uint32_t, MonthIndex>> pairs, std::size_t locations) {
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::vector<std::uint32_t> months(locations, 0);
    for (const auto& p : pairs) ++months[p.first];
    return months;
}

// The most frequent non-empty location text per location, and how many others were seen.
void location_texts(const IncidentTable& t, RepeatLocations& r) {
    if (t.location.size() != t.size()) return;
    std::vector<std::map<std::uint32_t, std::uint64_t>> seen(r.locations.size());
    for (std::size_t i = 0; i < t.size(); ++i)
        if (!trim(t.locations.at(t.location[i])).empty()) ++seen[r.of_row[i]][t.location[i]];
    for (std::size_t l = 0; l < seen.size(); ++l) {
        if (seen[l].empty()) continue;
        auto best = seen[l].begin();  // ties: the text interned first
        for (auto it = seen[l].begin(); it != seen[l].end(); ++it)
            if (it->second > best->second) best = it;
        r.locations[l].text = t.locations.at(best->first);
        r.locations[l].other_texts = static_cast<std::uint32_t>(seen[l].size() - 1);
    }
}

void summarise(RepeatLocations& r, const std::vector<double>& shares) {
    const std::size_t n = r.locations.size();
    for (const auto& l : r.locations) {
        r.single_incident_locations += l.incidents == 1;
        if (l.incidents >= 2) r.repeat_incidents += l.incidents;
    }
    r.max_incidents = r.locations.front().incidents;
    const auto mid = [&](std::size_t i) { return static_cast<double>(r.locations[n - 1 - i].incidents); };  // ascending
    r.median_incidents = n % 2 ? mid(n / 2) : (mid(n / 2 - 1) + mid(n / 2)) / 2;
    for (double share : shares) {
        TopLocationsShare s;
        s.share = share;
        // floor, with shares such as 0.29 x 100 = 28.999999999999996 taken as meant
        s.locations = static_cast<std::size_t>(std::floor(static_cast<double>(n) * share * (1 + 1e-12)));
        for (std::size_t i = 0; i < s.locations; ++i) s.incidents += r.locations[i].incidents;
        s.pct_of_incidents = 100.0 * static_cast<double>(s.incidents) / static_cast<double>(r.incidents);
        r.top.push_back(s);
    }
}

}  // namespace

RepeatLocations repeat_locations(const IncidentTable& t, const RepeatOptions& options) {
    if (t.size() == 0) throw InputError("repeat locations: there are no incidents");
    if (!std::isfinite(options.precision_m) || options.precision_m < 0)
        throw ConfigError("repeat locations: the location precision must be 0 (exact) or a positive number of metres, got " +
                          format_exact(options.precision_m));
    for (double s : options.top_shares)
        if (!std::isfinite(s) || s <= 0 || s > 1)
            throw ConfigError("repeat locations: a share of locations must be in (0, 1], got " + format_exact(s));
    std::vector<double> x(t.x), y(t.y);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            throw InputError("repeat locations: " + row_name(t, i) + " has no finite projected point (" + format_exact(x[i]) + ", " +
                             format_exact(y[i]) + ")");
        if (options.precision_m > 0) {
            x[i] = std::round(x[i] / options.precision_m) * options.precision_m;
            y[i] = std::round(y[i] / options.precision_m) * options.precision_m;
        }
    }
    const UniquePoints points = unique_points(x, y);
    const std::size_t n = points.x.size();
    std::vector<std::uint64_t> count(n, 0);
    for (std::uint32_t p : points.of_row) ++count[p];
    // busiest first; equal counts keep first-seen order
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return count[a] > count[b]; });
    std::vector<std::uint32_t> rank(n);
    for (std::uint32_t i = 0; i < n; ++i) rank[order[i]] = i;

    RepeatLocations r;
    r.incidents = t.size();
    r.locations.resize(n);
    r.of_row.resize(t.size());
    std::vector<std::pair<std::uint32_t, MonthIndex>> pairs(t.size());
    for (std::uint32_t p = 0; p < n; ++p) {
        RepeatLocation& l = r.locations[rank[p]];
        l.x = points.x[p];
        l.y = points.y[p];
        l.incidents = count[p];
    }
    std::vector<bool> seen(n, false);
    for (std::size_t i = 0; i < t.size(); ++i) {
        const std::uint32_t l = rank[points.of_row[i]];
        r.of_row[i] = l;
        pairs[i] = {l, t.month[i]};
        RepeatLocation& loc = r.locations[l];
        if (!seen[l] || t.month[i] < loc.first_month) loc.first_month = t.month[i];
        if (!seen[l] || t.month[i] > loc.last_month) loc.last_month = t.month[i];
        seen[l] = true;
    }
    const std::vector<std::uint32_t> months = months_per_location(std::move(pairs), n);
    for (std::size_t l = 0; l < n; ++l) r.locations[l].months_active = months[l];
    location_texts(t, r);
    summarise(r, options.top_shares);
    return r;
}

std::vector<AreaRepeatList> repeat_locations_by_area(const IncidentTable& t, const RepeatLocations& r,
                                                     std::span<const std::int32_t> area_of_row, std::size_t areas,
                                                     std::uint64_t min_incidents) {
    if (area_of_row.size() != t.size() || r.of_row.size() != t.size())
        throw InputError("repeat locations by area: " + std::to_string(t.size()) + " rows but " + std::to_string(area_of_row.size()) +
                         " area indices and " + std::to_string(r.of_row.size()) + " location indices");
    std::vector<AreaRepeatList> lists(areas);
    // rows per (area, location), and their months
    std::map<std::pair<std::int32_t, std::uint32_t>, std::pair<std::uint64_t, std::vector<MonthIndex>>> cells;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const std::int32_t a = area_of_row[i];
        if (a < 0) continue;
        if (static_cast<std::size_t>(a) >= areas)
            throw InputError("repeat locations by area: row " + std::to_string(i) + " has area " + std::to_string(a) + " of " +
                             std::to_string(areas));
        ++lists[static_cast<std::size_t>(a)].area_incidents;
        auto& c = cells[{a, r.of_row[i]}];
        ++c.first;
        c.second.push_back(t.month[i]);
    }
    for (std::size_t a = 0; a < areas; ++a) lists[a].area = static_cast<std::int32_t>(a);
    for (auto& [key, c] : cells) {  // by area, then location rank: busiest first within an area
        if (c.first < min_incidents) continue;
        std::sort(c.second.begin(), c.second.end());
        AreaRepeatList& list = lists[static_cast<std::size_t>(key.first)];
        AreaRepeatEntry e;
        e.location = key.second;
        e.incidents = c.first;
        e.months_active = static_cast<std::uint32_t>(std::unique(c.second.begin(), c.second.end()) - c.second.begin());
        e.pct_of_area_incidents = 100.0 * static_cast<double>(c.first) / static_cast<double>(list.area_incidents);
        list.entries.push_back(e);
    }
    for (auto& list : lists)  // a straddling point's share in this area can rank it lower than its global rank
        std::stable_sort(list.entries.begin(), list.entries.end(),
                         [](const AreaRepeatEntry& a, const AreaRepeatEntry& b) { return a.incidents > b.incidents; });
    return lists;
}

}  // namespace hotspot
