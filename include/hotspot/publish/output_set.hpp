#pragma once
// The outputs of one run as a set. Every target is checked before any computation starts:
// an output never replaces a folder (except a tile folder hotspot wrote, with --overwrite),
// an input of the run, a device or anything not of its own kind, another output of the same
// run, or an existing file without --overwrite. Writers write to hidden temporaries beside
// the targets; publish() moves them all into place at the end, so a run's outputs are either
// all new or all the old ones. Temporaries are removed on every exit the process controls
// (exceptions, SIGINT/SIGTERM/SIGHUP), and the leftovers of killed runs by the next run that
// writes the same target.
#include "hotspot/workflow/config.hpp"

#include <string>
#include <vector>

namespace hotspot {

enum class OutputKind {
    geopackage, mbtiles, geotiff, qml, csv, tile_folder, table_csv, priority_csv, evaluation, trend, intervention,
    pmtiles,    // one PMTiles v3 archive
    map_style,  // a MapLibre style.json
    report,     // the tasking pack's HTML and PDF
    qgis_project,  // a QGIS project (.qgz) beside a GeoPackage
};  // csv: the sites table; evaluation, trend: their CSVs and charts; intervention: its CSV and report

// What makes an HTML or PDF file a tasking pack hotspot wrote (so --overwrite replaces only
// those): the HTML's second line is the comment, and the PDF (Chromium's tagged print) carries
// the overview map's title, which starts with the marker, as alternative text.
inline constexpr std::string_view tasking_pack_marker = "hotspot tasking pack";
inline constexpr std::string_view tasking_pack_html_start = "<!DOCTYPE html>\n<!-- hotspot tasking pack -->";

class OutputSet {
public:
    // overwrite: existing outputs of the same kind may be replaced. inputs: every file the
    // run reads (an output may never be one of them).
    OutputSet(bool overwrite, const std::vector<std::string>& inputs);
    ~OutputSet();  // removes the temporaries of a set that was not published
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    // Checks `target` (throws OutputError naming it and the remedy), creates its folder,
    // checks a file can be created there and removes leftovers of dead runs beside it.
    void claim(const std::string& target, OutputKind kind);
    // Gives up a claimed target the run turned out not to write (a table with nothing to list):
    // its temporary is removed and publish() leaves the target as it is.
    void release(const std::string& target);
    // Whether `target` was claimed (and not released).
    bool claimed(const std::string& target) const;
    // The hidden temporary a claimed target is written to.
    const std::string& temporary(const std::string& target) const;
    // Moves every temporary into place, all or (on failure) none; fsyncs files first.
    void publish();

    // Identifies this run in what it writes, e.g. "20260401T101500Z-12345".
    const std::string& run_id() const { return run_id_; }
    // Leftovers of killed runs that claim() removed (for a warning).
    const std::vector<std::string>& removed_leftovers() const { return removed_; }

    struct Entry {
        std::string target, key, tmp, backup;
        OutputKind kind;
    };
    // Removes temporaries and restores backups; the caller holds the registry lock.
    void discard_locked() noexcept;

private:
    bool overwrite_;
    std::vector<std::string> inputs_;
    std::vector<Entry> entries_;
    std::vector<std::string> removed_;
    std::string run_id_;
    bool published_ = false;
};

// Every file a configured analysis reads: its input files (folders and globs expanded),
// area layers and the configuration file.
std::vector<std::string> input_files(const AnalysisConfig& config);

// Writes `text` to `path`, checking every write, the fsync and the close (a full disk is
// an OutputError naming `target`, or `path` when none is given, never a short file).
void write_text_file(const std::string& path, const std::string& text, const std::string& target = "");

// ".<stem>.tmp-<pid><ext>" beside the target (extension kept: GDAL's drivers check it).
std::string temporary_name(const std::string& target);

// The file that marks a tile folder as written by hotspot, so --overwrite may replace it.
inline constexpr const char* tile_folder_marker = ".hotspot-tiles";

// Blocks SIGINT, SIGTERM and SIGHUP in every thread and waits for them on a thread of its
// own, which removes the temporaries of every open OutputSet and re-raises the signal.
// Call at the start of main, before any thread is started.
void remove_temporaries_on_signals();

}  // namespace hotspot
