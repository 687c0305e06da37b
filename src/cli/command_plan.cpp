// hotspot plan / task / assemble: a density or Gi* surface computed in tiles with a halo, as
// tasks any scheduler can run (workflow/tile_plan.hpp, docs/distributed.md).
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/base/version.hpp"
#include "hotspot/density/density.hpp"
#include "hotspot/measure/selection.hpp"
#include "hotspot/publish/tile_job.hpp"
#include "hotspot/workflow/study_area.hpp"
#include "hotspot/workflow/tile_plan.hpp"
#include "hotspot/workflow/tile_points.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace hotspot::cli {

namespace {

namespace fs = std::filesystem;

void write_plan_file(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) throw OutputError("cannot write " + quote_value(tmp));
    }
    fs::rename(tmp, path);
}

class PlanCommand : public Command {
public:
    const char* name() const override { return "plan"; }
    const char* synopsis() const override { return "split a density or Gi* surface into tile tasks (JSON) for Dask or any scheduler"; }
    const char* usage() const override {
        return "hotspot plan [-c analysis.ini | --police PATH ...] --surface density|gistar --cell M\n"
               "             (--bandwidth M | --band M) -o surface.tif [--work-dir DIR] [--tile-cells N] [--run]\n\n"
               "Reads and projects the inputs as `run` does, writes the accepted incidents' points once\n"
               "(DIR/points.bin) and the plan (DIR/plan.json): tiles of N x N cells, each computed from the\n"
               "points within its halo (the kernel's support, or the Gi* band), then one tiled COG.\n"
               "Run the tasks with `hotspot task`, `hotspot assemble`, the Dask driver\n"
               "(python3 -m hotspot.dask_driver), or all here with --run. Density is bit for bit the\n"
               "one-shot surface (`hotspot density` with the same extent); Gi* z equals the one-shot\n"
               "grid's to 1e-12. docs/distributed.md explains the steps.\n";
    }
    po::options_description options() override {
        po::options_description d("Plan");
        d.add_options()
            ("output,o", po::value<std::string>(&output_), "the assembled COG (a .qml style beside it)")
            ("surface", po::value<std::string>()->default_value("density"), "density or gistar")
            ("work-dir", po::value<std::string>(&work_dir_), "where the plan, points, tiles and ledger go (default: <output>.work)")
            ("tile-cells", number("2048"), "tile side in cells")
            ("cell", number(), "cell size in metres")
            ("kernel", po::value<std::string>()->default_value("quartic"), "density: quartic, triweight, epanechnikov, triangular, uniform, gaussian")
            ("bandwidth", number(), "density: fixed bandwidth in metres (gaussian: sigma)")
            ("bandwidth-rule", po::value<std::string>()->default_value("fixed"), "density: fixed, silverman, scott, arcgis (chosen once from every incident)")
            ("values", po::value<std::string>()->default_value("per_km2"), "density: per_km2, raw, qgis_scaled")
            ("decay", number("0"), "density: triangular kernel decay, 0..1")
            ("gaussian-support", number("3"), "density: gaussian kernel truncated at this many sigma")
            ("grid-extent", po::value<std::string>(), "density: xmin,ymin,xmax,ymax (default: points +- kernel radius)")
            ("band", number(), "gistar: distance band in metres (cell centre to centre, inclusive)")
            ("fishnet-cells", po::value<std::string>()->default_value("extent"), "gistar: extent (every cell) or occupied")
            ("weighted", po::bool_switch(&weighted_), "gistar: analyse weighted incidents (input weights) instead of counts, as stats --weighted")
            ("run", po::bool_switch(&run_here_), "run every step here after planning (the one-machine run)");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options()).add(period_option()).add(d);
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        config_.output = OutputOptions{};
        overwrite_ = vm.count("overwrite") > 0;
        validate(config_);
        if (output_.empty()) throw ConfigError("plan needs an output: -o surface.tif");
        if (work_dir_.empty()) work_dir_ = output_ + ".work";
        const std::string surface = lowercase(vm["surface"].as<std::string>());
        if (surface != "density" && surface != "gistar") throw ConfigError("--surface must be density or gistar, not " + quote_value(surface));
        plan_.surface = surface == "density" ? TiledSurface::density : TiledSurface::gistar;
        if (!vm.count("cell")) throw ConfigError("plan needs --cell METRES");
        cell_m_ = real_option(vm, "cell", ranges::cell_m);
        plan_.tile_cells = count_option(vm, "tile-cells", {16, 32768});
        if (plan_.surface == TiledSurface::density) {
            DensityOptions& o = plan_.density;
            o.cell_m = cell_m_;
            o.kernel = parse_kernel(vm["kernel"].as<std::string>());
            o.bandwidth_rule = parse_bandwidth_rule(vm["bandwidth-rule"].as<std::string>());
            if (o.bandwidth_rule == BandwidthRule::adaptive_knn)
                throw ConfigError("an adaptive bandwidth depends on every incident's neighbours: use `hotspot density` for it, not tiles");
            if (o.bandwidth_rule == BandwidthRule::fixed) {
                if (!vm.count("bandwidth")) throw ConfigError("a density plan needs --bandwidth METRES (or --bandwidth-rule silverman|scott|arcgis)");
                o.bandwidth_m = real_option(vm, "bandwidth", ranges::distance_m);
            }
            o.values = parse_density_values(vm["values"].as<std::string>());
            o.decay = real_option(vm, "decay", ranges::unit_interval);
            o.gaussian_support_sd = real_option(vm, "gaussian-support", ranges::gaussian_support_sd);
            if (vm.count("grid-extent")) o.extent = parse_extent("--grid-extent", vm["grid-extent"].as<std::string>());
            if (vm.count("band")) throw ConfigError("--band is for --surface gistar; a density plan takes --bandwidth");
            if (weighted_) throw ConfigError("--weighted is for --surface gistar: a density always sums the incidents' weights");
        } else {
            if (!vm.count("band")) throw ConfigError("a Gi* plan needs --band METRES");
            plan_.band_m = real_option(vm, "band", ranges::distance_m);
            plan_.cells = parse_fishnet_cells(vm["fishnet-cells"].as<std::string>());
            if (plan_.cells != FishnetCells::extent && plan_.cells != FishnetCells::occupied)
                throw ConfigError("a tiled Gi* takes --fishnet-cells extent or occupied");
            if (vm.count("bandwidth") || vm.count("grid-extent")) throw ConfigError("--bandwidth and --grid-extent are for --surface density");
            plan_.weighted = weighted_;
        }
        period_ = selected_period(vm);
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        const fs::path work = fs::absolute(work_dir_);
        const fs::path plan_path = work / "plan.json";
        if (fs::exists(plan_path) && !overwrite_)
            throw OutputError(quote_value(plan_path.string()) + " already exists (a plan and its tiles): use --overwrite to plan again");
        if (fs::exists(plan_path)) {  // a fresh start: the old plan's pieces would not match the new one
            for (const char* old : {"tiles", "moments"}) fs::remove_all(work / old);
            for (const char* old : {"moments.json", "ledger.txt", "points.bin", "plan.json"}) fs::remove(work / old);
        }
        if (fs::exists(output_) && !overwrite_)
            throw OutputError(quote_value(output_) + " already exists: pass --overwrite to replace it, or choose another name");
        fs::create_directories(work);
        AnalysisResult r = run_analysis(config_, AnalysisScope::join, progress);
        print_warnings(r.report);
        const SelectedPoints p = select_points(r.incidents, config_.measures.categories, period_);
        if (p.x.empty()) throw ConfigError("no incidents to plan a surface from (check the inputs, --category and --period)");

        plan_.crs = config_.t_srs;
        plan_.work_dir = work.string();
        plan_.output = fs::absolute(output_).string();
        plan_.overwrite = overwrite_;
        plan_.points_file = (work / "points.bin").string();
        plan_.points = p.x.size();
        if (plan_.surface == TiledSurface::density) plan_density(p, r);
        else plan_gistar(p);
        plan_.tiles = tile_layout(plan_.grid.nx, plan_.grid.ny, plan_.tile_cells);
        plan_.metadata.emplace_back("hotspot_version", version_string);
        plan_.metadata.emplace_back("surface", to_string(plan_.surface));
        plan_.metadata.emplace_back("categories", categories_label(config_.measures.categories));
        plan_.metadata.emplace_back("period", period_ ? period_->label : "all");
        plan_.metadata.emplace_back("points", std::to_string(plan_.points));
        plan_.metadata.emplace_back("rows_read", r.report.get("counter", "rows_read"));
        plan_.metadata.emplace_back("rows_rejected", std::to_string(rejected_rows(r)));
        plan_.metadata.emplace_back("cell_m", format_exact(cell_m_));
        plan_.points_sha256 = write_tile_points(plan_.points_file, p.x, p.y, p.w);
        write_plan_file(plan_path.string(), plan_to_json(plan_));
        if (!quiet_)
            std::cout << "plan:    " << plan_path.string() << "\n"
                      << "surface: " << to_string(plan_.surface) << ", " << plan_.grid.nx << " x " << plan_.grid.ny << " cells of " << format_exact(cell_m_)
                      << " m in " << plan_.tiles.size() << (plan_.tiles.size() == 1 ? " tile" : " tiles") << " of up to " << plan_.tile_cells << " x " << plan_.tile_cells << ", halo "
                      << format_exact(plan_.halo_m) << " m\n"
                      << "points:  " << plan_.points << " (" << plan_.points_file << ")\n";
        if (run_here_) {
            const auto t0 = std::chrono::steady_clock::now();
            const AssembleReport a = run_plan_here(plan_, overwrite_, config_.threads);
            const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;
            if (!quiet_) std::cout << "output:  " << a.output << " (+ .qml), " << a.tiles << (a.tiles == 1 ? " tile" : " tiles") << " in " << format_significant(took.count(), 3) << " s\n";
        }
        return 0;
    }

private:
    void plan_density(const SelectedPoints& p, const AnalysisResult& r) {
        DensityOptions& o = plan_.density;
        std::string detail = "fixed: " + format_fixed(o.bandwidth_m, 3) + " m";
        if (o.bandwidth_rule != BandwidthRule::fixed) {  // chosen once, from every incident
            o.bandwidth_m = choose_bandwidth(o.bandwidth_rule, p.x.data(), p.y.data(), p.w.data(), p.x.size(), &detail);
            o.bandwidth_rule = BandwidthRule::fixed;
        }
        const double support = o.kernel == Kernel::gaussian ? o.gaussian_support_sd * o.bandwidth_m : o.bandwidth_m;
        const std::string covers = grid_over_study_area(o, r.study_area);
        if (!o.extent) o.extent = default_density_extent(p.x.data(), p.y.data(), p.x.size(), support, o.cell_m, o.cover);
        o.cover.reset();
        o.merge_places = density_merges_places(p.x.data(), p.y.data(), p.x.size());
        plan_.grid.min_x = o.extent->min_x;
        plan_.grid.max_y = o.extent->max_y;
        plan_.grid.cell_m = o.cell_m;
        plan_.grid.nx = static_cast<std::size_t>(std::max(1.0, std::ceil((o.extent->max_x - o.extent->min_x) / o.cell_m)));
        plan_.grid.ny = static_cast<std::size_t>(std::max(1.0, std::ceil((o.extent->max_y - o.extent->min_y) / o.cell_m)));
        plan_.halo_m = support;
        plan_.metadata = {{"kernel", to_string(o.kernel)},
                          {"values", to_string(o.values) + (o.values == DensityValues::per_km2 ? " (incidents per km2)" : "")},
                          {"bandwidth_m", format_exact(o.bandwidth_m)},
                          {"bandwidth_detail", detail},
                          {"kernel_radius_m", format_exact(support)},
                          {"grid_covers", covers},
                          {"grid_extent", format_exact(o.extent->min_x) + "," + format_exact(o.extent->min_y) + "," + format_exact(o.extent->max_x) + "," +
                                              format_exact(o.extent->max_y)}};
    }
    void plan_gistar(const SelectedPoints& p) {
        plan_.lattice = fishnet_lattice(p.x, p.y, cell_m_, nullptr, std::numeric_limits<std::size_t>::max());
        plan_.grid = gistar_grid(plan_.lattice);
        plan_.halo_m = static_cast<double>(band_reach_cells(cell_m_, plan_.band_m)) * cell_m_;
        plan_.metadata = {{"band_m", format_exact(plan_.band_m)},
                          {"fishnet_cells", to_string(plan_.cells)},
                          {"values", std::string("Gi* z-score of ") + (plan_.weighted ? "weighted incidents" : "incidents") +
                                         " per cell (binary weights, the cell itself included)"}};
    }

    bool quiet_ = false, overwrite_ = false, run_here_ = false, weighted_ = false;
    std::string output_, work_dir_;
    double cell_m_ = 0;
    AnalysisConfig config_;
    TilePlan plan_;
    std::optional<Period> period_;
};

class TaskCommand : public Command {
public:
    const char* name() const override { return "task"; }
    const char* synopsis() const override { return "run one step of a tile plan (moments, reduce or surface of a tile)"; }
    const char* usage() const override {
        return "hotspot task --plan DIR/plan.json --step moments|reduce|surface [--tile ID]\n\n"
               "Computes one tile (or, for reduce, the study's Gi* moments) and writes it once: a tile\n"
               "already there is left as it is (a rescheduled task), a new one is linked into place whole.\n";
    }
    po::options_description options() override {
        po::options_description d("Task");
        d.add_options()
            ("plan", po::value<std::string>(&plan_path_), "the plan (hotspot plan writes it)")
            ("step", po::value<std::string>(&step_), "moments, reduce or surface")
            ("tile", po::value<std::string>(&tile_), "the tile's id (moments, surface)");
        po::options_description all;
        all.add(general_options(quiet_)).add(d);
        return all;
    }
    void setup(const po::variables_map& vm) override {
        if (plan_path_.empty()) throw ConfigError("task needs --plan PLAN.json");
        if (step_ != "moments" && step_ != "reduce" && step_ != "surface") throw ConfigError("--step must be moments, reduce or surface");
        if (step_ != "reduce" && tile_.empty()) throw ConfigError("--step " + step_ + " needs --tile ID");
        if (vm.count("threads")) threads_ = static_cast<unsigned>(count_option(vm, "threads", ranges::threads));
    }
    int run() override {
        const TilePlan plan = read_tile_plan(plan_path_);
        const TaskOutcome o = step_ == "reduce" ? reduce_tile_moments(plan) : run_tile_task(plan, step_, tile_, threads_);
        if (!quiet_) std::cout << step_ << (tile_.empty() ? "" : " " + tile_) << ": " << to_string(o) << "\n";
        return 0;
    }

private:
    bool quiet_ = false;
    std::string plan_path_, step_, tile_;
    unsigned threads_ = 0;
};

class AssembleCommand : public Command {
public:
    const char* name() const override { return "assemble"; }
    const char* synopsis() const override { return "join a tile plan's tiles into one tiled COG"; }
    const char* usage() const override {
        return "hotspot assemble --plan DIR/plan.json [--overwrite]\n\n"
               "Writes the plan's output COG (and its .qml) from every tile, after every tile task has run;\n"
               "refuses, naming them, when tiles are missing. Removes the temporaries of tasks that died.\n";
    }
    po::options_description options() override {
        po::options_description d("Assemble");
        d.add_options()("plan", po::value<std::string>(&plan_path_), "the plan (hotspot plan writes it)");
        po::options_description all;
        all.add(general_options(quiet_)).add(d);
        return all;
    }
    void setup(const po::variables_map& vm) override {
        if (plan_path_.empty()) throw ConfigError("assemble needs --plan PLAN.json");
        overwrite_ = vm.count("overwrite") > 0;
    }
    int run() override {
        const TilePlan plan = read_tile_plan(plan_path_);
        const AssembleReport a = assemble_tiles(plan, overwrite_);
        if (!quiet_) {
            std::cout << "output: " << a.output << " (+ .qml) from " << a.tiles << (a.tiles == 1 ? " tile\n" : " tiles\n");
            if (a.leftovers_removed) std::cout << "removed " << a.leftovers_removed << " temporaries of tasks that died mid-write\n";
        }
        return 0;
    }

private:
    bool quiet_ = false, overwrite_ = false;
    std::string plan_path_;
};

}  // namespace

std::unique_ptr<Command> make_plan_command() { return std::make_unique<PlanCommand>(); }
std::unique_ptr<Command> make_task_command() { return std::make_unique<TaskCommand>(); }
std::unique_ptr<Command> make_assemble_command() { return std::make_unique<AssembleCommand>(); }

}  // namespace hotspot::cli
