#pragma once
// The [attributes.NAME] sections and --attributes: attribute tables joined to area layers
// by code (see read/attribute_table.hpp). Kept apart from config.cpp, which calls these.
#include "hotspot/read/attribute_table.hpp"

#include <string>
#include <vector>

namespace hotspot {

// One "attributes.NAME.FIELD = value" setting: layer, path, key, fields ("a;b:real;c:text"),
// population. Throws ConfigError for an unknown field.
void apply_attributes_setting(AttributeTableSpec& spec, const std::string& field, const std::string& key, const std::string& value,
                              const std::string& path);
// The sections as INI text (absolute paths), for the run report.
std::string attributes_ini(const std::vector<AttributeTableSpec>& specs);
// Each table names a path, a key and a loaded area layer.
void validate_attributes(const std::vector<AttributeTableSpec>& specs, const std::vector<std::string>& area_layers);
// The section name --attributes LAYER=... gets: the layer's name, then LAYER_2, LAYER_3, ...
std::string attributes_name_for(const std::vector<AttributeTableSpec>& specs, const std::string& layer);

}  // namespace hotspot
