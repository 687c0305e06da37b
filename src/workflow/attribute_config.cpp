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
    else if (field == "sql") spec.sql = value;
    else if (field == "vintage_areas") spec.vintage_areas = path;
    else if (field == "vintage_id") spec.vintage_id = value;
    else if (field == "vintage_lookup") spec.vintage_lookup = path;
    else if (field == "vintage_from") spec.vintage_from = value;
    else if (field == "vintage_to") spec.vintage_to = value;
    else if (field == "absent") {
        const std::string v = lowercase(trim(value));
        if (v != "zero" && v != "missing")
            throw ConfigError("setting " + key + " = " + quote_value(value) + ": absent is zero (the table lists only areas with a count) or missing");
        spec.absent_is_zero = v == "zero";
    } else if (field == "move") {
        spec.move = lowercase(trim(value));
        if (spec.move != "counts" && spec.move != "scores")
            throw ConfigError("setting " + key + " = " + quote_value(value) +
                              ": move is counts (split among the new areas by population, added up in merges) or scores (copied to the new "
                              "areas of a split, averaged in merges)");
    }
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
    } else throw ConfigError("unknown setting " + quote_value(key) + " (attributes: layer, path, sheet, sql, key, fields, population, absent, vintage_areas, vintage_id, vintage_lookup, vintage_from, vintage_to, move)");
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
        if (!s.sql.empty()) o << "sql = " << s.sql << "\n";
        if (!s.vintage_areas.empty()) o << "vintage_areas = " << std::filesystem::absolute(s.vintage_areas).lexically_normal().string() << "\n";
        if (!s.vintage_id.empty()) o << "vintage_id = " << s.vintage_id << "\n";
        if (!s.vintage_lookup.empty()) o << "vintage_lookup = " << std::filesystem::absolute(s.vintage_lookup).lexically_normal().string() << "\n";
        if (!s.vintage_from.empty()) o << "vintage_from = " << s.vintage_from << "\n";
        if (!s.vintage_to.empty()) o << "vintage_to = " << s.vintage_to << "\n";
        if (!s.move.empty()) o << "move = " << s.move << "\n";
        if (s.absent_is_zero) o << "absent = zero\n";
    }
    return o.str();
}

namespace {

// A vintage move needs one source of links and says how values move; never guessed.
void validate_vintage(const AttributeTableSpec& s, const std::string& what) {
    const bool areas = !s.vintage_areas.empty(), lookup = !s.vintage_lookup.empty();
    if (areas && lookup) throw ConfigError(what + ": give vintage_areas (geometric best fit) or vintage_lookup (a lookup table), not both");
    if (!areas && !lookup) {
        if (!s.move.empty() || !s.vintage_id.empty() || !s.vintage_from.empty() || !s.vintage_to.empty())
            throw ConfigError(what + ": move and vintage_id/vintage_from/vintage_to need vintage_areas = PATH or vintage_lookup = PATH");
        return;
    }
    if (s.move.empty())
        throw ConfigError(what + ": values moved between vintages need move = counts (split by population, added in merges) or move = scores "
                                 "(copied in splits, averaged in merges)");
    if (areas && s.vintage_id.empty()) throw ConfigError(what + ": vintage_areas needs vintage_id = FIELD, the field holding the codes of the table's key");
    if (lookup && (s.vintage_from.empty() || s.vintage_to.empty()))
        throw ConfigError(what + ": vintage_lookup needs vintage_from = COLUMN (the table's codes) and vintage_to = COLUMN (the layer's codes)");
    if (!s.population.empty()) throw ConfigError(what + ": a population column cannot be moved between vintages (give the layer's own population)");
}

}  // namespace

void validate_attributes(const std::vector<AttributeTableSpec>& specs, const std::vector<std::string>& area_layers) {
    for (const auto& s : specs) {
        const std::string what = "attributes " + quote_value(s.name);
        if (s.path.empty()) throw ConfigError(what + " has no path");
        if (s.key.empty()) throw ConfigError(what + " has no key column (key=COLUMN)");
        if (s.fields.empty() && s.population.empty()) throw ConfigError(what + " carries nothing: give fields=a;b;c and/or population=COLUMN");
        if (s.absent_is_zero && !s.population.empty()) throw ConfigError(what + ": absent = zero cannot give an area a population of 0");
        if (!s.sql.empty() && !s.sheet.empty()) throw ConfigError(what + ": give sql or sheet, not both (the query names its own table)");
        validate_vintage(s, what);
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
