#pragma once
// IncidentTable: incidents as columns, not objects. Every row keeps the file and line it
// came from, so any output can be traced back to its input row.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hotspot {

// Interns repeated strings (categories, locations, LSOA codes) as small integers.
// An open-addressing table of (hash tag, index) slots, with every value's hash kept: three
// lookups a row while reading, and merging the files' dictionaries (8 million values at 10
// million rows) hashes nothing again. It was a std::unordered_map: a node and two cache misses
// a lookup.
class Dictionary {
public:
    std::uint32_t intern(std::string_view value);
    // Interns every value of `other`; returns the index here of each of its indices.
    std::vector<std::uint32_t> merge(const Dictionary& other);
    const std::string& at(std::uint32_t index) const { return values_.at(index); }
    std::size_t size() const { return values_.size(); }
    const std::vector<std::string>& values() const { return values_; }

private:
    struct Slot {
        std::uint32_t tag = 0;         // the hash's upper half: most misses end here
        std::uint32_t index_plus_1 = 0;  // 0: empty
    };
    std::uint32_t intern_hashed(std::string_view value, std::uint64_t hash);
    void grow();
    std::vector<std::string> values_;
    std::vector<std::uint64_t> hashes_;  // of values_
    std::vector<Slot> slots_;            // a power of two, at most half full
};

// Crime IDs stored compactly: police.uk's 64-hex IDs as 32 bytes, anything else as text.
class CrimeIdColumn {
public:
    void push_back(std::string_view id);
    std::string at(std::size_t row) const;
    // The stored bytes; equal keys <=> equal IDs (used for duplicate detection).
    std::string_view key(std::size_t row) const;
    bool empty_at(std::size_t row) const { return offsets_[row + 1] == offsets_[row]; }
    std::size_t size() const { return offsets_.size() - 1; }
    std::size_t byte_size() const { return bytes_.size(); }
    void append(const CrimeIdColumn& other);
    void keep_rows(const std::vector<std::uint8_t>& keep);
    void reserve(std::size_t rows, std::size_t bytes);

private:
    std::string bytes_;
    std::vector<std::uint64_t> offsets_{0};
};

// A cheap identity of a file's decompressed content: its CRC-32 (as a gzip trailer holds it) and
// length. Two files that agree on it are compared by SHA-256 before being called the same.
struct ContentFingerprint {
    std::uint32_t crc32 = 0;
    std::uint64_t bytes = 0;
};

// One input file, as the run report lists it.
struct SourceFile {
    std::string path;
    std::string source;  // the user's name for the input (e.g. "police", "flytipping")
    std::string format;  // "police.uk", "csv", "ogr"
    std::string crs;     // CRS of its coordinates as given, e.g. "EPSG:4326"
    std::string sha256;
    std::uint64_t bytes = 0;
    std::uint64_t rows_read = 0;
    std::uint64_t blank_lines = 0;
    // CSV only: physical lines, those inside multi-line records, the separator (to re-read
    // rows as they were read), and the fingerprint of the decompressed content.
    std::uint64_t lines = 0;
    std::uint64_t continuation_lines = 0;
    char separator = ',';
    std::optional<ContentFingerprint> content;
    // OGR only: the layer's extent as GDAL reports it (in the layer's CRS). QGIS's heatmap takes
    // its grid from this, and a GeoPackage's comes back rounded to 15 significant digits.
    struct Extent {
        double min_x, min_y, max_x, max_y;
    };
    std::optional<Extent> layer_extent;
    // The file's column (or OGR field) names, as its header gives them: `where` filters name them.
    std::vector<std::string> columns;
};

// A row that was read but not accepted, kept whole so it can be fixed and re-run.
struct Reject {
    std::uint32_t file = 0;
    std::uint64_t line = 0;
    std::string reason;  // a short, stable code, e.g. "no_location"
    std::string detail;  // which field, which value, why
    std::string raw;
    double x = 0, y = 0;  // the projected point, for rejects found after projection
};

// Months are counted from year 0: index = year * 12 + (month - 1).
using MonthIndex = std::int32_t;
// Days are counted from 1970-01-01; unknown_day where the input gives the month only.
using DayIndex = std::int32_t;
inline constexpr DayIndex unknown_day = INT32_MIN;

// A column of the input kept for `where` filters (base/row_filter): its values interned per row.
// A row whose file has no such column holds absent_value.
struct KeptColumn {
    static constexpr std::uint32_t absent_value = UINT32_MAX;
    std::string name;
    Dictionary values;
    std::vector<std::uint32_t> value;  // per row: index into values, or absent_value
};

struct IncidentTable {
    std::vector<double> x, y;  // source coordinates until projected, then metres
    std::vector<MonthIndex> month;
    std::vector<DayIndex> day;  // one per row, or empty in tables built without days
    std::vector<std::uint32_t> category;  // index into categories
    std::vector<double> weight;
    std::vector<std::uint32_t> file;  // index into files
    std::vector<std::uint32_t> line;  // 1-based line number where the record starts
    std::vector<std::uint32_t> location;  // index into locations (police.uk "Location")
    std::vector<std::uint32_t> lsoa;  // index into lsoa_codes (as given in the input)
    CrimeIdColumn crime_id;

    Dictionary categories, locations, lsoa_codes;
    std::vector<SourceFile> files;
    std::vector<KeptColumn> kept;  // only the columns some `where` names

    const KeptColumn* kept_column(const std::string& name) const;

    std::size_t size() const { return x.size(); }
    // Appends another table (its dictionaries and file indices are remapped).
    void append(const IncidentTable& other);
    // Keeps rows where keep[i] != 0, in order; the columns are done on up to `threads` threads.
    void keep_rows(const std::vector<std::uint8_t>& keep, unsigned threads = 1);
    void reserve(std::size_t rows);
};

// What reading produced: the rows, the rejects, and notes on the inputs.
// A file that a folder or pattern matched but that was not read (e.g. a police.uk outcomes
// file beside the street files), kept so the run report can list it.
struct SkippedFile {
    std::string path;
    std::string source;  // the input it belongs to
    std::string reason;
};

struct ReadResult {
    IncidentTable incidents;
    std::vector<Reject> rejects;
    std::vector<SkippedFile> skipped;
    void append(ReadResult&& other);
};

}  // namespace hotspot
