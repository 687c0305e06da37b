#pragma once
// Which months the input covers: a month with an accepted row, or a police.uk file named for it
// ("2023-10-merseyside-street.csv"). A month outside this set has no data, which is not the same
// as zero incidents (`evaluate` refuses it, `trend` writes it as NA).
#include "hotspot/base/incidents.hpp"

#include <set>

namespace hotspot {

std::set<MonthIndex> months_with_input(const IncidentTable& t);

}  // namespace hotspot
