// The two incident data sets, written in their own formats.
#pragma once

#include "incidents.hpp"
#include "report.hpp"

#include <string>
#include <vector>

namespace gencity {

// police/YYYY-MM-brindleford-street.csv.gz, one per month, police.uk street-level format,
// including the 8 deliberately bad rows and the quoted/duplicate valid rows.
PoliceStats write_police(const City& city, const std::vector<Incident>& incidents, Rng& rng,
                         const std::string& out_dir);

// flytipping/brindleford_flytipping_2022-04_2025-03.csv.gz (council-style schema).
FlyStats write_flytipping(const City& city, Rng& rng, const std::string& out_dir);

// boundaries.gpkg (layers wards, neighbourhoods), ground_truth/*.csv, README.md.
void write_boundaries(const City& city, const std::string& out_dir);
void write_ground_truth(const City& city, const PoliceStats& police, const FlyStats& fly,
                        const std::string& out_dir);
void write_readme(const City& city, const PoliceStats& police, const FlyStats& fly,
                  const std::string& out_dir);

}  // namespace gencity
