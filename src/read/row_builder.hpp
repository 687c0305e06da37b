#pragma once
// Shared by the readers: appends accepted rows and rejects to a ReadResult for one file.
#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/incidents.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace hotspot::detail {

// A file's entry before reading: what it is; the counts are filled in as it is read.
inline SourceFile source_file(const std::string& path, const std::string& source, const std::string& format, const std::string& crs) {
    SourceFile f;
    f.path = without_password(path);  // a PG: connection string is recorded without its password
    if (is_connection_string(path)) {  // a database table: no file, no size
        f.source = source;
        f.format = format;
        f.crs = crs;
        return f;
    }
    f.source = source;
    f.format = format;
    f.crs = crs;
    f.bytes = std::filesystem::file_size(path);
    return f;
}

class RowBuilder {
public:
    RowBuilder(ReadResult& out, SourceFile file) : out_(out) {
        out_.incidents.files.push_back(std::move(file));
    }
    SourceFile& file() { return out_.incidents.files.back(); }

    // The file's column names (recorded for `where` messages) and the columns `where` filters
    // need: each one's field index in this file, or none when the file lacks it (its rows then
    // hold KeptColumn::absent_value).
    void columns(std::vector<std::string> names, const std::vector<std::string>& wanted) {
        kept_field_.clear();
        for (const auto& w : wanted) {
            const auto at = std::find(names.begin(), names.end(), w);
            kept_field_.push_back(at == names.end() ? std::nullopt : std::optional<std::size_t>(at - names.begin()));
            out_.incidents.kept.push_back(KeptColumn{w, {}, {}});
        }
        file().columns = std::move(names);
    }
    const std::vector<std::optional<std::size_t>>& kept_fields() const { return kept_field_; }
    // The kept columns' values of a CSV record, trimmed, in order ("" where the file lacks one).
    std::vector<std::string_view> kept_values(const std::vector<std::string_view>& fields) const {
        std::vector<std::string_view> v;
        for (const auto& f : kept_field_) v.push_back(f ? trim(fields[*f]) : std::string_view());
        return v;
    }

    void accept(double x, double y, MonthIndex month, std::string_view category, double weight,
                std::uint64_t line, std::string_view location, std::string_view lsoa, std::string_view id,
                DayIndex day = unknown_day, const std::vector<std::string_view>& kept = {}) {
        auto& t = out_.incidents;
        // A kept value that is not text is stored escaped (\xNN), not rejected: naming a column in
        // a filter must not change which rows are accepted.
        for (std::size_t k = 0; k < kept_field_.size(); ++k)
            t.kept[k].value.push_back(!kept_field_[k] ? KeptColumn::absent_value
                                      : find_invalid_text(kept[k]) == std::string_view::npos ? t.kept[k].values.intern(kept[k])
                                                                                              : t.kept[k].values.intern(escape_invalid_text(kept[k])));
        t.x.push_back(x);
        t.y.push_back(y);
        t.month.push_back(month);
        t.day.push_back(day);
        t.category.push_back(t.categories.intern(category));
        t.weight.push_back(weight);
        t.file.push_back(0);  // files are renumbered when results are appended
        t.line.push_back(static_cast<std::uint32_t>(line));
        t.location.push_back(t.locations.intern(location));
        t.lsoa.push_back(t.lsoa_codes.intern(lsoa));
        t.crime_id.push_back(id);
    }

    // The raw text is stored escaped (escape_invalid_text), so a reject can always be written.
    void reject(std::uint64_t line, std::string reason, std::string detail, std::string_view raw) {
        out_.rejects.push_back(Reject{0, line, std::move(reason), std::move(detail), escape_invalid_text(raw)});
    }

private:
    ReadResult& out_;
    std::vector<std::optional<std::size_t>> kept_field_;
};

// The header's column names, trimmed. A header that is not text (a binary file, a file in
// another encoding) or that names a column twice is refused: which of two columns of the same
// name holds the data cannot be known.
inline std::vector<std::string> header_names(const CsvRecord& header, const std::string& path) {
    const std::string where = path + " line " + std::to_string(header.line) + ": ";
    if (const std::size_t bad = find_invalid_text(header.raw); bad != std::string_view::npos)
        throw InputError(where + "the header is not UTF-8 text (byte " + std::to_string(bad + 1) + " is not a text character): " +
                         "not a CSV file, or saved in another encoding? " + quote_value(header.raw));
    std::vector<std::string> names;
    for (const auto& f : header.fields) names.emplace_back(trim(f));
    for (std::size_t a = 0; a < names.size(); ++a)
        for (std::size_t b = a + 1; b < names.size(); ++b)
            if (!names[a].empty() && names[a] == names[b])
                throw InputError(where + "the header names column " + quote_value(names[a]) + " twice (fields " + std::to_string(a + 1) +
                                 " and " + std::to_string(b + 1) + "); which one holds the data is ambiguous");
    return names;
}

// Copies the reader's line accounting into the file's entry (the reader has checked lines =
// records + blank + continuation lines; here records = header + rows read is checked).
inline void record_line_accounting(SourceFile& file, const CsvReader& reader, std::uint64_t rows_read) {
    if (reader.records() != rows_read + 1)
        throw Error("internal error: " + file.path + ": " + std::to_string(reader.records()) + " records but " +
                    std::to_string(rows_read) + " rows read after the header");
    file.rows_read = rows_read;
    file.blank_lines = reader.blank_lines();
    file.lines = reader.physical_lines();
    file.continuation_lines = reader.continuation_lines();
    file.content = reader.content_fingerprint();
}

// Rejects a record whose quoting is broken or whose field count differs from the header's;
// true when it did (the caller moves on to the next record).
inline bool reject_misshapen(RowBuilder& rows, const CsvRecord& record, std::size_t header_fields) {
    if (!record.malformed.empty()) {
        rows.reject(record.line, "malformed_csv", record.malformed, record.raw);
        return true;
    }
    if (record.fields.size() != header_fields) {
        rows.reject(record.line, "wrong_column_count",
                    std::to_string(record.fields.size()) + " fields where the header has " + std::to_string(header_fields), record.raw);
        return true;
    }
    return false;
}

// Rejects a row whose stored text (category, location, id...) holds a NUL, a control
// character or invalid UTF-8, which no GeoPackage or style can hold; true when it did.
// values[k] is the text of the column named names[k].
// (Initializer lists, not vectors: this runs for every row, and two vectors a row were two
// heap allocations a row.)
inline bool reject_invalid_text(RowBuilder& rows, std::uint64_t line, std::string_view raw,
                                std::initializer_list<std::string_view> value_list, std::initializer_list<std::string_view> name_list) {
    const std::string_view* values = value_list.begin();
    const std::string_view* names = name_list.begin();
    for (std::size_t k = 0; k < value_list.size(); ++k) {
        const std::size_t bad = find_invalid_text(values[k]);
        if (bad == std::string_view::npos) continue;
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(values[k][bad]));
        rows.reject(line, "invalid_text",
                    std::string(names[k]) + " " + quote_value(values[k]) + " holds byte " + hex + " at position " + std::to_string(bad + 1) +
                        ", which is not UTF-8 text (shown as \\x" + std::string(hex + 2) + ")",
                    raw);
        return true;
    }
    return false;
}

// Rejects a row dated outside the run's months; true when it did.
inline bool reject_month_out_of_range(RowBuilder& rows, std::uint64_t line, std::string_view raw, std::string_view field,
                                      std::string_view text, MonthIndex month, const MonthRange& range) {
    if (range.contains(month)) return false;
    rows.reject(line, "month_out_of_range",
                std::string(field) + " " + quote_value(text) + " is outside the months accepted, " + range.label() +
                    " (analysis.min_month, analysis.max_month)",
                raw);
    return true;
}

// Why a field is not a usable number: parse_finite_double refuses all of these alike.
inline std::string_view number_problem(std::string_view text) {
    std::string_view t = trim(text);
    if (!t.empty() && (t.front() == '+' || t.front() == '-')) t.remove_prefix(1);
    const std::string lower = lowercase(t);
    if (lower == "nan" || lower == "inf" || lower == "infinity") return "is not a finite number";
    double v = 0.0;
    if (std::from_chars(t.data(), t.data() + t.size(), v).ec == std::errc::result_out_of_range) return "is out of range";
    if (t.find(',') != std::string_view::npos) {
        std::string dotted(t);
        std::replace(dotted.begin(), dotted.end(), ',', '.');
        if (parse_finite_double(dotted)) return "has a decimal comma (a decimal point is needed)";
    }
    return "is not a number";
}

// Builds "Longitude 'x' is not a number" style details.
inline std::string field_problem(std::string_view field, std::string_view value, std::string_view problem) {
    return std::string(field) + " " + quote_value(value) + " " + std::string(problem);
}

}  // namespace hotspot::detail
