// hotspot report: the tasking pack (one self-contained HTML file, optionally printed to an A4
// PDF) built only from GeoPackages our commands wrote.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/public_outputs.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/report/pdf_print.hpp"
#include "hotspot/report/tasking_pack.hpp"

#include <chrono>
#include <iostream>

namespace hotspot::cli {

namespace {

class ReportCommand : public Command {
public:
    const char* name() const override { return "report"; }
    const char* synopsis() const override { return "the tasking pack: one self-contained HTML file (and an A4 PDF) from our GeoPackages"; }
    const char* usage() const override {
        return "hotspot report RUN.gpkg SITES.gpkg [STATS.gpkg EMERGING.gpkg TABLE.gpkg PRIORITY.gpkg TREND.gpkg] -o pack.html\n"
               "       [--pdf pack.pdf] [--previous OLD_SITES.gpkg] [--months 3] [--title \"...\"] [--classification \"OFFICIAL-SENSITIVE\"]\n"
               "       [--audience public [--min-count 10]]\n\n"
               "Builds the pack a tasking meeting reads from the GeoPackages of hotspot run (or join) and hotspot sites, and\n"
               "optionally stats (Gi* bin at each site), emerging (pattern at each site), table (partnership performance table),\n"
               "priority (priority neighbourhoods) and trend (seasonality); each is recognised by its layers and run report.\n"
               "Contents: bottom line, ranked sites, overview map and one map per site (SVG from our geometries, no basemap),\n"
               "time profile, the last period's sites (--previous), the tables, method, caveats and provenance. The pack period\n"
               "is the last --months months of the run's data, compared with as many months before. The HTML holds all its data,\n"
               "styles and maps, runs no script and opens offline; --pdf prints it to A4 with headless Chromium.\n"
               "--audience public: the public version: counts 1..min-count-1 and the counts that would reveal them are shown as [c],\n"
               "no incident locations are drawn, other GeoPackages' tables appear only when they pass check-disclosure, and a\n"
               "disclosure section says what was withheld (default marking OFFICIAL); check it with hotspot check-disclosure.\n";
    }
    po::options_description options() override {
        po::options_description d("Report");
        d.add_options()
            ("input", po::value<std::vector<std::string>>(&inputs_)->composing(), "input GeoPackage (also given as plain arguments)")
            ("output,o", po::value<std::string>(&output_), "the pack, one HTML file")
            ("pdf", po::value<std::string>(&pdf_), "also print the pack to this A4 PDF (headless Chromium)")
            ("previous", po::value<std::string>(&options_.previous), "the last period's sites GeoPackage: what happened to its sites")
            ("months", number("3"), "length of the pack period in months (the latest of the data), 1 to 24")
            ("title", po::value<std::string>(&options_.title)->default_value("Tasking pack"), "title on the first page and the running header")
            ("classification", po::value<std::string>(&options_.classification)->default_value("OFFICIAL-SENSITIVE"),
             "protective marking on every page")
            ("audience", po::value<std::string>(&audience_), "analyst (default) or public: the public version withholds small counts ([c]) and draws no incidents")
            ("min-count", number("10"), "with --audience public: the smallest count the pack may show");
        po::options_description all;
        all.add(general_options(quiet_)).add(d);
        return all;
    }
    po::positional_options_description positional() override {
        po::positional_options_description p;
        p.add("input", -1);
        return p;
    }
    void setup(const po::variables_map& vm) override {
        overwrite_ = vm.count("overwrite") > 0;
        if (inputs_.empty()) throw ConfigError("report needs the GeoPackages of a run and of sites: hotspot report RUN.gpkg SITES.gpkg -o pack.html");
        if (output_.empty()) throw ConfigError("report needs an output: -o pack.html");
        if (options_.title.empty()) throw ConfigError("--title is empty: the pack's first page and running header need one");
        if (lowercase(output_).ends_with(".pdf"))
            throw ConfigError("-o " + quote_value(output_) + " is the HTML pack; the PDF is written with --pdf: -o pack.html --pdf " + output_);
        if (!pdf_.empty() && !lowercase(pdf_).ends_with(".pdf")) throw ConfigError("--pdf " + quote_value(pdf_) + " must end in .pdf");
        const std::string months = vm["months"].as<std::string>();
        const auto m = parse_integer(months);
        if (!m || *m < 1 || *m > 24) throw ConfigError("--months " + quote_value(months) + " is not a whole number of months from 1 to 24");
        options_.period_months = static_cast<int>(*m);
        options_.rule = audience_rule(vm, audience_);
        if (audience_ == "public") {
            options_.audience = report::Audience::public_;
            if (vm["classification"].defaulted()) options_.classification = "OFFICIAL";
        } else if (!vm["min-count"].defaulted()) {
            throw ConfigError("--min-count applies to the public version: add --audience public");
        }
        options_.inputs = inputs_;
        if (!pdf_.empty()) report::require_chromium();  // refused before any work
    }
    int run() override {
        const auto start = std::chrono::steady_clock::now();
        std::vector<std::string> read = inputs_;
        if (!options_.previous.empty()) read.push_back(options_.previous);
        OutputSet outputs(overwrite_, read);  // every target checked before the work
        outputs.claim(output_, OutputKind::report);
        if (!pdf_.empty()) outputs.claim(pdf_, OutputKind::report);
        const report::TaskingPack pack = report::build_tasking_pack(options_);
        write_text_file(outputs.temporary(output_), pack.html, output_);
        if (!pdf_.empty()) report::print_pdf(outputs.temporary(output_), outputs.temporary(pdf_));
        outputs.publish();
        if (!quiet_) {
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::cout << "tasking pack: " << pack.inputs.sites.sites.size() << " sites, pack period " << report::pack_period_label(pack.figures.window)
                      << " vs " << report::previous_period_label(pack.figures.window) << "\noutput: " << output_ << "\n";
            if (!pdf_.empty()) std::cout << "pdf:    " << pdf_ << "\n";
            if (pack.protection.active) {
                const DisclosureSummary& d = pack.protection.summary;
                std::cout << "public version: " << d.primary + d.secondary << " of " << d.cells << " counts withheld as [c] (" << d.primary << " below "
                          << options_.rule.min_count << ", " << d.secondary << " that would reveal one)" << (d.unprotected ? "; SOME STILL NARROWER THAN THE RULE" : "")
                          << "; no incident locations drawn\n";
            }
            std::cout << "built in " << format_fixed(s, 2) << " s\n";
        }
        return 0;
    }

private:
    bool quiet_ = false, overwrite_ = false;
    std::vector<std::string> inputs_;
    std::string output_, pdf_, audience_ = "analyst";
    report::PackOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_report_command() { return std::make_unique<ReportCommand>(); }

}  // namespace hotspot::cli
