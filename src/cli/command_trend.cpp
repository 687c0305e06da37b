// hotspot trend: is it growing, and when does it peak? Count series per category and/or area by
// month, quarter or financial year; Mann-Kendall and Sen's slope per series, seasonal indices.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/trend_output.hpp"
#include "hotspot/workflow/evaluate_workflow.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>

namespace hotspot::cli {

namespace {

constexpr CountRange max_charts_range{0, 999};

class TrendCommand : public Command {
public:
    const char* name() const override { return "trend"; }
    const char* synopsis() const override { return "trends and seasonality: Mann-Kendall, Sen's slope, seasonal index per series"; }
    const char* usage() const override {
        return "hotspot trend --police FOLDER [--area NAME=layer.gpkg,id=CODE --areas NAME] [--category C ...]\n"
               "              [--by total|category|source|measure[,area]] [--step month|quarter|fy] [--months A..B]\n"
               "              -o trend.gpkg | --csv-dir DIR [--charts DIR] [--max-charts 20]\n\n"
               "Counts incidents per series (the selection, or per category, input or [measure.NAME] of -c, and/or\n"
               "per area of the --areas layer; a measure's where filter selects on any column of its sources)\n"
               "and per step (month, calendar quarter, or financial year April-March). A month without input (no\n"
               "police.uk file, no row) has no data: its count is NA, not 0, and a quarter or year with such a\n"
               "month is NA too; NA steps are left out of the test and counted. Per series: Mann-Kendall S,\n"
               "Var(S) with the tie correction, Z, two-sided p, Kendall's tau-b, Sen's slope per step with its\n"
               "95 % interval, and rising / falling / no significant trend at 5 %; with at least 24 months, the\n"
               "seasonal index per calendar month and the months significantly above average. Charts: the\n"
               "series with the most incidents (trend_NNN.svg with the Sen line, seasonal_NNN.svg).\n";
    }
    po::options_description options() override {
        po::options_description d("Trend");
        d.add_options()
            ("output,o", po::value<std::string>(&output_), "output GeoPackage (trend_series, trend_tests, trend_seasonal, run_report)")
            ("csv-dir", po::value<std::string>(&csv_dir_), "write trend_series.csv, trend_tests.csv, trend_seasonal.csv and run_report.csv here")
            ("charts", po::value<std::string>(&chart_dir_), "write trend_NNN.svg and seasonal_NNN.svg here (NNN: rank by incidents)")
            ("max-charts", number("20"), "charts for at most this many series, those with the most incidents")
            ("areas", po::value<std::string>(), "per-area series: the name of one --area layer")
            ("by", po::value<std::string>(), "total, or category, source or measure ([measure.NAME] of -c) and/or area: category,area (default: area with --areas, else total)")
            ("step", po::value<std::string>()->default_value("month"), "month, quarter (calendar) or fy (financial year April-March)")
            ("months", po::value<std::string>(), "FIRST..LAST months analysed (default: every month of input); rows outside are counted, in no series");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options()).add(d);
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = config_from_options(vm);
        config_.output = OutputOptions{};
        config_.output.overwrite = vm.count("overwrite") > 0;
        validate(config_);
        refuse_harm(config_, "trend", "its series, tests and charts are whole incidents per period (harm-weighted series are not built yet)");
        if (output_.empty() && csv_dir_.empty()) throw ConfigError("trend needs an output: -o trend.gpkg and/or --csv-dir DIR");
        t_.categories = config_.measures.categories;
        if (vm.count("areas")) t_.areas_layer = vm["areas"].as<std::string>();
        const std::string by = vm.count("by") ? vm["by"].as<std::string>() : t_.areas_layer.empty() ? "total" : "area";
        for (const auto& part : split(by, ',')) {
            const std::string word(trim(part));
            const TrendGroup group = word == "category" ? TrendGroup::category : word == "source" ? TrendGroup::source
                                   : word == "measure" ? TrendGroup::measure : TrendGroup::total;
            if (word == "area") t_.by_area = true;
            else if (word == "total" && by == "total") {
            } else if (group == TrendGroup::total || t_.group != TrendGroup::total)
                throw ConfigError("--by " + quote_value(by) + ": expected total, or one of category, source, measure and/or area (e.g. measure,area)");
            else t_.group = group;
        }
        t_.measures = config_.table.measures;
        if (t_.group == TrendGroup::measure && t_.measures.empty())
            throw ConfigError("--by measure needs [measure.NAME] sections (categories, sources, where) in the config file (-c)");
        if (t_.by_area && t_.areas_layer.empty()) throw ConfigError("--by " + by + " needs --areas LAYER (one of the --area layers)");
        if (!t_.areas_layer.empty() && !t_.by_area)
            throw ConfigError("--areas " + quote_value(t_.areas_layer) + " needs area in --by (e.g. --by area or --by category,area)");
        if (!t_.areas_layer.empty() &&
            std::none_of(config_.areas.begin(), config_.areas.end(), [this](const AreaSpec& a) { return a.name == t_.areas_layer; }))
            throw ConfigError("--areas " + quote_value(t_.areas_layer) + ": no --area layer has that name");
        const std::string step = vm["step"].as<std::string>();
        if (step == "month") t_.step = TrendStep::month;
        else if (step == "quarter") t_.step = TrendStep::quarter;
        else if (step == "fy") t_.step = TrendStep::financial_year;
        else throw ConfigError("--step " + quote_value(step) + ": expected month, quarter or fy");
        if (vm.count("months")) {
            const auto [first, last] = parse_month_window(vm["months"].as<std::string>(), "--months");
            t_.first_month = first, t_.last_month = last;
        }
        max_charts_ = chart_dir_.empty() ? 0 : count_option(vm, "max-charts", max_charts_range);
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        OutputSet outputs(config_.output.overwrite, input_files(config_));
        outputs.claim(output_, OutputKind::geopackage);
        claim_trend_files(outputs, csv_dir_, chart_dir_, max_charts_);
        report_removed_leftovers(outputs);
        AnalysisResult a = run_analysis(config_, AnalysisScope::join, progress);
        print_warnings(a.report);
        progress("trends", 0.0);
        TrendResult r;
        {
            StepTimer timer(a.report, "trend");
            r = run_trend(a, t_);
        }
        progress("done", 1.0);
        RunReport& rep = a.report;
        add_trend_report(r, rep);
        for (const auto& w : r.warnings) std::cerr << "hotspot: warning: " << w << "\n";
        rep.add("parameter", "max_charts", std::to_string(max_charts_));
        rep.add("run", "run_id", outputs.run_id());
        if (!output_.empty()) write_trend_geopackage(r, config_.t_srs, rep, outputs.temporary(output_), output_, max_charts_);
        write_trend_files(r, rep, outputs, csv_dir_, chart_dir_, max_charts_);
        outputs.publish();
        if (!quiet_) print_summary(r);
        return 0;
    }

private:
    void print_summary(const TrendResult& r) const {
        std::size_t rising = 0, falling = 0, seasonal = 0;
        std::size_t rising_fdr = 0, falling_fdr = 0;
        for (const TrendSeries& s : r.series) {
            rising += s.direction == "rising", falling += s.direction == "falling", seasonal += s.seasonal.has_value();
            rising_fdr += s.direction_fdr == "rising", falling_fdr += s.direction_fdr == "falling";
        }
        std::cout << r.series.size() << " series of counts per " << trend_step_name(t_.step) << ", " << trend_step_label(t_.step, r.step_starts.front())
                  << ".." << trend_step_label(t_.step, r.step_starts.back()) << " (" << r.step_starts.size() << " " << trend_step_name(t_.step)
                  << "s, " << r.missing_months.size() << " months without input"
                  << (r.months_outside.empty() ? std::string() : ", " + std::to_string(r.months_outside.size()) + " outside --months")
                  << (r.source_gaps.empty() ? std::string() : "; police.uk files missing: " + r.source_gaps + ", NA in the series counting them")
                  << "); " << rising << " rising, " << falling
                  << " falling at 5 % (Mann-Kendall; " << rising_fdr << " and " << falling_fdr << " after false discovery rate control over "
                  << r.series_tested << " tests); " << seasonal << " with a seasonal index\n";
        if (r.config.by_area) std::cout << r.rows_outside_areas << " selected rows in no area of " << r.config.areas_layer << " (in no series)\n";
        if (r.series.size() <= 20) {
            for (const TrendSeries& s : r.series) {
                if (s.mk.n < 3) {  // not tested: no slope or p to quote
                    std::cout << "  " << trend_series_label(s) << ": " << s.direction << "\n";
                    continue;
                }
                std::cout << "  " << trend_series_label(s) << ": " << s.direction << "; Sen's slope: the count per "
                          << trend_step_name(t_.step) << " changes by "
                          << (std::isfinite(s.mk.sen_slope) ? format_fixed(s.mk.sen_slope, 2) : std::string("n/a")) << " each "
                          << trend_step_name(t_.step) << " (p = " << format_fixed(s.mk.p, 4) << ")\n";
            }
        }
        if (!output_.empty()) std::cout << "output: " << output_ << "\n";
        if (!csv_dir_.empty()) std::cout << "tables: " << csv_dir_ << "\n";
        if (!chart_dir_.empty()) std::cout << "charts: " << chart_dir_ << "\n";
    }

    bool quiet_ = false;
    std::string output_, csv_dir_, chart_dir_;
    std::size_t max_charts_ = 0;
    AnalysisConfig config_;
    TrendConfig t_;
};

}  // namespace

std::unique_ptr<Command> make_trend_command() { return std::make_unique<TrendCommand>(); }

}  // namespace hotspot::cli
