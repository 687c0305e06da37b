#include "hotspot/publish/areas_csv.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "publish/area_titles.hpp"
#include "publish/csv_text.hpp"

#include <filesystem>
#include <sstream>

namespace hotspot {

namespace {

using detail::csv_field;

std::string optional_number(const std::optional<double>& v, int decimals) { return v ? format_fixed(*v, decimals) : ""; }

void write_header(std::ostringstream& out, const AreaMeasures& m) {
    using namespace detail;
    std::vector<std::string> h = {"Layer", "Area code", "Area name", "Population", "Area km2", "Headline period", "Headline months",
                                  area_column_title(m, "count"), area_column_title(m, "weighted_count"),
                                  area_column_title(m, "share_pct"), area_column_title(m, "rate_per_1000"),
                                  area_column_title(m, "lq"), "Location quotient basis", area_column_title(m, "rank"),
                                  area_column_title(m, "rank_by_rate"), base_title("Base count", m),
                                  current_title("Current count", m), change_title("Change", m), change_title("Change %", m),
                                  change_title("Direction", m), area_column_title(m, "count_all_months"), "Months (all)"};
    for (const auto& c : m.categories) h.push_back(headline_title(c, m));
    for (std::size_t k = 0; k < h.size(); ++k) out << (k ? "," : "") << csv_field(h[k]);
    out << "\n";
}

void write_rows(std::ostringstream& out, const AreaLayer& layer, const AreaMeasures& m) {
    const std::string period = m.headline_period ? m.headline_period->label : "";
    const std::string months = m.headline_period ? std::to_string(m.headline_period->months()) : "";
    for (std::size_t a = 0; a < layer.size(); ++a) {
        out << csv_field(layer.name()) << "," << csv_field(layer.id(a)) << "," << csv_field(layer.label(a)) << ","
            << optional_number(layer.population(a), 0) << "," << format_fixed(layer.area_m2(a) / 1e6, 4) << "," << csv_field(period)
            << "," << months << "," << m.count[a] << "," << format_fixed(m.weighted[a], 3) << "," << format_fixed(m.share_pct[a], 3)
            << "," << optional_number(m.rate_per_1000[a], 3) << "," << optional_number(m.lq[a], 3) << "," << m.lq_basis << ","
            << m.rank[a] << "," << (m.rank_rate[a] ? std::to_string(*m.rank_rate[a]) : "") << ",";
        if (m.base)
            out << m.base_count[a] << "," << m.current_count[a] << "," << optional_number(m.change_abs[a], 0) << ","
                << optional_number(m.change_pct[a], 1) << "," << m.direction[a];
        else
            out << ",,,,";
        out << "," << m.count_all_months[a] << "," << m.months_all();
        for (const auto& by_area : m.by_category) out << "," << by_area[a];
        out << "\n";
    }
}

}  // namespace

std::string areas_csv_text(const AnalysisResult& r) {
    std::ostringstream out;
    if (r.measures.empty()) return out.str();
    const AreaMeasures& first = r.measures.front();
    write_header(out, first);
    for (std::size_t l = 0; l < r.measures.size(); ++l) {
        const AreaMeasures& m = r.measures[l];
        // One header for every layer: they measure the same incidents over the same months.
        if (m.headline_label() != first.headline_label() || m.categories != first.categories)
            throw Error("internal error: area layers " + quote_value(first.layer) + " and " + quote_value(m.layer) +
                        " have different headline periods or categories");
        write_rows(out, r.layers[l], m);
    }
    return out.str();
}

void claim_areas_csv(OutputSet& outputs, const AnalysisConfig& config) {
    if (!config.output.areas_csv.empty()) outputs.claim(config.output.areas_csv, OutputKind::csv);
}

void write_areas_csv(AnalysisResult& r, const AnalysisConfig& config, OutputSet& outputs) {
    const std::string& target = config.output.areas_csv;
    if (target.empty()) return;
    if (r.measures.empty()) throw OutputError("cannot write " + quote_value(target) + ": no area layer was measured");
    write_text_file(outputs.temporary(target), areas_csv_text(r), target);
    r.report.add("output", "areas_csv", std::filesystem::absolute(target).string());
}

}  // namespace hotspot
