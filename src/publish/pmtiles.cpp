// write_pmtiles: GDAL's MVT driver writes the tiles and their TileJSON into an uncompressed
// folder beside the temporary (write_vector_tiles), which is then packed into one archive.
#include "hotspot/publish/pmtiles.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/maplibre_style.hpp"
#include "publish/pmtiles_gzip.hpp"

#include <cpl_json.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace hotspot {

namespace {

// Removes the tile folder however the packing ends. Its name starts with the temporary's, so
// OutputSet also removes it after a signal and as a leftover of a killed run.
struct FolderRemover {
    std::string path;
    ~FolderRemover() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string read_file_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    if (!in) throw OutputError("cannot read the tile " + quote_value(p.string()));
    return s.str();
}

// A folder or file name that is a whole non-negative number.
bool parse_index(const std::string& text, std::uint32_t& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

// Every {z}/{x}/{y}.pbf of the folder, gzip-compressed as PMTiles stores them for the web.
std::vector<PmtilesTile> read_tile_folder(const fs::path& folder) {
    std::vector<PmtilesTile> tiles;
    for (const auto& zdir : fs::directory_iterator(folder)) {
        std::uint32_t z = 0;
        if (!zdir.is_directory() || !parse_index(zdir.path().filename().string(), z)) continue;
        for (const auto& xdir : fs::directory_iterator(zdir.path())) {
            std::uint32_t x = 0;
            if (!xdir.is_directory() || !parse_index(xdir.path().filename().string(), x))
                throw OutputError("unexpected entry in GDAL's tile folder: " + quote_value(xdir.path().string()));
            for (const auto& file : fs::directory_iterator(xdir.path())) {
                std::uint32_t y = 0;
                if (file.path().extension() != ".pbf" || !parse_index(file.path().stem().string(), y))
                    throw OutputError("unexpected file in GDAL's tile folder: " + quote_value(file.path().string()));
                tiles.push_back({static_cast<int>(z), x, y, detail::gzip_bytes(read_file_bytes(file.path()))});
            }
        }
    }
    return tiles;
}

double number_at(const CPLJSONArray& a, int i, double fallback) { return a.IsValid() && a.Size() > i ? a[i].ToDouble(fallback) : fallback; }

}  // namespace

void write_pmtiles(const std::string& gpkg, const std::vector<std::string>& layers, const std::string& path,
                   const std::string& target, int min_zoom, int max_zoom, const std::string& run_id) {
    const FolderRemover folder{path + ".xyz"};
    write_vector_tiles(gpkg, layers, folder.path, target, TileFormat::directory, min_zoom, max_zoom, run_id);
    CPLJSONDocument doc;
    if (!doc.Load((fs::path(folder.path) / "metadata.json").string()))
        throw OutputError("cannot read the TileJSON written for " + quote_value(target));
    CPLJSONObject root = doc.GetRoot();
    root.Delete("tiles");  // the folder's relative {z}/{x}/{y}.pbf means nothing inside an archive
    PmtilesArchiveInfo info;
    info.min_zoom = min_zoom;
    info.max_zoom = max_zoom;
    const CPLJSONArray bounds = root.GetArray("bounds"), center = root.GetArray("center");
    info.min_lon = number_at(bounds, 0, -180);  // the layers' extent in WGS84, as GDAL reports it
    info.min_lat = number_at(bounds, 1, -85.0511287);
    info.max_lon = number_at(bounds, 2, 180);
    info.max_lat = number_at(bounds, 3, 85.0511287);
    info.center_lon = number_at(center, 0, (info.min_lon + info.max_lon) / 2);
    info.center_lat = number_at(center, 1, (info.min_lat + info.max_lat) / 2);
    info.center_zoom = static_cast<int>(number_at(center, 2, min_zoom));
    info.metadata_json = root.Format(CPLJSONObject::PrettyFormat::Plain);
    write_pmtiles_archive(path, read_tile_folder(folder.path), info, target);
}

void write_pmtiles_and_style(const std::string& gpkg, const std::vector<std::string>& layers, const std::string& target,
                             const std::string& style_target, int min_zoom, int max_zoom, OutputSet& outputs) {
    write_pmtiles(gpkg, layers, outputs.temporary(target), target, min_zoom, max_zoom, outputs.run_id());
    if (style_target.empty()) return;
    const fs::path style_dir = fs::absolute(style_target).parent_path();
    const std::string url = "pmtiles://" + fs::absolute(target).lexically_normal().lexically_relative(style_dir.lexically_normal()).generic_string();
    write_maplibre_style(gpkg, layers, url, min_zoom, max_zoom, outputs.temporary(style_target), style_target);
}

}  // namespace hotspot
