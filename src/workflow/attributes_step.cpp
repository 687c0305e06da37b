#include "hotspot/workflow/attributes_step.hpp"

#include "hotspot/base/text.hpp"
#include "hotspot/geo/attribute_join.hpp"
#include "hotspot/workflow/attribute_vintage.hpp"

namespace hotspot {

namespace {

// "a, b, c" for the first `most` names, then "... (N in all)": the report stays readable when
// a national table is joined to one city's areas (tens of thousands of unmatched rows).
std::string listed(const std::vector<std::string>& names, std::size_t most = 50) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < most; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > most) out += ", ... (" + std::to_string(names.size()) + " in all)";
    return out;
}


// The move in the run report: method, rule, links, totals per column and what was not moved.
void report_vintage_move(RunReport& report, const std::string& what, const VintageMoveSummary& s) {
    report.add("parameter", what + " vintage lookup", s.method + "; " + std::to_string(s.links) + " links");
    report.add("parameter", what + " vintage move", s.rule);
    report.count(what + " vintage source_rows", s.source_rows);
    report.count(what + " vintage keys_without_link", s.keys_without_link.size());
    report.count(what + " vintage areas_without_value", s.areas_without_value.size());
    for (const auto& t : s.totals)
        report.add("check", what + " vintage " + t.column + ": total_in == total_moved + total_not_moved",
                   format_exact(t.total_in) + " == " + format_exact(t.total_moved) + " + " + format_exact(t.total_not_moved));
    if (!s.keys_without_link.empty())
        report.add("warning", what + " vintage",
                   std::to_string(s.keys_without_link.size()) + " of " + std::to_string(s.source_rows) + " rows of " + quote_value(s.table_path) +
                       " have a code the vintage lookup does not know (values not moved): " + listed(s.keys_without_link, 10));
    if (!s.areas_without_value.empty())
        report.add("warning", what + " vintage areas",
                   std::to_string(s.areas_without_value.size()) + " areas get no moved value (an old area of theirs has none): " +
                       listed(s.areas_without_value, 10));
}

}  // namespace

void join_attribute_tables(AnalysisResult& r, const AnalysisConfig& config) {
    // The tables giving a population first: a count moved from another vintage is split by it.
    std::vector<const AttributeTableSpec*> order;
    for (const auto& spec : config.attributes)
        if (!spec.population.empty()) order.push_back(&spec);
    for (const auto& spec : config.attributes)
        if (spec.population.empty()) order.push_back(&spec);
    for (const AttributeTableSpec* each : order) {
        const AttributeTableSpec& spec = *each;
        AreaLayer* layer = nullptr;
        for (auto& l : r.layers)
            if (l.name() == spec.layer) layer = &l;
        if (!layer) continue;  // validate() has refused unknown layers
        const AttributeTableOnLayer on = read_attribute_table_on(spec, *layer);
        const AttributeTable& table = on.table;
        const AttributeJoinSummary s = join_attributes(*layer, table);
        const std::string k = spec.name + " -> " + spec.layer;
        const std::size_t rows = on.moved ? on.moved->source_rows : table.rows_read - on.absent_given_zero.size();
        r.report.add("input", "attributes " + spec.name, spec.path + " (" + std::to_string(rows) + " rows, key " + spec.key +
                                                           (spec.sql.empty() ? "" : ", from sql = " + spec.sql) + ", sha256 " + table.sha256 + ")");
        if (!on.absent_given_zero.empty())
            r.report.add("parameter", "attributes " + k + " absent",
                         std::to_string(on.absent_given_zero.size()) + (on.moved ? " areas of the old vintage" : " areas") +
                             " without a row given 0 (absent = zero): " + listed(on.absent_given_zero, 10));
        if (on.moved) report_vintage_move(r.report, "attributes " + k, *on.moved);
        std::string fields;
        for (const auto& c : table.columns) fields += (fields.empty() ? "" : ", ") + c.name + " (" + to_string(c.type) + ")";
        r.report.add("parameter", "attributes " + k + " fields", fields.empty() ? "none" : fields);
        if (!spec.population.empty()) r.report.add("parameter", "attributes " + k + " population", "column " + spec.population);
        r.report.count("attributes " + k + " rows_read", s.rows_read);
        r.report.count("attributes " + k + " rows_matched", s.rows_matched);
        r.report.count("attributes " + k + " rows_without_area", s.keys_without_area.size());
        r.report.count("attributes " + k + " rows_without_key", s.rows_without_key.size());
        r.report.count("attributes " + k + " areas_without_row", s.areas_without_row.size());
        r.report.add("check", "attributes " + k + ": rows_read == rows_matched + rows_without_area + rows_without_key",
                     std::to_string(s.rows_read) + " == " + std::to_string(s.rows_matched) + " + " + std::to_string(s.keys_without_area.size()) +
                         " + " + std::to_string(s.rows_without_key.size()));
        if (!s.areas_without_row.empty()) {
            r.report.add("attributes_unmatched", k + " areas_without_row", listed(s.areas_without_row));
            r.report.add("warning", "attributes " + k,
                         std::to_string(s.areas_without_row.size()) + " of " + std::to_string(layer->size()) + " areas of " +
                             quote_value(spec.layer) + " have no row in " + quote_value(spec.path) + " (their fields" +
                             (spec.population.empty() ? "" : " and population") + " are empty): " + listed(s.areas_without_row, 10));
        }
        if (!s.keys_without_area.empty()) {
            r.report.add("attributes_unmatched", k + " rows_without_area", listed(s.keys_without_area));
            r.report.add("warning", "attributes " + k + " rows",
                         std::to_string(s.keys_without_area.size()) + " of " + std::to_string(s.rows_read) + " rows of " +
                             quote_value(spec.path) + " match no area of " + quote_value(spec.layer) + ": " + listed(s.keys_without_area, 10));
        }
        if (!s.rows_without_key.empty()) {
            std::vector<std::string> lines;
            for (auto l : s.rows_without_key) lines.push_back(std::to_string(l));
            r.report.add("attributes_unmatched", k + " lines_without_key", listed(lines));
        }
    }
}

}  // namespace hotspot
