// hotspot check-disclosure: verifies an output against the disclosure rule; exit 1 on a breach.
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/report/disclosure_check.hpp"

#include <iostream>

namespace hotspot::cli {

namespace {

class CheckDisclosureCommand : public Command {
public:
    const char* name() const override { return "check-disclosure"; }
    const char* synopsis() const override { return "verify that an output is safe to publish (exit 1 on a breach)"; }
    const char* usage() const override {
        return "hotspot check-disclosure OUTPUT [--min-count 10]\n\n"
               "Reads a GeoPackage (every layer and table), CSV, MBTiles, GeoTIFF, PMTiles, a dashboard folder or a\n"
               "tasking pack (HTML) and\n"
               "lists every breach of the disclosure rule with layer, feature, field and value: a point layer, a\n"
               "record-level field (crime id, coordinates), a count (count, n_*, *_count, count_*, *incidents*) of\n"
               "1..min-count-1, a suppressed cell recoverable from its published row total (LP audit), a GeoPackage\n"
               "without its disclosure table, a density surface without masking metadata.\n"
               "PMTiles: every tile is decoded and each feature checked once (named by its area_id: tiles carry no\n"
               "fid). A dashboard folder (hotspot dashboard -o DIR): data.json, where every area's counts, months and\n"
               "top categories are checked and a missing suppressed_below is a breach, and tiles.pmtiles.\n"               "A tasking pack: it must be the public version; every count it shows is read from its markup and no\n"
               "incident may be drawn (the totals linking its counts were audited when it was written).\n"
               "Exit 0: no breach; 1: breach; 3: the output cannot be read, so nothing was verified.\n";
    }
    po::options_description options() override {
        po::options_description o("Check disclosure");
        o.add_options()("help,h", "show this help")("quiet,q", po::bool_switch(&quiet_), "print breaches only")(
            "output", po::value<std::string>(&path_), "the output to check")("min-count", number("10"),
                                                                             "smallest count a public output may show");
        return o;
    }
    po::positional_options_description positional() override {
        po::positional_options_description p;
        p.add("output", 1);
        return p;
    }
    void setup(const po::variables_map& vm) override {
        if (path_.empty()) throw ConfigError("check-disclosure needs an output to check");
        rule_.min_count = static_cast<int>(count_option(vm, "min-count", CountRange{2, 1000}));
    }
    int run() override {
        const DisclosureCheck check = check_disclosure(path_, rule_);
        if (!quiet_)
            for (const auto& n : check.notes) std::cout << "note: " << n << "\n";
        for (const auto& b : check.breaches)  // also those found in the readable part of an output not wholly checked
            std::cout << "BREACH " << b.layer << (b.feature >= 0 ? " fid " + std::to_string(b.feature) : std::string())
                      << (b.where.empty() ? "" : " " + b.where) << (b.field.empty() ? "" : " " + b.field)
                      << (b.value.empty() ? "" : " = " + b.value) << ": " << b.reason << "\n";
        if (!check.checked) throw InputError(path_ + ": not checked (" + std::to_string(check.breaches.size()) + " breaches in the part that was read)");
        if (!quiet_)
            std::cout << path_ << ": " << check.breaches.size() << " breach" << (check.breaches.size() == 1 ? "" : "es") << " of the rule (counts below "
                      << rule_.min_count << "), " << check.features << " features read\n";
        return check.breaches.empty() ? 0 : 1;
    }

private:
    std::string path_;
    bool quiet_ = false;
    DisclosureRule rule_;
};

}  // namespace

std::unique_ptr<Command> make_check_disclosure_command() { return std::make_unique<CheckDisclosureCommand>(); }

}  // namespace hotspot::cli
