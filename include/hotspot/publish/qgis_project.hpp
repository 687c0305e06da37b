#pragma once
// A QGIS project (.qgz) beside a run's GeoPackage: the GeoPackage's map layers (and any styled
// COG of the run) in groups, each with the style the GeoPackage's layer_styles (or the COG's
// sidecar .qml) holds embedded, the project CRS, the extent of what it shows and paths relative
// to the project, so the folder can be moved. Written with GDAL's XML and zip writers, no QGIS.
#include "hotspot/publish/output_set.hpp"

#include <string>
#include <vector>

namespace hotspot {

// The layer tree's groups, top (drawn last) to bottom.
inline constexpr const char* qgis_groups[] = {"Statistics", "Hotspots", "Priority", "Areas", "Other layers", "Incidents"};

// The project's layers: GeoPackages and styled COGs claimed in the same OutputSet (read from
// their temporaries, referenced by their targets).
struct QgisProjectContent {
    std::string gpkg;                       // the GeoPackage the project is named after
    std::vector<std::string> area_layers;   // measured area layers, the study area first (group Areas)
    std::vector<std::string> more_gpkgs;    // e.g. a density surface's _classes.gpkg
    struct Raster {
        std::string path;                   // a COG with a sidecar .qml
        std::string group = "Hotspots";     // below the group's vector layers
    };
    std::vector<Raster> rasters;
    std::string crs;                        // the project CRS, as --t_srs takes it
};

// <stem>.qgz beside the GeoPackage.
std::string qgis_project_path(const std::string& gpkg);

// Claims the project beside `gpkg` (nothing when gpkg is empty or `enabled` is false).
void claim_qgis_project(OutputSet& outputs, const std::string& gpkg, bool enabled);

// Writes the project claimed for content.gpkg into its temporary; does nothing when none was
// claimed, and releases the claim when the GeoPackages hold no map layer (only tables). Call
// after every layer is in the GeoPackages' temporaries, before publish().
void write_qgis_project(const QgisProjectContent& content, OutputSet& outputs);

// The group of a layer: the known layers of each command by name, area layers by the list.
std::string qgis_group_of(const std::string& layer, const std::vector<std::string>& area_layers);

}  // namespace hotspot
