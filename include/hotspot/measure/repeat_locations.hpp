#pragma once
// Repeat locations (issue 12, "Repeats and near repeats"): incidents per distinct location,
// how many of them the busiest 1 %, 5 % and 10 % of locations hold, and per area the locations
// with more than one incident. A location is a distinct projected point: police.uk publishes
// every incident at one of a fixed set of snap points, so a point there is a street segment
// or a building, not an exact address. Other sources can be rounded to a grid first.
#include "hotspot/base/incidents.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct RepeatLocation {
    double x = 0, y = 0;                 // metres in the analysis CRS (rounded when precision_m > 0)
    std::uint64_t incidents = 0;
    std::uint32_t months_active = 0;     // distinct months with at least one incident
    MonthIndex first_month = 0, last_month = 0;
    std::string text;                    // the input's location text (police.uk "Location"), most frequent; may be empty
    std::uint32_t other_texts = 0;       // further distinct non-empty texts seen at this point
};

// The share of incidents at the busiest `share` of locations: floor(locations x share) of them.
struct TopLocationsShare {
    double share = 0;                    // of locations, e.g. 0.01
    std::size_t locations = 0;
    std::uint64_t incidents = 0;
    double pct_of_incidents = 0;         // 100 x incidents / all incidents
};

struct RepeatLocations {
    std::vector<RepeatLocation> locations;   // busiest first; equal counts in first-seen order
    std::vector<std::uint32_t> of_row;       // of_row[i]: index into locations of row i
    std::uint64_t incidents = 0;
    std::size_t single_incident_locations = 0;
    std::uint64_t repeat_incidents = 0;      // incidents at locations with 2 or more
    std::uint64_t max_incidents = 0;
    double median_incidents = 0;             // per location (mean of the middle two when even)
    std::vector<TopLocationsShare> top;      // for 1 %, 5 % and 10 % of locations
};

struct RepeatOptions {
    // 0: exact coordinates (police.uk snap points); > 0: points rounded to a grid of this
    // many metres first (e.g. 1 for a generic CSV with sub-metre noise).
    double precision_m = 0;
    std::vector<double> top_shares = {0.01, 0.05, 0.10};
};

// Refuses (InputError) an empty table or non-finite coordinates (naming the row's file and
// line), and (ConfigError) a negative precision or a share outside (0, 1].
RepeatLocations repeat_locations(const IncidentTable& t, const RepeatOptions& options = {});

// One area's repeat locations (at least min_incidents), busiest first.
struct AreaRepeatEntry {
    std::uint32_t location = 0;          // index into RepeatLocations::locations
    std::uint64_t incidents = 0;         // its rows in this area (all of them, unless a rounded point straddles a boundary)
    std::uint32_t months_active = 0;     // distinct months of those rows
    double pct_of_area_incidents = 0;    // 100 x incidents / the area's incidents
};
struct AreaRepeatList {
    std::int32_t area = -1;
    std::uint64_t area_incidents = 0;    // every incident in the area, at any location
    std::vector<AreaRepeatEntry> entries;
};
// One list per area index 0 .. areas - 1, from each row's area (-1: in none; e.g. an
// Assignment's `area`, row-aligned with t, the table repeat_locations was given).
std::vector<AreaRepeatList> repeat_locations_by_area(const IncidentTable& t, const RepeatLocations& r,
                                                     std::span<const std::int32_t> area_of_row,
                                                     std::size_t areas, std::uint64_t min_incidents = 2);

}  // namespace hotspot
