#pragma once
// The GeoPackages a tasking pack is built from, read back: only files our commands wrote (each
// has a run_report table), recognised by their layers, so a pack can be regenerated from the
// outputs alone. Geometries are kept as plain rings in the analysis CRS (metres).
#include "hotspot/base/periods.hpp"
#include "hotspot/base/run_report.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hotspot::report {

struct XY {
    double x = 0, y = 0;
};
using Ring = std::vector<XY>;

// A polygon or multipolygon as its rings (outer and holes alike: inside is the even-odd rule,
// which is exact for valid polygons whose parts do not overlap), with its envelope.
struct Shape {
    std::vector<Ring> rings;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
bool contains(const Shape& s, double x, double y);

// What a GeoPackage holds, from its layer names: run (incidents and areas), sites, stats (gistar),
// emerging (emerging_hot_spots), table (performance_table), priority (priority_top), trend (trend_seasonal).
enum class SourceKind { run, sites, stats, emerging, table, priority, trend };
const char* to_string(SourceKind k);

struct SourceFile {
    std::string path, sha256;
    SourceKind kind = SourceKind::run;
    std::vector<ReportEntry> report;  // its run_report table
    std::string get(const std::string& section, const std::string& key) const;
};

struct PackIncident {
    double x = 0, y = 0;
    MonthIndex month = 0;
    std::string category;
};

struct PackArea {
    std::string id, name;
    Shape shape;
};

struct PackSite {
    int rank = 0;
    std::string place, wards, neighbourhoods, by_category;
    double easting = 0, northing = 0, radius_m = 0;
    long long incidents = 0;
    double weighted = 0, share_pct = 0;
    Shape shape;
};

struct PackHotspot {
    int rank = 0;
    std::string place;
    long long incidents = 0;
    Shape shape;
};

// A polygon with the one value a site is looked up for (a Gi* bin, an emerging pattern).
struct ValuedShape {
    Shape shape;
    std::string label, value;
};

// A table shown as it is (performance table, priority neighbourhoods, seasonal indices).
struct PlainTable {
    std::string layer, description;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
};

struct SitesFile {
    SourceFile source;
    std::vector<PackSite> sites;
    std::vector<PackHotspot> hotspots;
};

struct PackInputs {
    SourceFile run;
    std::string area_layer;  // the run's first area layer (the study area's, drawn on the maps)
    std::vector<PackArea> areas;
    std::vector<PackIncident> incidents;
    SitesFile sites;
    std::optional<SitesFile> previous;  // --previous: the last period's sites
    std::optional<SourceFile> stats, emerging, table, priority, trend;
    std::vector<ValuedShape> gistar;    // gi_bin_fdr (else gi_bin) per unit
    std::string gistar_field;
    std::vector<ValuedShape> emerging_patterns;
    std::optional<PlainTable> performance, priority_top, seasonal;
};

// Reads the inputs; throws InputError naming the file when one is not ours, is given twice
// as the same kind, or a run or sites GeoPackage is missing, and ConfigError for a CRS in degrees.
PackInputs read_pack_inputs(const std::vector<std::string>& paths, const std::string& previous);

}  // namespace hotspot::report
