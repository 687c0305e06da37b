// data.json and style.json of the dashboard, both from the DashboardLayers read from the run.
#include "hotspot/report/dashboard.hpp"

#include <cpl_json.h>

namespace hotspot {

namespace {

void add_optional(CPLJSONObject& o, const std::string& key, const std::optional<double>& v) {
    if (v) o.Add(key, *v);
    else o.AddNull(key);
}
void add_optional(CPLJSONObject& o, const std::string& key, const std::optional<std::int64_t>& v) {
    if (v) o.Add(key, static_cast<GInt64>(*v));
    else o.AddNull(key);
}

CPLJSONArray pairs(const std::vector<std::pair<std::string, std::int64_t>>& values) {
    CPLJSONArray out;
    for (const auto& [k, n] : values) {
        CPLJSONArray pair;
        pair.Add(k);
        pair.Add(static_cast<GInt64>(n));
        out.Add(pair);
    }
    return out;
}

CPLJSONObject measure_json(const DashboardMeasure& m) {
    CPLJSONObject o;
    o.Add("field", m.field);
    o.Add("title", m.title);
    o.Add("qgis_default", m.qgis_default);
    CPLJSONArray classes;
    for (const auto& c : m.classes) {
        CPLJSONObject k;
        k.Add("lower", c.lower);
        k.Add("upper", c.upper);
        k.Add("label", c.label);
        k.Add("color", c.color);
        k.Add("opacity", c.opacity);
        classes.Add(k);
    }
    o.Add("classes", classes);
    return o;
}

CPLJSONObject area_json(const DashboardArea& a) {
    CPLJSONObject o;
    o.Add("id", a.id);
    o.Add("name", a.name);
    add_optional(o, "population", a.population);
    add_optional(o, "count", a.count);
    add_optional(o, "rate_per_1000", a.rate_per_1000);
    add_optional(o, "change_pct", a.change_pct);
    add_optional(o, "base_count", a.base_count);
    add_optional(o, "current_count", a.current_count);
    if (a.rank) o.Add("rank", *a.rank);
    else o.AddNull("rank");
    o.Add("monthly", pairs(a.monthly));
    o.Add("top_categories", pairs(a.top_categories));
    return o;
}

// The filter of one legend class: lower < v <= upper, or lower <= v <= upper for the first
// (QGIS puts a value in the first range that holds it; the ranges share their bounds).
CPLJSONArray class_filter(const std::string& field, const LegendClass& c, bool first) {
    CPLJSONArray all, has, get, low, lowget, high, highget;
    all.Add("all");
    get.Add("get");
    get.Add(field);
    has.Add("has");
    has.Add(field);
    all.Add(has);
    lowget.Add("get");
    lowget.Add(field);
    low.Add(first ? ">=" : ">");
    low.Add(lowget);
    low.Add(c.lower);
    highget.Add("get");
    highget.Add(field);
    high.Add("<=");
    high.Add(highget);
    high.Add(c.upper);
    all.Add(low);
    all.Add(high);
    return all;
}

// Areas without a value of the measure (none, or suppressed in a public dashboard): the tiles
// leave a NULL field out, so "not has". Drawn hatched, unlike every class colour.
CPLJSONArray no_value_filter(const std::string& field) {
    CPLJSONArray has, out;
    has.Add("has");
    has.Add(field);
    out.Add("!");
    out.Add(has);
    return out;
}

}  // namespace

std::string dashboard_data_json(const std::vector<DashboardLayer>& layers, const std::string& title, const std::string& run_id,
                                int suppressed_below) {
    CPLJSONObject root;
    root.Add("title", title);
    root.Add("run_id", run_id);
    if (suppressed_below > 0) root.Add("suppressed_below", suppressed_below);
    CPLJSONArray out;
    for (const auto& l : layers) {
        CPLJSONObject o;
        o.Add("name", l.name);
        o.Add("headline_period", l.headline_period);
        o.Add("headline_label", l.headline_label);
        o.Add("base_period", l.base_period);
        o.Add("current_period", l.current_period);
        CPLJSONObject titles;
        titles.Add("count", l.count_title);
        titles.Add("rate_per_1000", l.rate_title);
        titles.Add("change_pct", l.change_title);
        titles.Add("rank", l.rank_title);
        titles.Add("population", l.population_title);
        o.Add("titles", titles);
        CPLJSONArray bounds;
        for (double v : {l.west, l.south, l.east, l.north}) bounds.Add(v);
        o.Add("bounds", bounds);
        CPLJSONArray measures, areas;
        for (const auto& m : l.measures) measures.Add(measure_json(m));
        for (const auto& a : l.areas) areas.Add(area_json(a));
        o.Add("measures", measures);
        o.Add("areas", areas);
        out.Add(o);
    }
    root.Add("layers", out);
    return root.Format(CPLJSONObject::PrettyFormat::Plain) + "\n";
}

std::string dashboard_style_json(const std::vector<DashboardLayer>& layers, const std::string& tiles_url) {
    CPLJSONObject root;
    root.Add("version", 8);
    root.Add("name", "hotspot dashboard");
    CPLJSONObject sources, source;
    source.Add("type", "vector");
    source.Add("url", tiles_url);
    sources.Add("hotspot", source);
    root.Add("sources", sources);
    CPLJSONArray style_layers;
    CPLJSONObject background, background_paint;
    background.Add("id", "background");
    background.Add("type", "background");
    background_paint.Add("background-color", "#f4f4f2");
    background.Add("paint", background_paint);
    style_layers.Add(background);
    for (std::size_t li = 0; li < layers.size(); ++li) {
        const auto& l = layers[li];
        bool shown = false;
        for (const auto& m : l.measures) {
            const bool visible = li == 0 && (m.qgis_default || (&m == &l.measures.back() && !shown));
            shown = shown || visible;
            const auto fill = [&](const std::string& id, const CPLJSONArray& filter, const CPLJSONObject& paint, const std::string& label) {
                CPLJSONObject s, layout, meta;
                s.Add("id", l.name + "/" + m.field + "/" + id);
                s.Add("type", "fill");
                s.Add("source", "hotspot");
                s.Add("source-layer", l.name);
                s.Add("filter", filter);
                s.Add("paint", paint);
                layout.Add("visibility", visible ? "visible" : "none");
                s.Add("layout", layout);
                meta.Add("hotspot:layer", l.name);
                meta.Add("hotspot:measure", m.field);
                meta.Add("hotspot:label", label);
                s.Add("metadata", meta);
                style_layers.Add(s);
            };
            for (std::size_t k = 0; k < m.classes.size(); ++k) {
                CPLJSONObject paint;
                paint.Add("fill-color", m.classes[k].color);
                paint.Add("fill-opacity", m.classes[k].opacity);
                fill(std::to_string(k), class_filter(m.field, m.classes[k], k == 0), paint, m.classes[k].label);
            }
            CPLJSONObject hatched;
            hatched.Add("fill-pattern", no_value_pattern);
            fill("no-value", no_value_filter(m.field), hatched, "no value");
        }
        CPLJSONObject outline, paint, layout;
        outline.Add("id", l.name + "/outline");
        outline.Add("type", "line");
        outline.Add("source", "hotspot");
        outline.Add("source-layer", l.name);
        paint.Add("line-color", "#5a5a5a");
        paint.Add("line-width", 0.8);
        outline.Add("paint", paint);
        layout.Add("visibility", li == 0 ? "visible" : "none");
        outline.Add("layout", layout);
        style_layers.Add(outline);
    }
    root.Add("layers", style_layers);
    return root.Format(CPLJSONObject::PrettyFormat::Pretty) + "\n";
}

}  // namespace hotspot
