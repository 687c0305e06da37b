// hotspot evaluate: does the map predict? A rolling-origin back-test of simple hotspot methods on
// square cells of the study area (decide/backtest), with hit rate, PAI, PEI and RRI per test month.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/evaluation_output.hpp"

#include <iostream>

namespace hotspot::cli {

namespace {

constexpr CountRange fit_months_range{1, 120};

class EvaluateCommand : public Command {
public:
    const char* name() const override { return "evaluate"; }
    const char* synopsis() const override { return "back-test hotspot methods: hit rate, PAI, PEI, RRI by month"; }
    const char* usage() const override {
        return "hotspot evaluate -c analysis.ini --study-area LAYER --cell 250 --methods prev:12,prev:1,kde:250\n"
               "                 --fit-months 12 --window 2023-10..2025-09 --shares 1,5 -o eval.gpkg [--csv-dir DIR] [--charts DIR]\n\n"
               "Rolling origin: for every test month each method scores every cell from the --fit-months months\n"
               "before it only; the top floor(cells x share) cells are flagged and the test month's incidents in\n"
               "them give the hit rate, PAI, PEI and Levine's RRI. Cells: --cell metres squares whose centre is\n"
               "inside the study area (a row counts in its cell even outside the area's polygons). Methods:\n"
               "prev:K (incidents in the previous K months), kde:H (quartic kernel, bandwidth H m, over the fit\n"
               "window), gistar:D (Gi* z of the fit-window counts, band D m), composite:K (two or more inputs: each\n"
               "input's incidents in the previous K months over its busiest cell's, averaged). Harm weights apply\n"
               "when [harm] is set.\n"
               "Refused: a window without --fit-months months of input before it, a month without input inside\n"
               "the fit and test months (a missing file is not zero incidents; each police.uk input is checked on\n"
               "its own), unknown methods, composite with fewer than two inputs.\n";
    }
    po::options_description options() override {
        po::options_description d("Evaluate");
        d.add_options()
            ("output,o", po::value<std::string>(&output_), "output GeoPackage (evaluation_summary, evaluation_origins, run_report)")
            ("csv-dir", po::value<std::string>(&csv_dir_), "also write evaluation_summary.csv and evaluation_origins.csv here")
            ("charts", po::value<std::string>(&chart_dir_), "write evaluation_pai_<share>pct.svg (PAI by test month) here")
            ("cell", number("250"), "cell size, metres")
            ("grid-origin", po::value<std::string>(), "X,Y: the grid's north-west corner (default: the study area's, snapped out to the cell)")
            ("methods", po::value<std::string>()->default_value("prev:12,prev:1,kde:250,kde:500,gistar:500"),
             "comma list of prev:MONTHS, kde:BANDWIDTH_M, gistar:BAND_M, composite:MONTHS")
            ("fit-months", number("12"), "months each prediction is made from, k")
            ("window", po::value<std::string>(), "FIRST..LAST test months (default: every month with k months of input before it)")
            ("test", po::value<std::string>()->default_value("month"),
             "month: predict each month; quarter: each 3 months from the window's first (a window of whole quarters)")
            ("shares", po::value<std::string>()->default_value("1,5"), "percent of the cells flagged, comma list")
            ("ties", po::value<std::string>()->default_value("cell_order"), "cell_order, pessimistic or optimistic (equal scores at the cut)");
        po::options_description all;
        all.add(general_options(quiet_)).add(analysis_options()).add(d);
        return all;
    }
    void setup(const po::variables_map& vm) override {
        config_ = cell_command_config(vm, "evaluate");
        if (output_.empty() && csv_dir_.empty()) throw ConfigError("evaluate needs an output: -o eval.gpkg and/or --csv-dir DIR");
        e_.categories = config_.measures.categories;
        e_.harm = !config_.harm.table.empty();
        e_.threads = config_.threads;
        const std::string test = vm["test"].as<std::string>();
        if (test != "month" && test != "quarter") throw ConfigError("--test " + quote_value(test) + ": expected month or quarter");
        e_.test_length = test == "quarter" ? 3 : 1;
        e_.cell_m = real_option(vm, "cell", ranges::cell_m);
        e_.methods = parse_backtest_methods(vm["methods"].as<std::string>());
        e_.fit_months = count_option(vm, "fit-months", fit_months_range);
        for (const BacktestMethod& m : e_.methods)  // refused before the input is read
            if ((m.kind == BacktestMethodKind::previous || m.kind == BacktestMethodKind::composite) &&
                m.parameter > static_cast<double>(e_.fit_months))
                throw ConfigError("--methods " + m.name + " looks back further than --fit-months " + std::to_string(e_.fit_months));
        if (vm.count("window")) {
            const auto [first, last] = parse_month_window(vm["window"].as<std::string>());
            e_.window_first = first, e_.window_last = last;
        }
        grid_origin_option(vm, e_.origin_x, e_.origin_y);
        e_.shares.clear();
        for (const std::string& part : split(vm["shares"].as<std::string>(), ',')) {
            const auto v = parse_finite_double(trim(part));
            if (!v || *v <= 0 || *v > 100) throw ConfigError("--shares " + quote_value(part) + ": expected percentages in (0, 100]");
            e_.shares.push_back(*v / 100);
        }
        const std::string ties = vm["ties"].as<std::string>();
        if (ties == "cell_order") e_.ties = TieOrder::cell_order;
        else if (ties == "pessimistic") e_.ties = TieOrder::pessimistic;
        else if (ties == "optimistic") e_.ties = TieOrder::optimistic;
        else throw ConfigError("--ties " + quote_value(ties) + ": expected cell_order, pessimistic or optimistic");
    }
    int run() override {
        const ProgressFn progress = terminal_progress(quiet_);
        OutputSet outputs(config_.output.overwrite, input_files(config_));
        outputs.claim(output_, OutputKind::geopackage);
        claim_evaluation_files(outputs, e_, csv_dir_, chart_dir_);
        report_removed_leftovers(outputs);
        AnalysisResult a = run_analysis(config_, AnalysisScope::join, progress);
        print_warnings(a.report);
        progress("back-testing", 0.0);
        const EvaluateResult r = run_evaluate(a, e_);
        progress("done", 1.0);
        RunReport& rep = a.report;
        add_evaluation_report(r, rep);
        rep.add("run", "run_id", outputs.run_id());
        if (!output_.empty()) write_evaluation_geopackage(r, config_.t_srs, rep, outputs.temporary(output_), output_);
        write_evaluation_files(r, outputs, csv_dir_, chart_dir_);
        outputs.publish();
        if (!quiet_) {
            std::cout << r.data.x.size() << " cells of " << format_plain(e_.cell_m) << " m, " << r.test_months.size() << " test "
                      << test_period_name(r.test_length) << "s " << month_label(r.test_months.front()) << ".."
                      << month_label(r.test_months.back() + static_cast<MonthIndex>(r.test_length) - 1) << ", each fitted on the "
                      << e_.fit_months << " months before it; " << r.rows_in_cells << " rows in the cells"
                      << (r.harm ? " (harm-weighted: [harm] table " + config_.harm.table + ")" : r.weighted ? " (weighted by the inputs' weights)" : "") << "\n";
            for (const BacktestVerdict& v : r.backtest.verdicts) {
                const std::size_t shares = e_.shares.size();
                const BacktestSummary& b = r.backtest.summaries[*v.best * shares + v.share];
                std::cout << "top " << share_pct_label(e_.shares[v.share]) << " %: best " << e_.methods[*v.best].name << ", mean PAI "
                          << format_fixed(b.pai.mean, 2) << ", hit rate " << format_fixed(100 * b.hit_rate.mean, 1) << " %";
                if (v.runner_up)
                    std::cout << "; " << format_fixed(v.margin_pai, 2) << " above " << e_.methods[*v.runner_up].name << ", better in "
                              << v.best_beat_runner_up << " of " << r.test_months.size() << " " << test_period_name(r.test_length) << "s";
                std::cout << "\n";
            }
            if (!output_.empty()) std::cout << "output: " << output_ << "\n";
            if (!csv_dir_.empty()) std::cout << "tables: " << csv_dir_ << "\n";
            if (!chart_dir_.empty()) std::cout << "charts: " << chart_dir_ << "\n";
        }
        return 0;
    }

private:
    bool quiet_ = false;
    std::string output_, csv_dir_, chart_dir_;
    AnalysisConfig config_;
    EvaluateConfig e_;
};

}  // namespace

std::unique_ptr<Command> make_evaluate_command() { return std::make_unique<EvaluateCommand>(); }

}  // namespace hotspot::cli
