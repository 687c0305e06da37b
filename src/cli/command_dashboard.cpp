// hotspot dashboard: the ward dashboard, a static web folder built from a run's GeoPackage.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/public_outputs.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/report/dashboard.hpp"

#include <iostream>

namespace hotspot::cli {

namespace {

class DashboardCommand : public Command {
public:
    const char* name() const override { return "dashboard"; }
    const char* synopsis() const override { return "ward dashboard (static web folder: map, legend, panel per area) from a run's GeoPackage"; }
    const char* usage() const override {
        return "hotspot dashboard RUN.gpkg --layers wards[,neighbourhoods] -o DIR [--title TEXT] [--overwrite]\n\n"
               "Writes DIR/index.html with MapLibre GL JS and pmtiles.js vendored (works offline), the area\n"
               "layers as one tiles.pmtiles, style.json and data.json, all from the GeoPackage of hotspot run.\n"
               "Serve it from localhost, e.g. `npx http-server DIR`: browsers do not read tiles from file://.\n";
    }
    po::options_description options() override {
        po::options_description o("Dashboard");
        o.add_options()
            ("help,h", "show this help")
            ("quiet,q", po::bool_switch(), "no progress output (dashboard prints only where it wrote)")
            ("input", po::value<std::string>(&input_), "GeoPackage written by hotspot run")
            ("layers", po::value<std::string>(&layers_), "comma-separated area layers, the first shown first")
            ("output,o", po::value<std::string>(&output_), "folder to write")
            ("title", po::value<std::string>(&title_), "heading of the page")
            ("min-zoom", number("8"), "lowest tile zoom level, 0 to 22")
            ("max-zoom", number("12"), "highest tile zoom level, 0 to 16 (the map overzooms past it; each level 4 times the tiles)")
            ("audience", po::value<std::string>(&audience_), "analyst (default) or public: the GeoPackage must pass check-disclosure (a public run's)")
            ("min-count", number("10"), "with --audience public: the run's disclosure threshold (smallest count shown)")
            ("overwrite", po::bool_switch(&overwrite_), "replace a dashboard hotspot wrote before (never a folder it did not write)");
        return o;
    }
    po::positional_options_description positional() override {
        po::positional_options_description p;
        p.add("input", 1);
        return p;
    }
    void setup(const po::variables_map& vm) override {
        options_.min_zoom = static_cast<int>(count_option(vm, "min-zoom", ranges::zoom));
        options_.max_zoom = static_cast<int>(count_option(vm, "max-zoom", CountRange{0, 16}));
        rule_ = audience_rule(vm, audience_);
        if (audience_ == "public") options_.suppressed_below = rule_.min_count;
        quiet_ = vm["quiet"].as<bool>();
        if (input_.empty()) throw ConfigError("dashboard needs the GeoPackage of a run, e.g. hotspot dashboard out/run.gpkg --layers wards -o out/dashboard");
        if (layers_.empty()) throw ConfigError("dashboard needs --layers, e.g. --layers wards,neighbourhoods");
        if (output_.empty()) throw ConfigError("dashboard needs -o DIR, the folder to write");
        if (options_.min_zoom > options_.max_zoom)
            throw ConfigError("--min-zoom " + std::to_string(options_.min_zoom) + " is above --max-zoom " + std::to_string(options_.max_zoom));
        options_.gpkg = input_;
        options_.layers = layer_names_option(layers_);
        if (!title_.empty()) options_.title = title_;
    }
    int run() override {
        if (audience_ == "public") refuse_unless_public(input_, rule_, "dashboard");
        OutputSet outputs(overwrite_, {input_});
        outputs.claim(output_, OutputKind::tile_folder);  // a folder hotspot marks as its own, like tile folders
        write_dashboard(options_, outputs.temporary(output_), output_, outputs.run_id());
        outputs.publish();
        if (!quiet_) std::cout << "dashboard written to " << output_ << "/index.html (serve the folder, e.g. npx http-server " << output_ << ")\n";
        return 0;
    }

private:
    std::string input_, layers_, output_, title_;
    DashboardOptions options_;
    std::string audience_ = "analyst";
    DisclosureRule rule_;
    bool overwrite_ = false, quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_dashboard_command() { return std::make_unique<DashboardCommand>(); }

}  // namespace hotspot::cli
