#include "hotspot/publish/qgis_project.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/qml_legend.hpp"
#include "hotspot/publish/raster.hpp"

#include <cpl_conv.h>
#include <cpl_minixml.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

namespace hotspot {

namespace fs = std::filesystem;

namespace {

using XmlPtr = std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)>;

struct Box {
    double xmin, ymin, xmax, ymax;
    void extend(const Box& b) {
        xmin = std::min(xmin, b.xmin), ymin = std::min(ymin, b.ymin);
        xmax = std::max(xmax, b.xmax), ymax = std::max(ymax, b.ymax);
    }
};

// One layer of the project, as QGIS will read it.
struct ProjectLayer {
    std::string name, id, source, provider, geometry;  // geometry empty: a raster
    std::string group, qml;                           // qml: the style to embed; empty: QGIS's default
    std::optional<Box> extent;                        // none: an empty layer
    std::string srs_wkt;                              // the layer's own CRS
    bool checked = true;
};

std::string read_whole(const std::string& path, const std::string& target) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw OutputError("cannot read the style " + quote_value(target) + " for the QGIS project");
    return {std::istreambuf_iterator<char>(in), {}};
}

// "./city.gpkg" or "../surfaces/x.tif": QGIS resolves it from the project file's folder.
std::string relative_source(const std::string& target, const std::string& project) {
    const fs::path dir = fs::absolute(project).parent_path();
    const fs::path rel = fs::absolute(target).lexically_normal().lexically_relative(dir.lexically_normal());
    const std::string text = rel.generic_string();
    return text.starts_with("..") ? text : "./" + text;
}

const char* geometry_word(OGRwkbGeometryType type) {
    switch (wkbFlatten(type)) {
        case wkbPoint:
        case wkbMultiPoint: return "Point";
        case wkbLineString:
        case wkbMultiLineString: return "Line";
        case wkbPolygon:
        case wkbMultiPolygon: return "Polygon";
        default: return nullptr;  // tables and mixed layers stay out of the project
    }
}

std::string wkt_of(const OGRSpatialReference& srs) {
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2018", nullptr};
    srs.exportToWkt(&wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

// QGIS reads a CRS from its WKT (authid alone is ignored when there is no srsid).
void add_spatialrefsys(CPLXMLNode* parent, const std::string& wkt) {
    CPLXMLNode* s = CPLCreateXMLNode(parent, CXT_Element, "spatialrefsys");
    CPLCreateXMLElementAndValue(s, "wkt", wkt.c_str());
    OGRSpatialReference srs;
    if (srs.importFromWkt(wkt.c_str()) != OGRERR_NONE) return;
    char* proj4 = nullptr;
    if (srs.exportToProj4(&proj4) == OGRERR_NONE && proj4) CPLCreateXMLElementAndValue(s, "proj4", proj4);
    CPLFree(proj4);
    srs.AutoIdentifyEPSG();
    const char* auth = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (auth && code) {
        CPLCreateXMLElementAndValue(s, "srid", code);
        CPLCreateXMLElementAndValue(s, "authid", (std::string(auth) + ":" + code).c_str());
    }
    if (srs.GetName()) CPLCreateXMLElementAndValue(s, "description", srs.GetName());
    CPLCreateXMLElementAndValue(s, "geographicflag", srs.IsGeographic() ? "true" : "false");
}

void add_extent(CPLXMLNode* parent, const char* name, const Box& b) {
    CPLXMLNode* e = CPLCreateXMLNode(parent, CXT_Element, name);
    for (const auto& [key, value] : {std::pair{"xmin", b.xmin}, {"ymin", b.ymin}, {"xmax", b.xmax}, {"ymax", b.ymax}})
        CPLCreateXMLElementAndValue(e, key, format_fixed(value, 3).c_str());
}

// Copies the <qgis> element's attributes (but its version) and children of a QML style into
// the maplayer element: what QGIS's "save style" writes is what a project layer holds.
void embed_style(CPLXMLNode* maplayer, const std::string& qml, const std::string& what) {
    const XmlPtr doc(CPLParseXMLString(qml.c_str()), &CPLDestroyXMLNode);
    const CPLXMLNode* root = doc ? CPLGetXMLNode(doc.get(), "=qgis") : nullptr;
    if (!root) throw OutputError("cannot read the QGIS style of " + what + " for the QGIS project: " + detail::last_gdal_error("no <qgis> element"));
    for (const CPLXMLNode* c = root->psChild; c; c = c->psNext) {
        if (c->eType == CXT_Attribute && std::string_view(c->pszValue) == "version") continue;
        if (c->eType != CXT_Attribute && c->eType != CXT_Element) continue;
        CPLXMLNode copy = *c;
        copy.psNext = nullptr;  // CPLCloneXMLTree copies the siblings too
        CPLAddXMLChild(maplayer, CPLCloneXMLTree(&copy));
    }
}

std::string layer_id(const std::string& name, std::size_t k) { return slug(name) + "_hotspot_" + std::to_string(k + 1); }

// The map layers of one GeoPackage (read from `file`, referenced as `target`).
void add_gpkg_layers(std::vector<ProjectLayer>& layers, const std::string& file, const std::string& target, const std::string& project,
                     const std::vector<std::string>& area_layers) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw OutputError("cannot open " + quote_value(target) + " to make its QGIS project: " + detail::last_gdal_error("GDAL error"));
    for (OGRLayer* l : ds->GetLayers()) {
        const char* geometry = geometry_word(l->GetGeomType());
        if (!geometry || !l->GetSpatialRef()) continue;  // tables
        ProjectLayer p;
        p.name = l->GetName();
        p.id = layer_id(p.name, layers.size());
        p.source = relative_source(target, project) + "|layername=" + p.name;
        p.provider = "ogr";
        p.geometry = geometry;
        p.group = qgis_group_of(p.name, area_layers);
        p.qml = default_layer_qml(*ds, p.name);
        OGREnvelope env;  // an empty layer (no sites found) has none, and stays in the project
        if (l->GetExtent(&env, TRUE) == OGRERR_NONE) p.extent = Box{env.MinX, env.MinY, env.MaxX, env.MaxY};
        p.srs_wkt = wkt_of(*l->GetSpatialRef());
        layers.push_back(std::move(p));
    }
}

ProjectLayer raster_layer(const std::string& file, const std::string& target, const std::string& group, const std::string& qml_file,
                          const std::string& project, std::size_t k) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) throw OutputError("cannot open " + quote_value(target) + " to add it to the QGIS project: " + detail::last_gdal_error("GDAL error"));
    double gt[6];
    if (ds->GetGeoTransform(gt) != CE_None || !ds->GetSpatialRef())
        throw OutputError(quote_value(target) + " has no georeferencing: it cannot go into the QGIS project");
    ProjectLayer p;
    p.name = fs::path(target).stem().string();
    p.id = layer_id(p.name, k);
    p.source = relative_source(target, project);
    p.provider = "gdal";
    p.group = group;
    p.qml = read_whole(qml_file, qml_path(target));
    const double x1 = gt[0] + gt[1] * ds->GetRasterXSize(), y1 = gt[3] + gt[5] * ds->GetRasterYSize();
    p.extent = Box{std::min(gt[0], x1), std::min(gt[3], y1), std::max(gt[0], x1), std::max(gt[3], y1)};
    p.srs_wkt = wkt_of(*ds->GetSpatialRef());
    return p;
}

int group_rank(const std::string& group) {
    const auto* end = std::end(qgis_groups);
    return static_cast<int>(std::find(std::begin(qgis_groups), end, group) - std::begin(qgis_groups));
}

// Groups in qgis_groups order, areas in the order given (the study area first); in Areas and
// Statistics only the first layer is on (filled polygons hide each other), a raster below a
// group's vector layers (the density surface under its classes) is off, and so is Incidents.
void arrange(std::vector<ProjectLayer>& layers, const std::vector<std::string>& area_layers) {
    const auto area_rank = [&](const ProjectLayer& l) {
        return l.group == "Areas" ? std::find(area_layers.begin(), area_layers.end(), l.name) - area_layers.begin() : 0;
    };
    std::stable_sort(layers.begin(), layers.end(), [&](const ProjectLayer& a, const ProjectLayer& b) {
        if (group_rank(a.group) != group_rank(b.group)) return group_rank(a.group) < group_rank(b.group);
        return area_rank(a) < area_rank(b);
    });
    for (std::size_t k = 0; k < layers.size(); ++k) {
        const bool first_of_group = k == 0 || layers[k - 1].group != layers[k].group;
        if (layers[k].group == "Incidents") layers[k].checked = false;
        else if ((layers[k].group == "Areas" || layers[k].group == "Statistics") && !first_of_group) layers[k].checked = false;
        else if (layers[k].geometry.empty() && !first_of_group) layers[k].checked = false;  // a surface would hide the areas below
    }
}

// The extent the project opens at: the study area (the first area layer), else every layer on,
// with a 2.5% margin each side so symbols at the edge (site circles) are drawn whole.
std::optional<Box> view_extent(const std::vector<ProjectLayer>& layers) {
    std::optional<Box> box;
    const auto study = std::find_if(layers.begin(), layers.end(), [](const ProjectLayer& l) { return l.group == "Areas" && l.extent; });
    if (study != layers.end()) box = study->extent;
    else
        for (const auto& l : layers)
            if (l.checked && l.extent) box ? box->extend(*l.extent) : void(box = l.extent);
    if (!box) return box;
    const double dx = (box->xmax - box->xmin) * 0.025, dy = (box->ymax - box->ymin) * 0.025;
    return Box{box->xmin - dx, box->ymin - dy, box->xmax + dx, box->ymax + dy};
}

void add_maplayer(CPLXMLNode* parent, const ProjectLayer& l) {
    CPLXMLNode* m = CPLCreateXMLNode(parent, CXT_Element, "maplayer");
    CPLAddXMLAttributeAndValue(m, "type", l.geometry.empty() ? "raster" : "vector");
    if (!l.geometry.empty()) CPLAddXMLAttributeAndValue(m, "geometry", l.geometry.c_str());
    if (l.extent) add_extent(m, "extent", *l.extent);
    CPLCreateXMLElementAndValue(m, "id", l.id.c_str());
    CPLCreateXMLElementAndValue(m, "datasource", l.source.c_str());
    CPLCreateXMLElementAndValue(m, "layername", l.name.c_str());
    add_spatialrefsys(CPLCreateXMLNode(m, CXT_Element, "srs"), l.srs_wkt);
    CPLXMLNode* provider = CPLCreateXMLElementAndValue(m, "provider", l.provider.c_str());
    if (l.provider == "ogr") CPLAddXMLAttributeAndValue(provider, "encoding", "UTF-8");
    if (!l.qml.empty()) embed_style(m, l.qml, quote_value(l.name));
}

CPLXMLNode* add_tree_node(CPLXMLNode* parent, const char* element, const std::string& name, bool checked, bool expanded) {
    CPLXMLNode* n = CPLCreateXMLNode(parent, CXT_Element, element);
    CPLAddXMLAttributeAndValue(n, "name", name.c_str());
    CPLAddXMLAttributeAndValue(n, "checked", checked ? "Qt::Checked" : "Qt::Unchecked");
    CPLAddXMLAttributeAndValue(n, "expanded", expanded ? "1" : "0");
    return n;
}

void add_property(CPLXMLNode* properties, const char* section, const char* key, const char* type, const char* value) {
    CPLXMLNode* s = CPLGetXMLNode(properties, section);
    if (!s) s = CPLCreateXMLNode(properties, CXT_Element, section);
    CPLAddXMLAttributeAndValue(CPLCreateXMLElementAndValue(s, key, value), "type", type);
}

std::string project_xml(const std::vector<ProjectLayer>& layers, const std::string& title, const std::string& crs_wkt) {
    const XmlPtr root(CPLCreateXMLNode(nullptr, CXT_Element, "qgis"), &CPLDestroyXMLNode);
    CPLXMLNode* q = root.get();
    CPLAddXMLAttributeAndValue(q, "version", "3.22.16-Białowieża");  // the QGIS our styles are written for
    CPLAddXMLAttributeAndValue(q, "projectname", title.c_str());
    CPLAddXMLAttributeAndValue(CPLCreateXMLNode(q, CXT_Element, "homePath"), "path", "");
    CPLCreateXMLElementAndValue(q, "title", title.c_str());
    add_spatialrefsys(CPLCreateXMLNode(q, CXT_Element, "projectCrs"), crs_wkt);

    CPLXMLNode* tree = CPLCreateXMLNode(q, CXT_Element, "layer-tree-group");
    CPLXMLNode* group = nullptr;
    for (std::size_t k = 0; k < layers.size(); ++k) {
        const ProjectLayer& l = layers[k];
        if (k == 0 || layers[k - 1].group != l.group) {
            const bool any_on = std::any_of(layers.begin(), layers.end(), [&](const ProjectLayer& o) { return o.group == l.group && o.checked; });
            group = add_tree_node(tree, "layer-tree-group", l.group, any_on, l.group != "Incidents");
        }
        CPLXMLNode* n = add_tree_node(group, "layer-tree-layer", l.name, l.checked, l.group != "Incidents");
        CPLAddXMLAttributeAndValue(n, "id", l.id.c_str());
        CPLAddXMLAttributeAndValue(n, "source", l.source.c_str());
        CPLAddXMLAttributeAndValue(n, "providerKey", l.provider.c_str());
    }

    if (const std::optional<Box> extent = view_extent(layers)) {
        CPLXMLNode* canvas = CPLCreateXMLNode(q, CXT_Element, "mapcanvas");  // what QGIS desktop opens at
        CPLAddXMLAttributeAndValue(canvas, "name", "theMapCanvas");
        CPLAddXMLAttributeAndValue(canvas, "annotationsVisible", "1");
        CPLCreateXMLElementAndValue(canvas, "units", "meters");
        add_extent(canvas, "extent", *extent);
        CPLCreateXMLElementAndValue(canvas, "rotation", "0");
        add_spatialrefsys(CPLCreateXMLNode(canvas, CXT_Element, "destinationsrs"), crs_wkt);
        CPLXMLNode* view = CPLCreateXMLNode(q, CXT_Element, "ProjectViewSettings");  // the same, as QgsProject reads it
        CPLAddXMLAttributeAndValue(view, "UseProjectScales", "0");
        CPLXMLNode* def = CPLCreateXMLNode(view, CXT_Element, "DefaultViewExtent");
        for (const auto& [key, value] : {std::pair{"xmin", extent->xmin}, {"ymin", extent->ymin}, {"xmax", extent->xmax}, {"ymax", extent->ymax}})
            CPLAddXMLAttributeAndValue(def, key, format_fixed(value, 3).c_str());
        add_spatialrefsys(def, crs_wkt);
    }

    CPLXMLNode* maplayers = CPLCreateXMLNode(q, CXT_Element, "projectlayers");
    for (const auto& l : layers) add_maplayer(maplayers, l);

    CPLXMLNode* properties = CPLCreateXMLNode(q, CXT_Element, "properties");
    add_property(properties, "Paths", "Absolute", "bool", "false");  // sources relative to the project file
    add_property(properties, "SpatialRefSys", "ProjectionsEnabled", "int", "1");  // else QGIS ignores projectCrs

    char* text = CPLSerializeXMLTree(q);
    std::string out = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n";
    out += text ? text : "";
    CPLFree(text);
    return out;
}

// A .qgz is a zip holding the .qgs; GDAL's own zip writer (cpl_conv.h) makes it.
void write_qgz(const std::string& path, const std::string& inner_name, const std::string& xml, const std::string& target) {
    const auto fail = [&] { return OutputError("cannot write the QGIS project " + quote_value(target) + ": " + detail::last_gdal_error("zip error")); };
    CPLErrorReset();
    void* zip = CPLCreateZip(path.c_str(), nullptr);
    if (!zip) throw fail();
    bool ok = CPLCreateFileInZip(zip, inner_name.c_str(), nullptr) == CE_None;
    ok = ok && CPLWriteFileInZip(zip, xml.data(), static_cast<int>(xml.size())) == CE_None;
    ok = ok && CPLCloseFileInZip(zip) == CE_None;
    ok = CPLCloseZip(zip) == CE_None && ok;
    if (!ok) throw fail();
}

}  // namespace

std::string qgis_group_of(const std::string& layer, const std::vector<std::string>& area_layers) {
    static const std::map<std::string, std::string> known = {
        {"incidents", "Incidents"},         {"covered_incidents", "Incidents"},  // run; place
        {"sites", "Hotspots"},              {"hotspots", "Hotspots"},            // sites
        {"density_classes", "Hotspots"},                                         // density, run's density step
        {"emerging_hot_spots", "Hotspots"},                                      // emerging
        {"placement_sites", "Hotspots"},    {"placement_coverage", "Hotspots"}, {"candidate_gains", "Hotspots"},  // place
        {"gistar", "Statistics"},           {"lisa", "Statistics"},              // stats
    };
    if (std::find(area_layers.begin(), area_layers.end(), layer) != area_layers.end()) return "Areas";
    if (const auto it = known.find(layer); it != known.end()) return it->second;
    if (layer.starts_with("priority_") || layer == "over_representation" || layer.starts_with("rollup_")) return "Priority";
    return "Other layers";
}

std::string qgis_project_path(const std::string& gpkg) { return fs::path(gpkg).replace_extension(".qgz").string(); }

void claim_qgis_project(OutputSet& outputs, const std::string& gpkg, bool enabled) {
    if (enabled && !gpkg.empty()) outputs.claim(qgis_project_path(gpkg), OutputKind::qgis_project);
}

void write_qgis_project(const QgisProjectContent& c, OutputSet& outputs) {
    if (c.gpkg.empty()) return;
    const std::string project = qgis_project_path(c.gpkg);
    if (!outputs.claimed(project)) return;
    detail::ensure_gdal_registered();
    std::vector<ProjectLayer> layers;
    add_gpkg_layers(layers, outputs.temporary(c.gpkg), c.gpkg, project, c.area_layers);
    for (const auto& g : c.more_gpkgs) add_gpkg_layers(layers, outputs.temporary(g), g, project, c.area_layers);
    for (const auto& r : c.rasters) layers.push_back(raster_layer(outputs.temporary(r.path), r.path, r.group, outputs.temporary(qml_path(r.path)), project, layers.size()));
    if (layers.empty()) {  // tables only (stats --statistics concentration): nothing to map, so no project
        outputs.release(project);
        return;
    }
    arrange(layers, c.area_layers);
    OGRSpatialReference crs;
    if (crs.SetFromUserInput(c.crs.c_str()) != OGRERR_NONE)
        throw OutputError("cannot write the QGIS project " + quote_value(project) + ": the CRS " + quote_value(c.crs) + " is not understood");
    const std::string stem = fs::path(project).stem().string();
    write_qgz(outputs.temporary(project), stem + ".qgs", project_xml(layers, stem, wkt_of(crs)), project);
}

}  // namespace hotspot
