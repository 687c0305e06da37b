#include "publish/extra_fields.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

namespace hotspot::detail {

void declare_extra_fields(LayerWriter& w, const std::vector<AttributeColumn>& extra, const std::string& layer) {
    for (const auto& c : extra) {
        if (w.has_field(c.name))
            throw ConfigError("the joined attribute " + quote_value(c.name) + " has the name of a field the output layer " + quote_value(layer) +
                              " already has: join a column with another name");
        w.field(c.name, c.type == AttributeType::integer ? OFTInteger64 : c.type == AttributeType::real ? OFTReal : OFTString);
    }
}

void set_extra_fields(OGRFeature& f, const std::vector<AttributeColumn>& extra, std::size_t area) {
    for (const auto& c : extra) {
        const int i = f.GetFieldIndex(c.name.c_str());
        if (c.type == AttributeType::text) {
            if (c.text[area]) f.SetField(i, c.text[area]->c_str());
            else f.SetFieldNull(i);
        } else if (!c.number[area]) {
            f.SetFieldNull(i);
        } else if (c.type == AttributeType::integer) {
            f.SetField(i, static_cast<GIntBig>(*c.number[area]));
        } else {
            f.SetField(i, *c.number[area]);
        }
    }
}

}  // namespace hotspot::detail
