#include "report/disclosure_check_parts.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace hotspot {

namespace {

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot open " + quote_value(path));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string meta(const std::string& html, const std::string& name) {
    std::smatch m;
    if (std::regex_search(html, m, std::regex("<meta name=\"" + name + "\" content=\"([^\"]*)\"")) ) return m[1];
    return "";
}

std::string line_of(const std::string& html, std::size_t offset) {
    return "line " + std::to_string(1 + std::count(html.begin(), html.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

}  // namespace

void check_pack_html(const std::string& path, const DisclosureRule& rule, DisclosureCheck& out) {
    const std::string html = read_all(path);
    if (meta(html, "generator").rfind("hotspot report", 0) != 0) {
        out.checked = false;
        out.notes.push_back(path + ": not a tasking pack written by hotspot report (no generator meta): NOT CHECKED");
        return;
    }
    if (html.find("</html>") == std::string::npos) {  // cut short: what is missing cannot be checked
        out.checked = false;
        out.notes.push_back(path + ": the pack ends before </html> (cut short?): NOT CHECKED");
        return;
    }
    const std::string audience = meta(html, "hotspot-audience");
    if (audience != "public")
        out.breaches.push_back({path, -1, "hotspot-audience", audience, "an analyst pack (incident locations, every count): write it with --audience public"});
    const std::string k = meta(html, "hotspot-min-count");
    if (audience == "public" && (k.empty() || std::atoll(k.c_str()) < rule.min_count))
        out.breaches.push_back({path, -1, "hotspot-min-count", k, "withheld below a lower threshold than " + std::to_string(rule.min_count)});
    for (const char* dots : {"class=\"incidents-now\"", "class=\"incidents-earlier\""}) {
        const auto at = html.find(dots);
        if (at != std::string::npos) out.breaches.push_back({path, -1, line_of(html, at), dots, "incident locations drawn"});
    }
    // Every count the pack shows: the text of <span class="c"> and the data-* attributes of rows and bars.
    static const std::regex count(R"re(<span class="c">([^<]*)</span>|data-(now|before|total|count)="([^"]*)")re");
    std::int64_t counts = 0, withheld = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), count); it != std::sregex_iterator(); ++it) {
        const std::smatch& m = *it;
        const std::string value = m[1].matched ? m[1].str() : m[3].str();
        ++counts;
        if (value == "[c]") {
            ++withheld;
            continue;
        }
        if (value.empty() || value.size() > 15 || value.find_first_not_of("0123456789") != std::string::npos) continue;
        const std::int64_t v = std::stoll(value);
        if (rule.is_small(v))
            out.breaches.push_back({path, -1, line_of(html, static_cast<std::size_t>(m.position(0))) + (m[2].matched ? " data-" + m[2].str() : std::string(" count")),
                                    value, "count below " + std::to_string(rule.min_count)});
    }
    out.features = counts;
    out.notes.push_back(path + ": tasking pack, audience " + (audience.empty() ? "unknown" : audience) + ": " + std::to_string(counts) +
                        " places showing a count read (one count may be shown in several), " + std::to_string(withheld) +
                        " of them [c]. Checked: no count below the threshold, no incident drawn. Not checked here: whether a withheld count "
                        "can be worked out from the totals (the pack's LP audit when it was written; see its Disclosure control section)");
}

}  // namespace hotspot
