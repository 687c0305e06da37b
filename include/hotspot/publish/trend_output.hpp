#pragma once
// Writing a trend analysis (hotspot trend): the tables trend_series (counts per series and step,
// long format, NA for steps without data), trend_tests (Mann-Kendall, Sen's slope, direction per
// series) and trend_seasonal (12 seasonal indices per series) in a GeoPackage with the run
// report, or as CSV files in a folder with run_report.csv; SVG charts (a series with its Sen's
// slope line, and its 12 seasonal indices) for the series with the most incidents.
#include "hotspot/base/run_report.hpp"
#include "hotspot/workflow/trend_workflow.hpp"

#include <string>
#include <string_view>

namespace hotspot {

class OutputSet;

// How the trend CSVs and charts begin: the output set recognises them by it (--overwrite).
inline constexpr std::string_view trend_csv_header_start = "series_id,";
inline constexpr std::string_view trend_chart_start = "<svg xmlns=\"http://www.w3.org/2000/svg\" data-hotspot=\"trend\"";

// The run report's lines: step, span, missing months, selection, counts, methods, findings.
void add_trend_report(const TrendResult& r, RunReport& report);

// max_charts: the --charts limit (0 without --charts), for trend_tests' chart column.
void write_trend_geopackage(const TrendResult& r, const std::string& crs, const RunReport& report, const std::string& path, const std::string& target,
                            std::size_t max_charts);

// trend_series.csv, trend_tests.csv, trend_seasonal.csv and run_report.csv in `csv_dir`;
// trend_NNN.svg and seasonal_NNN.svg in `chart_dir` for the `max_charts` series with the most
// incidents (NNN = the rank, 001 the most; trend_tests' chart column names each series' file).
// Claimed before the work (the count of series is not known then); those not needed are released.
void claim_trend_files(OutputSet& outputs, const std::string& csv_dir, const std::string& chart_dir, std::size_t max_charts);
void write_trend_files(const TrendResult& r, const RunReport& report, OutputSet& outputs, const std::string& csv_dir,
                       const std::string& chart_dir, std::size_t max_charts);

// The series charted: the `max_charts` with the most incidents, most first (ties by series order).
std::vector<std::size_t> charted_series(const TrendResult& r, std::size_t max_charts);

// The charts of series s (our own SVG, no dependency); the seasonal one is "" without an index.
std::string trend_chart_svg(const TrendResult& r, std::size_t s);
std::string seasonal_chart_svg(const TrendResult& r, std::size_t s);

// "trend_001.svg": the chart of rank k (0-based) by incidents.
std::string trend_chart_name(std::size_t s, const char* kind);

// A series in words: "Burglary, E01006512 (Liverpool 001A)" or "all categories".
std::string trend_series_label(const TrendSeries& s);

}  // namespace hotspot
