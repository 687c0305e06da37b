#pragma once
// Area layers (wards, neighbourhoods, PSPO zones, ...): polygons with an id, a name and
// optionally a population, reprojected to the analysis CRS, repaired where invalid, and
// indexed with a GEOS STRtree over prepared geometries for point-in-polygon lookups.
#include "hotspot/read/attribute_table.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct AreaSpec {
    std::string name;              // the layer's name in outputs, e.g. "wards"
    std::string path;
    std::string layer;             // OGR layer; default: the only layer
    std::string id_field;          // default: the feature's FID
    std::string name_field;        // default: the id
    std::string population_field;  // optional: enables rates per 1,000 residents
    std::string s_srs;             // overrides the layer's own CRS
    std::string where;             // optional OGR SQL attribute filter, e.g. "Area = 'Birmingham'"
    // A zone drawn in its own file (geo/zone_file): a feature without a valid polygon is refused
    // (InputError naming the file and feature) instead of repaired or left out.
    bool refuse_problems = false;
};

// Something found in a polygon and what was done about it (repaired, left out, ...).
struct AreaProblem {
    std::string layer;
    std::int64_t fid = 0;
    std::string area_id;
    std::string problem;  // "invalid_geometry", "no_geometry", "not_polygonal", "bad_population", "duplicate_id"
    std::string detail;
    std::string action;
};

struct Envelope {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    bool contains(double x, double y) const { return x >= min_x && x <= max_x && y >= min_y && y <= max_y; }
    Envelope expanded(double by) const { return {min_x - by, min_y - by, max_x + by, max_y + by}; }
};

class AreaLayer {
public:
    // Loads and reprojects the polygons to target_crs. Never fatal for bad polygons: they
    // are repaired with MakeValid (or left out when nothing polygonal remains) and reported.
    static AreaLayer load(const AreaSpec& spec, const std::string& target_crs);
    AreaLayer(AreaLayer&&) noexcept;
    AreaLayer& operator=(AreaLayer&&) noexcept;
    ~AreaLayer();

    const AreaSpec& spec() const { return spec_; }
    const std::string& name() const { return spec_.name; }
    const std::string& source_crs() const { return source_crs_; }
    const std::string& crs() const { return crs_; }  // the CRS loaded into (empty for from_wkt layers)
    std::size_t size() const { return ids_.size(); }
    const std::string& id(std::size_t i) const { return ids_[i]; }
    const std::string& label(std::size_t i) const { return names_[i]; }
    std::optional<double> population(std::size_t i) const { return population_[i]; }
    bool has_population() const { return !spec_.population_field.empty() || !population_source_.empty(); }
    // Where the population comes from: the layer's field, or a joined table (set_population).
    std::string population_source() const { return population_source_.empty() ? "field " + spec_.population_field : population_source_; }
    // Population per area from elsewhere (an attribute table); refused when the layer has one.
    void set_population(std::vector<std::optional<double>> per_area, const std::string& source);
    // Extra attributes joined by area id (geo/attribute_join): one value per area, carried into
    // every output of the layer. A name used twice is refused.
    const std::vector<AttributeColumn>& extra_attributes() const { return extra_; }
    void add_extra_attribute(AttributeColumn per_area);
    double area_m2(std::size_t i) const { return area_m2_[i]; }
    std::int64_t fid(std::size_t i) const { return fids_[i]; }
    const std::vector<AreaProblem>& problems() const { return problems_; }
    // Features of the file left out by spec().where (counted, so none disappears silently).
    std::uint64_t filtered_out() const { return filtered_out_; }
    Envelope envelope() const { return envelope_; }
    // ISO WKB of the (repaired) MultiPolygon in the analysis CRS, for writing.
    std::string wkb(std::size_t i) const;

    // The area holding (x, y), by the boundary rule: the first area in the layer's feature
    // order whose closed polygon (interior or boundary) contains the point. Thread-safe.
    std::optional<std::size_t> locate(double x, double y) const;

    // A layer from polygons given as WKT (for tests and generated layers).
    static AreaLayer from_wkt(const std::string& name, const std::vector<std::string>& ids,
                              const std::vector<std::string>& wkt,
                              const std::vector<std::optional<double>>& population = {});

private:
    AreaLayer();
    void build_index();
    struct Geos;
    std::unique_ptr<Geos> geos_;
    AreaSpec spec_;
    std::string source_crs_, crs_;
    std::vector<std::string> ids_, names_;
    std::vector<std::optional<double>> population_;
    std::string population_source_;
    std::vector<AttributeColumn> extra_;
    std::vector<double> area_m2_;
    std::vector<std::int64_t> fids_;
    std::vector<AreaProblem> problems_;
    std::uint64_t filtered_out_ = 0;
    Envelope envelope_;
};

// For each point, the index of its area in the layer, or -1 (outside every area).
struct Assignment {
    std::vector<std::int32_t> area;
    std::uint64_t inside = 0;
    std::uint64_t outside = 0;
};

Assignment assign_points(const AreaLayer& layer, const double* x, const double* y, std::size_t n, unsigned threads);

}  // namespace hotspot
