#pragma once
// The INI dialect of the config files: [section] headers and `key = value` lines; `#` starts
// a comment anywhere on a line, `;` at the start of one. Accepted as editors save it: a UTF-8
// byte order mark, CRLF, LF or lone-CR line ends. Refused with the file and line: a key
// outside any section, a section or a key given twice (the second would silently win or
// add), a line that is neither, UTF-16 and NUL bytes. What the keys mean is the caller's.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

struct IniEntry {
    std::string key, value;  // both trimmed
    std::size_t line = 0;
};

struct IniSection {
    std::string name;  // trimmed, as written between the brackets
    std::size_t line = 0;
    std::vector<IniEntry> entries;
};

// Throws ConfigError "SOURCE:LINE: ..." (source: the file's name, for messages).
std::vector<IniSection> parse_ini(std::string_view text, const std::string& source);

}  // namespace hotspot
