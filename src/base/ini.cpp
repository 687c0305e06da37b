#include "hotspot/base/ini.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

namespace hotspot {

namespace {

// Splits at \r\n, \n or a lone \r, so a file from any editor has the lines a person sees.
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n' && text[i] != '\r') continue;
        lines.push_back(text.substr(start, i - start));
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

}  // namespace

std::vector<IniSection> parse_ini(std::string_view text, const std::string& source) {
    const auto fail = [&](std::size_t line, const std::string& what) -> void {
        throw ConfigError(source + (line ? ":" + std::to_string(line) : "") + ": " + what);
    };
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (text.substr(0, 3) == bom) text.remove_prefix(3);
    if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF")
        fail(0, "the file is UTF-16 text: save it as UTF-8");
    std::vector<IniSection> sections;
    const auto lines = lines_of(text);
    for (std::size_t n = 1; n <= lines.size(); ++n) {
        std::string_view l = lines[n - 1];
        if (l.find('\0') != std::string_view::npos) fail(n, "the line holds a NUL byte: this is not a text file");
        if (const auto hash = l.find('#'); hash != std::string_view::npos) l = l.substr(0, hash);
        l = trim(l);
        if (l.empty() || l.front() == ';') continue;
        if (l.front() == '[') {
            if (l.back() != ']') fail(n, "section header " + quote_value(l) + " does not end with ']'");
            const std::string name(trim(l.substr(1, l.size() - 2)));
            if (name.empty()) fail(n, "a section header without a name");
            for (const IniSection& s : sections)
                if (s.name == name)
                    fail(n, "section [" + name + "] is given twice (first on line " + std::to_string(s.line) + "): keep one");
            sections.push_back({name, n, {}});
            continue;
        }
        const auto eq = l.find('=');
        if (eq == std::string_view::npos) fail(n, "expected [section] or key = value, not " + quote_value(l));
        const std::string key(trim(l.substr(0, eq)));
        if (key.empty()) fail(n, "a value without a key: " + quote_value(l));
        if (sections.empty()) fail(n, "key " + quote_value(key) + " is outside any [section]");
        IniSection& s = sections.back();
        for (const IniEntry& e : s.entries)
            if (e.key == key)
                fail(n, "key " + quote_value(key) + " is given twice in [" + s.name + "] (first on line " + std::to_string(e.line) +
                            "): keep one");
        s.entries.push_back({key, std::string(trim(l.substr(eq + 1))), n});
    }
    return sections;
}

}  // namespace hotspot
