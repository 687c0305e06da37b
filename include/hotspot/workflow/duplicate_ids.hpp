#pragma once
// Finding rows that repeat an earlier row's Crime ID (police.uk publishes some crimes twice).
#include "hotspot/base/incidents.hpp"

#include <cstddef>
#include <vector>

namespace hotspot {

struct RepeatedId {
    std::size_t row;    // a row whose ID an earlier row has
    std::size_t first;  // the first row with that ID
};

// Every row whose non-empty Crime ID an earlier row already has, in row order. Rows without
// an ID (ASB, British Transport Police) repeat nothing.
std::vector<RepeatedId> repeated_crime_ids(const CrimeIdColumn& ids, unsigned threads);

}  // namespace hotspot
