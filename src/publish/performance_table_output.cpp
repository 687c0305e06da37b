#include "hotspot/publish/performance_table_output.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "publish/csv_text.hpp"
#include "publish/gpkg_writer.hpp"

#include <sstream>

namespace hotspot {

using namespace table_period;

namespace {

// Field names of the five counts in the GeoPackage, in the report's column order.
constexpr const char* period_keys[table_periods] = {"q_last_year", "q_latest", "q_previous", "ytd", "ytd_last_year"};

std::string layer_label(const TableRow& r) { return r.layer.empty() ? "study area" : r.layer; }

std::string arrow(const std::string& direction) {
    if (direction == "up") return "\u2191";
    if (direction == "down") return "\u2193";
    if (direction == "level") return "\u2192";
    return "";
}

std::string ranked_by(const PerformanceTable& t, const TableRow& r) {
    for (const auto& k : t.rankings)
        if (k.layer == r.layer) return k.by_rate ? "rate per 1,000 residents" : "count";
    return "";
}

// "+3", "-2.5", "0": the sign as the report writes it.
std::string signed_text(double v, int decimals) {
    std::string text = v > 0 ? "+" : "";
    text += format_fixed(v, decimals);
    return text;
}

std::string ytd_label(const PerformanceTable& t) { return t.periods[year_to_date].label; }

}  // namespace

std::vector<std::string> performance_table_header(const PerformanceTable& t) {
    std::vector<std::string> h = {"Area layer", "Area code", "Area name", "Measure"};
    for (const auto& heading : t.headings) h.push_back(heading);
    h.push_back("Difference (" + t.comparison + ")");
    h.push_back("% Difference (" + t.comparison + ")");
    h.push_back("Direction (level within " + format_plain(t.level_band_pct) + "%)");
    h.push_back("Rank in layer (" + ytd_label(t) + ", 1 = highest)");
    h.push_back("Rate per 1,000 residents (" + ytd_label(t) + ")");
    h.push_back("Ranked by");
    h.push_back("Data coverage");
    return h;
}

std::string performance_table_csv(const PerformanceTable& t) {
    std::ostringstream out;
    const auto header = performance_table_header(t);
    for (std::size_t k = 0; k < header.size(); ++k) out << (k ? "," : "") << detail::csv_field(header[k]);
    out << "\n";
    for (const TableRow& r : t.rows) {
        out << detail::csv_field(layer_label(r)) << "," << detail::csv_field(r.area_id) << "," << detail::csv_field(r.area_name) << ","
            << detail::csv_field(t.measures[r.measure].name);
        for (const auto& c : r.count) out << "," << (c ? std::to_string(*c) : "");
        out << "," << (r.difference ? signed_text(static_cast<double>(*r.difference), 0) : "");
        out << "," << (r.difference_pct ? signed_text(*r.difference_pct, 1) : "");
        out << "," << arrow(r.direction);
        out << "," << (r.rank ? std::to_string(*r.rank) : "");
        out << "," << (r.rate_per_1000 ? format_fixed(*r.rate_per_1000, 3) : "");
        out << "," << detail::csv_field(r.rank ? ranked_by(t, r) : "");
        out << "," << detail::csv_field(t.coverage_note(r.measure)) << "\n";
    }
    return out.str();
}

void write_performance_table_csv(const PerformanceTable& t, const std::string& path, const std::string& target) {
    write_text_file(path, performance_table_csv(t), target);
}

void append_performance_table(const PerformanceTable& t, const std::string& path, const std::string& target) {
    detail::ensure_gdal_registered();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    if (!ds) throw OutputError("cannot reopen " + quote_value(target) + " to add the performance table: " + detail::last_gdal_error("GDAL error"));
    try {
        detail::LayerWriter w(*ds, "performance_table", wkbNone, nullptr,
                              "Partnership performance table: counts per measure for " + t.headings[latest_quarter] + ", " +
                                  t.headings[quarter_last_year] + ", " + t.headings[previous_quarter] + ", " + ytd_label(t) + " and " +
                                  t.periods[last_year_to_date].label + "; difference, % and direction (level within " +
                                  format_plain(t.level_band_pct) + "%) " + t.comparison + "; rate per 1,000 residents and rank for " +
                                  ytd_label(t) + ". NULL = no data in the period, not zero.");
        for (const char* name : {"area_layer", "area_id", "area_name", "measure"}) w.field(name, OFTString);
        for (const char* key : period_keys) {
            w.field(key, OFTInteger64);
            w.field(std::string(key) + "_period", OFTString);
            w.field(std::string(key) + "_months_with_data", OFTInteger);
        }
        w.field("difference", OFTInteger64);
        w.field("difference_pct", OFTReal);
        w.field("direction", OFTString);
        w.field("rank", OFTInteger);
        w.field("ranked_by", OFTString);
        w.field("rate_per_1000_ytd", OFTReal);
        w.field("data_coverage", OFTString);
        w.begin();
        for (const TableRow& r : t.rows) {
            OGRFeature& f = w.row();
            f.SetField("area_layer", layer_label(r).c_str());
            f.SetField("area_id", r.area_id.c_str());
            f.SetField("area_name", r.area_name.c_str());
            f.SetField("measure", t.measures[r.measure].name.c_str());
            for (std::size_t p = 0; p < table_periods; ++p) {
                const std::string key = period_keys[p];
                if (r.count[p]) f.SetField(key.c_str(), static_cast<GIntBig>(*r.count[p]));
                else f.SetFieldNull(f.GetFieldIndex(key.c_str()));
                f.SetField((key + "_period").c_str(), t.periods[p].label.c_str());
                f.SetField((key + "_months_with_data").c_str(), static_cast<int>(t.months_with_data[r.measure][p]));
            }
            if (r.difference) f.SetField("difference", static_cast<GIntBig>(*r.difference));
            else f.SetFieldNull(f.GetFieldIndex("difference"));
            detail::set_optional(f, "difference_pct", r.difference_pct);
            if (r.direction.empty()) f.SetFieldNull(f.GetFieldIndex("direction"));
            else f.SetField("direction", r.direction.c_str());
            if (r.rank) f.SetField("rank", static_cast<int>(*r.rank));
            else f.SetFieldNull(f.GetFieldIndex("rank"));
            f.SetField("ranked_by", r.rank ? ranked_by(t, r).c_str() : "");
            detail::set_optional(f, "rate_per_1000_ytd", r.rate_per_1000);
            f.SetField("data_coverage", t.coverage_note(r.measure).c_str());
            w.commit();
        }
        w.end();
    } catch (const OutputError& e) {
        throw OutputError("cannot write " + quote_value(target) + ": " + e.what());
    }
    detail::close_written(ds, target);
}

void report_performance_table(const PerformanceTable& t, RunReport& report) {
    report.add("parameter", "table.latest_quarter", t.headings[latest_quarter] + ": " + t.quarter_rule);
    for (std::size_t p = 0; p < table_periods; ++p)
        report.add("parameter", std::string("table.period.") + period_keys[p],
                   t.headings[p] + " = " + month_label(t.periods[p].first) + ".." + month_label(t.periods[p].last));
    report.add("parameter", "table.level_band_pct", format_plain(t.level_band_pct));
    for (const auto& k : t.rankings)
        report.add("parameter", "table.rank." + k.layer,
                   k.by_rate ? "by " + ytd_label(t) + " rate per 1,000 residents" : "by " + ytd_label(t) + " count (no population field)");
    for (const auto& m : t.measures) report.add("parameter", "table.measure." + m.name, describe_measure(m));
    for (const auto& a : t.where_accounts) report.add("selection", "performance_table", a);
    report.count("table_rows", t.rows.size());
    for (const auto& n : t.notes) report.add("warning", "performance_table", n);
}

}  // namespace hotspot
