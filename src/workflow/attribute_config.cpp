#include "hotspot/workflow/attribute_config.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <filesystem>
#include <sstream>

namespace hotspot {

void apply_attributes_setting(AttributeTableSpec& spec, const std::string& field, const std::string& key, const std::string& value,
                              const std::string& path) {
    if (field == "path") spec.path = path;
    else if (field == "layer") spec.layer = value;
    else if (field == "key") spec.key = value;
    else if (field == "sheet") spec.sheet = value;
    else if (field == "population") spec.population = value;
    else if (field == "fields") {
        spec.fields.clear();
        for (const auto& part : split(value, ';')) {
            const std::string f(trim(part));
            if (f.empty()) continue;
            const auto colon = f.rfind(':');
            AttributeField a;
            a.column = colon == std::string::npos ? f : std::string(trim(f.substr(0, colon)));
            if (colon != std::string::npos) a.type = parse_attribute_type("setting " + key + ": type of " + quote_value(a.column), f.substr(colon + 1));
            if (a.column.empty()) throw ConfigError("setting " + key + " = " + quote_value(value) + ": a field has no column name");
            spec.fields.push_back(a);
        }
    } else throw ConfigError("unknown setting " + quote_value(key) + " (attributes: layer, path, sheet, key, fields, population)");
}

std::string attributes_ini(const std::vector<AttributeTableSpec>& specs) {
    std::ostringstream o;
    for (const auto& s : specs) {
        o << "\n[attributes." << s.name << "]\n";
        o << "layer = " << s.layer << "\n";
        if (!s.path.empty()) o << "path = " << std::filesystem::absolute(s.path).lexically_normal().string() << "\n";
        if (!s.sheet.empty()) o << "sheet = " << s.sheet << "\n";
        o << "key = " << s.key << "\n";
        std::string fields;
        for (const auto& f : s.fields)
            fields += (fields.empty() ? "" : ";") + f.column + (f.type == AttributeType::automatic ? "" : std::string(":") + to_string(f.type));
        if (!fields.empty()) o << "fields = " << fields << "\n";
        if (!s.population.empty()) o << "population = " << s.population << "\n";
    }
    return o.str();
}

void validate_attributes(const std::vector<AttributeTableSpec>& specs, const std::vector<std::string>& area_layers) {
    for (const auto& s : specs) {
        const std::string what = "attributes " + quote_value(s.name);
        if (s.path.empty()) throw ConfigError(what + " has no path");
        if (s.key.empty()) throw ConfigError(what + " has no key column (key=COLUMN)");
        if (s.fields.empty() && s.population.empty()) throw ConfigError(what + " carries nothing: give fields=a;b;c and/or population=COLUMN");
        std::string known;
        bool found = false;
        for (const auto& l : area_layers) {
            found = found || l == s.layer;
            known += (known.empty() ? "" : ", ") + l;
        }
        if (!found)
            throw ConfigError(what + ": " + (s.layer.empty() ? std::string("no layer given") : "layer " + quote_value(s.layer) + " is not an area layer") +
                              " (area layers: " + (known.empty() ? "none" : known) + ")");
    }
}

std::string attributes_name_for(const std::vector<AttributeTableSpec>& specs, const std::string& layer) {
    const auto used = [&](const std::string& n) {
        for (const auto& s : specs)
            if (s.name == n) return true;
        return false;
    };
    std::string name = layer;
    for (int k = 2; used(name); ++k) name = layer + "_" + std::to_string(k);
    return name;
}

}  // namespace hotspot
