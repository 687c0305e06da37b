#include "hotspot/publish/density_step.hpp"

#include "hotspot/base/text.hpp"
#include "hotspot/base/version.hpp"
#include "hotspot/density/density_mask.hpp"
#include "hotspot/density/hotspots.hpp"
#include "hotspot/density/qgis_extent.hpp"
#include "hotspot/measure/selection.hpp"
#include "hotspot/publish/raster.hpp"
#include "hotspot/publish/sites_output.hpp"

#include <filesystem>
#include <future>

namespace hotspot {

std::string classes_path(const std::string& surface) {
    const std::filesystem::path p(surface);
    return (p.parent_path() / (p.stem().string() + "_classes.gpkg")).string();
}

void claim_density_outputs(OutputSet& outputs, const std::string& path, bool with_classes) {
    if (path.empty()) return;
    claim_styled_cog(outputs, path);
    if (with_classes) outputs.claim(classes_path(path), OutputKind::geopackage);
}

std::string write_density_outputs(OutputSet& outputs, const Grid& grid, const std::string& path, const RasterMetadata& meta,
                                  const std::vector<double>& class_percents, const std::string& crs,
                                  std::vector<std::pair<std::string, std::string>> params) {
    const std::string unit = density_unit(meta);
    RasterMetadata described = meta;
    if (described.band_description.empty()) described.band_description = density_description(meta);
    if (class_percents.empty()) {
        write_styled_cog(outputs, grid, path, described, density_qml(grid, unit));
        return "";
    }
    const std::string classes = classes_path(path);
    params.emplace_back("run_id", outputs.run_id());
    // Polygonising (one core) overlaps the COG's compression; each has its own GDAL datasets.
    auto polygons = std::async(std::launch::async, [&] {
        write_surface_classes(classify_surface(grid, class_percents), crs, params, outputs.temporary(classes), classes);
    });
    write_styled_cog(outputs, grid, path, described, density_qml(grid, unit));
    polygons.get();
    return classes;
}

void run_density_step(AnalysisResult& r, const AnalysisConfig& c, OutputSet& outputs) {
    if (c.output.density.empty()) return;
    StepTimer timer(r.report, "density");
    const SelectedPoints counted = select_points(r.incidents, c.measures.categories, std::nullopt);
    DensityOptions o = c.density.options;
    o.threads = c.threads;
    QgisExtent qgis;
    if (o.alignment == GridAlignment::qgis) {
        qgis = qgis_extent_for(r.incidents, counted.x.data(), counted.y.data(), counted.x.size());
        o.qgis_extent = qgis.extent;
    }
    const std::string grid_covers = grid_over_study_area(o, r.study_area);
    DensityResult d = kernel_density(counted.x.data(), counted.y.data(), counted.w.data(), counted.x.size(), o);
    const DensityReport& rep = d.report;
    std::vector<std::pair<std::string, std::string>> params = {
        {"kernel", to_string(o.kernel)},
        {"values", to_string(o.values)},
        {"alignment", o.alignment == GridAlignment::qgis ? "qgis" : "hotspot"},
        {"bandwidth", rep.bandwidth_detail},
        {"kernel_radius_m", format_fixed(rep.support_m, 3)},
        {"cell_m", format_fixed(o.cell_m, 3)},
        {"grid", std::to_string(d.grid.nx) + " x " + std::to_string(d.grid.ny)},
        {"grid_covers", grid_covers},
        {"points", std::to_string(rep.points)},
        {"weight_total", format_fixed(rep.weight_total, 3)},
        {"weight_not_on_grid", format_fixed(rep.weight_not_on_grid, 6)},
        {"qgis_edge_skipped", std::to_string(rep.qgis_edge_skipped)}};
    if (o.alignment == GridAlignment::qgis) params.emplace_back("qgis_grid_from", qgis.source);
    for (const auto& [k, v] : params) r.report.add("parameter", "density_" + k, v);
    for (const auto& warning : rep.warnings) r.report.add("warning", "density", warning);
    RasterMetadata meta;
    meta.crs = c.t_srs;
    meta.has_nodata = o.alignment == GridAlignment::qgis;
    meta.items = params;
    meta.items.emplace_back("hotspot_version", version_string);
    if (c.disclosure.public_audience) {  // no cell shows what fewer than min_count incidents make
        const auto k = static_cast<std::size_t>(c.disclosure.min_count);
        const std::size_t masked = mask_sparse_cells(d.grid, counted.x.data(), counted.y.data(), counted.x.size(), rep.support_m, k);
        meta.has_nodata = true;
        meta.items.emplace_back("DISCLOSURE_MIN_CONTRIBUTORS", std::to_string(k));
        meta.items.emplace_back("DISCLOSURE_MASKED_CELLS", std::to_string(masked));
        r.report.add("disclosure", "density_masked_cells",
                     std::to_string(masked) + " cells with fewer than " + std::to_string(k) + " incidents within the kernel radius (" +
                         format_fixed(rep.support_m, 1) + " m) set to nodata");
    }
    const std::string classes_path = write_density_outputs(outputs, d.grid, c.output.density, meta, c.density.classes, c.t_srs, params);
    r.report.add("output", "density", std::filesystem::absolute(c.output.density).string());
    if (!classes_path.empty()) r.report.add("output", "density_classes", std::filesystem::absolute(classes_path).string());
}

}  // namespace hotspot
