#pragma once
// The attributes joined to an area layer (geo/attribute_join) as fields of an output layer:
// declared after the layer's own fields, set per area. Used by every writer of area layers
// (the run GeoPackage's area layers, stats units that are areas), so tiles made from them
// carry the fields too.
#include "hotspot/geo/areas.hpp"
#include "publish/gpkg_writer.hpp"

namespace hotspot::detail {

// Integer -> Integer64, real -> Real, text -> String. A name the layer already has (ignoring
// case) is a ConfigError naming both.
void declare_extra_fields(LayerWriter& w, const std::vector<AttributeColumn>& extra, const std::string& layer);
void set_extra_fields(OGRFeature& f, const std::vector<AttributeColumn>& extra, std::size_t area);

}  // namespace hotspot::detail
