#include "hotspot/publish/sites_output.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/styles.hpp"
#include "publish/csv_text.hpp"
#include "publish/gpkg_writer.hpp"

#include <ogr_spatialref.h>

#include <sstream>

namespace hotspot {

using detail::csv_field;
using detail::LayerWriter;

namespace {

std::string joined(const std::map<std::string, std::uint64_t>& counts) {
    std::string s;
    for (const auto& [k, n] : counts) s += (s.empty() ? "" : "; ") + k + " " + std::to_string(n);
    return s;
}

std::string all_areas(const PlaceSummary& s, const std::string& layer) {
    const auto it = s.areas.find(layer);
    std::string out;
    if (it != s.areas.end())
        for (const auto& n : it->second) out += (out.empty() ? "" : "; ") + n;
    return out;
}

using detail::csv_field;

void write_summary_fields(OGRFeature& f, const PlaceSummary& s, const std::vector<std::string>& layers) {
    f.SetField("place", s.place_name.c_str());
    f.SetField("incidents", static_cast<GIntBig>(s.incidents));
    f.SetField("weighted_incidents", s.weighted);
    f.SetField("by_source", joined(s.by_source).c_str());
    f.SetField("by_category", joined(s.by_category).c_str());
    for (const auto& l : layers) f.SetField((l + "_names").c_str(), all_areas(s, l).c_str());
}

void declare_summary_fields(LayerWriter& w, const std::vector<std::string>& layers) {
    w.field("place", OFTString);
    w.field("incidents", OFTInteger64);
    w.field("weighted_incidents", OFTReal);
    w.field("by_source", OFTString);
    w.field("by_category", OFTString);
    for (const auto& l : layers) w.field(l + "_names", OFTString);
}

std::string centre_area(const Site& s, const std::string& layer) {
    const auto it = s.centre_area.find(layer);
    return it == s.centre_area.end() ? "" : it->second;
}

void set_wkb_geometry(OGRFeature& f, const std::string& wkb) {
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size());
    if (g) f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g));
}

std::vector<std::string> layer_names(const SitesResult& r) {
    std::vector<std::string> out;
    if (!r.sites.empty())
        for (const auto& [layer, names] : r.sites.front().summary.areas) out.push_back(layer);
    return out;
}

}  // namespace

void write_sites_geopackage(const SitesResult& r, const SitesConfig& c, const std::string& crs, const RunReport& report,
                            const std::string& path, const std::string& target) {
    detail::write_gpkg(path, target, crs, [&](GDALDataset& ds, const OGRSpatialReference& srs) {
        const auto layers = layer_names(r);

        const std::string share = "; share_pct: % of " + r.share_denominator;
        LayerWriter s(ds, "sites", wkbMultiPolygon, &srs,
                      "Ranked sites: circles of " + format_fixed(c.sites.radius_m, 0) + " m around surface peaks, clipped to " +
                          r.within_description + "; counts: incidents inside the clipped circle" + share);
        s.field("rank", OFTInteger);
        for (const auto& l : layers) s.field(l, OFTString);  // the area holding the centre
        s.field("easting", OFTReal);
        s.field("northing", OFTReal);
        s.field("radius_m", OFTReal);
        s.field("peak_density", OFTReal);
        s.field("share_pct", OFTReal);
        s.field("area_m2", OFTReal);
        declare_summary_fields(s, layers);
        s.field("why", OFTString);
        s.begin();
        for (const Site& site : r.sites) {
            OGRFeature& f = s.row();
            f.SetField("rank", static_cast<int>(site.rank));
            f.SetField("easting", site.x);
            f.SetField("northing", site.y);
            f.SetField("radius_m", c.sites.radius_m);
            f.SetField("peak_density", site.peak);
            f.SetField("share_pct", site.share_pct);
            f.SetField("area_m2", site.area_m2);
            for (const auto& l : layers) f.SetField(l.c_str(), centre_area(site, l).c_str());
            write_summary_fields(f, site.summary, layers);
            f.SetField("why", site.why.c_str());
            if (site.wkb.empty()) {
                OGRPoint centre(site.x, site.y);
                f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(centre.Buffer(c.sites.radius_m, 16)));
            } else {
                set_wkb_geometry(f, site.wkb);
            }
            s.commit();
        }
        s.end();

        LayerWriter h(ds, "hotspots", wkbMultiPolygon, &srs,
                      "Connected cells above the threshold (" + r.hotspots.threshold_detail + "), clipped to " + r.within_description + " (" +
                          std::to_string(r.hotspots.outside_chosen) + " wholly outside dropped)" + share);
        h.field("rank", OFTInteger);
        h.field("area_m2", OFTReal);
        h.field("cells", OFTInteger);
        h.field("peak_density", OFTReal);
        h.field("share_pct", OFTReal);
        h.field("pai", OFTReal);
        declare_summary_fields(h, layers);
        h.begin();
        std::vector<double> weighted;
        for (const Hotspot& hs : r.hotspots.hotspots) {
            OGRFeature& f = h.row();
            f.SetField("rank", static_cast<int>(hs.rank));
            f.SetField("area_m2", hs.area_m2);
            f.SetField("cells", static_cast<int>(hs.cells));
            f.SetField("peak_density", hs.peak);
            f.SetField("share_pct", hs.share_pct);
            f.SetField("pai", hs.pai);
            write_summary_fields(f, hs.summary, layers);
            set_wkb_geometry(f, hs.wkb);
            h.commit();
            weighted.push_back(hs.summary.weighted);
        }
        h.end();

        // A table, not a map layer: it is often empty, and the areas' own layer draws them.
        LayerWriter w(ds, "areas_without_site", wkbNone, nullptr, "Chosen areas (" + r.within_description + ") no site's centre lies in, and why");
        w.field("layer", OFTString);
        w.field("area_id", OFTString);
        w.field("area_name", OFTString);
        w.field("incidents", OFTInteger64);
        w.field("peak_density", OFTReal);
        w.field("reason", OFTString);
        w.begin();
        for (const AreaWithoutSite& a : r.areas_without_site) {
            OGRFeature& f = w.row();
            f.SetField("layer", a.layer.c_str());
            f.SetField("area_id", a.id.c_str());
            f.SetField("area_name", a.name.c_str());
            f.SetField("incidents", static_cast<GIntBig>(a.incidents));
            f.SetField("peak_density", a.peak);
            f.SetField("reason", a.reason.c_str());
            w.commit();
        }
        w.end();

        std::vector<detail::ReportRow> rows;
        for (const auto& e : report.entries()) rows.push_back({e.section, e.key, e.value});
        detail::write_report_table(ds, rows, "Inputs, parameters, counters and version of this run");
        ChoroplethStyle hotspots_style;
        hotspots_style.attribute = "weighted_incidents";
        hotspots_style.title = legend_title("Incidents in the hotspot", "", "weighted_incidents: incidents times their weights");
        detail::write_layer_styles(ds, {{"sites", sites_qml("rank")}, {"hotspots", areas_qml(hotspots_style, weighted)}});
    });
}

void write_sites_csv(const SitesResult& r, const std::string& path, const std::string& target) {
    std::ostringstream out;
    const auto layers = layer_names(r);
    out << "rank,place";
    for (const auto& l : layers) out << "," << l;
    out << ",incidents,weighted_incidents,share_pct,share_denominator,by_source,by_category,easting,northing,area_m2,peak_density,why\n";
    for (const Site& s : r.sites) {
        out << s.rank << "," << csv_field(s.summary.place_name);
        for (const auto& l : layers) out << "," << csv_field(centre_area(s, l));
        out << "," << s.summary.incidents << "," << format_fixed(s.summary.weighted, 2) << "," << format_fixed(s.share_pct, 2) << ","
            << csv_field(r.share_denominator) << "," << csv_field(joined(s.summary.by_source)) << "," << csv_field(joined(s.summary.by_category))
            << "," << format_fixed(s.x, 1) << "," << format_fixed(s.y, 1) << "," << format_fixed(s.area_m2, 1) << "," << format_fixed(s.peak, 4)
            << "," << csv_field(s.why) << "\n";
    }
    write_text_file(path, out.str(), target);  // every write, the fsync and the close checked
}

void write_surface_classes(const std::vector<SurfaceClass>& classes, const std::string& crs,
                           const std::vector<std::pair<std::string, std::string>>& parameters, const std::string& path,
                           const std::string& target) {
    detail::write_gpkg(path, target, crs, [&](GDALDataset& ds, const OGRSpatialReference& srs) {
        LayerWriter w(ds, "density_classes", wkbMultiPolygon, &srs, "Cells of the density surface by class: the top 1 %, 5 %, ... of cells above zero");
        w.field("class", OFTString);
        w.field("top_pct", OFTReal);
        w.field("heat", OFTInteger);  // 1 = coolest class ... n = hottest, for the style
        w.field("threshold", OFTReal);
        w.field("cells", OFTInteger);
        w.field("rule", OFTString);
        w.begin();
        std::vector<double> heat;
        for (std::size_t k = 0; k < classes.size(); ++k) {
            const SurfaceClass& c = classes[k];
            OGRFeature& f = w.row();
            f.SetField("class", ("top " + format_fixed(c.top_pct, 1) + "%").c_str());
            f.SetField("top_pct", c.top_pct);
            f.SetField("heat", static_cast<int>(classes.size() - k));
            f.SetField("threshold", c.threshold);
            f.SetField("cells", static_cast<int>(c.cells));
            f.SetField("rule", c.detail.c_str());
            OGRGeometry* g = nullptr;
            OGRGeometryFactory::createFromWkb(c.wkb.data(), nullptr, &g, c.wkb.size());
            if (g) f.SetGeometryDirectly(g);
            w.commit();
            heat.push_back(static_cast<double>(classes.size() - k));
        }
        w.end();
        std::vector<detail::ReportRow> rows;
        for (const auto& [k, v] : parameters) rows.push_back({"parameter", k, v});
        detail::write_report_table(ds, rows, "Parameters of the surface these classes come from");
        ChoroplethStyle heat_style;
        heat_style.attribute = "heat";
        heat_style.title = legend_title("Density class", "", "heat: 1 = coolest");
        detail::write_layer_styles(ds, {{"density_classes", areas_qml(heat_style, heat)}});
    });
}

}  // namespace hotspot
