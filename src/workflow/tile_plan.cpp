#include "hotspot/workflow/tile_plan.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <cpl_json.h>

#include <cstdio>
#include <filesystem>

namespace hotspot {

namespace fs = std::filesystem;

const char* to_string(TiledSurface s) { return s == TiledSurface::density ? "density" : "gistar"; }

std::vector<PlanTile> tile_layout(std::size_t nx, std::size_t ny, std::size_t tile_cells) {
    if (tile_cells == 0) throw ConfigError("the tile size must be at least one cell");
    std::vector<PlanTile> tiles;
    for (std::size_t r = 0, tr = 0; r < ny; r += tile_cells, ++tr)
        for (std::size_t c = 0, tc = 0; c < nx; c += tile_cells, ++tc) {
            char id[32];
            std::snprintf(id, sizeof id, "r%04zu_c%04zu", tr, tc);
            tiles.push_back({id, {c, r, std::min(tile_cells, nx - c), std::min(tile_cells, ny - r)}});
        }
    return tiles;
}

Grid gistar_grid(const FishnetLattice& l) {
    Grid g;
    g.min_x = l.min_x;
    g.max_y = l.min_y + static_cast<double>(l.ny) * l.cell_m;
    g.cell_m = l.cell_m;
    g.nx = l.nx;
    g.ny = l.ny;
    return g;
}

namespace {

std::string json_quote(const std::string& s) {
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') out += '\\', out += ch;
        else if (c == '\n') out += "\\n";
        else if (c < 0x20) {
            char u[8];
            std::snprintf(u, sizeof u, "\\u%04x", c);
            out += u;
        } else out += ch;
    }
    return out + "\"";
}

// Numbers as their shortest round-trip text: the grid corner and bandwidth a task reads back are
// the plan's to the last bit, which the tiles' bit-for-bit equality needs.
std::string num(double v) { return format_exact(v); }
std::string num(std::size_t v) { return std::to_string(v); }

std::string window_json(const GridWindow& w) {
    return "{\"col0\": " + num(w.col0) + ", \"row0\": " + num(w.row0) + ", \"nx\": " + num(w.nx) + ", \"ny\": " + num(w.ny) + "}";
}

}  // namespace

std::string plan_to_json(const TilePlan& p) {
    std::string j = "{\n";
    j += "  \"hotspot_plan\": " + std::to_string(TilePlan::format) + ",\n";
    j += "  \"surface\": " + json_quote(to_string(p.surface)) + ",\n";
    j += "  \"crs\": " + json_quote(p.crs) + ",\n";
    j += "  \"points\": {\"file\": " + json_quote(p.points_file) + ", \"sha256\": " + json_quote(p.points_sha256) +
         ", \"count\": " + std::to_string(p.points) + "},\n";
    j += "  \"grid\": {\"min_x\": " + num(p.grid.min_x) + ", \"max_y\": " + num(p.grid.max_y) + ", \"cell_m\": " + num(p.grid.cell_m) +
         ", \"nx\": " + num(p.grid.nx) + ", \"ny\": " + num(p.grid.ny) + "},\n";
    if (p.surface == TiledSurface::density) {
        const DensityOptions& d = p.density;
        j += "  \"density\": {\"kernel\": " + json_quote(to_string(d.kernel)) + ", \"values\": " + json_quote(to_string(d.values)) +
             ", \"bandwidth_m\": " + num(d.bandwidth_m) + ", \"decay\": " + num(d.decay) + ", \"gaussian_support_sd\": " +
             num(d.gaussian_support_sd) + ", \"merge_places\": " + (d.merge_places.value_or(false) ? "true" : "false") +
             ", \"extent\": [" + num(d.extent->min_x) + ", " + num(d.extent->min_y) + ", " + num(d.extent->max_x) + ", " + num(d.extent->max_y) +
             "]},\n";
    } else {
        j += "  \"gistar\": {\"band_m\": " + num(p.band_m) + ", \"cells\": " + json_quote(to_string(p.cells)) +
             ", \"value\": " + json_quote(p.weighted ? "weighted" : "count") + ", \"lattice\": {\"min_x\": " +
             num(p.lattice.min_x) + ", \"min_y\": " + num(p.lattice.min_y) + ", \"cell_m\": " + num(p.lattice.cell_m) + ", \"nx\": " +
             num(p.lattice.nx) + ", \"ny\": " + num(p.lattice.ny) + "}},\n";
    }
    j += "  \"tile_cells\": " + num(p.tile_cells) + ",\n";
    j += "  \"halo_m\": " + num(p.halo_m) + ",\n";
    j += "  \"work_dir\": " + json_quote(p.work_dir) + ",\n";
    j += "  \"output\": " + json_quote(p.output) + ",\n";
    j += std::string("  \"overwrite\": ") + (p.overwrite ? "true" : "false") + ",\n";
    j += "  \"steps\": [";
    const char* steps = p.surface == TiledSurface::gistar ? "\"moments\", \"reduce\", \"surface\", \"assemble\"" : "\"surface\", \"assemble\"";
    j += steps;
    j += "],\n  \"metadata\": {";
    for (std::size_t k = 0; k < p.metadata.size(); ++k)
        j += (k ? ", " : "") + json_quote(p.metadata[k].first) + ": " + json_quote(p.metadata[k].second);
    j += "},\n  \"tiles\": [\n";
    for (std::size_t k = 0; k < p.tiles.size(); ++k)
        j += "    {\"id\": " + json_quote(p.tiles[k].id) + ", \"cells\": " + window_json(p.tiles[k].cells) + "}" +
             (k + 1 < p.tiles.size() ? ",\n" : "\n");
    j += "  ]\n}\n";
    return j;
}

namespace {

struct PlanReader {
    const std::string& path;
    [[noreturn]] void fail(const std::string& field, const std::string& why) const {
        throw InputError(path + ": field " + quote_value(field) + " " + why + " (not a plan written by this version of hotspot plan?)");
    }
    CPLJSONObject obj(const CPLJSONObject& o, const std::string& name) const {
        CPLJSONObject v = o.GetObj(name);
        if (!v.IsValid() || v.GetType() != CPLJSONObject::Type::Object) fail(name, "is missing or not an object");
        return v;
    }
    std::string text(const CPLJSONObject& o, const std::string& name) const {
        CPLJSONObject v = o.GetObj(name);
        if (!v.IsValid() || v.GetType() != CPLJSONObject::Type::String) fail(name, "is missing or not text");
        return v.ToString();
    }
    double number(const CPLJSONObject& o, const std::string& name) const {
        CPLJSONObject v = o.GetObj(name);
        const auto t = v.GetType();
        if (!v.IsValid() || (t != CPLJSONObject::Type::Double && t != CPLJSONObject::Type::Integer && t != CPLJSONObject::Type::Long))
            fail(name, "is missing or not a number");
        return v.ToDouble();
    }
    std::size_t count(const CPLJSONObject& o, const std::string& name) const {
        CPLJSONObject v = o.GetObj(name);
        const auto t = v.GetType();
        if (!v.IsValid() || (t != CPLJSONObject::Type::Integer && t != CPLJSONObject::Type::Long) || v.ToLong() < 0)
            fail(name, "is missing or not a whole number");
        return static_cast<std::size_t>(v.ToLong());
    }
};

}  // namespace

TilePlan read_tile_plan(const std::string& path) {
    if (!fs::is_regular_file(path)) throw InputError("plan " + quote_value(path) + " does not exist (hotspot plan writes it)");
    CPLJSONDocument doc;
    if (!doc.Load(path)) throw InputError(path + ": not a JSON document");
    const CPLJSONObject root = doc.GetRoot();
    const PlanReader r{path};
    if (r.count(root, "hotspot_plan") != static_cast<std::size_t>(TilePlan::format))
        r.fail("hotspot_plan", "is not " + std::to_string(TilePlan::format));
    TilePlan p;
    const std::string surface = r.text(root, "surface");
    if (surface == "density") p.surface = TiledSurface::density;
    else if (surface == "gistar") p.surface = TiledSurface::gistar;
    else r.fail("surface", "is " + quote_value(surface) + ", not density or gistar");
    p.crs = r.text(root, "crs");
    const CPLJSONObject points = r.obj(root, "points");
    p.points_file = r.text(points, "file");
    p.points_sha256 = r.text(points, "sha256");
    p.points = r.count(points, "count");
    const CPLJSONObject grid = r.obj(root, "grid");
    p.grid.min_x = r.number(grid, "min_x");
    p.grid.max_y = r.number(grid, "max_y");
    p.grid.cell_m = r.number(grid, "cell_m");
    p.grid.nx = r.count(grid, "nx");
    p.grid.ny = r.count(grid, "ny");
    if (p.surface == TiledSurface::density) {
        const CPLJSONObject d = r.obj(root, "density");
        p.density.kernel = parse_kernel(r.text(d, "kernel"));
        p.density.values = parse_density_values(r.text(d, "values"));
        p.density.bandwidth_m = r.number(d, "bandwidth_m");
        p.density.decay = r.number(d, "decay");
        p.density.gaussian_support_sd = r.number(d, "gaussian_support_sd");
        const CPLJSONObject merge = d.GetObj("merge_places");
        if (!merge.IsValid() || merge.GetType() != CPLJSONObject::Type::Boolean) r.fail("merge_places", "is missing or not true/false");
        p.density.merge_places = merge.ToBool();
        p.density.cell_m = p.grid.cell_m;
        // The extent as the plan computed it (the grid's far edges may lie beyond it by less than a cell).
        const CPLJSONArray e = d.GetArray("extent");
        if (!e.IsValid() || e.Size() != 4) r.fail("extent", "is missing or not [min_x, min_y, max_x, max_y]");
        p.density.extent = Envelope{e[0].ToDouble(), e[1].ToDouble(), e[2].ToDouble(), e[3].ToDouble()};
    } else {
        const CPLJSONObject g = r.obj(root, "gistar");
        p.band_m = r.number(g, "band_m");
        p.cells = parse_fishnet_cells(r.text(g, "cells"));
        const std::string value = r.text(g, "value");
        if (value != "count" && value != "weighted") r.fail("value", "is " + quote_value(value) + ", not count or weighted");
        p.weighted = value == "weighted";
        const CPLJSONObject l = r.obj(g, "lattice");
        p.lattice.min_x = r.number(l, "min_x");
        p.lattice.min_y = r.number(l, "min_y");
        p.lattice.cell_m = r.number(l, "cell_m");
        p.lattice.nx = r.count(l, "nx");
        p.lattice.ny = r.count(l, "ny");
    }
    p.tile_cells = r.count(root, "tile_cells");
    p.halo_m = r.number(root, "halo_m");
    p.work_dir = r.text(root, "work_dir");
    p.output = r.text(root, "output");
    p.overwrite = root.GetBool("overwrite", false);
    const CPLJSONObject meta = r.obj(root, "metadata");
    for (const CPLJSONObject& item : meta.GetChildren()) p.metadata.emplace_back(item.GetName(), item.ToString());
    const CPLJSONArray tiles = root.GetArray("tiles");
    if (!tiles.IsValid() || tiles.Size() == 0) r.fail("tiles", "is missing or empty");
    for (int k = 0; k < tiles.Size(); ++k) {
        const CPLJSONObject t = tiles[k];
        const CPLJSONObject w = r.obj(t, "cells");
        PlanTile tile{r.text(t, "id"), {r.count(w, "col0"), r.count(w, "row0"), r.count(w, "nx"), r.count(w, "ny")}};
        if (tile.cells.nx == 0 || tile.cells.ny == 0 || tile.cells.col0 + tile.cells.nx > p.grid.nx || tile.cells.row0 + tile.cells.ny > p.grid.ny)
            r.fail("tiles[" + std::to_string(k) + "].cells", "is not inside the grid");
        p.tiles.push_back(std::move(tile));
    }
    return p;
}

std::string tile_raster_path(const TilePlan& plan, const PlanTile& tile) { return (fs::path(plan.work_dir) / "tiles" / (tile.id + ".tif")).string(); }
std::string tile_moments_path(const TilePlan& plan, const PlanTile& tile) {
    return (fs::path(plan.work_dir) / "moments" / (tile.id + ".json")).string();
}
std::string reduced_moments_path(const TilePlan& plan) { return (fs::path(plan.work_dir) / "moments.json").string(); }
std::string task_ledger_path(const TilePlan& plan) { return (fs::path(plan.work_dir) / "ledger.txt").string(); }

const PlanTile& find_tile(const TilePlan& plan, const std::string& id) {
    for (const PlanTile& t : plan.tiles)
        if (t.id == id) return t;
    throw ConfigError("the plan has no tile " + quote_value(id) + " (its tiles run from " + plan.tiles.front().id + " to " + plan.tiles.back().id + ")");
}

}  // namespace hotspot
