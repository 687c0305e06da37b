// Any CSV with a column mapping: x/y in a stated CRS, a date or month, an optional
// category, weight, id and location.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/read/csv.hpp"
#include "hotspot/read/inputs.hpp"
#include "read/row_builder.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

namespace hotspot {

namespace {

struct MappedColumns {
    std::size_t x, y, date;
    std::optional<std::size_t> category, weight, id, location;
    std::size_t count;
    std::vector<std::string> names;
};

std::size_t find_column(const CsvRecord& header, const std::vector<std::string>& names, const std::string& name,
                        const std::string& role, const std::string& path) {
    const auto at = std::find(names.begin(), names.end(), name);
    if (at != names.end()) return static_cast<std::size_t>(at - names.begin());
    throw ConfigError(path + " line " + std::to_string(header.line) + ": the " + role + " column " + quote_value(name) +
                      " is not in the header " + quote_value(header.raw));
}

std::optional<std::size_t> find_optional(const CsvRecord& header, const std::vector<std::string>& names, const std::string& name,
                                         const std::string& role, const std::string& path) {
    if (name.empty()) return std::nullopt;
    return find_column(header, names, name, role, path);
}

MappedColumns map_columns(const CsvRecord& header, const ColumnMapping& m, const std::string& path) {
    if (m.x.empty() || m.y.empty() || m.date.empty())
        throw ConfigError("a CSV input needs the x, y and date columns named (reading " + quote_value(path) + ")");
    if (m.category.empty() && m.fixed_category.empty())
        throw ConfigError("a CSV input needs a category column or a fixed category (reading " + quote_value(path) + ")");
    const std::vector<std::string> names = detail::header_names(header, path);
    return {find_column(header, names, m.x, "x", path),
            find_column(header, names, m.y, "y", path),
            find_column(header, names, m.date, "date", path),
            find_optional(header, names, m.category, "category", path),
            find_optional(header, names, m.weight, "weight", path),
            find_optional(header, names, m.id, "id", path),
            find_optional(header, names, m.location, "location", path),
            names.size(), names};
}

}  // namespace

ReadResult read_csv_file(const std::string& path, const InputSpec& spec) {
    if (spec.s_srs.empty())
        throw ConfigError("input " + quote_value(spec.name) + ": a CSV input needs its CRS (s_srs), e.g. EPSG:27700");
    ReadResult out;
    SourceFile info = detail::source_file(path, spec.name, "csv", spec.s_srs);
    info.separator = spec.columns.separator;
    detail::RowBuilder rows(out, std::move(info));
    CsvReader reader(path, spec.columns.separator);
    CsvRecord record;
    if (!reader.next(record)) throw InputError(path + ": the file is empty (no header line)");
    const MappedColumns col = map_columns(record, spec.columns, path);
    const ColumnMapping& m = spec.columns;
    rows.columns(col.names, spec.kept_columns);

    std::uint64_t rows_read = 0;
    std::string why;
    const bool fixed_category_is_text = find_invalid_text(m.fixed_category) == std::string_view::npos;
    while (reader.next(record)) {
        ++rows_read;
        const auto& f = record.fields;
        if (detail::reject_misshapen(rows, record, col.count)) continue;
        if (trim(f[col.x]).empty() || trim(f[col.y]).empty()) {
            rows.reject(record.line, "no_location", m.x + " or " + m.y + " is empty", record.raw);
            continue;
        }
        const auto x = parse_finite_double(f[col.x]);
        const auto y = parse_finite_double(f[col.y]);
        if (!x || !y) {
            const std::string_view bad = !x ? f[col.x] : f[col.y];
            rows.reject(record.line, "bad_coordinate", detail::field_problem(!x ? m.x : m.y, bad, detail::number_problem(bad)),
                        record.raw);
            continue;
        }
        const auto date = parse_date_day(f[col.date], m.date_format, &why);
        const auto month = date ? std::optional<MonthIndex>(date->month) : std::nullopt;
        if (!month) {
            rows.reject(record.line, "bad_date", detail::field_problem(m.date, f[col.date], "is not a valid date: " + why),
                        record.raw);
            continue;
        }
        if (detail::reject_month_out_of_range(rows, record.line, record.raw, m.date, f[col.date], *month, spec.months)) continue;
        std::string_view category = m.fixed_category;
        if (col.category) {
            category = trim(f[*col.category]);
            if (category.empty()) {
                rows.reject(record.line, "no_category", m.category + " is empty", record.raw);
                continue;
            }
        }
        double weight = spec.weight;
        if (col.weight) {
            const auto w = parse_finite_double(f[*col.weight]);
            if (!w || *w < 0.0) {
                rows.reject(record.line, "bad_weight",
                            detail::field_problem(m.weight, f[*col.weight], w ? "is negative" : detail::number_problem(f[*col.weight])),
                            record.raw);
                continue;
            }
            weight *= *w;
        }
        const std::string_view location = col.location ? f[*col.location] : std::string_view();
        const std::string_view id = col.id ? trim(f[*col.id]) : std::string_view();
        const std::vector<std::string_view> kept = rows.kept_values(f);
        // A printable ASCII row holds no invalid text, but a fixed category is not in the row.
        if ((!record.printable_ascii || !fixed_category_is_text) && detail::reject_invalid_text(rows, record.line, record.raw, {category, location, id},
                                        {col.category ? m.category : "category", m.location, m.id}))
            continue;
        rows.accept(*x, *y, *month, category, weight, record.line, location, std::string_view(), id, date->day, kept);
    }
    detail::record_line_accounting(rows.file(), reader, rows_read);
    return out;
}

}  // namespace hotspot
