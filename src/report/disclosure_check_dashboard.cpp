// check-disclosure of a dashboard folder: data.json (every area's counts, months and top
// categories, as report/dashboard_json writes them) and tiles.pmtiles; the page and its
// libraries are written from templates and hold no data.
#include "detail/gdal_util.hpp"
#include "hotspot/base/text.hpp"
#include "report/disclosure_check_parts.hpp"
#include "report/disclosure_fields.hpp"

#include <cpl_json.h>

#include <cmath>
#include <filesystem>
#include <optional>

namespace fs = std::filesystem;

namespace hotspot {

namespace {

// A whole number held by a JSON value (an integer, a whole double or a string of digits, as
// integer_value reads a field); nothing for anything else.
std::optional<std::int64_t> json_count(const CPLJSONObject& v) {
    switch (v.GetType()) {
        case CPLJSONObject::Type::Integer:
        case CPLJSONObject::Type::Long: return v.ToLong();
        case CPLJSONObject::Type::Double: {
            const double d = v.ToDouble();
            if (std::floor(d) == d && std::fabs(d) < 1e15) return static_cast<std::int64_t>(d);
            return std::nullopt;
        }
        case CPLJSONObject::Type::String: {
            const std::string s = v.ToString();
            if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
            return std::stoll(s);
        }
        default: return std::nullopt;
    }
}

struct DataJsonCheck {
    const DisclosureRule& rule;
    DisclosureCheck& out;
    std::int64_t values = 0;

    void count(const std::string& layer, const std::string& where, const std::string& field, const CPLJSONObject& v) {
        const auto n = json_count(v);
        if (!n) return;
        ++values;
        if (rule.is_small(*n))
            out.breaches.push_back({"data.json/" + layer, -1, field, std::to_string(*n), "count below " + std::to_string(rule.min_count), where});
    }

    // "monthly" and "top_categories": [label, count] pairs.
    void pairs(const std::string& layer, const std::string& where, const std::string& key, const CPLJSONArray& list) {
        for (int i = 0; i < list.Size(); ++i) {
            const CPLJSONArray pair = list[i].ToArray();
            if (pair.Size() == 2) count(layer, where, key + " " + pair[0].ToString(), pair[1]);
        }
    }

    // A measure's legend: its class bounds against the values data.json shows for the measure.
    void legend(const std::string& layer, const CPLJSONObject& measure, const CPLJSONArray& areas) {
        const std::string field = measure.GetString("field");
        std::vector<double> bounds, shown;
        const CPLJSONArray classes = measure.GetArray("classes");
        for (int k = 0; k < classes.Size(); ++k)
            for (const char* bound : {"lower", "upper"}) bounds.push_back(classes[k].GetDouble(bound));
        for (int a = 0; a < areas.Size(); ++a) {
            const CPLJSONObject v = areas[a].GetObj(field);
            if (v.IsValid() && (v.GetType() == CPLJSONObject::Type::Integer || v.GetType() == CPLJSONObject::Type::Long ||
                                v.GetType() == CPLJSONObject::Type::Double))
                shown.push_back(v.ToDouble());
        }
        check_legend_bounds("data.json/" + layer, field, bounds, shown, rule, out);
    }

    void area(const std::string& layer, const CPLJSONObject& a) {
        ++out.features;
        const std::string where = "area " + a.GetString("id") + " (" + a.GetString("name") + ")";
        for (const CPLJSONObject& child : a.GetChildren()) {
            const std::string key = child.GetName();
            if (child.GetType() == CPLJSONObject::Type::Array && (key == "monthly" || key == "top_categories")) pairs(layer, where, key, child.ToArray());
            else if (is_count_name(key)) count(layer, where, key, child);
        }
    }
};

void check_data_json(const std::string& path, const DisclosureRule& rule, DisclosureCheck& out) {
    CPLJSONDocument doc;
    if (!doc.Load(path)) {
        out.checked = false;
        out.notes.push_back(path + ": cannot read as JSON: " + detail::last_gdal_error("GDAL gave no reason") + ": NOT CHECKED");
        return;
    }
    const CPLJSONObject root = doc.GetRoot();
    const CPLJSONObject below = root.GetObj("suppressed_below");
    if (!below.IsValid())
        out.breaches.push_back({"data.json", -1, "suppressed_below", "", "absent: the dashboard was not written with --audience public"});
    else if (below.ToInteger() < rule.min_count)
        out.breaches.push_back({"data.json", -1, "suppressed_below", std::to_string(below.ToInteger()),
                                "protected with a lower threshold than " + std::to_string(rule.min_count)});
    const CPLJSONArray layers = root.GetArray("layers");
    if (!layers.IsValid()) {
        out.checked = false;
        out.notes.push_back(path + ": no \"layers\" array, so not a dashboard's data.json: NOT CHECKED");
        return;
    }
    DataJsonCheck check{rule, out};
    for (int i = 0; i < layers.Size(); ++i) {
        const CPLJSONObject layer = layers[i];
        const CPLJSONArray measures = layer.GetArray("measures"), areas = layer.GetArray("areas");
        for (int k = 0; k < measures.Size(); ++k) check.legend(layer.GetString("name"), measures[k], areas);
        for (int k = 0; k < areas.Size(); ++k) check.area(layer.GetString("name"), areas[k]);
    }
    out.notes.push_back(path + ": " + std::to_string(check.values) + " counts of " + std::to_string(layers.Size()) +
                        " layers read (each area's counts, months and top categories; legend bounds against the values shown); the months are not audited against the "
                        "headline count they add up to");
}

}  // namespace

bool is_dashboard_folder(const std::string& path) {
    std::error_code ec;
    return fs::is_directory(path, ec) && (fs::exists(fs::path(path) / "data.json", ec) || fs::exists(fs::path(path) / "tiles.pmtiles", ec));
}

void check_dashboard_folder(const std::string& dir, const DisclosureRule& rule, DisclosureCheck& out) {
    const fs::path data = fs::path(dir) / "data.json", tiles = fs::path(dir) / "tiles.pmtiles";
    std::string unread;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name != "data.json" && name != "tiles.pmtiles") unread += (unread.empty() ? "" : ", ") + name;
    }
    for (const fs::path& part : {data, tiles})
        if (!fs::exists(part)) {
            out.checked = false;
            out.notes.push_back(dir + ": no " + part.filename().string() + " in the dashboard folder: NOT CHECKED");
        }
    if (fs::exists(data)) check_data_json(data.string(), rule, out);
    if (fs::exists(tiles)) {
        DisclosureCheck t;
        check_pmtiles(tiles.string(), rule, t);
        for (auto& b : t.breaches) {
            b.layer = "tiles.pmtiles/" + b.layer;
            out.breaches.push_back(std::move(b));
        }
        out.notes.insert(out.notes.end(), t.notes.begin(), t.notes.end());
        out.checked = out.checked && t.checked;
        out.features += t.features;
    }
    if (!unread.empty()) out.notes.push_back(dir + ": not read (the page and its libraries; style.json repeats data.json's legend classes): " + unread);
}

}  // namespace hotspot
