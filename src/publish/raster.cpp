#include "hotspot/publish/raster.hpp"

#include "detail/gdal_util.hpp"
#include "publish/raster_dataset.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/classify.hpp"
#include "hotspot/publish/embedded_styles.hpp"
#include "publish/gpkg_writer.hpp"

#include <ogr_spatialref.h>

#include <algorithm>
#include <filesystem>

namespace hotspot {

namespace fs = std::filesystem;


std::string raster_qml(const std::vector<RampStop>& stops, bool exact, double transparent_max) {
    std::string items;
    for (const RampStop& s : stops)
        items += "          <item alpha=\"255\" value=\"" + format_exact(s.value) + "\" label=\"" + s.label + "\" color=\"" + s.color + "\"/>\n";
    std::string out = embedded::density_qml;
    out = replace_all(out, "{{MIN}}", stops.empty() ? "0" : format_exact(stops.front().value));
    out = replace_all(out, "{{MAX}}", stops.empty() ? "1" : format_exact(stops.back().value));
    out = replace_all(out, "{{TRANSPARENT_MAX}}", format_exact(transparent_max));
    out = replace_all(out, "{{RAMP_TYPE}}", exact ? "EXACT" : "INTERPOLATED");
    return replace_all(out, "{{ITEMS}}", items);
}

std::string density_unit(const RasterMetadata& meta) {
    for (const auto& [k, v] : meta.items)
        if (k == "values") {
            // The density command adds a note after the name ("per_km2 (incidents per km2)").
            if (v.starts_with("per_km2")) return "incidents per km\u00b2";
            if (v.starts_with("raw")) return "kernel-weighted incidents (QGIS raw)";
            if (v.starts_with("qgis_scaled")) return "QGIS scaled density";
        }
    return "";
}

std::string density_description(const RasterMetadata& meta) {
    std::string what = "incidents", period;
    for (const auto& [k, v] : meta.items) {
        if (k == "categories" && !v.empty() && v != "all") what = v;
        if (k == "period" && !v.empty() && v != "all") period = ", " + v;
    }
    const std::string out = "Density of " + what + period;
    const std::string unit = density_unit(meta);
    return unit.empty() ? out : out + " (" + unit + ")";
}

std::string density_qml(const Grid& grid, const std::string& unit) {
    std::vector<float> positive;
    for (float v : grid.values)
        if (v > 0 && v != Grid::nodata) positive.push_back(v);
    double top = 1.0, max = 1.0;
    if (!positive.empty()) {
        max = *std::max_element(positive.begin(), positive.end());
        const std::size_t k = std::min(positive.size() - 1, static_cast<std::size_t>(static_cast<double>(positive.size()) * 0.995));
        std::nth_element(positive.begin(), positive.begin() + static_cast<std::ptrdiff_t>(k), positive.end());
        top = positive[k];
    }
    // ColorBrewer YlOrRd, 5 stops from 0 to the 99.5th percentile of positive cells (so a few
    // extreme cells do not wash the rest out), then the real maximum, so the legend tells how
    // far the surface goes above the ramp's top (21,500 beside 4,389 on the BTP data).
    static const char* const colours[] = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};
    std::vector<RampStop> stops;
    for (int i = 0; i < 5; ++i) {
        const double v = top * i / 4.0;
        std::string label = legend_number(v, 3);
        if (i == 0 && !unit.empty()) label += " " + unit;
        if (i == 4) label += max > top ? " (99.5th percentile of cells above 0)" : " (maximum)";
        stops.push_back({v, label, colours[i]});
    }
    if (max > top) stops.push_back({max, legend_number(max, 3) + " (maximum)", "#800026"});
    return raster_qml(stops, false, 0.0);
}

std::string gi_z_raster_qml() {
    return raster_qml({{-2.576, "-2.58 (cold, 99 %)", "#4575b5"},
                       {-1.960, "-1.96 (cold, 95 %)", "#849eba"},
                       {-1.645, "-1.65 (cold, 90 %)", "#c0ccbe"},
                       {0.0, "0", "#ffffbf"},
                       {1.645, "1.65 (hot, 90 %)", "#fab984"},
                       {1.960, "1.96 (hot, 95 %)", "#ed7551"},
                       {2.576, "2.58 (hot, 99 %)", "#d62f27"}},
                      false, Grid::nodata);
}

std::string gi_bin_raster_qml() {
    return raster_qml({{-3, "Cold spot, 99% confidence", "#4575b5"},
                       {-2, "Cold spot, 95% confidence", "#849eba"},
                       {-1, "Cold spot, 90% confidence", "#c0ccbe"},
                       {0, "Not significant", "#ffffbf"},
                       {1, "Hot spot, 90% confidence", "#fab984"},
                       {2, "Hot spot, 95% confidence", "#ed7551"},
                       {3, "Hot spot, 99% confidence", "#d62f27"}},
                      true, Grid::nodata);
}

std::string qml_path(const std::string& cog) { return fs::path(cog).replace_extension(".qml").string(); }

void claim_styled_cog(OutputSet& outputs, const std::string& target) {
    outputs.claim(target, OutputKind::geotiff);
    outputs.claim(qml_path(target), OutputKind::qml);
}

void write_styled_cog(OutputSet& outputs, const Grid& grid, const std::string& target, const RasterMetadata& meta, const std::string& qml) {
    RasterMetadata stamped = meta;
    stamped.items.emplace_back("run_id", outputs.run_id());
    const std::string style = qml_path(target);
    write_text_file(outputs.temporary(style), qml, style);
    write_cog(grid, outputs.temporary(target), target, stamped);
}

void write_cog(const Grid& grid, const std::string& path, const std::string& target, const RasterMetadata& meta) {
    detail::ensure_gdal_registered();
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!mem) throw OutputError("GDAL has no MEM driver");
    GDALDatasetUniquePtr src(mem->Create("", static_cast<int>(grid.nx), static_cast<int>(grid.ny), 1, GDT_Float32, nullptr));
    if (!src) throw OutputError("cannot hold the raster for " + quote_value(target) + " in memory: " + detail::last_gdal_error("GDAL error"));
    detail::set_north_up(*src, grid.min_x, grid.max_y, grid.cell_m, meta.crs);
    GDALRasterBand* band = src->GetRasterBand(1);
    if (meta.has_nodata) band->SetNoDataValue(Grid::nodata);
    if (!meta.band_description.empty()) {
        // QGIS names the band by its description in the legend ("Band 1: Density, incidents
        // per km²"), and "(Gray)" goes with an undefined colour interpretation.
        band->SetDescription(meta.band_description.c_str());
        band->SetColorInterpretation(GCI_Undefined);
    }
    if (band->RasterIO(GF_Write, 0, 0, static_cast<int>(grid.nx), static_cast<int>(grid.ny), const_cast<float*>(grid.values.data()),
                       static_cast<int>(grid.nx), static_cast<int>(grid.ny), GDT_Float32, 0, 0, nullptr) != CE_None)
        throw OutputError("cannot fill the raster for " + quote_value(target));
    for (const auto& [k, v] : meta.items) src->SetMetadataItem(k.c_str(), v.c_str());
    detail::copy_to_cog(*src, path, target, meta.categorical);
}

}  // namespace hotspot
