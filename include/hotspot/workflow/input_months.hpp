#pragma once
// Which months the input covers: a month with an accepted row, or a police.uk file named for it
// ("2023-10-merseyside-street.csv"). A month outside this set has no data, which is not the same
// as zero incidents (`evaluate` refuses it, `trend` writes it as NA).
#include "hotspot/base/incidents.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace hotspot {

std::set<MonthIndex> months_with_input(const IncidentTable& t);

// A police.uk source publishes a file per month, so a month without its file is unknown, not
// zero, even when another source has that month: "merseyside 2024-03, btp 2025-02" for each
// month of first..last some police.uk input lacks, or empty. With `selected` (one flag per row),
// only inputs with at least one selected row count: an input none of whose rows are analysed
// (British Transport Police for Liverpool's anti-social behaviour) cannot be missing from it.
std::string police_source_gaps(const IncidentTable& t, MonthIndex first, MonthIndex last,
                               const std::vector<std::uint8_t>* selected = nullptr);
// Refuses (ConfigError) a month of first..last that no input covers, or that an analysed police.uk
// input lacks its file for: "COMMAND: no input for 2024-03 (inside INSIDE): ...; REMEDY_MISSING",
// "COMMAND: no police.uk file for btp 2025-02 (inside INSIDE): ...; REMEDY_GAP".
void refuse_months_without_input(const IncidentTable& t, MonthIndex first, MonthIndex last, const std::vector<std::uint8_t>* selected,
                                 const std::string& command, const std::string& inside, const std::string& remedy_missing,
                                 const std::string& remedy_gap);
// The same gaps as (source, month) pairs, by source then month.
std::vector<std::pair<std::string, MonthIndex>> police_source_gap_months(const IncidentTable& t, MonthIndex first, MonthIndex last,
                                                                         const std::vector<std::uint8_t>* selected = nullptr);

}  // namespace hotspot
