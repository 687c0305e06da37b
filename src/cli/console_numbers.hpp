#pragma once
// Numbers in text shown to people: descriptions built for the run report carry exact values
// (155.16205054535436 m); on the console each decimal with 4 or more digits after the point
// becomes 3 significant digits, whole digits kept (155 m, 0.000881). The stored text is not
// changed.
#include <string>
#include <string_view>

namespace hotspot::cli {

std::string rounded_for_console(std::string_view text);

}  // namespace hotspot::cli
