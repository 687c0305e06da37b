// SVG maps of a tasking pack (see svg_map.hpp).
#include "hotspot/report/svg_map.hpp"

#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "publish/svg_text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace hotspot::report {

namespace {

using detail::svg_escape;

constexpr double map_width_px = 680;

// Metres to pixels for one view (y grows downwards on screen).
struct View {
    double x0, y0, x1, y1, scale, width, height;
    double px(double x) const { return (x - x0) * scale; }
    double py(double y) const { return (y1 - y) * scale; }
    bool touches(const Shape& s) const { return !s.rings.empty() && s.x1 >= x0 && s.x0 <= x1 && s.y1 >= y0 && s.y0 <= y1; }
    bool holds(double x, double y) const { return x >= x0 && x <= x1 && y >= y0 && y <= y1; }
};

View make_view(double x0, double y0, double x1, double y1, double max_height_px) {
    const double w = std::max(x1 - x0, 1.0), h = std::max(y1 - y0, 1.0);
    const double scale = std::min(map_width_px / w, max_height_px / h);
    // Widen the shorter side so the map fills its box without distortion.
    const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, half_w = map_width_px / scale / 2, half_h = std::min(max_height_px, h * scale) / scale / 2;
    return {cx - half_w, cy - half_h, cx + half_w, cy + half_h, scale, map_width_px, std::round(2 * half_h * scale)};
}

std::string num(double v) { return format_fixed(std::round(v * 10) / 10, 1); }

std::string path_of(const View& v, const Shape& s) {
    std::string d;
    for (const Ring& r : s.rings) {
        for (std::size_t i = 0; i < r.size(); ++i) d += (i ? " L" : "M") + num(v.px(r[i].x)) + " " + num(v.py(r[i].y));
        d += " Z ";
    }
    return d;
}

void shape(std::ostream& o, const View& v, const Shape& s, const std::string& style) {
    if (v.touches(s)) o << "<path fill-rule=\"evenodd\" d=\"" << path_of(v, s) << "\" " << style << "/>\n";
}

std::string length_label(double m) { return m >= 1000 ? format_fixed(m / 1000, m >= 10000 ? 0 : (std::fmod(m, 1000) == 0 ? 0 : 1)) + " km" : format_fixed(m, 0) + " m"; }

// Scale bar (bottom left) and north arrow (top right): grid north, the CRS's y axis.
void furniture(std::ostream& o, const View& v) {
    const double len = scale_bar_length(v.x1 - v.x0), px = len * v.scale, y = v.height - 14;
    o << "<g class=\"scale-bar\" data-metres=\"" << format_fixed(len, 0) << "\" data-pixels=\"" << num(px) << "\">"
      << "<rect x=\"10\" y=\"" << num(y - 20) << "\" width=\"" << num(px + 20) << "\" height=\"28\" fill=\"white\" fill-opacity=\"0.8\"/>"
      << "<path d=\"M20 " << num(y - 6) << " V" << num(y) << " H" << num(20 + px) << " V" << num(y - 6) << "\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>"
      << "<text x=\"" << num(20 + px / 2) << "\" y=\"" << num(y - 9) << "\" text-anchor=\"middle\" font-size=\"12\">" << length_label(len) << "</text></g>\n";
    const double ax = v.width - 26;
    o << "<g class=\"north-arrow\"><rect x=\"" << num(ax - 14) << "\" y=\"4\" width=\"28\" height=\"44\" fill=\"white\" fill-opacity=\"0.8\"/>"
      << "<path d=\"M" << num(ax) << " 22 L" << num(ax - 8) << " 44 L" << num(ax) << " 38 L" << num(ax + 8) << " 44 Z\" fill=\"#000\"/>"
      << "<text x=\"" << num(ax) << "\" y=\"19\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">N</text></g>\n";
}

void open_svg(std::ostream& o, const View& v, const std::string& kind, const std::string& title) {
    o << "<svg class=\"map\" data-map=\"" << kind << "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << num(v.width) << " " << num(v.height)
      << "\" role=\"img\" aria-label=\"" << svg_escape(title) << "\"><title>" << svg_escape(title) << "</title>\n"
      << "<defs><clipPath id=\"clip-" << kind << "\"><rect width=\"" << num(v.width) << "\" height=\"" << num(v.height) << "\"/></clipPath></defs>\n"
      << "<rect width=\"" << num(v.width) << "\" height=\"" << num(v.height) << "\" fill=\"#f7f7f4\" stroke=\"#999\"/>\n<g clip-path=\"url(#clip-" << kind << ")\">\n";
}

void area_lines(std::ostream& o, const View& v, const PackInputs& in) {
    for (const PackArea& a : in.areas) shape(o, v, a.shape, "fill=\"none\" stroke=\"#8a8a8a\" stroke-width=\"1\"");
}

// Names last, over the sites and dots, with a white halo: drawn first they hid under the markers.
void area_labels(std::ostream& o, const View& v, const PackInputs& in) {
    for (const PackArea& a : in.areas) {
        if (!v.touches(a.shape)) continue;
        const double x = (a.shape.x0 + a.shape.x1) / 2, y = (a.shape.y0 + a.shape.y1) / 2;
        if (!v.holds(x, y)) continue;  // a name cut at the edge reads as another name
        o << "<text class=\"area-label\" x=\"" << num(v.px(x)) << "\" y=\"" << num(v.py(y)) << "\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\" "
          << "stroke=\"white\" stroke-width=\"3\" stroke-opacity=\"0.85\" paint-order=\"stroke\">" << svg_escape(a.name)
          << "</text>\n";
    }
}

void rank_badge(std::ostream& o, const View& v, const PackSite& s, double r) {
    o << "<circle cx=\"" << num(v.px(s.easting)) << "\" cy=\"" << num(v.py(s.northing)) << "\" r=\"" << num(r) << "\" fill=\"#b00020\" stroke=\"white\"/>"
      << "<text x=\"" << num(v.px(s.easting)) << "\" y=\"" << num(v.py(s.northing) + r * 0.4) << "\" text-anchor=\"middle\" font-size=\"" << num(r * 1.1)
      << "\" fill=\"white\" font-weight=\"bold\">" << s.rank << "</text>\n";
}

// One dot per distinct location with its number of incidents.
void dots(std::ostream& o, const View& v, const std::map<std::pair<double, double>, int>& at, const std::string& colour, const std::string& cls) {
    o << "<g class=\"" << cls << "\" fill=\"" << colour << "\" fill-opacity=\"0.75\" stroke=\"white\" stroke-width=\"0.5\">";
    for (const auto& [xy, n] : at)
        o << "<circle cx=\"" << num(v.px(xy.first)) << "\" cy=\"" << num(v.py(xy.second)) << "\" r=\"" << num(std::min(2.5 * std::sqrt(n), 14.0))
          << "\" data-n=\"" << n << "\"/>";
    o << "</g>\n";
}

}  // namespace

double scale_bar_length(double view_m) {
    const double target = view_m / 5, mag = std::pow(10.0, std::floor(std::log10(target)));
    double best = mag;
    for (double f : {1.0, 2.0, 5.0})
        if (f * mag <= target) best = f * mag;
    return best;
}

std::string overview_map(const PackInputs& in) {
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const PackSite& s : in.sites.sites)
        x0 = std::min(x0, s.easting - s.radius_m), y0 = std::min(y0, s.northing - s.radius_m), x1 = std::max(x1, s.easting + s.radius_m),
        y1 = std::max(y1, s.northing + s.radius_m);
    for (const PackHotspot& h : in.sites.hotspots) x0 = std::min(x0, h.shape.x0), y0 = std::min(y0, h.shape.y0), x1 = std::max(x1, h.shape.x1), y1 = std::max(y1, h.shape.y1);
    const double pad = std::max({(x1 - x0) * 0.08, (y1 - y0) * 0.08, 300.0});
    const View v = make_view(x0 - pad, y0 - pad, x1 + pad, y1 + pad, 820);
    std::ostringstream o;
    open_svg(o, v, "overview", std::string(tasking_pack_marker) + ", overview: " + std::to_string(in.sites.sites.size()) + " sites (numbered by rank) and hotspots over the " + in.area_layer);
    for (const PackHotspot& h : in.sites.hotspots) shape(o, v, h.shape, "fill=\"#f39c12\" fill-opacity=\"0.45\" stroke=\"#d35400\" stroke-width=\"1\"");
    area_lines(o, v, in);
    for (const PackSite& s : in.sites.sites) shape(o, v, s.shape, "fill=\"#b00020\" fill-opacity=\"0.12\" stroke=\"#b00020\" stroke-width=\"1.5\"");
    for (const PackSite& s : in.sites.sites) rank_badge(o, v, s, 9);
    area_labels(o, v, in);
    o << "</g>\n";
    furniture(o, v);
    o << "</svg>\n";
    return o.str();
}

std::string site_map(const PackInputs& in, const PackFigures& f, std::size_t k, bool incidents) {
    const PackSite& s = in.sites.sites[k];
    const double half = std::max(2.2 * s.radius_m, 250.0);
    const View v = make_view(s.easting - half, s.northing - half, s.easting + half, s.northing + half, 520);
    std::ostringstream o;
    open_svg(o, v, "site-" + std::to_string(s.rank), "Site " + std::to_string(s.rank) + ": " + s.place);
    for (const PackHotspot& h : in.sites.hotspots) shape(o, v, h.shape, "fill=\"#f39c12\" fill-opacity=\"0.35\" stroke=\"#d35400\" stroke-width=\"1\"");
    area_lines(o, v, in);
    if (incidents) {
        std::map<std::pair<double, double>, int> earlier, now;
        const std::vector<std::string>& cats = f.categories;
        for (const PackIncident& i : in.incidents) {
            if (!v.holds(i.x, i.y) || (!cats.empty() && std::find(cats.begin(), cats.end(), i.category) == cats.end())) continue;
            ++(i.month >= f.window.now_first ? now : earlier)[{i.x, i.y}];
        }
        dots(o, v, earlier, "#7f7f7f", "incidents-earlier");
        dots(o, v, now, "#d7191c", "incidents-now");
    }
    for (const PackSite& other : in.sites.sites)
        shape(o, v, other.shape, other.rank == s.rank ? "fill=\"none\" stroke=\"#b00020\" stroke-width=\"3\"" : "fill=\"none\" stroke=\"#b00020\" stroke-width=\"1\" stroke-dasharray=\"4 3\"");
    for (const PackSite& other : in.sites.sites)
        if (other.rank != s.rank && v.holds(other.easting, other.northing)) rank_badge(o, v, other, 8);
    PackSite corner = s;  // the badge at the circle's north-west edge, off the dots at the centre
    corner.easting -= s.radius_m * 0.7071, corner.northing += s.radius_m * 0.7071;
    rank_badge(o, v, corner, 11);
    area_labels(o, v, in);
    o << "</g>\n";
    furniture(o, v);
    o << "</svg>\n";
    return o.str();
}

}  // namespace hotspot::report
