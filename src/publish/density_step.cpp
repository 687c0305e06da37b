#include "hotspot/publish/density_step.hpp"

#include "hotspot/base/text.hpp"
#include "hotspot/base/version.hpp"
#include "hotspot/density/hotspots.hpp"
#include "hotspot/measure/selection.hpp"
#include "hotspot/publish/raster.hpp"
#include "hotspot/publish/sites_output.hpp"

#include <filesystem>
#include <future>

namespace hotspot {

std::string write_density_outputs(const Grid& grid, const std::string& path, const RasterMetadata& meta,
                                  const std::vector<double>& class_percents, const std::string& crs,
                                  const std::vector<std::pair<std::string, std::string>>& params) {
    if (class_percents.empty()) {
        write_cog(grid, path, meta);
        return "";
    }
    const std::filesystem::path p(path);
    const std::string classes_path = (p.parent_path() / (p.stem().string() + "_classes.gpkg")).string();
    // Polygonising (one core) overlaps the COG's compression; each has its own GDAL datasets.
    auto classes = std::async(std::launch::async, [&] {
        write_surface_classes(classify_surface(grid, class_percents), crs, params, classes_path);
    });
    write_cog(grid, path, meta);
    classes.get();
    return classes_path;
}

void run_density_step(AnalysisResult& r, const AnalysisConfig& c) {
    if (c.output.density.empty()) return;
    StepTimer timer(r.report, "density");
    const SelectedPoints counted = select_points(r.incidents, c.measures.categories, std::nullopt);
    DensityOptions o = c.density.options;
    o.threads = c.threads;
    const DensityResult d = kernel_density(counted.x.data(), counted.y.data(), counted.w.data(), counted.x.size(), o);
    const DensityReport& rep = d.report;
    const std::vector<std::pair<std::string, std::string>> params = {
        {"kernel", to_string(o.kernel)},
        {"values", to_string(o.values)},
        {"alignment", o.alignment == GridAlignment::qgis ? "qgis" : "hotspot"},
        {"bandwidth", rep.bandwidth_detail},
        {"kernel_radius_m", format_fixed(rep.support_m, 3)},
        {"cell_m", format_fixed(o.cell_m, 3)},
        {"grid", std::to_string(d.grid.nx) + " x " + std::to_string(d.grid.ny)},
        {"points", std::to_string(rep.points)},
        {"weight_total", format_fixed(rep.weight_total, 3)},
        {"weight_not_on_grid", format_fixed(rep.weight_not_on_grid, 6)},
        {"qgis_edge_skipped", std::to_string(rep.qgis_edge_skipped)}};
    for (const auto& [k, v] : params) r.report.add("parameter", "density_" + k, v);
    for (const auto& warning : rep.warnings) r.report.add("warning", "density", warning);
    RasterMetadata meta{c.t_srs, o.alignment == GridAlignment::qgis, params};
    meta.items.emplace_back("hotspot_version", version_string);
    const std::string classes_path = write_density_outputs(d.grid, c.output.density, meta, c.density.classes, c.t_srs, params);
    r.report.add("output", "density", std::filesystem::absolute(c.output.density).string());
    if (!classes_path.empty()) r.report.add("output", "density_classes", std::filesystem::absolute(classes_path).string());
}

}  // namespace hotspot
