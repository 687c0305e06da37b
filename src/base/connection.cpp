#include "hotspot/base/connection.hpp"

#include "hotspot/base/text.hpp"

#include <cctype>
#include <vector>

namespace hotspot {

namespace {

struct Parameter {
    std::size_t key_begin, value_begin, value_end;  // value_end is past a closing quote
    std::string key, value;
};

// libpq's key=value syntax: spaces around '=', values in single quotes with \' and \\ escapes.
std::vector<Parameter> parameters(std::string_view s) {
    std::vector<Parameter> out;
    std::size_t i = 0;
    const auto skip_spaces = [&] {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    };
    while (true) {
        skip_spaces();
        if (i >= s.size()) break;
        Parameter p{};
        p.key_begin = i;
        while (i < s.size() && s[i] != '=' && !std::isspace(static_cast<unsigned char>(s[i]))) p.key += s[i++];
        skip_spaces();
        if (i >= s.size() || s[i] != '=') break;  // not key=value: leave the rest alone
        ++i;
        skip_spaces();
        p.value_begin = i;
        if (i < s.size() && s[i] == '\'') {
            for (++i; i < s.size() && s[i] != '\''; ++i) {
                if (s[i] == '\\' && i + 1 < s.size()) ++i;
                p.value += s[i];
            }
            if (i < s.size()) ++i;
        } else {
            while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) p.value += s[i++];
        }
        p.value_end = i;
        out.push_back(std::move(p));
    }
    return out;
}

std::string_view body(std::string_view s) { return is_connection_string(s) ? s.substr(3) : s; }

}  // namespace

bool is_connection_string(std::string_view s) { return s.size() >= 3 && lowercase(s.substr(0, 3)) == "pg:"; }

std::string without_password(std::string_view s) {
    std::string out(s);
    const std::size_t offset = s.size() - body(s).size();
    // postgresql://user:secret@host/db
    for (const char* scheme : {"postgresql://", "postgres://"}) {
        const std::size_t at = lowercase(out).find(scheme);
        if (at == std::string::npos) continue;
        const std::size_t user = at + std::string_view(scheme).size();
        const std::size_t end = out.find_first_of("@/", user);
        const std::size_t colon = out.find(':', user);
        if (end != std::string::npos && out[end] == '@' && colon != std::string::npos && colon < end)
            out.replace(colon + 1, end - colon - 1, "***");
        return out;
    }
    const auto params = parameters(body(s));
    for (auto p = params.rbegin(); p != params.rend(); ++p)  // from the end: offsets stay valid
        if (lowercase(p->key) == "password")
            out.replace(offset + p->value_begin, p->value_end - p->value_begin, "***");
    return out;
}

std::string connection_parameter(std::string_view s, std::string_view key) {
    for (const auto& p : parameters(body(s)))
        if (lowercase(p.key) == lowercase(key)) return p.value;
    return "";
}

}  // namespace hotspot
