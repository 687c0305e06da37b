// Writes the dashboard folder: the vendored web files, data.json, style.json and tiles.pmtiles.
#include "hotspot/report/dashboard.hpp"

#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/pmtiles.hpp"
#include "report/web_assets.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace hotspot {

void write_dashboard(const DashboardOptions& options, const std::string& dir, const std::string& target, const std::string& run_id) {
    std::vector<DashboardLayer> layers = read_dashboard_layers(options.gpkg, options.layers);
    if (options.before_write)
        for (auto& l : layers) options.before_write(l);
    fs::create_directories(dir);
    const auto file = [&](const std::string& name) { return (fs::path(dir) / name).string(); };
    for (const auto& asset : report::web_assets()) write_text_file(file(asset.name), std::string(asset.bytes), target);
    write_text_file(file("data.json"), dashboard_data_json(layers, options.title, run_id, options.suppressed_below), target);
    write_text_file(file("style.json"), dashboard_style_json(layers, "pmtiles://tiles.pmtiles"), target);
    write_pmtiles(options.gpkg, options.layers, file("tiles.pmtiles"), target, options.min_zoom, options.max_zoom, run_id);
    // lets a later --overwrite recognise the folder as one hotspot wrote
    write_text_file(file(tile_folder_marker), "dashboard written by hotspot, run " + run_id + "\n", target);
}

}  // namespace hotspot
