// Protobuf wire format (varint, 64-bit, length-delimited, 32-bit) as far as vector tiles use it.
#include "hotspot/publish/mvt_reader.hpp"

#include "hotspot/base/errors.hpp"
#include "publish/varint.hpp"

#include <cstring>
#include <sstream>
#include <string_view>

namespace hotspot {

namespace {

enum Wire : int { wire_varint = 0, wire_fixed64 = 1, wire_bytes = 2, wire_fixed32 = 5 };

// One protobuf message: fields read in order, each as a varint, a fixed number or bytes.
class Message {
public:
    Message(std::string_view bytes, const char* what) : b_(bytes), what_(what) {}

    bool next() {
        if (pos_ >= b_.size()) return false;
        const std::uint64_t key = varint();
        field_ = static_cast<std::uint32_t>(key >> 3);
        wire_ = static_cast<int>(key & 7);
        return true;
    }
    std::uint32_t field() const { return field_; }
    int wire() const { return wire_; }

    std::uint64_t varint() {
        std::uint64_t v = 0;
        if (!detail::read_varint(b_, pos_, v)) fail("ends inside a varint or holds one longer than 64 bits");
        return v;
    }
    std::string_view bytes() {
        expect(wire_bytes);
        const std::uint64_t n = varint();
        if (n > b_.size() - pos_) fail("has a field longer than the rest of it");
        const std::string_view v = b_.substr(pos_, n);
        pos_ += n;
        return v;
    }
    std::uint64_t fixed(int size) {
        if (static_cast<std::size_t>(size) > b_.size() - pos_) fail("ends inside a fixed-size number");
        std::uint64_t v = 0;
        for (int i = size - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b_[pos_ + static_cast<std::size_t>(i)]);
        pos_ += static_cast<std::size_t>(size);
        return v;
    }
    std::uint64_t number() {  // a varint field
        expect(wire_varint);
        return varint();
    }
    // A repeated varint field: packed (bytes) or one value.
    std::vector<std::uint64_t> varints() {
        if (wire_ == wire_varint) return {varint()};
        Message packed(bytes(), what_);
        std::vector<std::uint64_t> out;
        while (packed.pos_ < packed.b_.size()) out.push_back(packed.varint());
        return out;
    }
    void skip() {
        switch (wire_) {
            case wire_varint: varint(); break;
            case wire_fixed64: fixed(8); break;
            case wire_bytes: bytes(); break;
            case wire_fixed32: fixed(4); break;
            default: fail("has a field of wire type " + std::to_string(wire_) + " (groups are not used by vector tiles)");
        }
    }
    [[noreturn]] void fail(const std::string& what) const { throw InputError(std::string("the vector tile's ") + what_ + " " + what); }

private:
    void expect(int wire) const {
        if (wire_ != wire) fail("field " + std::to_string(field_) + " has wire type " + std::to_string(wire_) + ", expected " + std::to_string(wire));
    }
    std::string_view b_;
    const char* what_;
    std::size_t pos_ = 0;
    std::uint32_t field_ = 0;
    int wire_ = 0;
};

MvtValue read_value(std::string_view bytes) {
    Message m(bytes, "value");
    MvtValue v;
    bool set = false;
    while (m.next()) {
        set = true;
        switch (m.field()) {
            case 1: v.kind = MvtValue::Kind::text, v.text = std::string(m.bytes()); break;
            case 2: {
                if (m.wire() != wire_fixed32) m.fail("float has the wrong wire type");
                const std::uint32_t bits = static_cast<std::uint32_t>(m.fixed(4));
                float f = 0;
                std::memcpy(&f, &bits, sizeof f);
                v.kind = MvtValue::Kind::real, v.real = f;
                break;
            }
            case 3: {
                if (m.wire() != wire_fixed64) m.fail("double has the wrong wire type");
                const std::uint64_t bits = m.fixed(8);
                std::memcpy(&v.real, &bits, sizeof v.real);
                v.kind = MvtValue::Kind::real;
                break;
            }
            case 4: v.kind = MvtValue::Kind::integer, v.integer = static_cast<std::int64_t>(m.number()); break;
            case 5: {
                const std::uint64_t u = m.number();
                if (u > static_cast<std::uint64_t>(INT64_MAX)) v.kind = MvtValue::Kind::real, v.real = static_cast<double>(u);
                else v.kind = MvtValue::Kind::integer, v.integer = static_cast<std::int64_t>(u);
                break;
            }
            case 6: {
                const std::uint64_t z = m.number();  // zigzag
                v.kind = MvtValue::Kind::integer, v.integer = static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
                break;
            }
            case 7: v.kind = MvtValue::Kind::boolean, v.boolean = m.number() != 0; break;
            default: m.skip(); set = false;
        }
    }
    if (!set) m.fail("holds none of string, float, double, int, uint, sint or bool");
    return v;
}

struct RawFeature {
    MvtFeature feature;
    std::vector<std::uint64_t> tags;
};

RawFeature read_feature(std::string_view bytes) {
    Message m(bytes, "feature");
    RawFeature f;
    while (m.next()) {
        switch (m.field()) {
            case 1: f.feature.id = m.number(); break;
            case 2: {
                const auto t = m.varints();
                f.tags.insert(f.tags.end(), t.begin(), t.end());
                break;
            }
            case 3: {
                const std::uint64_t type = m.number();
                if (type > 3) m.fail("has geometry type " + std::to_string(type) + " (0..3 are defined)");
                f.feature.type = static_cast<MvtGeometry>(type);
                break;
            }
            default: m.skip();  // 4: the geometry commands
        }
    }
    return f;
}

MvtLayer read_layer(std::string_view bytes) {
    Message m(bytes, "layer");
    MvtLayer layer;
    std::vector<std::string> keys;
    std::vector<MvtValue> values;
    std::vector<RawFeature> raw;
    bool named = false;
    while (m.next()) {
        switch (m.field()) {
            case 15: layer.version = static_cast<std::uint32_t>(m.number()); break;
            case 1: layer.name = std::string(m.bytes()), named = true; break;
            case 2: raw.push_back(read_feature(m.bytes())); break;
            case 3: keys.emplace_back(m.bytes()); break;
            case 4: values.push_back(read_value(m.bytes())); break;
            case 5: layer.extent = static_cast<std::uint32_t>(m.number()); break;
            default: m.skip();
        }
    }
    if (!named) m.fail("has no name");
    for (RawFeature& r : raw) {
        if (r.tags.size() % 2 != 0) m.fail("'" + layer.name + "' has a feature with an odd number of tags");
        for (std::size_t i = 0; i < r.tags.size(); i += 2) {
            if (r.tags[i] >= keys.size() || r.tags[i + 1] >= values.size())
                m.fail("'" + layer.name + "' has a feature tag (" + std::to_string(r.tags[i]) + ", " + std::to_string(r.tags[i + 1]) +
                       ") past its " + std::to_string(keys.size()) + " keys or " + std::to_string(values.size()) + " values");
            r.feature.properties.emplace_back(keys[r.tags[i]], values[r.tags[i + 1]]);
        }
        layer.features.push_back(std::move(r.feature));
    }
    return layer;
}

}  // namespace

std::string MvtValue::to_string() const {
    switch (kind) {
        case Kind::text: return text;
        case Kind::integer: return std::to_string(integer);
        case Kind::boolean: return boolean ? "true" : "false";
        case Kind::real: {
            std::ostringstream s;
            s.precision(17);
            s << real;
            return s.str();
        }
    }
    return text;
}

std::vector<MvtLayer> read_mvt(const std::string& tile) {
    Message m(tile, "tile");
    std::vector<MvtLayer> layers;
    while (m.next()) {
        if (m.field() == 3) layers.push_back(read_layer(m.bytes()));
        else m.skip();
    }
    return layers;
}

}  // namespace hotspot
