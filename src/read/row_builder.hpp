#pragma once
// Shared by the readers: appends accepted rows and rejects to a ReadResult for one file.
#include "hotspot/base/incidents.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"

#include <string>
#include <string_view>

namespace hotspot::detail {

class RowBuilder {
public:
    RowBuilder(ReadResult& out, SourceFile file) : out_(out) {
        out_.incidents.files.push_back(std::move(file));
    }
    SourceFile& file() { return out_.incidents.files.back(); }

    void accept(double x, double y, MonthIndex month, std::string_view category, double weight,
                std::uint64_t line, std::string_view location, std::string_view lsoa, std::string_view id) {
        auto& t = out_.incidents;
        t.x.push_back(x);
        t.y.push_back(y);
        t.month.push_back(month);
        t.category.push_back(t.categories.intern(category));
        t.weight.push_back(weight);
        t.file.push_back(0);  // files are renumbered when results are appended
        t.line.push_back(static_cast<std::uint32_t>(line));
        t.location.push_back(t.locations.intern(location));
        t.lsoa.push_back(t.lsoa_codes.intern(lsoa));
        t.crime_id.push_back(id);
    }

    void reject(std::uint64_t line, std::string reason, std::string detail, std::string_view raw) {
        out_.rejects.push_back(Reject{0, line, std::move(reason), std::move(detail), std::string(raw)});
    }

private:
    ReadResult& out_;
};

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

// Builds "Longitude 'x' is not a number" style details.
inline std::string field_problem(std::string_view field, std::string_view value, std::string_view problem) {
    return std::string(field) + " " + quote_value(value) + " " + std::string(problem);
}

}  // namespace hotspot::detail
