#pragma once
// check-disclosure on a tasking pack (hotspot report's HTML): the pack marks every count it shows
// (<span class="c">, data-now, data-before, data-total, data-count), so a breach is found by
// reading the markup, not by trusting the pack's own disclosure section.
#include "hotspot/report/disclosure_check.hpp"

#include <string>

namespace hotspot {

void check_pack_html(const std::string& path, const DisclosureRule& rule, DisclosureCheck& out);

}  // namespace hotspot
