#pragma once
// What to read: police.uk street-level CSVs, other CSVs with a column mapping, or any
// OGR point layer. Reading accounts for every row: accepted rows go to the
// IncidentTable, the others to rejects with file, line, reason and raw text.
#include "hotspot/base/incidents.hpp"
#include "hotspot/base/periods.hpp"

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

namespace hotspot {

enum class InputFormat { police_uk, csv, ogr };

// police.uk publishes longitude and latitude on WGS 84.
inline constexpr const char* police_uk_crs = "EPSG:4326";

std::string to_string(InputFormat f);
InputFormat parse_input_format(const std::string& text);

// Which columns (or OGR fields) hold what, for inputs that are not police.uk files.
struct ColumnMapping {
    std::string x;                   // easting or longitude column (csv only)
    std::string y;                   // northing or latitude column (csv only)
    std::string date;                // a date or month column
    std::string date_format = "auto";
    std::string category;            // a category column; empty: every row gets fixed_category
    std::string fixed_category;
    std::string weight;              // a weight column; empty: every row weighs 1
    std::string id;                  // optional record id (kept like police.uk Crime ID)
    std::string location;            // optional place description
    char separator = ',';
};

struct InputSpec {
    std::string name;                // the source's name in outputs, e.g. "police"
    InputFormat format = InputFormat::police_uk;
    std::vector<std::string> paths;  // files, folders or glob patterns
    std::string s_srs;               // CRS of the coordinates; police.uk: police_uk_crs when empty
    std::string layer;               // OGR layer (ogr only; default: the only layer)
    double weight = 1.0;             // multiplies every row's weight from this source
    ColumnMapping columns;
    MonthRange months = default_month_range();  // rows dated outside are rejected
    std::vector<std::string> kept_columns;       // columns (OGR fields) `where` filters name, kept per row
};

// Expands folders (their *.csv and *.csv.gz files) and glob patterns, sorted by name.
// Throws ConfigError when a pattern matches nothing. With `skipped`, police.uk outcomes and
// stop-and-search files (by their download names, "...-outcomes.csv") that a folder or
// pattern matched are left out and listed there; a file named itself is always kept.
std::vector<std::string> expand_input_paths(const std::vector<std::string>& patterns, InputFormat format,
                                            std::vector<SkippedFile>* skipped = nullptr);

ReadResult read_police_uk_file(const std::string& path, const InputSpec& spec);
ReadResult read_csv_file(const std::string& path, const InputSpec& spec);
ReadResult read_ogr_points(const std::string& path, const InputSpec& spec, unsigned threads = 1);

// Reads every file of every input, using up to `threads` threads; the result is in
// input order then file order whatever the thread count. The same data is never counted
// twice: a file given twice (by any path, pattern or folder) or two files with the same
// content (a gzip file's decompressed content counts) are a ConfigError naming both.
// When `cancel` becomes true (another step running beside the read has failed), reading stops
// after the files under way and throws ReadCancelled, which the caller replaces by its own error.
ReadResult read_inputs(const std::vector<InputSpec>& inputs, unsigned threads, const std::atomic<bool>* cancel = nullptr);

struct ReadCancelled : std::runtime_error {
    ReadCancelled() : std::runtime_error("reading was stopped: a step running beside it failed") {}
};

}  // namespace hotspot
