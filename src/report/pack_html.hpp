#pragma once
// Pieces of the tasking pack's HTML: escaping, plain tables and the sections after the maps.
#include "hotspot/report/tasking_pack.hpp"

#include <string>
#include <vector>

namespace hotspot::report {

std::string html_escape(const std::string& s);
// A table with a caption; at most max_rows rows, the rest counted in a note naming the layer.
std::string html_table(const PlainTable& t, const std::string& caption, std::size_t max_rows);

// These columns of t (those it has), reals to 2 decimals.
PlainTable pick_columns(const PlainTable& t, const std::vector<std::string>& names);
// The performance table's whole-study-area rows, count columns headed by their periods.
std::string performance_summary(const PlainTable& t, const std::string& file);
std::string previous_sites_section(const TaskingPack& p);
std::string method_section(const TaskingPack& p);
std::string provenance_section(const TaskingPack& p);

}  // namespace hotspot::report
