// hotspot tiles: vector tiles (MBTiles, an uncompressed XYZ folder, PMTiles with a MapLibre style) from layers of
// a GeoPackage written by `run`.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/geopackage.hpp"
#include "hotspot/publish/pmtiles.hpp"
#include "cli/public_outputs.hpp"

#include <iostream>

namespace hotspot::cli {

namespace {

class TilesCommand : public Command {
public:
    const char* name() const override { return "tiles"; }
    const char* synopsis() const override { return "vector tiles (MBTiles / XYZ / PMTiles + style) from GeoPackage layers"; }
    const char* usage() const override {
        return "hotspot tiles IN.gpkg --layers wards,neighbourhoods [--mbtiles OUT.mbtiles] [--xyz DIR]\n"
               "                     [--pmtiles OUT.pmtiles [--style OUT.style.json]]\n\n"
               "Writes vector tiles of the named layers with GDAL's MVT driver. XYZ tiles are written\n"
               "uncompressed, so QGIS and MapLibre read them from disk without a web server. PMTiles is\n"
               "one v3 archive (gzip tiles) for a web map; --style writes a MapLibre style.json with the\n"
               "legend classes and colours of the layers' QGIS styles in IN.gpkg.\n";
    }
    po::options_description options() override {
        po::options_description o("Tiles");
        o.add_options()
            ("help,h", "show this help")
            ("quiet,q", po::bool_switch(), "no progress output (tiles prints none; accepted as every command does)")
            ("input", po::value<std::string>(&input_), "GeoPackage to read")
            ("layers", po::value<std::string>(&layers_), "comma-separated layer names")
            ("mbtiles", po::value<std::string>(&mbtiles_), "MBTiles file to write")
            ("xyz", po::value<std::string>(&xyz_), "folder of {z}/{x}/{y}.pbf tiles to write")
            ("pmtiles", po::value<std::string>(&pmtiles_), "PMTiles v3 file to write")
            ("style", po::value<std::string>(&style_), "MapLibre style.json to write for the --pmtiles file (legend of each layer's QGIS style)")
            ("min-zoom", number("9"), "lowest zoom level, 0 to 22")
            ("max-zoom", number("14"), "highest zoom level, 0 to 22")
            ("audience", po::value<std::string>(&audience_), "analyst (default) or public: the input must pass check-disclosure (a public run's GeoPackage)")
            ("min-count", number("10"), "with --audience public: the smallest count the tiles may show")
            ("overwrite", po::bool_switch(&overwrite_), "replace tiles hotspot wrote before (never a folder or file it did not write)");
        return o;
    }
    po::positional_options_description positional() override {
        po::positional_options_description p;
        p.add("input", 1);
        return p;
    }
    void setup(const po::variables_map& vm) override {
        min_zoom_ = static_cast<int>(count_option(vm, "min-zoom", ranges::zoom));
        max_zoom_ = static_cast<int>(count_option(vm, "max-zoom", ranges::zoom));
        if (input_.empty()) throw ConfigError("tiles needs an input GeoPackage");
        if (layers_.empty()) throw ConfigError("tiles needs --layers");
        layer_names_ = layer_names_option(layers_);
        if (mbtiles_.empty() && xyz_.empty() && pmtiles_.empty()) throw ConfigError("tiles needs --mbtiles, --xyz and/or --pmtiles");
        if (!style_.empty() && pmtiles_.empty()) throw ConfigError("--style needs --pmtiles (the style's source is that file)");
        rule_ = audience_rule(vm, audience_);
        if (min_zoom_ > max_zoom_)
            throw ConfigError("--min-zoom " + std::to_string(min_zoom_) + " is above --max-zoom " + std::to_string(max_zoom_));
    }
    int run() override {
        const auto& layers = layer_names_;
        if (audience_ == "public") refuse_unless_public(input_, rule_, "tiles");
        OutputSet outputs(overwrite_, {input_});  // every target checked before the work
        outputs.claim(mbtiles_, OutputKind::mbtiles);
        outputs.claim(xyz_, OutputKind::tile_folder);
        outputs.claim(pmtiles_, OutputKind::pmtiles);
        outputs.claim(style_, OutputKind::map_style);
        const auto write = [&](const std::string& target, TileFormat format) {
            if (!target.empty())
                write_vector_tiles(input_, layers, outputs.temporary(target), target, format, min_zoom_, max_zoom_, outputs.run_id());
        };
        write(mbtiles_, TileFormat::mbtiles);
        write(xyz_, TileFormat::directory);
        if (!pmtiles_.empty()) write_pmtiles_and_style(input_, layers, pmtiles_, style_, min_zoom_, max_zoom_, outputs);
        outputs.publish();
        return 0;
    }

private:
    std::string input_, layers_, mbtiles_, xyz_, pmtiles_, style_;
    std::vector<std::string> layer_names_;
    int min_zoom_ = 9, max_zoom_ = 14;
    bool overwrite_ = false;
    std::string audience_ = "analyst";
    DisclosureRule rule_;

};

}  // namespace

std::unique_ptr<Command> make_tiles_command() { return std::make_unique<TilesCommand>(); }

}  // namespace hotspot::cli
