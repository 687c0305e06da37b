#include "hotspot/publish/tile_job.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/raster.hpp"
#include "hotspot/workflow/tile_compute.hpp"
#include "publish/gpkg_writer.hpp"
#include "publish/raster_dataset.hpp"

#include <cpl_json.h>
#include <fcntl.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>

namespace hotspot {

namespace fs = std::filesystem;

const char* to_string(TaskOutcome o) { return o == TaskOutcome::written ? "written" : "already there"; }

namespace {

constexpr const char* part_marker = ".part-";

// A name no other task (here or on another machine sharing the folder) uses.
std::string private_temporary(const std::string& final_path) {
    static std::atomic<unsigned> counter{0};
    char host[64] = "host";
    gethostname(host, sizeof host - 1);
    return final_path + part_marker + host + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

void fsync_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0) ::close(fd);
        throw OutputError("cannot flush " + quote_value(path) + " to disk: " + std::strerror(errno));
    }
    ::close(fd);
}

void append_ledger(const TilePlan& plan, const std::string& line) {
    const std::string path = task_ledger_path(plan);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const std::string text = line + "\n";  // one short write: appended whole, even by tasks on several processes
    if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
        if (fd >= 0) ::close(fd);
        throw OutputError("cannot append to the task ledger " + quote_value(path) + ": " + std::strerror(errno));
    }
    ::close(fd);
}

// Links a finished temporary into place unless a copy is already there; the temporary goes either way.
TaskOutcome place_once(const TilePlan& plan, const std::string& tmp, const std::string& final_path, const std::string& step, const std::string& id) {
    fsync_file(tmp);
    const int rc = ::link(tmp.c_str(), final_path.c_str());
    const int err = errno;
    ::unlink(tmp.c_str());
    if (rc != 0) {
        if (err == EEXIST) return TaskOutcome::already_there;
        throw OutputError("cannot place " + quote_value(final_path) + ": " + std::strerror(err));
    }
    append_ledger(plan, "written " + step + " " + id + " " + sha256_file(final_path));
    return TaskOutcome::written;
}

void write_tile_tiff(const TilePlan& plan, const std::string& path, const Grid& where, const void* values, GDALDataType type) {
    detail::ensure_gdal_registered();
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* options[] = {"COMPRESS=DEFLATE", "ZLEVEL=1", "TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", nullptr};
    GDALDatasetUniquePtr ds(gtiff->Create(path.c_str(), static_cast<int>(where.nx), static_cast<int>(where.ny), 1, type, const_cast<char**>(options)));
    if (!ds) throw OutputError("cannot create " + quote_value(path) + ": " + detail::last_gdal_error("GDAL error"));
    detail::set_north_up(*ds, where.min_x, where.max_y, where.cell_m, plan.crs);
    GDALRasterBand* band = ds->GetRasterBand(1);
    if (type == GDT_Float64) band->SetNoDataValue(std::numeric_limits<double>::quiet_NaN());
    if (band->RasterIO(GF_Write, 0, 0, static_cast<int>(where.nx), static_cast<int>(where.ny), const_cast<void*>(values), static_cast<int>(where.nx),
                       static_cast<int>(where.ny), type, 0, 0, nullptr) != CE_None)
        throw OutputError("cannot write " + quote_value(path) + ": " + detail::last_gdal_error("GDAL error"));
    detail::close_written(ds, path);
}

std::string moments_json(const GiStarMoments& m) {
    return "{\"n\": " + format_exact(m.n) + ", \"sum\": " + format_exact(m.sum) + ", \"m2\": " + format_exact(m.m2) + "}\n";
}

GiStarMoments read_moments(const std::string& path) {
    if (!fs::is_regular_file(path)) throw InputError("moments " + quote_value(path) + " are missing: run the plan's earlier steps first");
    CPLJSONDocument doc;
    if (!doc.Load(path)) throw InputError(path + ": not a JSON document");
    const CPLJSONObject r = doc.GetRoot();
    GiStarMoments m{r.GetDouble("n", -1), r.GetDouble("sum", std::nan("")), r.GetDouble("m2", std::nan(""))};
    if (!(m.n >= 0) || !std::isfinite(m.sum) || !std::isfinite(m.m2)) throw InputError(path + ": not the moments a tile task writes");
    return m;
}

TaskOutcome write_text_once(const TilePlan& plan, const std::string& final_path, const std::string& text, const std::string& step, const std::string& id) {
    fs::create_directories(fs::path(final_path).parent_path());
    const std::string tmp = private_temporary(final_path);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) throw OutputError("cannot write " + quote_value(tmp));
    }
    return place_once(plan, tmp, final_path, step, id);
}

}  // namespace

TaskOutcome run_tile_task(const TilePlan& plan, const std::string& step, const std::string& tile_id, unsigned threads) {
    const PlanTile& tile = find_tile(plan, tile_id);
    if (step == "moments") {
        if (plan.surface != TiledSurface::gistar) throw ConfigError("a density plan has no moments step");
        const std::string path = tile_moments_path(plan, tile);
        if (fs::exists(path)) return TaskOutcome::already_there;
        return write_text_once(plan, path, moments_json(gistar_tile_moments(plan, tile)), step, tile.id);
    }
    if (step != "surface") throw ConfigError("a tile task's step is moments or surface, not " + quote_value(step));
    const std::string path = tile_raster_path(plan, tile);
    if (fs::exists(path)) return TaskOutcome::already_there;
    fs::create_directories(fs::path(path).parent_path());
    const std::string tmp = private_temporary(path);
    if (plan.surface == TiledSurface::density) {
        const Grid g = density_tile(plan, tile, threads);
        write_tile_tiff(plan, tmp, g, g.values.data(), GDT_Float32);
    } else {
        const GiStarMoments whole = read_moments(reduced_moments_path(plan));
        const std::vector<double> z = gistar_tile_z(plan, tile, whole, threads);
        Grid where = plan.grid;
        where.min_x += static_cast<double>(tile.cells.col0) * where.cell_m;
        where.max_y -= static_cast<double>(tile.cells.row0) * where.cell_m;
        where.nx = tile.cells.nx, where.ny = tile.cells.ny;
        write_tile_tiff(plan, tmp, where, z.data(), GDT_Float64);
    }
    return place_once(plan, tmp, path, step, tile.id);
}

TaskOutcome reduce_tile_moments(const TilePlan& plan) {
    if (plan.surface != TiledSurface::gistar) throw ConfigError("a density plan has no reduce step");
    const std::string path = reduced_moments_path(plan);
    if (fs::exists(path)) return TaskOutcome::already_there;
    GiStarMoments whole;
    for (const PlanTile& t : plan.tiles) whole = combine(whole, read_moments(tile_moments_path(plan, t)));
    return write_text_once(plan, path, moments_json(whole), "reduce", "all");
}

namespace {

std::size_t remove_leftovers(const std::string& folder) {
    std::size_t removed = 0;
    if (!fs::is_directory(folder)) return 0;
    for (const auto& e : fs::directory_iterator(folder))
        if (e.path().filename().string().find(part_marker) != std::string::npos) removed += fs::remove(e.path()) ? 1 : 0;
    return removed;
}

}  // namespace

AssembleReport assemble_tiles(const TilePlan& plan, bool overwrite) {
    detail::ensure_gdal_registered();
    AssembleReport rep;
    rep.output = plan.output;
    std::vector<std::string> paths;
    std::string missing;
    for (const PlanTile& t : plan.tiles) {
        paths.push_back(tile_raster_path(plan, t));
        if (!fs::is_regular_file(paths.back())) missing += (missing.empty() ? "" : ", ") + t.id;
    }
    if (!missing.empty()) throw InputError("cannot assemble " + quote_value(plan.output) + ": tiles not computed yet: " + missing);
    rep.tiles = paths.size();
    rep.leftovers_removed = remove_leftovers((fs::path(plan.work_dir) / "tiles").string()) + remove_leftovers((fs::path(plan.work_dir) / "moments").string());

    OutputSet outputs(overwrite || plan.overwrite, {plan.points_file});
    claim_styled_cog(outputs, plan.output);
    std::vector<const char*> names;
    for (const std::string& p : paths) names.push_back(p.c_str());
    const std::string vrt_path = "/vsimem/hotspot-assemble-" + std::to_string(::getpid()) + ".vrt";
    int usage_error = 0;
    // The mosaic is closed and its in-memory file removed however this function ends.
    const auto close_vrt = [&vrt_path](GDALDatasetH h) {
        if (h) GDALClose(h);
        VSIUnlink(vrt_path.c_str());
    };
    std::unique_ptr<void, decltype(close_vrt)> vrt(GDALBuildVRT(vrt_path.c_str(), static_cast<int>(names.size()), nullptr, names.data(), nullptr, &usage_error),
                                                   close_vrt);
    if (!vrt || usage_error) throw OutputError("cannot mosaic the tiles of " + quote_value(plan.output) + ": " + detail::last_gdal_error("GDAL error"));
    auto* src = GDALDataset::FromHandle(vrt.get());
    if (src->GetRasterXSize() != static_cast<int>(plan.grid.nx) || src->GetRasterYSize() != static_cast<int>(plan.grid.ny))
        throw Error("the tiles of " + quote_value(plan.output) + " do not make the plan's grid");
    RasterMetadata meta;
    meta.crs = plan.crs;
    meta.items = plan.metadata;
    meta.items.emplace_back("tiled", std::to_string(plan.tiles.size()) + " tiles of " + std::to_string(plan.tile_cells) + " cells, halo " +
                                         format_exact(plan.halo_m) + " m");
    meta.items.emplace_back("points_sha256", plan.points_sha256);
    meta.items.emplace_back("run_id", outputs.run_id());
    for (const auto& [k, v] : meta.items) src->SetMetadataItem(k.c_str(), v.c_str());
    GDALRasterBand* band = src->GetRasterBand(1);
    std::string qml;
    if (plan.surface == TiledSurface::density) {
        band->SetDescription(density_description(meta).c_str());
        // The legend's ramp from a decimated read (every cell when the grid has up to 16 million).
        const double step = std::max(1.0, std::sqrt(static_cast<double>(plan.grid.nx) * static_cast<double>(plan.grid.ny) / 16e6));
        Grid look;
        look.nx = static_cast<std::size_t>(std::ceil(static_cast<double>(plan.grid.nx) / step));
        look.ny = static_cast<std::size_t>(std::ceil(static_cast<double>(plan.grid.ny) / step));
        look.values.resize(look.nx * look.ny);
        if (band->RasterIO(GF_Read, 0, 0, static_cast<int>(plan.grid.nx), static_cast<int>(plan.grid.ny), look.values.data(), static_cast<int>(look.nx),
                           static_cast<int>(look.ny), GDT_Float32, 0, 0, nullptr) != CE_None)
            throw OutputError("cannot read the tiles of " + quote_value(plan.output) + ": " + detail::last_gdal_error("GDAL error"));
        qml = density_qml(look, density_unit(meta));
    } else {
        band->SetDescription(("Gi* z-score (distance band " + format_exact(plan.band_m) + " m, cells of " + format_exact(plan.grid.cell_m) + " m)").c_str());
        qml = gi_z_raster_qml();
    }
    band->SetColorInterpretation(GCI_Undefined);

    detail::copy_to_cog(*src, outputs.temporary(plan.output), plan.output, false);
    vrt.reset();
    write_text_file(outputs.temporary(qml_path(plan.output)), qml, qml_path(plan.output));
    outputs.publish();
    return rep;
}

AssembleReport run_plan_here(const TilePlan& plan, bool overwrite, unsigned threads) {
    if (plan.surface == TiledSurface::gistar) {
        for (const PlanTile& t : plan.tiles) run_tile_task(plan, "moments", t.id, threads);
        reduce_tile_moments(plan);
    }
    for (const PlanTile& t : plan.tiles) run_tile_task(plan, "surface", t.id, threads);
    return assemble_tiles(plan, overwrite);
}

}  // namespace hotspot
