#pragma once
// Shared by the readers: appends accepted rows and rejects to a ReadResult for one file.
#include "hotspot/incidents.hpp"
#include "hotspot/text.hpp"

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

// Builds "Longitude 'x' is not a number" style details.
inline std::string field_problem(std::string_view field, std::string_view value, std::string_view problem) {
    return std::string(field) + " " + quote_value(value) + " " + std::string(problem);
}

}  // namespace hotspot::detail
