#pragma once
// Patrol minutes shared among hotspots in proportion to their harm, in whole minutes that add up
// to the total: Hamilton's largest-remainder rule. Each share gets floor(total * w / sum w); the
// minutes left go one each to the largest remainders, ties to the earlier (higher-ranked) site.
// So every share is within one minute of its exact quota and the total is never over or under.
#include <cstdint>
#include <vector>

namespace hotspot {

// Refuses (ConfigError) a negative or non-finite weight, and weights that are all zero.
std::vector<std::uint64_t> allocate_minutes(const std::vector<double>& weight, std::uint64_t total_minutes);

}  // namespace hotspot
